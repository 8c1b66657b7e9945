package dev.ocpsummary.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * AUTO's threshold from the heap sweep (specs/benchmark.md E.6): per mode a least-squares line
 * {@code min_viable_heap = a + b·rows} over the scales where the smallest viable heap was found, and
 * the input size where CACHE's line reaches the safe part of the budget, {@code N = (s·B − a)/b}.
 *
 * <p>The threshold is only recommended when switching buys memory: ITERATE's slope must be
 * significantly lower than CACHE's (95% confidence intervals of the slopes disjoint, which needs at
 * least three scales per mode). Otherwise the recommendation is CACHE at every size and the
 * threshold is null. With fewer than two scales per mode, or without a budget, no line is fitted
 * and the result says why.
 */
public final class ThresholdFit {

  public static final double DEFAULT_SAFETY = 0.8;
  static final double CONFIDENCE = 0.95;

  public static final String RULE =
      "AUTO runs ITERATE above T = (s·B − a_cache) / b_cache input rows, the size at which CACHE's"
          + " least-squares smallest viable heap a + b·rows reaches the safe budget s·B, provided ITERATE's"
          + " slope b is significantly lower than CACHE's (95% slope confidence intervals disjoint, at least"
          + " 3 scales per mode); otherwise CACHE at every size.";

  /**
   * The memory budget of the rule.
   *
   * @param heapMib B, the heap a production run gets, MiB
   * @param safety s, the share of B a prediction may use
   * @param origin where B came from, for the report
   */
  public record Budget(int heapMib, double safety, String origin) {
    public double safeMib() {
      return safety * heapMib;
    }
  }

  /**
   * A mode's least-squares line over (input rows, smallest viable heap MiB).
   *
   * @param slopeCiLow lower end of the slope's 95% confidence interval; NaN with fewer than 3 points
   * @param maxRowsWithinBudget input rows at which the line reaches s·B (+∞ when it does not grow)
   */
  public record Line(double a, double b, double r2, double slopeCiLow, double slopeCiHigh, int n, double maxRowsWithinBudget) {

    boolean ciKnown() {
      return !Double.isNaN(slopeCiLow) && !Double.isNaN(slopeCiHigh);
    }
  }

  /**
   * A point of the fit: the smallest viable heap of a mode at a scale (possibly not found).
   */
  public record Point(ScaleInfo scale, String mode, MinViableHeap heap) {}

  /**
   * What the fit found and recommends.
   *
   * @param budget B and s, or null when unknown
   * @param fits the line per mode that had at least 2 scales
   * @param points every (scale, mode) the sweep ran, including the not-found ones left out of the fit
   * @param measured a recommendation was derived from measurements (false: see {@code why})
   * @param thresholdRows T in input rows, or null for "CACHE at every size" / no recommendation
   * @param thresholdBytes T in Parquet bytes at the largest scale's bytes per row
   * @param testedMinRows the smallest input rows of the fitted scales
   * @param testedMaxRows the largest input rows of the fitted scales
   * @param extrapolated T lies outside the tested input rows
   * @param recommendation one sentence, for the report and AUTO's log
   * @param why the reason behind the recommendation, one sentence
   * @param timeCrossover the scale from which ITERATE is faster, if any
   */
  public record Result(
      Budget budget,
      Map<String, Line> fits,
      List<Point> points,
      boolean measured,
      Long thresholdRows,
      Long thresholdBytes,
      Long testedMinRows,
      Long testedMaxRows,
      boolean extrapolated,
      String recommendation,
      String why,
      Optional<ScaleInfo> timeCrossover) {}

  private ThresholdFit() {}

  /** Fits the sweep's smallest viable heaps of {@code stats} against {@code budget} (null = unknown). */
  public static Result fit(RunStatistics stats, Budget budget) {
    List<Point> points = new ArrayList<>();
    for (ScaleInfo scale : stats.scales()) {
      for (String mode : BenchRun.MODES) {
        MinViableHeap heap = stats.summary(scale.name(), mode).minViableHeap();
        if (heap != null) {
          points.add(new Point(scale, mode, heap));
        }
      }
    }
    Optional<ScaleInfo> crossover = stats.timeCrossover();
    List<Point> fitted = points.stream().filter(p -> p.heap().found()).toList();
    Long minRows = fitted.stream().map(p -> p.scale().inputRows()).min(Long::compare).orElse(null);
    Long maxRows = fitted.stream().map(p -> p.scale().inputRows()).max(Long::compare).orElse(null);

    if (budget == null) {
      return noFit(null, Map.of(), points, minRows, maxRows, crossover,
          "no memory budget B: environment.json has no budget_heap_mib and the fixed-heap runs do not share one heap");
    }
    Map<String, Line> fits = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (String mode : BenchRun.MODES) {
      List<Point> ofMode = fitted.stream().filter(p -> p.mode().equals(mode)).toList();
      long distinctRows = ofMode.stream().mapToLong(p -> p.scale().inputRows()).distinct().count();
      if (distinctRows < 2) {
        missing.add(mode + " has a smallest viable heap at " + distinctRows + " scale(s)");
      } else {
        fits.put(mode, line(ofMode, budget));
      }
    }
    if (!missing.isEmpty()) {
      return noFit(budget, fits, points, minRows, maxRows, crossover,
          "a line needs the smallest viable heap at 2 or more scales per mode, and " + String.join(", ", missing));
    }

    Line cache = fits.get(BenchRun.CACHE);
    Line iterate = fits.get(BenchRun.ITERATE);
    String never = neverReason(cache, iterate);
    if (never != null) {
      return new Result(budget, fits, points, true, null, null, minRows, maxRows, false,
          "Never switch: use cache at every size.", never, crossover);
    }
    double n = cache.maxRowsWithinBudget();
    long rows = Math.max(0, Math.round(n));
    double bytesPerRow = stats.largestScale().map(ScaleInfo::bytesPerRow).orElse(Double.NaN);
    Long bytes = Double.isNaN(bytesPerRow) ? null : Math.round(rows * bytesPerRow);
    boolean extrapolated = rows > maxRows || rows < minRows;
    String why =
        String.format(
            Locale.ROOT,
            "ITERATE's heap grows by %s MiB per million input rows [95%% CI %s to %s], significantly less than"
                + " CACHE's %s [%s to %s]; CACHE's line, %s MiB + %s MiB per million rows, reaches %s × %s MiB = %s MiB"
                + " at %s rows%s.",
            Fmt.num(iterate.b() * 1e6, 2), Fmt.num(iterate.slopeCiLow() * 1e6, 2), Fmt.num(iterate.slopeCiHigh() * 1e6, 2),
            Fmt.num(cache.b() * 1e6, 2), Fmt.num(cache.slopeCiLow() * 1e6, 2), Fmt.num(cache.slopeCiHigh() * 1e6, 2),
            Fmt.num(cache.a(), 1), Fmt.num(cache.b() * 1e6, 2), budget.safety(), Fmt.integer(budget.heapMib()),
            Fmt.num(budget.safeMib(), 1),
            Fmt.integer(rows), n < 0 ? " (clamped to 0: CACHE's intercept alone exceeds s·B)" : "");
    String recommendation =
        "Switch to ITERATE above " + Fmt.integer(rows) + " input rows"
            + (bytes == null ? "" : " (≈ " + Fmt.num(bytes / (1024.0 * 1024.0), 1) + " MiB of Parquet)")
            + (extrapolated ? ", extrapolated: " + (rows > maxRows ? "beyond the largest" : "below the smallest")
                + " tested input (" + Fmt.integer(rows > maxRows ? maxRows : minRows) + " rows)" : "")
            + ".";
    return new Result(budget, fits, points, true, rows, bytes, minRows, maxRows, extrapolated, recommendation, why, crossover);
  }

  /** Why switching buys nothing, or null when ITERATE's slope is significantly lower. */
  private static String neverReason(Line cache, Line iterate) {
    if (!cache.ciKnown() || !iterate.ciKnown()) {
      return "the slopes cannot be compared for significance with fewer than 3 scales per mode (cache "
          + cache.n() + ", iterate " + iterate.n() + "), so there is no evidence that ITERATE needs less heap as inputs grow.";
    }
    // Slopes equal up to floating-point rounding (zero-width intervals of exactly linear data) overlap.
    double rounding = 1e-9 * Math.max(Math.abs(cache.b()), Math.abs(iterate.b()));
    if (!(iterate.slopeCiHigh() < cache.slopeCiLow() - rounding)) {
      return String.format(
          Locale.ROOT,
          "ITERATE's heap slope %s MiB per million input rows [95%% CI %s to %s] is not significantly lower than"
              + " CACHE's %s [%s to %s]: switching buys no memory.",
          Fmt.num(iterate.b() * 1e6, 2), Fmt.num(iterate.slopeCiLow() * 1e6, 2), Fmt.num(iterate.slopeCiHigh() * 1e6, 2),
          Fmt.num(cache.b() * 1e6, 2), Fmt.num(cache.slopeCiLow() * 1e6, 2), Fmt.num(cache.slopeCiHigh() * 1e6, 2));
    }
    if (cache.b() <= 0) {
      return "CACHE's smallest viable heap does not grow with input rows (slope ≤ 0): it never outgrows the budget.";
    }
    return null;
  }

  static Line line(List<Point> points, Budget budget) {
    SimpleRegression regression = new SimpleRegression(true);
    for (Point p : points) {
      regression.addData(p.scale().inputRows(), p.heap().heapMib());
    }
    double a = regression.getIntercept();
    double b = regression.getSlope();
    double halfWidth = regression.getN() < 3 ? Double.NaN : regression.getSlopeConfidenceInterval(1 - CONFIDENCE);
    double maxRows = b > 0 ? (budget.safeMib() - a) / b : Double.POSITIVE_INFINITY;
    return new Line(a, b, regression.getRSquare(), b - halfWidth, b + halfWidth, (int) regression.getN(), maxRows);
  }

  private static Result noFit(
      Budget budget, Map<String, Line> fits, List<Point> points, Long minRows, Long maxRows, Optional<ScaleInfo> crossover,
      String why) {
    return new Result(budget, fits, points, false, null, null, minRows, maxRows, false,
        "No recommendation derived: " + why + ".", why + ".", crossover);
  }
}
