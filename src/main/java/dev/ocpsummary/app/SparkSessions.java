package dev.ocpsummary.app;

import dev.ocpsummary.config.S3Settings;
import dev.ocpsummary.config.Settings;
import java.util.Optional;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the job's SparkSession. The master comes from spark-submit ({@code spark.master}); only when
 * nothing set it does {@code --master}, or else {@code local[*]}, apply. Settings the job needs for
 * correctness (UTC session time zone) are always set; tuning defaults only when spark-submit left them
 * unset; the s3a connector is configured from {@link S3Settings}.
 */
final class SparkSessions {

  private SparkSessions() {}

  static SparkSession getOrCreate(Settings settings, Optional<String> master) {
    SparkConf conf = new SparkConf();
    if (!conf.contains("spark.master")) {
      conf.setMaster(master.orElse("local[*]"));
    }
    conf.setIfMissing("spark.app.name", "ocp-daily-summary");
    conf.set("spark.sql.session.timeZone", "UTC");
    conf.setIfMissing("spark.sql.shuffle.partitions", Integer.toString(settings.shufflePartitions()));
    if (conf.get("spark.master").startsWith("local")) {
      conf.setIfMissing("spark.ui.enabled", "false");
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
    }
    applyS3(conf, settings.s3());
    return SparkSession.builder().config(conf).getOrCreate();
  }

  /** The s3a settings for {@code s3a://} URIs; credentials only when given, else Hadoop's provider chain. */
  static void applyS3(SparkConf conf, S3Settings s3) {
    String prefix = "spark.hadoop.fs.s3a.";
    if (!s3.endpoint().isEmpty()) {
      conf.set(prefix + "endpoint", s3.endpoint());
    }
    conf.set(prefix + "endpoint.region", s3.region());
    conf.set(prefix + "path.style.access", Boolean.toString(s3.pathStyleAccess()));
    conf.set(prefix + "connection.ssl.enabled", Boolean.toString(s3.sslEnabled()));
    if (s3.accessKey().isSet()) {
      conf.set(prefix + "access.key", s3.accessKey().value());
      conf.set(prefix + "secret.key", s3.secretKey().value());
      conf.set(prefix + "aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    }
  }
}
