package dev.ocpsummary.summary;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * All rows of the daily summary for one source and window, in {@link SummaryColumns#ALL} order: Pod
 * rows, Storage rows, and the unallocated capacity rows computed from the Pod rows.
 */
public final class DailySummary {

  /**
   * The summary, computing every intermediate result wherever it is used. Node capacity, node roles
   * and the nodes of volumes read the narrow columns they need from the hourly rows, which costs
   * less than reducing every row to {@link PodDays} once more for each of them.
   */
  public static Dataset<Row> build(SummaryInputs inputs, LabelRules labels, RunIdentity identity) {
    Dataset<Row> hourly = PodSummary.withUsageDay(inputs.podUsage());
    return parts(
            inputs, PodDays.of(inputs), NodeCapacity.perNodeAndDay(hourly), hourly, labels, identity, SharedResults.RECOMPUTE)
        .all();
  }

  /**
   * The summary from the window's {@link PodDays} and node capacity ({@link
   * NodeCapacity#perNodeAndDay}), in two parts; the pod days also give the node roles and the nodes of
   * volumes. The intermediate results that several parts read pass through {@code shared}, the Pod
   * rows among them.
   */
  public static Parts parts(
      SummaryInputs inputs, Dataset<Row> podDays, Dataset<Row> nodeCapacity, LabelRules labels, RunIdentity identity,
      SharedResults shared) {
    return parts(inputs, podDays, nodeCapacity, podDays, labels, identity, shared);
  }

  /**
   * The summary as the Pod rows and the rest (Storage and unallocated rows, the latter computed from
   * the Pod rows), so that the Pod rows, most of the summary, can be written while the rest is
   * computed.
   */
  public record Parts(Dataset<Row> podRows, Dataset<Row> otherRows) {

    /** All rows of the summary. */
    public Dataset<Row> all() {
      return podRows.unionByName(otherRows);
    }
  }

  /** @param podFacts rows with usage_start, namespace, pod, node, resource_id and node_role: hourly or pod days */
  private static Parts parts(
      SummaryInputs inputs, Dataset<Row> podDays, Dataset<Row> nodeCapacity, Dataset<Row> podFacts, LabelRules labels,
      RunIdentity identity, SharedResults shared) {
    Dataset<Row> podRows =
        shared.share(PodSummary.summarize(inputs, podDays, shared.share(nodeCapacity), labels, identity));
    Dataset<Row> storageRows = StorageSummary.summarize(inputs, podFacts, labels, identity);
    Dataset<Row> unallocatedRows =
        UnallocatedCapacity.summarize(
            podRows,
            shared.share(NodeRoles.derive(podFacts, inputs.nodeLabels())),
            inputs.costCategoryPatterns(),
            identity);
    return new Parts(podRows, storageRows.unionByName(unallocatedRows));
  }

  private DailySummary() {}
}
