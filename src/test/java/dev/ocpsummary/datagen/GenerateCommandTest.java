package dev.ocpsummary.datagen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocpsummary.testing.CliRun;
import dev.ocpsummary.testing.PostgresFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line of generate and import-nise: bad input gives one clear line and a non-zero exit. */
class GenerateCommandTest {

  @TempDir Path work;

  private SummaryCheck cli() {
    return new SummaryCheck(PostgresFixture.freshSchema(GenerateCommandTest.class), work.resolve("home"));
  }

  @Test
  void anUnknownScaleListsTheKnownOnes() {
    CliRun result = cli().run("generate", "--scale", "huge", "--out", work.toString());
    assertEquals(2, result.code());
    assertTrue(
        result.err().contains(
            "unknown scale 'huge'; known scales: small, medium, large, xlarge, xxlarge, production-small, production-medium, "
                + "production-large, poc-20k, poc-50k, poc-100k, poc-250k, poc-500k, poc-1m, poc-1.5m, poc-2m"),
        result.err());
  }

  @Test
  void aMalformedManifestFailsWithOneLineNamingKeyAndLine() throws Exception {
    Path manifest = work.resolve("bad.yml");
    Files.writeString(
        manifest,
        """
        generators:
          - OCPGenerator:
              nodes:
                - node:
                  node_name: n1
                  memory_gig: lots
        """);
    CliRun result = cli().run("generate", "--manifest", manifest.toString(), "--out", work.resolve("out").toString());
    assertEquals(1, result.code());
    assertEquals("ocp-summary generate: error: " + manifest + " line 6: key 'memory_gig': 'lots' is not a number", result.lastErrorLine());
    assertEquals(1, result.err().lines().count(), result.err());
  }

  @Test
  void scaleAndManifestAreExclusiveAndTheLayoutIsChecked() {
    assertEquals(2, cli().run("generate", "--out", work.toString()).code());
    CliRun layout = cli().run("generate", "--scale", "small", "--layout", "hive", "--out", work.toString());
    assertEquals(2, layout.code());
    assertTrue(layout.err().contains("--layout 'hive' is not koku or poc"), layout.err());
  }

  @Test
  void importOfAFolderWithoutCsvFails() {
    CliRun result = cli().run("import-nise", "--csv-dir", work.toString(), "--out", work.resolve("out").toString());
    assertEquals(1, result.code());
    assertEquals("ocp-summary import-nise: error: --csv-dir " + work + " holds no .csv file", result.lastErrorLine());
  }
}
