package dev.ocpsummary.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.ocpsummary.config.ExecSettings.Mode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exec and s3 keys: defaults, validation, and the s3a options they stand for. */
class ExecSettingsTest {

  @Test
  void defaultsAreAutoWithARunRecordFolderUnderHome() {
    Settings settings = SettingsLoader.fromConfig(ConfigFactory.parseString("ocp-summary.home = \"/var/tmp/ocp\""), Map.of());

    ExecSettings exec = settings.exec();
    assertEquals(Mode.AUTO, exec.mode());
    assertEquals("config key ocp-summary.exec.mode", exec.modeOrigin());
    assertEquals("MEMORY_AND_DISK", exec.storageLevel());
    assertEquals(0, exec.writePartitions());
    assertEquals(Optional.of(Path.of("/var/tmp/ocp/runs")), exec.runRecordDir());
    // the default is the benchmark's threshold shipped in the jar (conf/threshold.json)
    assertEquals("threshold file classpath:threshold.json", exec.autoThreshold().source());
    assertEquals(false, exec.autoThreshold().override());
    assertEquals(true, exec.autoThreshold().measured());
  }

  @Test
  void theThresholdComesFromTheFileUnlessOverridden(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("threshold.json");
    Files.writeString(file, "{\"measured\": true, \"threshold_rows\": 3076800, \"budget_heap_mib\": 4096, \"safety\": 0.8}");

    AutoThreshold fromFile = exec("exec.threshold-file = \"" + file + "\"").autoThreshold();
    assertEquals(3_076_800L, fromFile.rows());
    assertFalse(fromFile.override());
    assertTrue(fromFile.measured());
    assertEquals("3,076,800 rows from threshold file " + file + " (0.8 × 4,096 MiB heap budget)", fromFile.describe());

    AutoThreshold overridden =
        exec("exec { threshold-file = \"" + dir.resolve("absent.json") + "\", streaming-threshold-rows = 42 }").autoThreshold();
    assertEquals(AutoThreshold.override(42), overridden);
    assertEquals("config key ocp-summary.exec.streaming-threshold-rows = 42 (override)", overridden.describe());
  }

  @Test
  void aMissingOrBrokenThresholdFileIsOneLineNamingIt(@TempDir Path dir) throws IOException {
    Path absent = dir.resolve("absent.json");
    assertMessage(
        "config key ocp-summary.exec.threshold-file = '" + absent + "': threshold file " + absent + " does not exist",
        "exec.threshold-file = \"" + absent + "\"");

    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "{\"threshold_rows\": 12,");
    SettingsException e = assertThrows(SettingsException.class, () -> exec("exec.threshold-file = \"" + broken + "\""));
    assertTrue(e.getMessage().startsWith("threshold file " + broken + " is not valid JSON: "), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());

    Path withoutRows = dir.resolve("without-rows.json");
    Files.writeString(withoutRows, "{\"measured\": true}");
    assertMessage(
        "threshold file " + withoutRows + " has no threshold_rows (a number of rows, or null)",
        "exec.threshold-file = \"" + withoutRows + "\"");

    Path text = dir.resolve("text.json");
    Files.writeString(text, "{\"threshold_rows\": \"many\"}");
    assertMessage("threshold file " + text + ": ", "exec.threshold-file = \"" + text + "\"");
  }

  private static ExecSettings exec(String hocon) {
    return SettingsLoader.fromConfig(ConfigFactory.parseString("ocp-summary." + hocon), Map.of()).exec();
  }

  @Test
  void theProductionExampleLoads() {
    Settings settings = SettingsLoader.load(Optional.of(Path.of("conf/application.conf")), Map.of());

    assertEquals(Mode.AUTO, settings.exec().mode());
    assertEquals(16, settings.exec().writePartitions());
    assertEquals("file", settings.s3().committer());
    assertEquals(Duration.ofSeconds(5), settings.s3().connectTimeout());
    assertEquals(Duration.ofSeconds(15), settings.s3().readTimeout());
    assertEquals(Duration.ofSeconds(30), settings.s3().requestTimeout());
    assertEquals("15000ms", settings.s3().hadoopOptions().get("fs.s3a.connection.timeout"));
    assertEquals("30000ms", settings.s3().hadoopOptions().get("fs.s3a.connection.request.timeout"));
    assertFalse(settings.s3().accessKey().isSet(), "no credentials in files");
  }

  @Test
  void badValuesNameTheKeyAndTheValue() {
    assertMessage("config key ocp-summary.exec.mode = 'fast' must be one of cache, iterate, auto", "exec.mode = fast");
    assertMessage("config key ocp-summary.exec.storage-level = 'MEMORY' must be one of", "exec.storage-level = MEMORY");
    assertMessage("config key ocp-summary.exec.streaming-threshold-rows = '-1' must be 0 or more", "exec.streaming-threshold-rows = -1");
    assertMessage("config key ocp-summary.s3.committer = 'staging' must be one of [file, magic, directory, partitioned]", "s3.committer = staging");
    assertMessage("config key ocp-summary.s3.retry-limit = '-1' must be at least 0", "s3.retry-limit = -1");
  }

  @Test
  void s3SettingsBecomeS3aOptionsWithCredentialsOnlyWhenGiven() {
    Settings fromEnvironment =
        SettingsLoader.fromConfig(
            ConfigFactory.empty(),
            Map.of("S3_ENDPOINT", "http://minio:9000", "S3_ACCESS_KEY", "AKIA-TEST", "S3_SECRET_KEY", "s3cr3t"));
    Map<String, String> options = fromEnvironment.s3().hadoopOptions();
    assertEquals("http://minio:9000", options.get("fs.s3a.endpoint"));
    assertEquals("true", options.get("fs.s3a.path.style.access"));
    assertEquals("false", options.get("fs.s3a.connection.ssl.enabled"));
    assertEquals("us-east-1", options.get("fs.s3a.endpoint.region"));
    assertEquals("2", options.get("fs.s3a.retry.limit"));
    assertEquals("500ms", options.get("fs.s3a.retry.interval"));
    assertEquals("1", options.get("fs.s3a.attempts.maximum"));
    assertEquals("5000ms", options.get("fs.s3a.connection.establish.timeout"));
    assertEquals("AKIA-TEST", options.get("fs.s3a.access.key"));
    assertEquals("org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider", options.get("fs.s3a.aws.credentials.provider"));
    assertFalse(fromEnvironment.toString().contains("s3cr3t"), "secrets are redacted when settings are logged");

    Map<String, String> providerChain =
        SettingsLoader.fromConfig(ConfigFactory.parseString("ocp-summary.s3.committer = magic"), Map.of()).s3().hadoopOptions();
    assertFalse(providerChain.containsKey("fs.s3a.access.key"));
    assertFalse(providerChain.containsKey("fs.s3a.aws.credentials.provider"));
    assertEquals("magic", providerChain.get("fs.s3a.committer.name"));
    assertEquals("true", providerChain.get("fs.s3a.committer.magic.enabled"));
  }

  private static void assertMessage(String expectedPart, String hocon) {
    SettingsException e =
        assertThrows(
            SettingsException.class,
            () -> SettingsLoader.fromConfig(ConfigFactory.parseString("ocp-summary." + hocon), Map.of()));
    assertTrue(e.getMessage().contains(expectedPart), e.getMessage());
  }
}
