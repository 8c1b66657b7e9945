package dev.ocpsummary.bench;

import java.util.Comparator;
import java.util.List;

/**
 * The Python proof of concept's published OCP-only in-memory figures, the anchors our CACHE mode is
 * compared with. Source: jordigilh/poc-parquet-aggregator, docs/benchmarks/OCP_BENCHMARK_RESULTS.md
 * (medians of 3 runs, wall time from process start, peak RSS of the process tree sampled every
 * ~100 ms; MacBook Pro M2 Max, 12 cores, 32 GB RAM), as transcribed in specs/benchmark.md C.2. These
 * are the only numbers of the report not taken from our run records.
 */
public final class PocAnchors {

  public static final String SOURCE =
      "jordigilh/poc-parquet-aggregator docs/benchmarks/OCP_BENCHMARK_RESULTS.md (OCP-only, in-memory, median of 3"
          + " runs, MacBook Pro M2 Max 12 cores 32 GB; transcribed in specs/benchmark.md C.2)";

  /**
   * One published scale.
   *
   * @param timeS median wall time, seconds
   * @param peakRssMib median peak RSS, MiB
   */
  public record Anchor(String scale, long inputRows, long outputRows, double timeS, double peakRssMib) {

    public double microsPerRow() {
      return timeS * 1e6 / inputRows;
    }

    public double kibPerRow() {
      return peakRssMib * 1024 / inputRows;
    }
  }

  public static final List<Anchor> OCP_ONLY_IN_MEMORY =
      List.of(
          new Anchor("20k", 20_406, 830, 4.35, 328),
          new Anchor("50k", 50_886, 2_080, 8.49, 510),
          new Anchor("100k", 101_766, 4_160, 15.60, 839),
          new Anchor("250k", 254_408, 10_400, 37.01, 1_964),
          new Anchor("500k", 508_810, 20_800, 72.04, 3_689),
          new Anchor("1m", 1_017_615, 41_600, 139.67, 7_171),
          new Anchor("1.5m", 1_526_420, 62_400, 208.55, 8_600),
          new Anchor("2m", 2_035_225, 83_200, 282.76, 10_342));

  private PocAnchors() {}

  /** The published scale nearest to {@code inputRows} by ratio (not equal: the data differ). */
  public static Anchor nearest(long inputRows) {
    double x = Math.max(1, inputRows);
    return OCP_ONLY_IN_MEMORY.stream()
        .min(Comparator.comparingDouble(a -> Math.abs(Math.log(x / a.inputRows()))))
        .orElseThrow();
  }
}
