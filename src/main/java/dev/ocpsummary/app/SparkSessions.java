package dev.ocpsummary.app;

import dev.ocpsummary.config.S3Settings;
import dev.ocpsummary.config.Settings;
import dev.ocpsummary.config.SettingsException;
import dev.ocpsummary.config.SparkTuningKeys;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the job's SparkSession. The master comes from spark-submit ({@code spark.master}); only when
 * nothing set it does {@code --master}, or else {@code local[*]}, apply. Settings the job needs for
 * correctness (UTC session time zone) are always set; tuning defaults only when spark-submit left them
 * unset; the s3a connector is configured from {@link S3Settings} (endpoint, path style, region,
 * credentials or Hadoop's provider chain, SSL, bounded retries, and the committer for writes).
 */
final class SparkSessions {

  /** Spark's cloud committer bindings, from the spark-hadoop-cloud module. */
  static final String CLOUD_COMMIT_PROTOCOL = "org.apache.spark.internal.io.cloud.PathOutputCommitProtocol";

  static final String CLOUD_PARQUET_COMMITTER = "org.apache.spark.internal.io.cloud.BindingParquetOutputCommitter";

  /**
   * Adaptive execution merges shuffle partitions down to this size ({@link
   * SparkTuningKeys#MIN_SHUFFLE_PARTITION_SIZE}), not Spark's 1 MB. The label merges parse JSON for
   * every row: their input is a few MB of shuffle but a second or more of CPU, which Spark's default
   * runs as one task on one core.
   */
  static final String MIN_SHUFFLE_PARTITION_SIZE = "256k";

  /**
   * Memory pages ({@link SparkTuningKeys#PAGE_SIZE}) of 2 MiB for hash aggregations and sorts, not the
   * size Spark derives from the heap
   * (32 MiB with a 2 GiB heap on 2 cores). Every aggregating or sorting task takes at least one page,
   * however few its rows: a run has a few hundred such tasks, mostly small, and pages that large went
   * straight into the old generation and brought full collections. Read when the SparkContext
   * starts, so it cannot be adopted by a session that spark-submit started.
   */
  static final String PAGE_SIZE = "2m";

  private SparkSessions() {}

  /** The master the session will run on: spark-submit's, else {@code --master}, else {@code local[*]}. */
  static String master(Optional<String> option) {
    SparkConf conf = new SparkConf();
    return conf.contains("spark.master") ? conf.get("spark.master") : option.orElse("local[*]");
  }

  static SparkSession getOrCreate(Settings settings, Optional<String> master) {
    SparkConf conf = new SparkConf();
    conf.setMaster(master(master));
    conf.setIfMissing("spark.app.name", "ocp-daily-summary");
    conf.set("spark.sql.session.timeZone", "UTC");
    applyTuningDefaults(conf, settings);
    if (conf.get("spark.master").startsWith("local")) {
      conf.setIfMissing("spark.ui.enabled", "false");
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
    }
    applyS3(conf, settings.s3());
    return SparkSession.builder().config(conf).getOrCreate();
  }

  /**
   * Shuffle partitions, their smallest merged size and the memory page size, where spark-submit did
   * not set them.
   */
  static void applyTuningDefaults(SparkConf conf, Settings settings) {
    tuningDefaults(settings).forEach(conf::setIfMissing);
    conf.setIfMissing(SparkTuningKeys.PAGE_SIZE, PAGE_SIZE);
  }

  /** The tuning defaults a running session can still take. */
  private static Map<String, String> tuningDefaults(Settings settings) {
    return Map.of(
        "spark.sql.shuffle.partitions", Integer.toString(settings.shufflePartitions()),
        SparkTuningKeys.MIN_SHUFFLE_PARTITION_SIZE, MIN_SHUFFLE_PARTITION_SIZE);
  }

  /**
   * Applies the settings to a session started before they were known (a config file shipped with
   * {@code --files} is only readable once the SparkContext runs): the tuning defaults where
   * spark-submit did not set them, the committer, and the s3a options, on the context's Hadoop
   * configuration, which Spark ships with every file scan and write.
   */
  static SparkSession adopt(SparkSession spark, Settings settings) {
    SparkConf submitted = new SparkConf();
    tuningDefaults(settings).forEach(
        (key, value) -> {
          if (!submitted.contains(key)) {
            spark.conf().set(key, value);
          }
        });
    SparkConf s3 = new SparkConf(false);
    applyS3(s3, settings.s3());
    for (scala.Tuple2<String, String> entry : s3.getAll()) {
      if (entry._1().startsWith("spark.hadoop.")) {
        spark.sparkContext().hadoopConfiguration().set(entry._1().substring("spark.hadoop.".length()), entry._2());
      } else {
        spark.conf().set(entry._1(), entry._2());
      }
    }
    return spark;
  }

  /**
   * The s3a settings for {@code s3a://} URIs, as {@code spark.hadoop.*} keys so that executors get
   * them too; credentials only when given, else Hadoop's provider chain. An S3A committer also binds
   * Spark's commit protocol to it, which needs the spark-hadoop-cloud module.
   *
   * @throws SettingsException if an S3A committer is configured and spark-hadoop-cloud is missing
   */
  static void applyS3(SparkConf conf, S3Settings s3) {
    s3.hadoopOptions().forEach((key, value) -> conf.set("spark.hadoop." + key, value));
    if (!s3.committer().equals("file")) {
      try {
        Class.forName(CLOUD_COMMIT_PROTOCOL, false, SparkSessions.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new SettingsException(
            "config key ocp-summary.s3.committer = '" + s3.committer() + "' needs Spark's spark-hadoop-cloud module"
                + " (org.apache.spark:spark-hadoop-cloud_2.13) on the classpath; use \"file\" without it");
      }
      conf.set("spark.sql.sources.commitProtocolClass", CLOUD_COMMIT_PROTOCOL);
      conf.set("spark.sql.parquet.output.committer.class", CLOUD_PARQUET_COMMITTER);
    }
  }
}
