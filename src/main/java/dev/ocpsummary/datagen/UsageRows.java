package dev.ocpsummary.datagen;

import dev.ocpsummary.datagen.Workload.Claim;
import dev.ocpsummary.datagen.Workload.Namespace;
import dev.ocpsummary.datagen.Workload.Node;
import dev.ocpsummary.datagen.Workload.Pod;
import dev.ocpsummary.datagen.Workload.Segment;
import dev.ocpsummary.datagen.Workload.Volume;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.apache.parquet.io.api.Binary;

/**
 * Turns a {@link Workload} into hourly report rows, the way nise fills them (specs/data-gen.md A.1–A.4)
 * and Koku converts them (labels to JSON, empty metrics to 0.0, effective usage added): day by day,
 * slot by slot, and within a slot segment by segment, entity by entity. Rows go straight to a {@link
 * RowSink}; nothing is kept, so memory does not depend on the number of rows.
 */
final class UsageRows {

  static final double BYTES_PER_GIB = Math.scalb(1.0, 30);
  static final double SECONDS_PER_HOUR = 3600.0;

  private static final long DRAW_POD_SECONDS = 1;
  private static final long DRAW_CPU_USAGE = 2;
  private static final long DRAW_MEMORY_USAGE = 3;
  private static final long DRAW_CLAIM_USAGE = 4;

  private static final Binary EMPTY = Binary.fromString("");
  private static final Binary EMPTY_LABELS = Binary.fromString("{}");

  private final Workload workload;
  private final RowRandom random;

  UsageRows(Workload workload, long seed) {
    this.workload = workload;
    this.random = new RowRandom(seed);
  }

  /** Writes every row of every day, closing each day's files when the day is done. */
  void writeTo(RowSink sink, Progress progress) {
    for (LocalDate day : workload.days()) {
      List<SegmentDay> active = new ArrayList<>();
      for (int s = 0; s < workload.segments().size(); s++) {
        Segment segment = workload.segments().get(s);
        if (segment.slotsOn(day) > 0) {
          active.add(new SegmentDay(s, segment, day));
        }
      }
      for (int hour = 0; hour < 24; hour++) {
        LocalDateTime slot = day.atTime(hour, 0);
        Slot times = new Slot(slot);
        for (SegmentDay segmentDay : active) {
          if (segmentDay.segment.covers(slot)) {
            progress.advance(segmentDay.emit(times, sink));
          }
        }
      }
      sink.finishDay(day);
    }
  }

  /** The four time cells of one slot, shared by all of its rows. */
  private static final class Slot {
    final LocalDateTime start;
    final long epochHour;
    final Long periodStart;
    final Long periodEnd;
    final Long intervalStart;
    final Long intervalEnd;

    Slot(LocalDateTime start) {
      this.start = start;
      YearMonth month = YearMonth.from(start);
      this.epochHour = start.toEpochSecond(ZoneOffset.UTC) / 3600;
      this.periodStart = millis(month.atDay(1).atStartOfDay());
      this.periodEnd = millis(month.plusMonths(1).atDay(1).atStartOfDay());
      this.intervalStart = millis(start);
      this.intervalEnd = millis(start.plusMinutes(59).plusSeconds(59));
    }

    void stamp(Object[] row) {
      row[0] = periodStart;
      row[1] = periodEnd;
      row[2] = intervalStart;
      row[3] = intervalEnd;
    }
  }

  static long millis(LocalDateTime time) {
    return time.toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  /** One segment's rows for one day: cells that do not change within the day, computed once. */
  private final class SegmentDay {
    final int index;
    final Segment segment;
    final List<PodDay> pods = new ArrayList<>();
    final List<StorageDay> storage = new ArrayList<>();
    final List<Object[]> nodeLabels = new ArrayList<>();
    final List<Object[]> namespaceLabels = new ArrayList<>();
    final LocalDate day;

    SegmentDay(int index, Segment segment, LocalDate day) {
      this.index = index;
      this.segment = segment;
      this.day = day;
      for (int p = 0; p < segment.pods().size(); p++) {
        pods.add(new PodDay(p, segment.pods().get(p), day));
      }
      int entity = 0;
      for (Volume volume : segment.volumes()) {
        if (volume.claims().isEmpty()) {
          storage.add(new StorageDay(entity++, volume, null, day));
        }
        for (Claim claim : volume.claims()) {
          storage.add(new StorageDay(entity++, volume, claim, day));
        }
      }
      for (Node node : segment.nodes()) {
        nodeLabels.add(new Object[] {null, null, null, null, text(node.name()), labels(node.labels())});
      }
      for (Namespace namespace : segment.namespaces()) {
        namespaceLabels.add(new Object[] {null, null, null, null, text(namespace.name()), labels(namespace.labels())});
      }
    }

    /** Writes this segment's rows of one slot; returns how many. */
    int emit(Slot slot, RowSink sink) {
      for (PodDay pod : pods) {
        sink.accept(OcpTable.POD_USAGE, day, pod.row(slot));
      }
      for (StorageDay volume : storage) {
        sink.accept(OcpTable.STORAGE_USAGE, day, volume.row(slot));
      }
      for (Object[] template : nodeLabels) {
        Object[] row = template.clone();
        slot.stamp(row);
        sink.accept(OcpTable.NODE_LABELS, day, row);
      }
      for (Object[] template : namespaceLabels) {
        Object[] row = template.clone();
        slot.stamp(row);
        sink.accept(OcpTable.NAMESPACE_LABELS, day, row);
      }
      return pods.size() + storage.size() + nodeLabels.size() + namespaceLabels.size();
    }

    /** A pod's cells for the day; metrics fixed when every factor is given, else drawn per row. */
    private final class PodDay {
      final int entity;
      final Pod pod;
      final Object[] template;
      final OptionalDouble cpuUsage;
      final OptionalDouble memoryUsage;
      final Object[] fixedMetrics;

      PodDay(int entity, Pod pod, LocalDate day) {
        this.entity = entity;
        this.pod = pod;
        Node node = pod.node();
        template = new Object[OcpTable.POD_USAGE.columns().size()];
        template[4] = text(pod.name());
        template[5] = text(pod.namespace());
        template[6] = text(node.name());
        template[7] = text(node.resourceId());
        template[14] = node.cpuCores();
        template[15] = node.cpuCores() * SECONDS_PER_HOUR;
        template[16] = node.memoryGib() * BYTES_PER_GIB;
        template[17] = node.memoryGib() * BYTES_PER_GIB * SECONDS_PER_HOUR;
        template[18] = labels(pod.labels());
        cpuUsage = clamp(pod.cpuUsage().on(day), pod.cpuLimit());
        memoryUsage = clamp(pod.memUsageGib().on(day), pod.memLimitGib());
        fixedMetrics =
            pod.podSeconds() != null && cpuUsage.isPresent() && memoryUsage.isPresent()
                ? metrics(pod.podSeconds(), cpuUsage.getAsDouble(), memoryUsage.getAsDouble())
                : null;
      }

      Object[] row(Slot slot) {
        Object[] row = template.clone();
        slot.stamp(row);
        Object[] metrics = fixedMetrics;
        if (metrics == null) {
          double seconds =
              pod.podSeconds() != null
                  ? pod.podSeconds()
                  : RowRandom.randint(draw(DRAW_POD_SECONDS, slot), 2, 3600);
          double cpu =
              cpuUsage.isPresent()
                  ? cpuUsage.getAsDouble()
                  : RowRandom.round(RowRandom.uniform(draw(DRAW_CPU_USAGE, slot), 0.02, pod.cpuLimit()), 5);
          double memory =
              memoryUsage.isPresent()
                  ? memoryUsage.getAsDouble()
                  : RowRandom.round(RowRandom.uniform(draw(DRAW_MEMORY_USAGE, slot), 1, pod.memLimitGib()), 2);
          metrics = metrics(seconds, cpu, memory);
        }
        row[8] = metrics[0];
        row[9] = metrics[1];
        row[10] = metrics[2];
        row[11] = metrics[3];
        row[12] = metrics[4];
        row[13] = metrics[5];
        row[19] = metrics[6];
        row[20] = metrics[7];
        return row;
      }

      private SplittableRandom draw(long what, Slot slot) {
        return random.at(what, index, entity, slot.epochHour);
      }

      private Object[] metrics(double seconds, double cpuUsage, double memoryUsageGib) {
        double[] values = podMetrics(pod, seconds, cpuUsage, memoryUsageGib);
        Object[] boxed = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
          boxed[i] = values[i];
        }
        return boxed;
      }
    }

    /** A claim's (or a claimless volume's) cells for the day. */
    private final class StorageDay {
      final int entity;
      final Object[] template;
      final Claim claim;
      final OptionalDouble usage;

      StorageDay(int entity, Volume volume, Claim claim, LocalDate day) {
        this.entity = entity;
        this.claim = claim;
        template = new Object[OcpTable.STORAGE_USAGE.columns().size()];
        template[8] = text(volume.name());
        template[9] = text(volume.storageClass());
        template[10] = text(volume.csiDriver());
        template[11] = text(volume.csiVolumeHandle());
        template[16] = labels(volume.labels());
        if (claim == null) {
          // a claimless volume: nise leaves namespace, pod, node, claim, request and usage empty;
          // Koku keeps empty strings, reads empty numbers as 0.0 and empty labels as {}
          template[4] = EMPTY;
          template[5] = EMPTY;
          template[6] = EMPTY;
          template[7] = EMPTY;
          template[12] = volume.requestGib() * BYTES_PER_GIB;
          template[13] = volume.requestGib() * BYTES_PER_GIB * SECONDS_PER_HOUR;
          template[14] = 0.0;
          template[15] = 0.0;
          template[17] = EMPTY_LABELS;
          usage = OptionalDouble.of(0);
        } else {
          template[4] = text(volume.namespace());
          template[5] = text(claim.podName());
          template[6] = text(volume.node().name());
          template[7] = text(claim.name());
          template[12] = claim.capacityGib() * BYTES_PER_GIB;
          template[13] = claim.capacityGib() * BYTES_PER_GIB * SECONDS_PER_HOUR;
          template[14] = volume.requestGib() * BYTES_PER_GIB * SECONDS_PER_HOUR;
          template[17] = labels(claim.labels());
          usage = clamp(claim.usageGib().on(day), claim.capacityGib());
          if (usage.isPresent()) {
            template[15] = usage.getAsDouble() * BYTES_PER_GIB * SECONDS_PER_HOUR;
          }
        }
      }

      Object[] row(Slot slot) {
        Object[] row = template.clone();
        slot.stamp(row);
        if (usage.isEmpty()) {
          double drawn =
              RowRandom.round(RowRandom.uniform(random.at(DRAW_CLAIM_USAGE, index, entity, slot.epochHour), 2.0, claim.capacityGib()), 2);
          row[15] = drawn * BYTES_PER_GIB * SECONDS_PER_HOUR;
        }
        return row;
      }
    }
  }

  /**
   * A pod row's eight metrics, nise's products evaluated left to right as nise evaluates them, and
   * Koku's effective usage: CPU usage, request, limit (core-seconds), memory usage, request, limit
   * (byte-seconds), effective CPU, effective memory.
   */
  static double[] podMetrics(Pod pod, double seconds, double cpuUsage, double memoryUsageGib) {
    double usageCpu = seconds * cpuUsage;
    double requestCpu = seconds * pod.cpuRequest();
    double usageMemory = seconds * memoryUsageGib * BYTES_PER_GIB;
    double requestMemory = seconds * pod.memRequestGib() * BYTES_PER_GIB;
    return new double[] {
      usageCpu,
      requestCpu,
      seconds * pod.cpuLimit(),
      usageMemory,
      requestMemory,
      seconds * pod.memLimitGib() * BYTES_PER_GIB,
      Math.max(usageCpu, requestCpu),
      Math.max(usageMemory, requestMemory)
    };
  }

  static OptionalDouble clamp(OptionalDouble value, double limit) {
    return value.isPresent() ? OptionalDouble.of(Math.min(limit, value.getAsDouble())) : value;
  }

  static Binary text(String value) {
    return Binary.fromString(value == null ? "" : value);
  }

  static Binary labels(String pipeLabels) {
    return Binary.fromString(KokuLabels.toJson(pipeLabels));
  }
}
