package dev.ocpsummary.app;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ocpsummary.config.DatabaseSettings;
import dev.ocpsummary.config.SettingsException;
import dev.ocpsummary.config.SettingsLoader;
import dev.ocpsummary.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A master that is not local needs a configured PostgreSQL: the embedded one is for local runs only. */
class NonLocalMasterTest {

  @TempDir Path home;

  @ParameterizedTest
  @ValueSource(strings = {"spark://127.0.0.1:7077", "yarn", "k8s://https://127.0.0.1:6443"})
  void withoutAPostgresUrlSummarizeFailsAtOnceWithOneLine(String master) {
    CliRun run =
        CliRun.of(
            Map.of("OCP_SUMMARY_HOME", home.toString()),
            "summarize", "--master", master, "--source", "11111111-1111-1111-1111-111111111111",
            "--start", "2025-10-01", "--end", "2025-10-01");

    assertEquals(1, run.code());
    assertEquals(
        "ocp-summary summarize: error: master " + master + " is not local, and the embedded PostgreSQL is only for"
            + " local masters: set POSTGRES_URL (or database.url in the config file) to the summary database\n",
        run.err());
    assertEquals("", run.out());
    // failed before the embedded PostgreSQL or Spark was started for the run
    assertFalse(Files.exists(home.resolve("postgres")), "the embedded PostgreSQL was started");
  }

  @Test
  void aDatabaseUrlFromTheEnvironmentOrTheConfigFileSatisfiesIt() throws Exception {
    DatabaseSettings fromEnvironment =
        SettingsLoader.load(Optional.empty(), Map.of("POSTGRES_URL", "jdbc:postgresql://db.example:5432/koku")).database();
    Path file = Files.writeString(home.resolve("app.conf"), "ocp-summary.database.url = \"jdbc:postgresql://db.example:5432/koku\"\n");
    DatabaseSettings fromFile = SettingsLoader.load(Optional.of(file), Map.of()).database();

    assertDoesNotThrow(() -> LocalDatabase.requireServerUnlessLocal("spark://127.0.0.1:7077", fromEnvironment));
    assertDoesNotThrow(() -> LocalDatabase.requireServerUnlessLocal("yarn", fromFile));
  }

  @Test
  void localMastersKeepTheEmbeddedDatabase() {
    DatabaseSettings embedded = SettingsLoader.load(Optional.empty(), Map.of()).database();

    for (String master : new String[] {"local", "local[2]", "local[*]"}) {
      assertDoesNotThrow(() -> LocalDatabase.requireServerUnlessLocal(master, embedded));
    }
    assertThrows(SettingsException.class, () -> LocalDatabase.requireServerUnlessLocal("yarn", embedded));
  }
}
