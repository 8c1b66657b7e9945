package dev.ocpsummary.exec;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The driver JVM's memory during a run, from its memory pools and collectors (in local mode the
 * executors share this JVM).
 *
 * <p>The heap peak is the largest total heap use seen right before a garbage collection (where the
 * heap peaks) or at the end of the run: the collectors report every pool's use before each
 * collection. The pools' own peaks, reset when the run starts, are recorded too; their sum is only an
 * upper bound, since pools peak at different moments. The old generation's use right after its last
 * collection approximates the live data.
 */
final class JvmMemory implements AutoCloseable {

  private final long gcCountAtStart;
  private final long gcMillisAtStart;
  private final Set<String> heapPoolNames;
  private final AtomicLong heapPeak = new AtomicLong();
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final NotificationListener listener = this::onCollection;

  private JvmMemory() {
    heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    this.heapPoolNames = heapPools().stream().map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    this.gcCountAtStart = gcCount();
    this.gcMillisAtStart = totalGcMillis();
    heapPeak.set(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (collector instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(listener, null, null);
        emitters.add(emitter);
      }
    }
  }

  /** Starts watching: resets the pools' peaks and listens to the collectors until {@link #close}. */
  static JvmMemory start() {
    return new JvmMemory();
  }

  private void onCollection(Notification notification, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
    long before =
        info.getGcInfo().getMemoryUsageBeforeGc().entrySet().stream()
            .filter(e -> heapPoolNames.contains(e.getKey()))
            .mapToLong(e -> e.getValue().getUsed())
            .sum();
    heapPeak.accumulateAndGet(before, Math::max);
  }

  /** The largest total heap use seen during the run (before a collection, or now). */
  long heapPeakBytes() {
    return heapPeak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
  }

  long gcMillis() {
    return totalGcMillis() - gcMillisAtStart;
  }

  Map<String, Object> asRecord() {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("heap_peak_bytes", heapPeakBytes());
    record.put("heap_max_bytes", Runtime.getRuntime().maxMemory());
    Map<String, Object> pools = new LinkedHashMap<>();
    long poolPeakSum = 0;
    for (MemoryPoolMXBean pool : heapPools()) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("peak_used_bytes", pool.getPeakUsage().getUsed());
      p.put("peak_committed_bytes", pool.getPeakUsage().getCommitted());
      poolPeakSum += pool.getPeakUsage().getUsed();
      MemoryUsage afterGc = pool.getCollectionUsage();
      if (afterGc != null) {
        p.put("used_after_last_gc_bytes", afterGc.getUsed());
      }
      pools.put(pool.getName(), p);
    }
    record.put("heap_pool_peak_sum_bytes", poolPeakSum);
    record.put("heap_pools", pools);
    record.put("gc_count", gcCount() - gcCountAtStart);
    record.put("gc_millis", gcMillis());
    OptionalLong rss = processPeakRssBytes();
    record.put("process_peak_rss_bytes", rss.isPresent() ? rss.getAsLong() : null);
    return record;
  }

  /** Stops listening to the collectors. */
  @Override
  public void close() {
    for (NotificationEmitter emitter : emitters) {
      try {
        emitter.removeNotificationListener(listener);
      } catch (ListenerNotFoundException e) {
        // already gone
      }
    }
    emitters.clear();
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
