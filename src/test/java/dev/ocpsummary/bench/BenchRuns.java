package dev.ocpsummary.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Hand-made benchmark runs for the report's tests: every value chosen, so results are exact. */
final class BenchRuns {

  static final long ROWS_100K = 100_000;
  static final long ROWS_1M = 1_000_000;
  static final long ROWS_10M = 10_000_000;
  static final int FIXED_HEAP = 4096;

  private BenchRuns() {}

  /** A passed fixed-heap run with the given wall time and peak RSS; the other metrics derive from them. */
  static BenchRun fixed(String scale, long rows, String mode, int run, boolean warmup, double wallS, double peakRss) {
    return new BenchRun(
        BenchRun.FIXED_HEAP, scale, mode, run, warmup, FIXED_HEAP, rows, rows * 50, rows / 24, 0, true, null, "passed",
        wallS, wallS - 5, Map.of("list", 0.05 * (wallS - 5), "read", 0.25 * (wallS - 5), "aggregate", 0.3 * (wallS - 5),
            "write", 0.4 * (wallS - 5)),
        0.35 * (wallS - 5), peakRss, peakRss * 0.75, wallS * 1.5, 1.5, peakRss / 2, wallS / 10, 0L, 64L * 1024 * 1024,
        mode.equals(BenchRun.CACHE) ? 6 : 12, "runs/" + scale + "-" + mode + "-" + run + ".json", "2026-03-01T10:00:00Z");
  }

  /** A failed fixed-heap run: what a run killed by an OutOfMemoryError leaves. */
  static BenchRun failedFixed(String scale, long rows, String mode, int run, String failure) {
    return new BenchRun(
        BenchRun.FIXED_HEAP, scale, mode, run, false, FIXED_HEAP, rows, rows * 50, null, 1, false, failure, "skipped",
        33.0, null, null, null, 2000.0, null, 40.0, 1.2, null, null, null, null, null, null, "2026-03-01T11:00:00Z");
  }

  /** A heap-sweep run at {@code heapMib}. */
  static BenchRun sweep(String scale, long rows, String mode, int run, int heapMib, boolean passed) {
    return new BenchRun(
        BenchRun.HEAP_SWEEP, scale, mode, run, false, heapMib, rows, rows * 50, passed ? rows / 24 : null,
        passed ? 0 : 1, passed, passed ? null : "java.lang.OutOfMemoryError: Java heap space", passed ? "passed" : "skipped",
        20.0, passed ? 15.0 : null, null, null, heapMib * 1.2, null, 30.0, 1.5, null, null, null, null, null, null,
        "2026-03-01T12:00:00Z");
  }

  /** Sweep runs whose smallest viable heap is exactly {@code heap}: heap − 100 fails, heap and heap + 512 pass. */
  static List<BenchRun> sweepTo(String scale, long rows, String mode, int heap) {
    return List.of(
        sweep(scale, rows, mode, 1, heap + 512, true),
        sweep(scale, rows, mode, 2, heap, true),
        sweep(scale, rows, mode, 3, heap - 100, false));
  }

  /** Heaps on exact lines: cache 200 + 0.001·rows, iterate 300 + {@code iterateSlope}·rows. */
  static List<BenchRun> linearSweep(double iterateSlope, long... rows) {
    List<BenchRun> runs = new ArrayList<>();
    for (long r : rows) {
      String scale = name(r);
      runs.addAll(sweepTo(scale, r, BenchRun.CACHE, (int) Math.round(200 + 0.001 * r)));
      runs.addAll(sweepTo(scale, r, BenchRun.ITERATE, (int) Math.round(300 + iterateSlope * r)));
    }
    return runs;
  }

  static String name(long rows) {
    return rows >= 1_000_000 ? rows / 1_000_000 + "m" : rows / 1_000 + "k";
  }

  /**
   * Three scales × two modes × (one warm-up + three measured runs), one failed ITERATE run at 1m, and
   * the linear heap sweep (iterate 300 + 0.00001·rows).
   */
  static List<BenchRun> threeScales() {
    List<BenchRun> runs = new ArrayList<>();
    addScale(runs, "100k", ROWS_100K, new double[] {10, 11, 12}, new double[] {900, 950, 1000}, new double[] {20, 21, 25},
        new double[] {800, 850, 990});
    addScale(runs, "1m", ROWS_1M, new double[] {20, 22, 24}, new double[] {2000, 2100, 2200}, new double[] {40, 41, 45},
        new double[] {1000, 1050, 1100});
    addScale(runs, "10m", ROWS_10M, new double[] {100, 110, 130}, new double[] {3000, 3100, 3200}, new double[] {90, 95, 99},
        new double[] {1200, 1300, 1400});
    runs.add(failedFixed("1m", ROWS_1M, BenchRun.ITERATE, 4, "java.lang.OutOfMemoryError: Java heap space | in day 3"));
    runs.addAll(linearSweep(0.00001, ROWS_100K, ROWS_1M, ROWS_10M));
    return runs;
  }

  private static void addScale(
      List<BenchRun> runs, String scale, long rows, double[] cacheWall, double[] cacheRss, double[] iterateWall, double[] iterateRss) {
    runs.add(fixed(scale, rows, BenchRun.CACHE, 1, true, 99, 9999));
    runs.add(fixed(scale, rows, BenchRun.ITERATE, 1, true, 99, 9999));
    // Interleaved as the runner records them: cache, iterate, cache, iterate...
    for (int i = 0; i < 3; i++) {
      runs.add(fixed(scale, rows, BenchRun.CACHE, i + 2, false, cacheWall[i], cacheRss[i]));
      runs.add(fixed(scale, rows, BenchRun.ITERATE, i + 2, false, iterateWall[i], iterateRss[i]));
    }
  }

  static Environment environment(Integer budgetHeapMib, Double safety) {
    return new Environment(
        new Environment.Machine("Test CPU @ 2.0GHz", 2, 7_951L), "Linux 6.1", "17.0.15", "4.2.0", "abc1234", "local[2]", 8,
        true, "S3Proxy 4.1.0", "PostgreSQL 17.5", budgetHeapMib, safety, Map.of("spark.driver.maxResultSize", "1g"),
        "2026-03-01T09:00:00Z");
  }
}
