package dev.ocpsummary.summary;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Column;

/**
 * Keeps a {@code distinct} below an aggregation that takes the max of a text column.
 *
 * <p>A max over text cannot be hash-aggregated, so Spark sorts every input row to compute it. Taking
 * the distinct rows first (a hash aggregation) leaves few rows to sort, but Spark's optimizer
 * removes a distinct below an aggregation whose functions ignore duplicates (max, min), undoing
 * that. Adding a count of the distinct rows to the aggregation keeps the distinct in the plan; the
 * count itself is dropped.
 */
final class KeepDistinct {

  /** The column that {@link #rowCount()} adds; drop it after the aggregation. */
  static final String COLUMN = "distinct_rows_of_group";

  /** An aggregate function to add beside the max: counts the distinct rows of the group. */
  static Column rowCount() {
    return count(lit(1)).as(COLUMN);
  }

  private KeepDistinct() {}
}
