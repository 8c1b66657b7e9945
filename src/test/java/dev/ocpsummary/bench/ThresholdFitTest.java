package dev.ocpsummary.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The threshold rule on exact lines, and every way it declines to recommend a switch. */
class ThresholdFitTest {

  private static final ThresholdFit.Budget BUDGET = new ThresholdFit.Budget(4096, 0.8, "test");

  private static ThresholdFit.Result fit(List<BenchRun> runs, ThresholdFit.Budget budget) {
    return ThresholdFit.fit(RunStatistics.of(runs), budget);
  }

  @Test
  void theThresholdIsWhereCachesLineReachesTheSafeBudget() {
    ThresholdFit.Result fit = fit(BenchRuns.linearSweep(0.00001, 100_000, 1_000_000, 10_000_000), BUDGET);

    ThresholdFit.Line cache = fit.fits().get(BenchRun.CACHE);
    assertEquals(200, cache.a(), 1e-6);
    assertEquals(0.001, cache.b(), 1e-12);
    assertEquals(1, cache.r2(), 1e-12);
    assertEquals(3, cache.n());
    assertEquals(300, fit.fits().get(BenchRun.ITERATE).a(), 1e-6);
    assertEquals(0.00001, fit.fits().get(BenchRun.ITERATE).b(), 1e-12);
    // (0.8 × 4096 − 200) / 0.001
    assertEquals(3_076_800L, fit.thresholdRows());
    assertEquals(3_076_800L * 50, fit.thresholdBytes());
    assertTrue(fit.measured());
    assertFalse(fit.extrapolated());
    assertEquals(10_000_000L, fit.testedMaxRows());
    assertEquals("Switch to ITERATE above 3,076,800 input rows (≈ 146.7 MiB of Parquet).", fit.recommendation());
  }

  @Test
  void equalSlopesMeanNeverSwitch() {
    ThresholdFit.Result fit = fit(BenchRuns.linearSweep(0.001, 100_000, 1_000_000, 10_000_000), BUDGET);

    assertNull(fit.thresholdRows());
    assertTrue(fit.measured());
    assertEquals("Never switch: use cache at every size.", fit.recommendation());
    assertTrue(fit.why().contains("is not significantly lower than CACHE's"), fit.why());
  }

  @Test
  void aSteeperIterateSlopeAlsoMeansNeverSwitch() {
    ThresholdFit.Result fit = fit(BenchRuns.linearSweep(0.002, 100_000, 1_000_000, 10_000_000), BUDGET);

    assertNull(fit.thresholdRows());
    assertTrue(fit.measured());
  }

  @Test
  void aThresholdBeyondTheLargestTestedSizeIsMarkedExtrapolated() {
    ThresholdFit.Result fit = fit(BenchRuns.linearSweep(0.00001, 100_000, 1_000_000, 2_000_000), BUDGET);

    assertEquals(3_076_800L, fit.thresholdRows());
    assertTrue(fit.extrapolated());
    assertTrue(fit.recommendation().endsWith("extrapolated: beyond the largest tested input (2,000,000 rows)."), fit.recommendation());
  }

  @Test
  void aBudgetBelowCachesInterceptMeansIterateAlways() {
    ThresholdFit.Result fit = fit(BenchRuns.linearSweep(0.00001, 100_000, 1_000_000, 10_000_000), new ThresholdFit.Budget(200, 0.8, "test"));

    assertEquals(0L, fit.thresholdRows());
    assertTrue(fit.why().contains("clamped to 0"), fit.why());
  }

  @Test
  void twoScalesFitLinesButCannotTestTheSlopes() {
    ThresholdFit.Result fit = fit(BenchRuns.linearSweep(0.00001, 100_000, 1_000_000), BUDGET);

    assertEquals(2, fit.fits().size());
    assertTrue(Double.isNaN(fit.fits().get(BenchRun.CACHE).slopeCiLow()));
    assertNull(fit.thresholdRows());
    assertTrue(fit.why().startsWith("the slopes cannot be compared for significance with fewer than 3 scales per mode"), fit.why());
  }

  @Test
  void fewerThanTwoScalesDeriveNoFit() {
    ThresholdFit.Result fit = fit(BenchRuns.linearSweep(0.00001, 1_000_000), BUDGET);

    assertTrue(fit.fits().isEmpty());
    assertFalse(fit.measured());
    assertNull(fit.thresholdRows());
    assertEquals(
        "No recommendation derived: a line needs the smallest viable heap at 2 or more scales per mode, and cache has"
            + " a smallest viable heap at 1 scale(s), iterate has a smallest viable heap at 1 scale(s).",
        fit.recommendation());
  }

  @Test
  void notFoundHeapsStayOutOfTheFit() {
    List<BenchRun> runs = new ArrayList<>(BenchRuns.linearSweep(0.00001, 100_000, 1_000_000, 10_000_000));
    runs.add(BenchRuns.sweep("20m", 20_000_000, BenchRun.CACHE, 1, 16_384, false));
    runs.addAll(BenchRuns.sweepTo("20m", 20_000_000, BenchRun.ITERATE, 500));

    ThresholdFit.Result fit = fit(runs, BUDGET);

    assertEquals(3, fit.fits().get(BenchRun.CACHE).n());
    assertEquals(4, fit.fits().get(BenchRun.ITERATE).n());
    assertEquals(8, fit.points().size());
    assertEquals(3_076_800L, fit.thresholdRows());
  }

  @Test
  void withoutABudgetThereIsNoRecommendation() {
    ThresholdFit.Result fit = fit(BenchRuns.linearSweep(0.00001, 100_000, 1_000_000, 10_000_000), null);

    assertFalse(fit.measured());
    assertNull(fit.thresholdRows());
    assertTrue(fit.recommendation().startsWith("No recommendation derived: no memory budget B"), fit.recommendation());
  }
}
