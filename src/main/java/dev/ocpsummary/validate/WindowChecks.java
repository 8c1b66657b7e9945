package dev.ocpsummary.validate;

import static dev.ocpsummary.summary.SummaryColumns.NAMESPACE;
import static dev.ocpsummary.summary.SummaryColumns.NODE;
import static dev.ocpsummary.summary.SummaryColumns.SOURCE_UUID;
import static dev.ocpsummary.summary.SummaryColumns.USAGE_END;
import static dev.ocpsummary.summary.SummaryColumns.USAGE_START;

import java.util.List;

/**
 * Invariants on where rows sit:
 *
 * <ul>
 *   <li>no row of the source has a usage_start outside the window: the expected data of the source
 *       covers exactly the window, so a correct summary writes nothing else for it (a run for a
 *       wider window finds no input outside it);
 *   <li>every row of the window is one day: usage_end = usage_start;
 *   <li>every row of the window has a source_uuid (a NULL one belongs to no source and would never
 *       be replaced by a rerun).
 * </ul>
 */
final class WindowChecks {

  private WindowChecks() {}

  static List<Check> of(SummaryWindow window) {
    String table = SummaryWindow.TABLE;
    return List.of(
        check(
            window,
            "no rows of the source outside the window",
            "FROM " + table + " WHERE " + SOURCE_UUID + " = ?::uuid AND (" + USAGE_START + " < ? OR " + USAGE_START + " > ?)",
            window.sourceUuid(),
            window.start(),
            window.end()),
        check(window, "usage_end = usage_start", "FROM w WHERE " + USAGE_END + " IS DISTINCT FROM " + USAGE_START),
        check(
            window,
            "every row of the window has a source_uuid",
            "FROM " + table + " WHERE " + SOURCE_UUID + " IS NULL AND " + USAGE_START + " BETWEEN ? AND ?",
            window.start(),
            window.end()));
  }

  private static Check check(SummaryWindow window, String name, String fromWhere, Object... parameters) {
    List<Object[]> first =
        window.rows(
            "SELECT count(*) OVER (), " + USAGE_START + ", " + USAGE_END + ", " + NAMESPACE + ", " + NODE + " " + fromWhere + " ORDER BY "
                + USAGE_START + ", " + NAMESPACE + ", " + NODE + " LIMIT 1",
            parameters);
    if (first.isEmpty()) {
      return Check.none(name, 0, "");
    }
    Object[] row = first.get(0);
    return Check.none(name, ((Number) row[0]).longValue(), "usage_start " + row[1] + ", usage_end " + row[2] + ", " + row[3] + " " + row[4]);
  }
}
