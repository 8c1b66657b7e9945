package dev.ocpsummary.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.ocpsummary.config.S3Settings;
import dev.ocpsummary.config.SettingsException;
import dev.ocpsummary.config.SettingsLoader;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** The session's configuration (s3a, tuning defaults), without starting a session. */
class SparkSessionsTest {

  @Test
  void s3SettingsReachExecutorsAsSparkHadoopKeys() {
    S3Settings s3 =
        SettingsLoader.fromConfig(
                ConfigFactory.empty(), Map.of("S3_ENDPOINT", "https://minio:9000", "S3_REGION", "eu-west-1"))
            .s3();
    SparkConf conf = new SparkConf(false);
    SparkSessions.applyS3(conf, s3);

    assertEquals("https://minio:9000", conf.get("spark.hadoop.fs.s3a.endpoint"));
    assertEquals("eu-west-1", conf.get("spark.hadoop.fs.s3a.endpoint.region"));
    assertEquals("true", conf.get("spark.hadoop.fs.s3a.path.style.access"));
    assertEquals("2", conf.get("spark.hadoop.fs.s3a.retry.limit"));
    assertFalse(conf.contains("spark.hadoop.fs.s3a.access.key"), "no keys: Hadoop's provider chain");
    assertFalse(conf.contains("spark.sql.sources.commitProtocolClass"), "the classic committer needs no binding");
  }

  @Test
  void tuningDefaultsApplyOnlyWhereSparkSubmitSetNothing() {
    var settings = SettingsLoader.fromConfig(ConfigFactory.empty(), Map.of());
    SparkConf unset = new SparkConf(false);
    SparkSessions.applyTuningDefaults(unset, settings);
    assertEquals("8", unset.get("spark.sql.shuffle.partitions"));
    assertEquals("256k", unset.get("spark.sql.adaptive.coalescePartitions.minPartitionSize"));
    assertEquals("2m", unset.get("spark.buffer.pageSize"));

    SparkConf submitted =
        new SparkConf(false)
            .set("spark.sql.shuffle.partitions", "64")
            .set("spark.sql.adaptive.coalescePartitions.minPartitionSize", "1m")
            .set("spark.buffer.pageSize", "16m");
    SparkSessions.applyTuningDefaults(submitted, settings);
    assertEquals("64", submitted.get("spark.sql.shuffle.partitions"));
    assertEquals("1m", submitted.get("spark.sql.adaptive.coalescePartitions.minPartitionSize"));
    assertEquals("16m", submitted.get("spark.buffer.pageSize"));
  }

  @Test
  void anS3aCommitterWithoutSparkHadoopCloudFailsNamingTheKey() {
    S3Settings magic =
        SettingsLoader.fromConfig(ConfigFactory.parseString("ocp-summary.s3.committer = magic"), Map.of()).s3();
    SettingsException e = assertThrows(SettingsException.class, () -> SparkSessions.applyS3(new SparkConf(false), magic));
    assertTrue(e.getMessage().startsWith("config key ocp-summary.s3.committer = 'magic' needs Spark's spark-hadoop-cloud module"), e.getMessage());
  }
}
