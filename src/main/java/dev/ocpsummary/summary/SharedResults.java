package dev.ocpsummary.summary;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What the summary does with an intermediate result that several of its parts read: the node
 * capacity (joined per node and summed per cluster), the Pod rows (written, and the input of the
 * unallocated rows) and the node roles. Spark does not share such a result between the branches of
 * one plan by itself, so without sharing each branch computes it again from the hourly rows.
 *
 * <p>CACHE persists them; ITERATE computes a day at a time and keeps nothing ({@link #RECOMPUTE}).
 */
@FunctionalInterface
public interface SharedResults {

  /** Shares nothing: every use computes the result again. */
  SharedResults RECOMPUTE = rows -> rows;

  /** The Dataset that every use of {@code result} should read. */
  Dataset<Row> share(Dataset<Row> result);
}
