package dev.ocpsummary.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One command run as a separate process with its output in a log file, sampled by a {@link
 * ProcessTreeSampler} from start to exit, and killed (with its descendants) when it outlives its
 * time limit.
 */
final class ChildRun {

  /**
   * How a child process ended.
   *
   * @param exitCode the exit code, or -1 when it was killed at its time limit
   * @param wallSeconds from start to exit, as seen from outside (includes JVM and Spark start-up)
   * @param usage what the sampler saw
   * @param timedOut whether it was killed at its time limit
   * @param log its standard output and error
   */
  record Outcome(int exitCode, double wallSeconds, ProcessTreeSampler.Usage usage, boolean timedOut, Path log) {

    /** The CLI's one error line ({@code ocp-summary <command>: error: ...}), or the log's last line. */
    String failureLine() {
      if (timedOut) {
        return String.format("killed at the time limit after %.0f s", wallSeconds);
      }
      try (Stream<String> lines = Files.lines(log)) {
        List<String> all = lines.toList();
        Optional<String> error = all.stream().filter(l -> l.startsWith("ocp-summary ") && l.contains(": error: ")).reduce((a, b) -> b);
        Optional<String> oom = all.stream().filter(l -> l.contains("OutOfMemoryError")).findFirst();
        return error.or(() -> oom.map(String::strip))
            .or(() -> all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1)))
            .orElse("exit code " + exitCode + ", no output");
      } catch (IOException | UncheckedIOException e) {
        return "exit code " + exitCode + " (log unreadable: " + e.getMessage() + ")";
      }
    }
  }

  private ChildRun() {}

  /** Runs a command to its end or its time limit. */
  static Outcome run(List<String> command, Map<String, String> environment, Path directory, Path log, Duration limit)
      throws IOException, InterruptedException {
    Files.createDirectories(log.getParent());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().putAll(environment);
    long started = System.nanoTime();
    Process process = builder.start();
    ProcessTreeSampler sampler = ProcessTreeSampler.start(process.toHandle(), 100);
    boolean finished = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
    if (!finished) {
      kill(process.toHandle());
      process.waitFor(30, TimeUnit.SECONDS);
    }
    double wall = (System.nanoTime() - started) / 1e9;
    ProcessTreeSampler.Usage usage = sampler.finish();
    return new Outcome(finished ? process.exitValue() : -1, wall, usage, !finished, log);
  }

  private static void kill(ProcessHandle root) {
    try (Stream<ProcessHandle> descendants = root.descendants()) {
      descendants.forEach(ProcessHandle::destroyForcibly);
    }
    root.destroyForcibly();
  }
}
