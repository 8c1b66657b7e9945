package dev.ocpsummary.summary;

import static dev.ocpsummary.source.InputColumns.CSI_VOLUME_HANDLE;
import static dev.ocpsummary.source.InputColumns.PERSISTENTVOLUMECLAIM_LABELS;
import static dev.ocpsummary.source.InputColumns.PERSISTENTVOLUME_LABELS;
import static dev.ocpsummary.source.InputColumns.POD;
import static dev.ocpsummary.source.InputColumns.PVC_CAPACITY_BYTES;
import static dev.ocpsummary.source.InputColumns.PVC_CAPACITY_BYTE_SECONDS;
import static dev.ocpsummary.source.InputColumns.PVC_USAGE_BYTE_SECONDS;
import static dev.ocpsummary.source.InputColumns.VOLUME_REQUEST_STORAGE_BYTE_SECONDS;
import static dev.ocpsummary.summary.SummaryColumns.*;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;

import dev.ocpsummary.source.InputColumns;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The Storage rows of the daily summary (specs/aggregation.md D, DESIGN decisions 2 to 4), as pure
 * Dataset transformations.
 *
 * <ul>
 *   <li>A volume's node is learnt through the pods that mount it: storage rows meet the scheduled pod
 *       rows of the same day, namespace and pod (the storage report's own node column is not used).
 *       A pod that ran on two nodes that day gives the volume a row on each.
 *   <li>{@code node_count} is the number of distinct nodes per (day, PV) over all its claims; request
 *       and usage are divided by {@code coalesce(node_count, 1)}, capacity is not. A claim whose pod
 *       had no usage that day keeps NULL node and resource_id and is divided by 1.
 *   <li>Volume labels merge node &lt; namespace &lt; PV &lt; PVC labels of the same hour (PVC wins),
 *       restricted to the enabled keys; their canonical JSON is a grouping key.
 *   <li>GiB-months divide by 86400 × the number of days in the month of the row's day.
 *   <li>Empty strings in the dimension columns (claim-less volumes have no namespace, pod or claim) are
 *       written as NULL, as Koku's table holds them.
 * </ul>
 */
public final class StorageSummary {

  static final String NODE_COUNT = "node_count";
  private static final double SECONDS_PER_DAY = 86400.0;

  /** Storage rows in {@link SummaryColumns#ALL} order; empty when there is no storage input. */
  public static Dataset<Row> summarize(SummaryInputs inputs, LabelRules labels, RunIdentity identity) {
    return summarize(inputs, PodSummary.withUsageDay(inputs.podUsage()), labels, identity);
  }

  /**
   * Storage rows, learning the nodes of volumes from {@code podFacts}: rows with usage_start,
   * namespace, pod, node and resource_id, either the hourly pod rows or {@link PodDays}.
   */
  static Dataset<Row> summarize(SummaryInputs inputs, Dataset<Row> podFacts, LabelRules labels, RunIdentity identity) {
    Dataset<Row> storage = PodSummary.withUsageDay(inputs.storageUsage());
    Dataset<Row> volumeNodes = volumeNodes(storage, podFacts);
    Dataset<Row> nodeCount =
        volumeNodes
            .groupBy(col(USAGE_START), col(InputColumns.PERSISTENTVOLUME))
            .agg(countDistinct(col(InputColumns.NODE)).as(NODE_COUNT));
    Dataset<Row> claimNodes =
        volumeNodes
            .select(
                col(USAGE_START),
                col(InputColumns.PERSISTENTVOLUMECLAIM),
                col(POD),
                col(InputColumns.NAMESPACE),
                col(InputColumns.NODE),
                col(InputColumns.RESOURCE_ID))
            .distinct();

    Dataset<Row> attributed =
        storage
            .join(
                claimNodes,
                new String[] {USAGE_START, InputColumns.PERSISTENTVOLUMECLAIM, POD, InputColumns.NAMESPACE},
                "left")
            .join(nodeCount, new String[] {USAGE_START, InputColumns.PERSISTENTVOLUME}, "left")
            .transform(rows -> aggregatePerLabelSources(rows, inputs))
            .transform(rows -> withVolumeLabels(rows, labels));

    Dataset<Row> storageRows =
        attributed
            .groupBy(dimensionsAnd(VOLUME_LABELS))
            .agg(
                Units.bytesToGib(max(PVC_CAPACITY_BYTES)).as(PVC_CAPACITY_GIGABYTE),
                sum(PVC_CAPACITY_BYTE_SECONDS).as(PVC_CAPACITY_BYTE_SECONDS),
                sum(VOLUME_REQUEST_STORAGE_BYTE_SECONDS)
                    .divide(max(coalesce(col(NODE_COUNT), lit(1L))))
                    .as(VOLUME_REQUEST_STORAGE_BYTE_SECONDS),
                sum(PVC_USAGE_BYTE_SECONDS)
                    .divide(max(coalesce(col(NODE_COUNT), lit(1L))))
                    .as(PVC_USAGE_BYTE_SECONDS))
            .withColumns(outputMeasuresAndNames());

    return SummaryColumns.conformToOutput(
        PodSummary.withRowConstants(
                CostCategories.withCostCategory(storageRows, inputs.costCategoryPatterns()), identity, DATA_SOURCE_STORAGE)
            .withColumn(ALL_LABELS, col(VOLUME_LABELS)));
  }

  /** The columns a storage row is grouped by, apart from its labels, followed by {@code labelColumns}. */
  private static Column[] dimensionsAnd(String... labelColumns) {
    return Stream.concat(
            Stream.of(
                USAGE_START,
                InputColumns.NAMESPACE,
                InputColumns.NODE,
                InputColumns.RESOURCE_ID,
                InputColumns.PERSISTENTVOLUMECLAIM,
                InputColumns.PERSISTENTVOLUME,
                InputColumns.STORAGECLASS,
                CSI_VOLUME_HANDLE),
            Stream.of(labelColumns))
        .map(functions::col)
        .toArray(Column[]::new);
  }

  /** GiB-months from the byte-second sums, and empty names as NULL: one projection rather than one per column. */
  private static Map<String, Column> outputMeasuresAndNames() {
    Map<String, Column> columns = new LinkedHashMap<>();
    columns.put(PVC_CAPACITY_GIGABYTE_MONTHS, byteSecondsToGibMonths(col(PVC_CAPACITY_BYTE_SECONDS)));
    columns.put(VOLUME_REQUEST_STORAGE_GIGABYTE_MONTHS, byteSecondsToGibMonths(col(VOLUME_REQUEST_STORAGE_BYTE_SECONDS)));
    columns.put(PVC_USAGE_GIGABYTE_MONTHS, byteSecondsToGibMonths(col(PVC_USAGE_BYTE_SECONDS)));
    columns.put(NAMESPACE, emptyAsNull(InputColumns.NAMESPACE));
    columns.put(NODE, emptyAsNull(InputColumns.NODE));
    columns.put(RESOURCE_ID, emptyAsNull(InputColumns.RESOURCE_ID));
    columns.put(PERSISTENTVOLUMECLAIM, emptyAsNull(InputColumns.PERSISTENTVOLUMECLAIM));
    columns.put(PERSISTENTVOLUME, emptyAsNull(InputColumns.PERSISTENTVOLUME));
    columns.put(STORAGECLASS, emptyAsNull(InputColumns.STORAGECLASS));
    return columns;
  }

  /**
   * (usage_start, persistentvolumeclaim, persistentvolume, pod, namespace, node, resource_id): the
   * distinct nodes each claim's pod ran on that day, from the scheduled pod rows (hourly or per day).
   */
  static Dataset<Row> volumeNodes(Dataset<Row> storageWithDay, Dataset<Row> podFacts) {
    Dataset<Row> podNodeIds =
        podFacts
            .transform(PodSummary::scheduledOnNode)
            .select(col(USAGE_START), col(InputColumns.NAMESPACE), col(POD), col(InputColumns.NODE), col(InputColumns.RESOURCE_ID));
    Dataset<Row> podNodes =
        KeepDistinct.groupBy(podNodeIds, col(USAGE_START), col(InputColumns.NAMESPACE), col(POD), col(InputColumns.NODE))
            .agg(max(InputColumns.RESOURCE_ID).as(InputColumns.RESOURCE_ID));
    Dataset<Row> claims =
        storageWithDay
            .select(
                col(USAGE_START),
                col(InputColumns.NAMESPACE),
                col(POD),
                col(InputColumns.PERSISTENTVOLUMECLAIM),
                col(InputColumns.PERSISTENTVOLUME))
            .distinct();
    return claims.join(podNodes, new String[] {USAGE_START, InputColumns.NAMESPACE, POD}, "inner");
  }

  /**
   * Sums the hourly rows that share a day, their row's dimensions and the four label texts (node and
   * namespace labels of the same hour, PV and PVC labels), as {@link PodSummary} does for pods: labels
   * are then parsed and merged about once per volume and day instead of once per hour. The node count
   * is constant per day and volume, so its max carries it to the final aggregation.
   */
  static Dataset<Row> aggregatePerLabelSources(Dataset<Row> attributedHourly, SummaryInputs inputs) {
    return HourlyLabels.withTextsOfTheHour(attributedHourly, inputs.nodeLabels(), inputs.namespaceLabels())
        .groupBy(
            dimensionsAnd(
                PERSISTENTVOLUME_LABELS, PERSISTENTVOLUMECLAIM_LABELS, InputColumns.NODE_LABELS, InputColumns.NAMESPACE_LABELS))
        .agg(
            max(PVC_CAPACITY_BYTES).as(PVC_CAPACITY_BYTES),
            sum(PVC_CAPACITY_BYTE_SECONDS).as(PVC_CAPACITY_BYTE_SECONDS),
            sum(VOLUME_REQUEST_STORAGE_BYTE_SECONDS).as(VOLUME_REQUEST_STORAGE_BYTE_SECONDS),
            sum(PVC_USAGE_BYTE_SECONDS).as(PVC_USAGE_BYTE_SECONDS),
            max(NODE_COUNT).as(NODE_COUNT));
  }

  /** Adds volume_labels: node, namespace, PV and PVC labels of the same hour, merged and canonical. */
  static Dataset<Row> withVolumeLabels(Dataset<Row> partialSums, LabelRules labels) {
    return labels
        .withMergedLabels(
            partialSums,
            VOLUME_LABELS,
            col(InputColumns.NODE_LABELS),
            col(InputColumns.NAMESPACE_LABELS),
            col(PERSISTENTVOLUME_LABELS),
            col(PERSISTENTVOLUMECLAIM_LABELS))
        .drop(InputColumns.NODE_LABELS, InputColumns.NAMESPACE_LABELS);
  }

  /** byte-seconds of a day to GiB-months of that day's month. */
  static Column byteSecondsToGibMonths(Column byteSeconds) {
    Column daysInMonth = functions.dayofmonth(functions.last_day(col(USAGE_START)));
    return byteSeconds.divide(daysInMonth.multiply(SECONDS_PER_DAY)).multiply(Units.GIB_PER_BYTE);
  }

  private static Column emptyAsNull(String column) {
    return functions.when(col(column).equalTo(""), lit(null).cast("string")).otherwise(col(column));
  }

  private StorageSummary() {}
}
