package dev.ocpsummary.summary;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * All rows of the daily summary for one source and window, in {@link SummaryColumns#ALL} order: Pod
 * rows, Storage rows, and the unallocated capacity rows computed from the Pod rows.
 */
public final class DailySummary {

  /** The summary, computing every intermediate result wherever it is used. */
  public static Dataset<Row> build(SummaryInputs inputs, LabelRules labels, RunIdentity identity) {
    return build(inputs, labels, identity, SharedResults.RECOMPUTE);
  }

  /** The summary, with the intermediate results that several parts read passed through {@code shared}. */
  public static Dataset<Row> build(SummaryInputs inputs, LabelRules labels, RunIdentity identity, SharedResults shared) {
    Dataset<Row> podRows = shared.share(PodSummary.summarize(inputs, labels, identity, shared));
    Dataset<Row> storageRows = StorageSummary.summarize(inputs, labels, identity);
    Dataset<Row> unallocatedRows =
        UnallocatedCapacity.summarize(
            podRows,
            shared.share(NodeRoles.derive(inputs.podUsage(), inputs.nodeLabels())),
            inputs.costCategoryPatterns(),
            identity);
    return podRows.unionByName(storageRows).unionByName(unallocatedRows);
  }

  private DailySummary() {}
}
