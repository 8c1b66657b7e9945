package dev.ocpsummary.bench;

import java.util.List;
import java.util.Objects;

/**
 * Median, minimum and maximum of one metric over some runs. The median of an even count is the mean
 * of the two middle values.
 *
 * @param n values the statistics are over
 */
public record Stats(int n, double median, double min, double max) {

  /** The statistics of the non-null values, or null when there are none. */
  public static Stats of(List<Double> values) {
    double[] v = values.stream().filter(Objects::nonNull).mapToDouble(Double::doubleValue).sorted().toArray();
    if (v.length == 0) {
      return null;
    }
    int mid = v.length / 2;
    double median = v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    return new Stats(v.length, median, v[0], v[v.length - 1]);
  }

  /** {@code median [min–max]} with the given decimals; the median alone when all values are equal or n = 1. */
  public String describe(int decimals) {
    String median = Fmt.num(this.median, decimals);
    if (n == 1) {
      return median;
    }
    return median + " [" + Fmt.num(min, decimals) + "–" + Fmt.num(max, decimals) + "]";
  }

  /** True when this range lies entirely below the other's. */
  public boolean entirelyBelow(Stats other) {
    return max < other.min;
  }
}
