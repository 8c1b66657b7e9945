package dev.ocpsummary.validate;

import static dev.ocpsummary.summary.SummaryColumns.CAPACITY_MEASURES;
import static dev.ocpsummary.summary.SummaryColumns.NAMESPACE;
import static dev.ocpsummary.summary.SummaryColumns.NODE;
import static dev.ocpsummary.summary.SummaryColumns.USAGE_START;

import dev.ocpsummary.datagen.ExpectedSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Invariant: no row has a NULL in a measure column its kind carries (specs/aggregation.md B.3) when
 * the expected data determines that measure (a NULL would mean the values were lost, not that they
 * are unknown):
 *
 * <ul>
 *   <li>pod rows: each of the eight pod measures whose expected total is determined;
 *   <li>unallocated rows: each of their six measures whose expected total is determined;
 *   <li>storage rows: each of the four storage measures whose expected total is determined;
 *   <li>pod and unallocated rows with a node: the six node and cluster capacity columns, when the
 *       cluster capacity of every expected day is determined (a pod row without a node has no
 *       capacity to join).
 * </ul>
 *
 * Counted in rows that have at least one such NULL; the first one names its NULL columns.
 */
final class MeasureNulls {

  private MeasureNulls() {}

  static List<Check> of(SummaryWindow window, ExpectedSummary expected) {
    boolean capacity =
        !expected.clusterCapacityPerDay().isEmpty()
            && expected.clusterCapacityPerDay().values().stream().flatMap(day -> day.values().stream()).noneMatch(v -> v == null || v.isNaN());
    return List.of(
        check(window, RowKind.POD, determined(ExpectedSummary.POD_TOTALS, expected.podTotals()), capacity),
        check(window, RowKind.UNALLOCATED, determined(ExpectedSummary.UNALLOCATED_TOTALS, expected.unallocatedTotals()), capacity),
        check(window, RowKind.STORAGE, determined(ExpectedSummary.STORAGE_TOTALS, expected.storageTotals()), false));
  }

  private static List<String> determined(List<String> measures, Map<String, Double> totals) {
    return measures.stream().filter(m -> totals.get(m) != null && !totals.get(m).isNaN()).toList();
  }

  private static Check check(SummaryWindow window, RowKind kind, List<String> measures, boolean capacity) {
    List<String> tests = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (String measure : measures) {
      tests.add(measure + " IS NULL");
      names.add(measure);
    }
    if (capacity) {
      for (String column : CAPACITY_MEASURES) {
        tests.add("(" + NODE + " IS NOT NULL AND " + column + " IS NULL)");
        names.add(column);
      }
    }
    String name = "no NULL measures in " + kind.label() + " rows";
    if (tests.isEmpty()) {
      return Check.none(name, 0, "");
    }
    StringBuilder which = new StringBuilder("concat_ws(', '");
    for (int i = 0; i < tests.size(); i++) {
      which.append(", CASE WHEN ").append(tests.get(i)).append(" THEN '").append(names.get(i)).append("' END");
    }
    which.append(")");
    List<Object[]> first =
        window.rows(
            "SELECT count(*) OVER (), " + USAGE_START + ", " + NAMESPACE + ", " + NODE + ", " + which + " FROM w WHERE " + kind.predicate()
                + " AND (" + tests.stream().collect(Collectors.joining(" OR ")) + ") ORDER BY " + USAGE_START + ", " + NAMESPACE + ", " + NODE
                + " LIMIT 1");
    if (first.isEmpty()) {
      return Check.none(name, 0, "");
    }
    Object[] row = first.get(0);
    return Check.none(name, ((Number) row[0]).longValue(), row[1] + " " + row[2] + " " + row[3] + ": " + row[4] + " NULL");
  }
}
