package dev.ocpsummary.datagen;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.TreeSet;

/**
 * What a generation writes, resolved: every value nise would take from the YAML or draw once per
 * entity is fixed here; only values nise draws per row (usage and {@code pod_seconds} not given) are
 * left open and drawn while rows are written. A workload is a list of {@link Segment}s, each one
 * nise generator's entities over one calendar month of its time range (nise regenerates every month).
 *
 * @param description what the workload came from (scale name or manifest file), for expected.json
 * @param segments the segments, in generator order, then month order
 */
public record Workload(String description, List<Segment> segments) {

  public Workload {
    segments = List.copyOf(segments);
  }

  /** A node: {@code resourceId} as written (nise always prepends {@code i-}); labels in pipe format. */
  public record Node(String name, String resourceId, double cpuCores, double memoryGib, String labels) {}

  /** A namespace and its labels (pipe format). */
  public record Namespace(String name, String labels) {}

  /**
   * A pod with its effective (clamped) request and limit; usage schedules are clamped to the limit
   * when rows are written; {@code podSeconds == null} means drawn per row.
   */
  public record Pod(
      String name,
      String namespace,
      Node node,
      double cpuRequest,
      double cpuLimit,
      UsageSchedule cpuUsage,
      double memRequestGib,
      double memLimitGib,
      UsageSchedule memUsageGib,
      Double podSeconds,
      String labels) {}

  /** A persistent volume declared under a node and namespace, with the claims nise kept. */
  public record Volume(
      String name,
      String namespace,
      Node node,
      String storageClass,
      String csiDriver,
      String csiVolumeHandle,
      double requestGib,
      String labels,
      List<Claim> claims) {}

  /** A persistent volume claim; {@code podName} may be empty. Usage is clamped to the capacity. */
  public record Claim(String name, String podName, String labels, double capacityGib, UsageSchedule usageGib) {}

  /**
   * The entities of one generator over {@code [start, end)}, hourly slots starting at {@code start}.
   * {@code namespaces} holds each namespace once (its label rows); {@code generator} is its index.
   */
  public record Segment(
      int generator,
      LocalDateTime start,
      LocalDateTime end,
      List<Node> nodes,
      List<Namespace> namespaces,
      List<Pod> pods,
      List<Volume> volumes) {

    public Segment {
      nodes = List.copyOf(nodes);
      namespaces = List.copyOf(namespaces);
      pods = List.copyOf(pods);
      volumes = List.copyOf(volumes);
    }

    public boolean covers(LocalDateTime slot) {
      return !slot.isBefore(start) && slot.isBefore(end);
    }

    /** Hourly slots of this segment on {@code day}. */
    public int slotsOn(LocalDate day) {
      LocalDateTime from = day.atStartOfDay().isAfter(start) ? day.atStartOfDay() : start;
      LocalDateTime to = day.plusDays(1).atStartOfDay().isBefore(end) ? day.plusDays(1).atStartOfDay() : end;
      return from.isBefore(to) ? (int) java.time.Duration.between(from, to).toHours() : 0;
    }

    /** Storage rows per slot: one per claim, one per claimless volume. */
    public int storageRowsPerSlot() {
      return volumes.stream().mapToInt(v -> v.claims().isEmpty() ? 1 : v.claims().size()).sum();
    }
  }

  /** The UTC days with at least one slot, oldest first. */
  public List<LocalDate> days() {
    TreeSet<LocalDate> days = new TreeSet<>();
    for (Segment segment : segments) {
      for (LocalDateTime slot = segment.start(); slot.isBefore(segment.end()); slot = slot.plusHours(1)) {
        days.add(slot.toLocalDate());
      }
    }
    return List.copyOf(days);
  }
}
