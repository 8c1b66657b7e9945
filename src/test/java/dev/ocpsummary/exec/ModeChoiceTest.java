package dev.ocpsummary.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ocpsummary.config.ExecSettings;
import dev.ocpsummary.config.ExecSettings.Mode;
import dev.ocpsummary.exec.DailySummaryJob.ModeChoice;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The mode decision on both sides of the threshold; a requested mode never reads a footer. */
class ModeChoiceTest {

  private static final InputEstimate ESTIMATE = new InputEstimate(1_000_000, 12, 20, 4);

  @Test
  void autoIteratesOnlyAboveTheThreshold() {
    ModeChoice below = DailySummaryJob.choose(settings(Mode.AUTO, 1_000_001), () -> ESTIMATE);
    ModeChoice at = DailySummaryJob.choose(settings(Mode.AUTO, 1_000_000), () -> ESTIMATE);
    ModeChoice above = DailySummaryJob.choose(settings(Mode.AUTO, 999_999), () -> ESTIMATE);

    assertEquals(Mode.CACHE, below.mode());
    assertEquals(Mode.CACHE, at.mode());
    assertEquals(Mode.ITERATE, above.mode());
    assertEquals(1_000_000L, above.estimatedRows());
    assertEquals(
        "auto: 1,000,000 input rows estimated from the footers of 12 files (20 row groups overlap the window,"
            + " 4 do not), above exec.streaming-threshold-rows = 999,999",
        above.reason());
    assertEquals(
        "auto: 1,000,000 input rows estimated from the footers of 12 files (20 row groups overlap the window,"
            + " 4 do not), not above exec.streaming-threshold-rows = 1,000,000",
        at.reason());
  }

  @Test
  void aRequestedModeStandsWithoutAnEstimate() {
    AtomicInteger estimates = new AtomicInteger();
    for (Mode mode : new Mode[] {Mode.CACHE, Mode.ITERATE}) {
      ModeChoice choice =
          DailySummaryJob.choose(
              settings(mode, 0).withMode(mode, "--mode " + mode.configName()),
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

  private static ExecSettings settings(Mode mode, long threshold) {
    return new ExecSettings(mode, "config key ocp-summary.exec.mode", threshold, "MEMORY_AND_DISK", 0, Optional.empty());
  }
}
