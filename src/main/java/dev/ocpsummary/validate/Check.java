package dev.ocpsummary.validate;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * One line of a validation: what was checked, the value it should have, the value found, and the
 * outcome. Values are shown as text so that counts, totals and "first offending row" descriptions
 * fit the same table.
 *
 * @param name what was checked, e.g. {@code pod total pod_usage_cpu_core_hours}
 * @param expected the expected value, or what a correct summary must show
 * @param actual the value found in the database
 * @param status {@link Status#PASS}, {@link Status#FAIL}, or {@link Status#SKIPPED} when the
 *     expectation is undetermined (expected.json gives no value for it)
 */
public record Check(String name, String expected, String actual, Status status) {

  // A double has 15-17 significant digits; 15 hides binary noise such as 2.5806451612903225.
  private static final MathContext SHOWN_DIGITS = new MathContext(15);

  /** The outcome of one check. */
  public enum Status {
    PASS,
    FAIL,
    SKIPPED
  }

  /** A count that must be exact. */
  static Check count(String name, long expected, long actual) {
    return new Check(name, Long.toString(expected), Long.toString(actual), expected == actual ? Status.PASS : Status.FAIL);
  }

  /**
   * A total compared within {@link Tolerance}: skipped when {@code expected} is NaN (undetermined),
   * failed when the database has no value ({@code actual} null or NaN) for a determined total.
   */
  static Check total(String name, double expected, Double actual) {
    String shownActual = actual == null || actual.isNaN() ? "NULL" : number(actual);
    if (Double.isNaN(expected)) {
      return new Check(name, "undetermined", shownActual, Status.SKIPPED);
    }
    boolean pass = actual != null && !actual.isNaN() && Tolerance.close(expected, actual);
    return new Check(name, number(expected), shownActual, pass ? Status.PASS : Status.FAIL);
  }

  /**
   * An invariant counted in offending rows (or keys): passes with none; otherwise shows how many and
   * the first one.
   */
  static Check none(String name, long offending, String first) {
    return offending == 0
        ? new Check(name, "0", "0", Status.PASS)
        : new Check(name, "0", offending + " (first: " + first + ")", Status.FAIL);
  }

  /** A number as the report shows it: up to 15 significant digits, no exponent, no trailing zeros. */
  static String number(double value) {
    if (value == 0) {
      return "0";
    }
    return new BigDecimal(value).round(SHOWN_DIGITS).stripTrailingZeros().toPlainString();
  }

  /** A database value as the report shows it: numbers as {@link #number}, NULL as {@code NULL}. */
  static String show(Object value) {
    if (value == null) {
      return "NULL";
    }
    return value instanceof Double number ? number(number) : value.toString();
  }

  boolean failed() {
    return status == Status.FAIL;
  }

  /** {@code name: expected E, actual A}, for the one-line error of a failed validation. */
  public String describe() {
    return name + ": expected " + expected + ", actual " + actual;
  }
}
