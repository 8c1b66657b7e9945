package dev.ocpsummary.summary;

import static dev.ocpsummary.source.InputColumns.POD_EFFECTIVE_USAGE_CPU_CORE_SECONDS;
import static dev.ocpsummary.source.InputColumns.POD_EFFECTIVE_USAGE_MEMORY_BYTE_SECONDS;
import static dev.ocpsummary.source.InputColumns.POD_LIMIT_CPU_CORE_SECONDS;
import static dev.ocpsummary.source.InputColumns.POD_LIMIT_MEMORY_BYTE_SECONDS;
import static dev.ocpsummary.source.InputColumns.POD_REQUEST_CPU_CORE_SECONDS;
import static dev.ocpsummary.source.InputColumns.POD_REQUEST_MEMORY_BYTE_SECONDS;
import static dev.ocpsummary.source.InputColumns.POD_USAGE_CPU_CORE_SECONDS;
import static dev.ocpsummary.source.InputColumns.POD_USAGE_MEMORY_BYTE_SECONDS;
import static dev.ocpsummary.summary.SummaryColumns.*;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;

import dev.ocpsummary.source.InputColumns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * The Pod rows of the daily summary (specs/aggregation.md C, DESIGN decisions 2 and 3), as pure
 * Dataset transformations.
 *
 * <ul>
 *   <li>Rows with a NULL or empty node give no Pod row, but their capacity still counts (C.7).
 *   <li>Each hourly pod row takes the node and namespace labels of the same hour; labels merge with
 *       precedence pod &gt; namespace &gt; node, restricted to the enabled keys, and the canonical
 *       JSON of the merged set is part of the grouping key. A label change in the middle of a day
 *       therefore splits the day's rows, and no row is ever counted twice.
 *   <li>Effective usage is the sum over hours of max(usage, request), taking Koku's precomputed
 *       column when present.
 *   <li>Group key: (day, namespace, node, labels); measures in core-hours and GiB-hours.
 * </ul>
 */
public final class PodSummary {

  /** Pod rows in {@link SummaryColumns#ALL} order. */
  public static Dataset<Row> summarize(SummaryInputs inputs, LabelRules labels, RunIdentity identity) {
    return summarize(
        inputs, PodDays.of(inputs), NodeCapacity.perNodeAndDay(withUsageDay(inputs.podUsage())), labels, identity);
  }

  /**
   * Pod rows from the window's {@link PodDays} and {@link NodeCapacity#perNodeAndDay} (joined per
   * node and summed per cluster).
   */
  public static Dataset<Row> summarize(
      SummaryInputs inputs, Dataset<Row> podDays, Dataset<Row> nodeCapacity, LabelRules labels, RunIdentity identity) {
    Dataset<Row> clusterCapacity = NodeCapacity.perDay(nodeCapacity);

    Dataset<Row> podRows =
        podDays
            .transform(PodSummary::scheduledOnNode)
            .transform(PodSummary::aggregatePerLabelSources)
            .transform(rows -> withMergedPodLabels(rows, labels))
            .transform(PodSummary::aggregatePerDay);

    Dataset<Row> summarized =
        CostCategories.withCostCategory(podRows, inputs.costCategoryPatterns())
            .join(nodeCapacity, new String[] {USAGE_START, NODE}, "left")
            .join(clusterCapacity, new String[] {USAGE_START}, "left")
            .withColumns(
                Map.of(
                    NODE_CAPACITY_CPU_CORE_HOURS, Units.secondsToHours(col(NodeCapacity.CPU_CORE_SECONDS)),
                    NODE_CAPACITY_MEMORY_GIGABYTE_HOURS, Units.byteSecondsToGibHours(col(NodeCapacity.MEMORY_BYTE_SECONDS)),
                    CLUSTER_CAPACITY_CPU_CORE_HOURS, Units.secondsToHours(col(NodeCapacity.CLUSTER_CPU_CORE_SECONDS)),
                    CLUSTER_CAPACITY_MEMORY_GIGABYTE_HOURS,
                    Units.byteSecondsToGibHours(col(NodeCapacity.CLUSTER_MEMORY_BYTE_SECONDS))));

    return SummaryColumns.conformToOutput(
        withRowConstants(summarized, identity, DATA_SOURCE_POD).withColumn(ALL_LABELS, col(POD_LABELS)));
  }

  /** Adds usage_start, the UTC day of interval_start. */
  public static Dataset<Row> withUsageDay(Dataset<Row> hourly) {
    return hourly.withColumn(USAGE_START, IntervalStart.day());
  }

  /** Drops rows whose node is NULL or empty (unscheduled pods have no Pod row). */
  public static Dataset<Row> scheduledOnNode(Dataset<Row> hourly) {
    return hourly.where(col(InputColumns.NODE).isNotNull().and(col(InputColumns.NODE).notEqual("")));
  }

  /**
   * Sums the pod days that share a day, namespace, node, resource id and the three label texts.
   * Parsing and merging labels costs far more than adding numbers, and the pods of one deployment
   * share their labels, so labels are merged once per such group rather than once per pod. The
   * resource id is a grouping key here (not a max) so that the aggregation can hash; the final one
   * takes its max.
   */
  static Dataset<Row> aggregatePerLabelSources(Dataset<Row> podDays) {
    List<Column> sums = new ArrayList<>();
    for (String measure : PodDays.measures()) {
      sums.add(sum(measure).as(measure));
    }
    sums.add(max(InputColumns.NODE_CAPACITY_CPU_CORES).as(InputColumns.NODE_CAPACITY_CPU_CORES));
    sums.add(max(InputColumns.NODE_CAPACITY_MEMORY_BYTES).as(InputColumns.NODE_CAPACITY_MEMORY_BYTES));
    return podDays
        .groupBy(
            col(USAGE_START),
            col(NAMESPACE),
            col(NODE),
            col(InputColumns.RESOURCE_ID),
            col(InputColumns.POD_LABELS),
            col(InputColumns.NODE_LABELS),
            col(InputColumns.NAMESPACE_LABELS))
        .agg(sums.get(0), sums.subList(1, sums.size()).toArray(Column[]::new));
  }

  /** Replaces pod_labels by the node, namespace and pod labels merged and canonical (pod wins, then namespace). */
  static Dataset<Row> withMergedPodLabels(Dataset<Row> rows, LabelRules labels) {
    return labels
        .withMergedLabels(
            rows,
            POD_LABELS,
            col(InputColumns.NODE_LABELS),
            col(InputColumns.NAMESPACE_LABELS),
            col(InputColumns.POD_LABELS))
        .drop(InputColumns.NODE_LABELS, InputColumns.NAMESPACE_LABELS);
  }

  /** Groups the partial sums by (day, namespace, node, pod_labels) into core-hours and GiB-hours. */
  static Dataset<Row> aggregatePerDay(Dataset<Row> partialSums) {
    return partialSums
        .groupBy(col(USAGE_START), col(NAMESPACE), col(NODE), col(POD_LABELS))
        .agg(
            Units.secondsToHours(sum(POD_USAGE_CPU_CORE_SECONDS)).as(POD_USAGE_CPU_CORE_HOURS),
            Units.secondsToHours(sum(POD_REQUEST_CPU_CORE_SECONDS)).as(POD_REQUEST_CPU_CORE_HOURS),
            Units.secondsToHours(sum(POD_EFFECTIVE_USAGE_CPU_CORE_SECONDS)).as(POD_EFFECTIVE_USAGE_CPU_CORE_HOURS),
            Units.secondsToHours(sum(POD_LIMIT_CPU_CORE_SECONDS)).as(POD_LIMIT_CPU_CORE_HOURS),
            Units.byteSecondsToGibHours(sum(POD_USAGE_MEMORY_BYTE_SECONDS)).as(POD_USAGE_MEMORY_GIGABYTE_HOURS),
            Units.byteSecondsToGibHours(sum(POD_REQUEST_MEMORY_BYTE_SECONDS)).as(POD_REQUEST_MEMORY_GIGABYTE_HOURS),
            Units.byteSecondsToGibHours(sum(POD_EFFECTIVE_USAGE_MEMORY_BYTE_SECONDS))
                .as(POD_EFFECTIVE_USAGE_MEMORY_GIGABYTE_HOURS),
            Units.byteSecondsToGibHours(sum(POD_LIMIT_MEMORY_BYTE_SECONDS)).as(POD_LIMIT_MEMORY_GIGABYTE_HOURS),
            max(InputColumns.RESOURCE_ID).as(RESOURCE_ID),
            max(InputColumns.NODE_CAPACITY_CPU_CORES).as(NODE_CAPACITY_CPU_CORES),
            Units.bytesToGib(max(InputColumns.NODE_CAPACITY_MEMORY_BYTES)).as(NODE_CAPACITY_MEMORY_GIGABYTES));
  }

  /** Adds the columns every row of a kind carries: identity, data_source, usage_end, zero infrastructure cost. */
  static Dataset<Row> withRowConstants(Dataset<Row> rows, RunIdentity identity, String dataSource) {
    // one projection: each withColumn would analyse the whole plan again
    Map<String, Column> constants = new LinkedHashMap<>();
    constants.put(SOURCE_UUID, lit(identity.sourceUuid()));
    constants.put(CLUSTER_ID, lit(identity.clusterId().orElse(null)).cast(DataTypes.StringType));
    constants.put(CLUSTER_ALIAS, lit(identity.clusterAlias().orElse(null)).cast(DataTypes.StringType));
    constants.put(REPORT_PERIOD_ID, lit(identity.reportPeriodId().orElse(null)).cast(DataTypes.IntegerType));
    constants.put(DATA_SOURCE, lit(dataSource));
    constants.put(USAGE_END, col(USAGE_START));
    constants.put(INFRASTRUCTURE_USAGE_COST, lit(ZERO_INFRASTRUCTURE_COST));
    return rows.withColumns(constants);
  }

  private PodSummary() {}
}
