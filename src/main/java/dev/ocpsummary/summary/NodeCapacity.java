package dev.ocpsummary.summary;

import static dev.ocpsummary.source.InputColumns.INTERVAL_START;
import static dev.ocpsummary.source.InputColumns.NODE;
import static dev.ocpsummary.source.InputColumns.NODE_CAPACITY_CPU_CORE_SECONDS;
import static dev.ocpsummary.source.InputColumns.NODE_CAPACITY_MEMORY_BYTE_SECONDS;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Node and cluster capacity from the hourly pod rows (specs/aggregation.md C.7): the capacity is
 * repeated on every pod row of a node and hour, so it is taken once per (hour, node) with max, then
 * summed over the hours of the day; cluster capacity is the sum over the day's nodes. Rows without a
 * node still count here, as their own node group, even though they produce no Pod row.
 */
public final class NodeCapacity {

  /** Per-day node capacity column names (in seconds, before unit conversion). */
  static final String CPU_CORE_SECONDS = "cap_cpu_core_seconds";

  static final String MEMORY_BYTE_SECONDS = "cap_memory_byte_seconds";
  static final String CLUSTER_CPU_CORE_SECONDS = "cluster_cap_cpu_core_seconds";
  static final String CLUSTER_MEMORY_BYTE_SECONDS = "cluster_cap_memory_byte_seconds";

  /** (usage_start, node, cap_cpu_core_seconds, cap_memory_byte_seconds) from hourly pod rows with usage_start. */
  public static Dataset<Row> perNodeAndDay(Dataset<Row> hourlyPodRows) {
    return hourlyPodRows
        .groupBy(col(SummaryColumns.USAGE_START), col(INTERVAL_START), col(NODE))
        .agg(
            max(NODE_CAPACITY_CPU_CORE_SECONDS).as(CPU_CORE_SECONDS),
            max(NODE_CAPACITY_MEMORY_BYTE_SECONDS).as(MEMORY_BYTE_SECONDS))
        .groupBy(col(SummaryColumns.USAGE_START), col(NODE))
        .agg(sum(CPU_CORE_SECONDS).as(CPU_CORE_SECONDS), sum(MEMORY_BYTE_SECONDS).as(MEMORY_BYTE_SECONDS));
  }

  /** (usage_start, cluster_cap_cpu_core_seconds, cluster_cap_memory_byte_seconds) from {@link #perNodeAndDay}. */
  public static Dataset<Row> perDay(Dataset<Row> nodeCapacity) {
    return nodeCapacity
        .groupBy(col(SummaryColumns.USAGE_START))
        .agg(
            sum(CPU_CORE_SECONDS).as(CLUSTER_CPU_CORE_SECONDS),
            sum(MEMORY_BYTE_SECONDS).as(CLUSTER_MEMORY_BYTE_SECONDS));
  }

  private NodeCapacity() {}
}
