package dev.ocpsummary.validate;

import static dev.ocpsummary.summary.SummaryColumns.NAMESPACE;
import static dev.ocpsummary.summary.SummaryColumns.NODE;
import static dev.ocpsummary.summary.SummaryColumns.POD_EFFECTIVE_USAGE_CPU_CORE_HOURS;
import static dev.ocpsummary.summary.SummaryColumns.POD_EFFECTIVE_USAGE_MEMORY_GIGABYTE_HOURS;
import static dev.ocpsummary.summary.SummaryColumns.POD_REQUEST_CPU_CORE_HOURS;
import static dev.ocpsummary.summary.SummaryColumns.POD_REQUEST_MEMORY_GIGABYTE_HOURS;
import static dev.ocpsummary.summary.SummaryColumns.POD_USAGE_CPU_CORE_HOURS;
import static dev.ocpsummary.summary.SummaryColumns.POD_USAGE_MEMORY_GIGABYTE_HOURS;
import static dev.ocpsummary.summary.SummaryColumns.USAGE_START;

import java.util.List;

/**
 * Invariant: on every pod row, for CPU and for memory,
 * {@code max(usage, request) <= effective <= usage + request} (within {@link Tolerance}).
 *
 * <p>Effective usage is a sum over the row's hours of {@code max(usage_h, request_h)}
 * (specs/aggregation.md C.5); a sum of maxima is at least the maximum of the sums, and, the hourly
 * values being non-negative, at most the sum of both sums. Unallocated rows are capacity minus these
 * sums, for which the bounds do not hold, and are not checked. A row with a NULL among the three
 * values is left to the NULL check.
 */
final class EffectiveUsageBounds {

  private EffectiveUsageBounds() {}

  static List<Check> of(SummaryWindow window) {
    return List.of(
        check(window, "cpu", POD_USAGE_CPU_CORE_HOURS, POD_REQUEST_CPU_CORE_HOURS, POD_EFFECTIVE_USAGE_CPU_CORE_HOURS),
        check(window, "memory", POD_USAGE_MEMORY_GIGABYTE_HOURS, POD_REQUEST_MEMORY_GIGABYTE_HOURS, POD_EFFECTIVE_USAGE_MEMORY_GIGABYTE_HOURS));
  }

  private static Check check(SummaryWindow window, String resource, String usage, String request, String effective) {
    String lower = "greatest(" + usage + ", " + request + ")";
    String upper = usage + " + " + request;
    String present = usage + " IS NOT NULL AND " + request + " IS NOT NULL AND " + effective + " IS NOT NULL";
    String outside = effective + " < " + lower + " - " + allowed(lower) + " OR " + effective + " > " + upper + " + " + allowed(upper);
    List<Object[]> first =
        window.rows(
            "SELECT count(*) OVER (), " + USAGE_START + ", " + NAMESPACE + ", " + NODE + ", " + usage + ", " + request + ", " + effective
                + " FROM w WHERE " + RowKind.POD.predicate() + " AND " + present + " AND (" + outside + ") ORDER BY " + USAGE_START + ", " + NAMESPACE + ", " + NODE
                + " LIMIT 1");
    String name = "pod effective " + resource + " in [max(usage, request), usage + request]";
    if (first.isEmpty()) {
      return Check.none(name, 0, "");
    }
    Object[] row = first.get(0);
    return Check.none(
        name,
        ((Number) row[0]).longValue(),
        row[1] + " " + row[2] + " " + row[3] + ": usage " + Check.show(row[4]) + ", request " + Check.show(row[5]) + ", effective "
            + Check.show(row[6]));
  }

  /** {@link Tolerance#allowed} as SQL. */
  private static String allowed(String value) {
    return "greatest(" + Tolerance.ABSOLUTE + ", abs(" + value + ") * " + Tolerance.RELATIVE + ")";
  }
}
