package dev.ocpsummary.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.ocpsummary.datagen.Scales;
import dev.ocpsummary.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad {@code bench} options: exit 2 and one line naming the option and the value, before anything
 * starts (no database, S3 server or data under the home folder).
 */
class BenchOptionErrorsTest {

  @TempDir Path home;

  @Test
  void anUnknownScaleIsNamedWithTheKnownOnes() {
    assertUsageError(
        "unknown scale 'huge'; scales: " + String.join(", ", Scales.NAMES), "--scales", "small,huge");
  }

  @Test
  void anUnknownModeIsNamed() {
    assertUsageError("unknown mode 'stream'; modes: cache, iterate", "--modes", "cache,stream");
  }

  @Test
  void aNumberOptionNamesItsValue() {
    assertUsageError("--runs 'five' is not a positive whole number", "--runs", "five");
    assertUsageError("--phase 4: the phases are 1, 2 and 3", "--phase", "4");
  }

  private void assertUsageError(String message, String... options) {
    CliRun result = CliRun.command(Map.of("OCP_SUMMARY_HOME", home.toString()), "bench", options);

    assertEquals(2, result.code(), result.err());
    assertEquals("ocp-summary bench: error: " + message, result.firstErrorLine());
    assertFalse(Files.exists(home.resolve("bench")), "nothing was run");
  }
}
