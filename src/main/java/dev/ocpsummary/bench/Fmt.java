package dev.ocpsummary.bench;

import java.util.Locale;

/** Number formats of the report: fixed decimals, thousands separated by commas, "–" for nothing. */
final class Fmt {

  static final String NONE = "–";

  private Fmt() {}

  static String integer(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  static String integer(Long value) {
    return value == null ? NONE : integer(value.longValue());
  }

  static String num(double value, int decimals) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return NONE;
    }
    return String.format(Locale.ROOT, "%,." + decimals + "f", value);
  }

  static String num(Double value, int decimals) {
    return value == null ? NONE : num(value.doubleValue(), decimals);
  }

  /** A number as JSON and CSV want it: no grouping, no rounding. */
  static String plain(Double value) {
    return value == null || value.isNaN() ? "" : String.valueOf(value);
  }
}
