package dev.ocpsummary.summary;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * All rows of the daily summary for one source and window, in {@link SummaryColumns#ALL} order: Pod
 * rows, Storage rows, and the unallocated capacity rows computed from the Pod rows.
 */
public final class DailySummary {

  public static Dataset<Row> build(SummaryInputs inputs, LabelRules labels, RunIdentity identity) {
    Dataset<Row> podRows = PodSummary.summarize(inputs, labels, identity);
    Dataset<Row> storageRows = StorageSummary.summarize(inputs, labels, identity);
    Dataset<Row> unallocatedRows =
        UnallocatedCapacity.summarize(
            podRows,
            NodeRoles.derive(inputs.podUsage(), inputs.nodeLabels()),
            inputs.costCategoryPatterns(),
            identity);
    return podRows.unionByName(storageRows).unionByName(unallocatedRows);
  }

  private DailySummary() {}
}
