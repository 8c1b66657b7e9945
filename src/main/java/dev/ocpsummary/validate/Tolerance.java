package dev.ocpsummary.validate;

/**
 * When two totals are equal (specs/data-gen.md E.1): within a relative 1e-9 of the expected value,
 * or within 1e-6 absolute when the expected value is near 0. The generated per-row values are exact
 * in binary, so only the final divisions and the numeric(33,15) storage round; 1e-9 leaves room for
 * that and still catches any real difference.
 */
public final class Tolerance {

  /** Relative tolerance. */
  public static final double RELATIVE = 1e-9;

  /** Absolute tolerance, the floor for values near 0. */
  public static final double ABSOLUTE = 1e-6;

  private Tolerance() {}

  /** The largest difference accepted around {@code expected}. */
  public static double allowed(double expected) {
    return Math.max(ABSOLUTE, Math.abs(expected) * RELATIVE);
  }

  /** Whether {@code actual} equals {@code expected} within the tolerance; NaN is never close. */
  public static boolean close(double expected, double actual) {
    return Math.abs(expected - actual) <= allowed(expected);
  }
}
