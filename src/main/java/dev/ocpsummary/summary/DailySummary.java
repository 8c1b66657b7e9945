package dev.ocpsummary.summary;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * All rows of the daily summary for one source and window, in {@link SummaryColumns#ALL} order. Pod
 * rows today; storage and unallocated rows join them here as they are built.
 */
public final class DailySummary {

  public static Dataset<Row> build(SummaryInputs inputs, LabelRules labels, RunIdentity identity) {
    return PodSummary.summarize(inputs, labels, identity);
  }

  private DailySummary() {}
}
