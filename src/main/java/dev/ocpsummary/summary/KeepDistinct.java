package dev.ocpsummary.summary;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.RelationalGroupedDataset;
import org.apache.spark.sql.Row;

/**
 * Groups the distinct rows of a Dataset so that Spark keeps the distinct, for aggregations that take
 * the max of a text column.
 *
 * <p>A max over text cannot be hash-aggregated, so Spark sorts every input row to compute it. Taking
 * the distinct rows first (a hash aggregation) leaves few rows to sort, but Spark's optimizer
 * removes a distinct directly below an aggregation whose functions ignore duplicates (max, min),
 * undoing that. A repartition by the grouping keys between the two keeps the distinct; it costs no
 * extra shuffle, since the grouping needs its rows partitioned by those keys anyway.
 */
final class KeepDistinct {

  /** The distinct rows of {@code rows}, grouped by {@code keys}. */
  static RelationalGroupedDataset groupBy(Dataset<Row> rows, Column... keys) {
    return rows.distinct().repartition(keys).groupBy(keys);
  }

  private KeepDistinct() {}
}
