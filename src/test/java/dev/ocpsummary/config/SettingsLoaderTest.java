package dev.ocpsummary.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {

  @Test
  void defaultsAreTheEmbeddedSetup() {
    Settings settings = SettingsLoader.load(Optional.empty(), Map.of());

    assertTrue(settings.database().embedded());
    assertEquals("public", settings.database().schema());
    assertEquals(54329, settings.database().embeddedPort());
    assertEquals(InputLayout.KOKU, settings.input().layout());
    assertEquals("org1234567", settings.input().org());
    assertTrue(settings.input().root().endsWith(".ocp-summary/input"), settings.input().root());
    assertEquals(Optional.empty(), settings.summary().enabledTagKeys());
    assertEquals(List.of(), settings.summary().costCategories());
    assertEquals(8, settings.shufflePartitions());
    assertEquals(DuplicateRowPolicy.DROP, settings.input().duplicateRows());
    assertTrue(settings.database().lockWait().waitsForever());
  }

  @Test
  void duplicateRowsAndLockWaitAreReadAndValidated() {
    assertEquals(
        DuplicateRowPolicy.REJECT, fromHocon("ocp-summary.input.duplicate-rows = reject").input().duplicateRows());
    assertEquals(LockWait.failAtOnce(), fromHocon("ocp-summary.database.lock-wait = fail").database().lockWait());
    assertEquals(LockWait.forever(), fromHocon("ocp-summary.database.lock-wait = WAIT").database().lockWait());
    assertEquals(
        LockWait.atMost(java.time.Duration.ofSeconds(30)),
        fromHocon("ocp-summary.database.lock-wait = 30s").database().lockWait());
    assertEquals("30s", fromHocon("ocp-summary.database.lock-wait = 30s").database().lockWait().describe());
    assertEquals(LockWait.failAtOnce(), fromHocon("ocp-summary.database.lock-wait = 0s").database().lockWait());

    assertMessage(
        "ocp-summary.input.duplicate-rows = 'keep' must be one of [drop, reject]", "ocp-summary.input.duplicate-rows = keep");
    assertMessage(
        "ocp-summary.database.lock-wait = 'sometimes' must be wait, fail or a duration such as 30s",
        "ocp-summary.database.lock-wait = sometimes");
    assertMessage("ocp-summary.database.lock-wait = '-5s' must not be negative", "ocp-summary.database.lock-wait = -5s");
  }

  @Test
  void environmentVariablesOverrideConfigFiles(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("app.conf");
    Files.writeString(file, "ocp-summary.database { url = \"jdbc:postgresql://from-file/db\", schema = from_file }\n");

    Settings settings =
        SettingsLoader.load(
            Optional.of(file),
            Map.of("POSTGRES_URL", "jdbc:postgresql://from-env/db", "POSTGRES_PASSWORD", "s3cr3t-value", "OCP_SUMMARY_HOME", dir.toString()));

    assertEquals("jdbc:postgresql://from-env/db", settings.database().jdbcUrl());
    assertEquals("from_file", settings.database().schema());
    assertEquals("s3cr3t-value", settings.database().password().value());
    assertEquals(dir.toAbsolutePath(), settings.home());
    assertFalse(settings.toString().contains("s3cr3t-value"), "the password must not appear in the logged settings");
  }

  @Test
  void configFileSetsListsAndPatterns(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("app.conf");
    Files.writeString(
        file,
        """
        ocp-summary.summary {
          enabled-tag-keys = [app, environment]
          cost-categories = [ { pattern = "openshift-%", id = 1 }, { pattern = "kube-%", id = 2 } ]
          report-period-id = 7
        }
        """);

    SummarySettings summary = SettingsLoader.load(Optional.of(file), Map.of()).summary();

    assertEquals(Optional.of(List.of("app", "environment")), summary.enabledTagKeys());
    assertEquals(
        List.of(new CostCategoryPattern("openshift-%", 1), new CostCategoryPattern("kube-%", 2)), summary.costCategories());
    assertEquals(Optional.of(7), summary.reportPeriodId());
  }

  @Test
  void badValuesNameTheKeyAndTheValue() {
    assertMessage("ocp-summary.input.layout = 'parquet'", "ocp-summary.input.layout = parquet");
    assertMessage("ocp-summary.database.schema = 'bad-schema;drop'", "ocp-summary.database.schema = \"bad-schema;drop\"");
    assertMessage("ocp-summary.database.embedded.port = '70000'", "ocp-summary.database.embedded.port = 70000");
    assertMessage("unknown config key ocp-summary.database.passwrd", "ocp-summary.database.passwrd = x");
    assertMessage("ocp-summary.summary.enabled-tag-keys", "ocp-summary.summary.enabled-tag-keys = all");
  }

  @Test
  void aMissingConfigFileIsNamed() {
    SettingsException e =
        assertThrows(SettingsException.class, () -> SettingsLoader.load(Optional.of(Path.of("no/such/file.conf")), Map.of()));
    assertTrue(e.getMessage().contains("no/such/file.conf"), e.getMessage());
  }

  private static Settings fromHocon(String hocon) {
    return SettingsLoader.fromConfig(ConfigFactory.parseString(hocon), Map.of());
  }

  private static void assertMessage(String expectedPart, String hocon) {
    SettingsException e =
        assertThrows(SettingsException.class, () -> SettingsLoader.fromConfig(ConfigFactory.parseString(hocon), Map.of()));
    assertTrue(e.getMessage().contains(expectedPart), e.getMessage());
  }
}
