package dev.ocpsummary.exec;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The driver JVM's memory during a run, from its memory pools: peaks are reset when the run starts,
 * so they are the run's own (in local mode the executors share this JVM). The heap peak is the sum
 * of the heap pools' peaks, an upper bound of the true peak since pools peak at different moments;
 * the old generation's use right after its last collection approximates the live data.
 */
final class JvmMemory {

  private final long gcCountAtStart;
  private final long gcMillisAtStart;

  private JvmMemory(long gcCount, long gcMillis) {
    this.gcCountAtStart = gcCount;
    this.gcMillisAtStart = gcMillis;
  }

  /** Resets the heap pools' peaks and remembers the collectors' totals. */
  static JvmMemory start() {
    heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    return new JvmMemory(gcCount(), totalGcMillis());
  }

  long heapPeakBytes() {
    return heapPools().stream().map(MemoryPoolMXBean::getPeakUsage).mapToLong(MemoryUsage::getUsed).sum();
  }

  long gcMillis() {
    return totalGcMillis() - gcMillisAtStart;
  }

  Map<String, Object> asRecord() {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("heap_peak_bytes", heapPeakBytes());
    record.put("heap_max_bytes", Runtime.getRuntime().maxMemory());
    Map<String, Object> pools = new LinkedHashMap<>();
    for (MemoryPoolMXBean pool : heapPools()) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("peak_used_bytes", pool.getPeakUsage().getUsed());
      p.put("peak_committed_bytes", pool.getPeakUsage().getCommitted());
      MemoryUsage afterGc = pool.getCollectionUsage();
      if (afterGc != null) {
        p.put("used_after_last_gc_bytes", afterGc.getUsed());
      }
      pools.put(pool.getName(), p);
    }
    record.put("heap_pools", pools);
    record.put("gc_count", gcCount() - gcCountAtStart);
    record.put("gc_millis", gcMillis());
    OptionalLong rss = processPeakRssBytes();
    record.put("process_peak_rss_bytes", rss.isPresent() ? rss.getAsLong() : null);
    return record;
  }

  /** The process's peak resident set size so far (Linux {@code VmHWM}), if the system tells. */
  static OptionalLong processPeakRssBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          String[] parts = line.substring(6).trim().split("\\s+");
          return OptionalLong.of(Long.parseLong(parts[0]) * 1024L);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: no figure
    }
    return OptionalLong.empty();
  }

  private static List<MemoryPoolMXBean> heapPools() {
    return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
  }

  private static long gcCount() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionCount)
        .filter(c -> c > 0)
        .sum();
  }

  private static long totalGcMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionTime)
        .filter(t -> t > 0)
        .sum();
  }
}
