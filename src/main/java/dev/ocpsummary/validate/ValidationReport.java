package dev.ocpsummary.validate;

import java.time.LocalDate;
import java.util.List;

/**
 * The outcome of validating one source and window: every check in the order it ran.
 *
 * @param sourceUuid the validated source
 * @param start first day of the window
 * @param end last day of the window (inclusive)
 * @param checks every check, in order
 */
public record ValidationReport(String sourceUuid, LocalDate start, LocalDate end, List<Check> checks) {

  public ValidationReport {
    checks = List.copyOf(checks);
  }

  /** True when no check failed; skipped checks (undetermined expectations) do not fail a report. */
  public boolean passed() {
    return failures().isEmpty();
  }

  /** The failed checks, in order. */
  public List<Check> failures() {
    return checks.stream().filter(Check::failed).toList();
  }

  /** The skipped checks, in order. */
  public List<Check> skipped() {
    return checks.stream().filter(c -> c.status() == Check.Status.SKIPPED).toList();
  }

  /**
   * One line for a failed report: {@code F of N checks failed: <first failure>: expected E, actual A};
   * {@code all N checks passed} otherwise.
   */
  public String summaryLine() {
    List<Check> failures = failures();
    if (failures.isEmpty()) {
      return "all " + checks.size() + " checks passed" + (skipped().isEmpty() ? "" : " (" + skipped().size() + " skipped)");
    }
    return failures.size() + " of " + checks.size() + " checks failed: " + failures.get(0).describe();
  }

  /**
   * The table a user reads: a heading naming the source and window, one line per check (check,
   * expected, actual, status) in aligned columns, and a closing count.
   */
  public String render() {
    int name = "check".length();
    int expected = "expected".length();
    int actual = "actual".length();
    for (Check check : checks) {
      name = Math.max(name, check.name().length());
      expected = Math.max(expected, check.expected().length());
      actual = Math.max(actual, check.actual().length());
    }
    String format = "%-" + name + "s  %-" + expected + "s  %-" + actual + "s  %s%n";
    StringBuilder text = new StringBuilder();
    text.append("validate source ").append(sourceUuid).append(", ").append(start).append(" .. ").append(end).append(System.lineSeparator());
    text.append(String.format(format, "check", "expected", "actual", "status"));
    for (Check check : checks) {
      text.append(String.format(format, check.name(), check.expected(), check.actual(), check.status()));
    }
    long passed = checks.stream().filter(c -> c.status() == Check.Status.PASS).count();
    text.append(
        String.format(
            "%d checks: %d passed, %d failed, %d skipped%n", checks.size(), passed, failures().size(), skipped().size()));
    return text.toString();
  }
}
