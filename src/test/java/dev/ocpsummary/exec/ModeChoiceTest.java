package dev.ocpsummary.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.ocpsummary.config.ExecSettings;
import dev.ocpsummary.config.ExecSettings.Mode;
import dev.ocpsummary.config.SettingsException;
import dev.ocpsummary.config.SettingsLoader;
import dev.ocpsummary.exec.DailySummaryJob.ModeChoice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mode decision on both sides of the threshold, from an override and from a benchmark's
 * threshold file; without a threshold AUTO runs CACHE and says why; a requested mode never reads a
 * footer.
 */
class ModeChoiceTest {

  private static final InputEstimate ESTIMATE = new InputEstimate(1_000_000, 12, 20, 4);
  private static final String ESTIMATED =
      "auto: 1,000,000 input rows estimated from the footers of 12 files (20 row groups overlap the window, 4 do not)";

  @TempDir Path dir;

  @Test
  void anOverrideWinsAndIteratesOnlyAboveIt() throws IOException {
    Path file = thresholdFile("{\"measured\": true, \"threshold_rows\": 10}");
    ModeChoice below = DailySummaryJob.choose(auto("streaming-threshold-rows = 1000001", file), () -> ESTIMATE);
    ModeChoice at = DailySummaryJob.choose(auto("streaming-threshold-rows = 1000000", file), () -> ESTIMATE);
    ModeChoice above = DailySummaryJob.choose(auto("streaming-threshold-rows = 999999", file), () -> ESTIMATE);

    assertEquals(Mode.CACHE, below.mode());
    assertEquals(Mode.CACHE, at.mode());
    assertEquals(Mode.ITERATE, above.mode());
    assertEquals(1_000_000L, above.estimatedRows());
    assertEquals(ESTIMATED + ", above exec.streaming-threshold-rows = 999,999 (override)", above.reason());
    assertEquals(ESTIMATED + ", not above exec.streaming-threshold-rows = 1,000,000 (override)", at.reason());
  }

  @Test
  void theBenchmarksThresholdFileDecidesAndIsNamedWithItsNumbers() throws IOException {
    Path file =
        thresholdFile(
            "{\"measured\": true, \"threshold_rows\": 999999, \"budget_heap_mib\": 4096, \"safety\": 0.8,"
                + " \"fit\": {\"cache\": {\"a\": 200.0, \"b\": 0.001}}}");

    ModeChoice choice = DailySummaryJob.choose(auto("", file), () -> ESTIMATE);

    assertEquals(Mode.ITERATE, choice.mode());
    assertEquals(
        ESTIMATED + ", above the threshold of 999,999 rows from threshold file " + file
            + " (CACHE's smallest heap 200.0 MiB + 1,000.00 MiB per million rows reaches 0.8 × 4,096 MiB heap budget there)",
        choice.reason());
    Path higher = thresholdFile("{\"measured\": true, \"threshold_rows\": 1000000}");
    assertEquals(Mode.CACHE, DailySummaryJob.choose(auto("", higher), () -> ESTIMATE).mode());
  }

  @Test
  void aNullThresholdMeansCacheAtEverySizeWithoutAnEstimate() throws IOException {
    Path file = thresholdFile("{\"measured\": true, \"threshold_rows\": null, \"budget_heap_mib\": 4096, \"safety\": 0.8}");
    AtomicInteger estimates = new AtomicInteger();

    ModeChoice choice = DailySummaryJob.choose(auto("", file), () -> {
      estimates.incrementAndGet();
      return ESTIMATE;
    });

    assertEquals(Mode.CACHE, choice.mode());
    assertEquals(
        "auto: benchmark recommends cache at every measured size (threshold file " + file + ", 0.8 × 4,096 MiB heap budget)",
        choice.reason());
    assertNull(choice.estimatedRows());
    assertEquals(0, estimates.get());
  }

  @Test
  void theShippedThresholdIsABenchmarkMeasurement() {
    // conf/threshold.json goes into the jar; it must be the threshold.json of a committed benchmark report
    ExecSettings exec = SettingsLoader.fromConfig(ConfigFactory.empty(), Map.of()).exec();
    ModeChoice choice = DailySummaryJob.choose(exec, () -> ESTIMATE);

    assertTrue(exec.autoThreshold().measured(), "the shipped threshold file says it is measured");
    assertTrue(choice.reason().contains("threshold file classpath:threshold.json"), choice.reason());
    assertFalse(choice.reason().contains("placeholder"), choice.reason());
  }

  @Test
  void aBrokenThresholdFileStopsTheRunBeforeAnyChoice() throws IOException {
    Path file = thresholdFile("{\"threshold_rows\": ");

    SettingsException e = assertThrows(SettingsException.class, () -> auto("", file));
    assertTrue(e.getMessage().startsWith("threshold file " + file + " is not valid JSON: "), e.getMessage());
  }

  @Test
  void aRequestedModeStandsWithoutAnEstimate() throws IOException {
    AtomicInteger estimates = new AtomicInteger();
    Path file = thresholdFile("{\"measured\": true, \"threshold_rows\": 0}");
    for (Mode mode : new Mode[] {Mode.CACHE, Mode.ITERATE}) {
      ModeChoice choice =
          DailySummaryJob.choose(
              auto("", file).withMode(mode, "--mode " + mode.configName()),
              () -> {
                estimates.incrementAndGet();
                return ESTIMATE;
              });
      assertEquals(mode, choice.mode());
      assertEquals("requested with --mode " + mode.configName(), choice.reason());
      assertNull(choice.estimatedRows());
    }
    assertEquals(0, estimates.get());
  }

  private Path thresholdFile(String json) throws IOException {
    Path file = Files.createTempFile(dir, "threshold", ".json");
    Files.writeString(file, json);
    return file;
  }

  /** AUTO settings with the threshold file and extra exec keys. */
  private static ExecSettings auto(String execKeys, Path thresholdFile) {
    String hocon = "ocp-summary.exec { mode = auto, threshold-file = \"" + thresholdFile + "\"\n" + execKeys + " }";
    return SettingsLoader.fromConfig(ConfigFactory.parseString(hocon), Map.of()).exec();
  }
}
