package dev.ocpsummary.config;

/**
 * The Spark settings the job tunes where it starts the SparkContext itself ({@code app.SparkSessions}),
 * and which the run record and the benchmark report therefore show, by their Spark keys.
 */
public final class SparkTuningKeys {

  /** The size adaptive execution merges shuffle partitions down to. */
  public static final String MIN_SHUFFLE_PARTITION_SIZE = "spark.sql.adaptive.coalescePartitions.minPartitionSize";

  /** The memory page size of hash aggregations and sorts. */
  public static final String PAGE_SIZE = "spark.buffer.pageSize";

  private SparkTuningKeys() {}
}
