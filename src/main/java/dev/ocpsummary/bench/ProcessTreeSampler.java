package dev.ocpsummary.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Samples a process and all its descendants from {@code /proc} at a fixed interval, from outside
 * the measured JVM: the summed resident set size of the tree and its CPU time (user + system).
 *
 * <p>The peak is the largest summed RSS seen in a sample, the average is weighted by the time between
 * samples, and the CPU time is the sum over every process seen of its last sampled time, so the CPU
 * of the last interval before a process exits is not counted (at most one interval's worth).
 */
final class ProcessTreeSampler implements AutoCloseable {

  /** One sample: milliseconds since the start, summed RSS and CPU seconds of the tree so far. */
  record Sample(long elapsedMillis, long rssBytes, double cpuSeconds) {}

  /** What the sampler saw of a process tree. */
  record Usage(double peakRssMib, double avgRssMib, double cpuSeconds, List<Sample> timeline) {

    static final Usage NONE = new Usage(0, 0, 0, List.of());

    /** The timeline as CSV: {@code elapsed_ms,rss_mib,cpu_s}. */
    String timelineCsv() {
      StringBuilder csv = new StringBuilder("elapsed_ms,rss_mib,cpu_s\n");
      for (Sample s : timeline) {
        csv.append(s.elapsedMillis()).append(',').append(String.format("%.1f", s.rssBytes() / MIB)).append(',')
            .append(String.format("%.2f", s.cpuSeconds())).append('\n');
      }
      return csv.toString();
    }
  }

  private static final double MIB = 1024.0 * 1024.0;
  /** Linux reports CPU times in clock ticks of USER_HZ, 100 on every mainstream kernel configuration. */
  private static final double TICKS_PER_SECOND = 100.0;

  private final ProcessHandle root;
  private final long startNanos = System.nanoTime();
  private final ScheduledExecutorService timer;
  private final List<Sample> samples = new ArrayList<>();
  private final Map<Long, Long> cpuTicksByPid = new HashMap<>();

  private ProcessTreeSampler(ProcessHandle root, long intervalMillis) {
    this.root = root;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "rss-sampler-" + root.pid());
              t.setDaemon(true);
              return t;
            });
    timer.scheduleAtFixedRate(this::sample, 0, intervalMillis, TimeUnit.MILLISECONDS);
  }

  /** Starts sampling a process tree every {@code intervalMillis}. */
  static ProcessTreeSampler start(ProcessHandle root, long intervalMillis) {
    return new ProcessTreeSampler(root, intervalMillis);
  }

  /** Whether this machine has {@code /proc} to sample. */
  static boolean supported() {
    return Files.isReadable(Path.of("/proc/self/status"));
  }

  private synchronized void sample() {
    long rss = 0;
    List<ProcessHandle> tree;
    try (Stream<ProcessHandle> descendants = root.descendants()) {
      tree = Stream.concat(Stream.of(root), descendants).toList();
    }
    for (ProcessHandle process : tree) {
      rss += residentBytes(process.pid());
      long ticks = cpuTicks(process.pid());
      if (ticks >= 0) {
        cpuTicksByPid.merge(process.pid(), ticks, Math::max);
      }
    }
    if (rss == 0 && !samples.isEmpty() && !root.isAlive()) {
      return;
    }
    long elapsed = (System.nanoTime() - startNanos) / 1_000_000;
    samples.add(new Sample(elapsed, rss, cpuSeconds()));
  }

  private double cpuSeconds() {
    return cpuTicksByPid.values().stream().mapToLong(Long::longValue).sum() / TICKS_PER_SECOND;
  }

  /** Stops sampling and summarises what was seen. */
  synchronized Usage finish() {
    timer.shutdownNow();
    if (samples.isEmpty()) {
      return Usage.NONE;
    }
    long peak = 0;
    double weighted = 0;
    long span = 0;
    for (int i = 0; i < samples.size(); i++) {
      Sample s = samples.get(i);
      peak = Math.max(peak, s.rssBytes());
      if (i > 0) {
        long dt = s.elapsedMillis() - samples.get(i - 1).elapsedMillis();
        weighted += samples.get(i - 1).rssBytes() * (double) dt;
        span += dt;
      }
    }
    double average = span == 0 ? peak : weighted / span;
    return new Usage(peak / MIB, average / MIB, cpuSeconds(), List.copyOf(samples));
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  /** {@code VmRSS} of a process, 0 when it is gone or has no memory (a zombie). */
  private static long residentBytes(long pid) {
    try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
      return lines
          .filter(l -> l.startsWith("VmRSS:"))
          .findFirst()
          .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024)
          .orElse(0L);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** utime + stime of a process in clock ticks, or -1 when it is gone. */
  private static long cpuTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // The command name (field 2) may hold spaces; the fields after its closing parenthesis are plain.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
