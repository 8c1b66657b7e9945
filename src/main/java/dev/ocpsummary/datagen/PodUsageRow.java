package dev.ocpsummary.datagen;

import static dev.ocpsummary.source.InputColumns.*;

import dev.ocpsummary.source.ReportType;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * Builds one hourly pod-usage row the way nise and Koku fill it (specs/data-gen.md A.1): measures are
 * {@code seconds × quantity}, memory in byte-seconds with GiB = 2^30, node capacity per full hour, and
 * Koku's precomputed effective usage {@code max(usage, request)} per row. Unset columns are NULL.
 */
public final class PodUsageRow {

  static final double BYTES_PER_GIB = Math.scalb(1.0, 30);
  static final double SECONDS_PER_HOUR = 3600.0;

  private final Map<String, Object> values = new HashMap<>();

  private PodUsageRow(LocalDateTime intervalStart) {
    values.put(INTERVAL_START, intervalStart);
    values.put(POD_LABELS, "{}");
  }

  /** A row for the hour starting at {@code intervalStart} (UTC, naive). */
  public static PodUsageRow at(LocalDateTime intervalStart) {
    return new PodUsageRow(intervalStart);
  }

  public PodUsageRow pod(String namespace, String pod) {
    values.put(NAMESPACE, namespace);
    values.put(POD, pod);
    return this;
  }

  /** The node the pod ran on (NULL or "" for an unscheduled pod) and its cloud instance id. */
  public PodUsageRow node(String node, String resourceId) {
    values.put(NODE, node);
    values.put(RESOURCE_ID, resourceId);
    return this;
  }

  /** CPU usage, request and limit in cores, for {@code seconds} of the hour. */
  public PodUsageRow cpu(double usageCores, double requestCores, double limitCores, double seconds) {
    values.put(POD_USAGE_CPU_CORE_SECONDS, seconds * usageCores);
    values.put(POD_REQUEST_CPU_CORE_SECONDS, seconds * requestCores);
    values.put(POD_LIMIT_CPU_CORE_SECONDS, seconds * limitCores);
    values.put(POD_EFFECTIVE_USAGE_CPU_CORE_SECONDS, Math.max(seconds * usageCores, seconds * requestCores));
    return this;
  }

  /** Memory usage, request and limit in GiB, for {@code seconds} of the hour. */
  public PodUsageRow memoryGib(double usageGib, double requestGib, double limitGib, double seconds) {
    values.put(POD_USAGE_MEMORY_BYTE_SECONDS, seconds * usageGib * BYTES_PER_GIB);
    values.put(POD_REQUEST_MEMORY_BYTE_SECONDS, seconds * requestGib * BYTES_PER_GIB);
    values.put(POD_LIMIT_MEMORY_BYTE_SECONDS, seconds * limitGib * BYTES_PER_GIB);
    values.put(
        POD_EFFECTIVE_USAGE_MEMORY_BYTE_SECONDS,
        Math.max(seconds * usageGib * BYTES_PER_GIB, seconds * requestGib * BYTES_PER_GIB));
    return this;
  }

  /** Node capacity: cores and GiB, and their per-hour seconds (independent of the pod's seconds). */
  public PodUsageRow nodeCapacity(double cores, double memoryGib) {
    values.put(NODE_CAPACITY_CPU_CORES, cores);
    values.put(NODE_CAPACITY_CPU_CORE_SECONDS, cores * SECONDS_PER_HOUR);
    values.put(NODE_CAPACITY_MEMORY_BYTES, memoryGib * BYTES_PER_GIB);
    values.put(NODE_CAPACITY_MEMORY_BYTE_SECONDS, memoryGib * BYTES_PER_GIB * SECONDS_PER_HOUR);
    return this;
  }

  /** Pod labels as Koku stores them: JSON object text. */
  public PodUsageRow labels(String json) {
    values.put(POD_LABELS, json);
    return this;
  }

  /** Drops Koku's precomputed effective usage, as in data from before Koku added it. */
  public PodUsageRow withoutPrecomputedEffectiveUsage() {
    values.remove(POD_EFFECTIVE_USAGE_CPU_CORE_SECONDS);
    values.remove(POD_EFFECTIVE_USAGE_MEMORY_BYTE_SECONDS);
    return this;
  }

  /** Sets any column of the pod-usage schema directly. */
  public PodUsageRow set(String column, Object value) {
    values.put(column, value);
    return this;
  }

  /** The row in {@link ReportType#POD_USAGE}'s schema order. */
  public Row build() {
    return InputRows.inSchemaOrder(ReportType.POD_USAGE, values);
  }
}
