package dev.ocpsummary.validate;

import static dev.ocpsummary.summary.SummaryColumns.CLUSTER_CAPACITY_CPU_CORE_HOURS;
import static dev.ocpsummary.summary.SummaryColumns.CLUSTER_CAPACITY_MEMORY_GIGABYTE_HOURS;
import static dev.ocpsummary.summary.SummaryColumns.DATA_SOURCE;
import static dev.ocpsummary.summary.SummaryColumns.NAMESPACE;
import static dev.ocpsummary.summary.SummaryColumns.USAGE_START;

import dev.ocpsummary.datagen.ExpectedSummary;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks against the generator's oracle: row counts per data_source, per kind and per unallocated
 * namespace, the totals of every measure expected.json gives, and the cluster capacity of every day.
 * Totals expected.json leaves undetermined are reported as skipped.
 */
final class ExpectedChecks {

  /** Key of {@link ExpectedSummary#unallocatedRowsByNamespace()} for rows of nodes without a role. */
  static final String NO_NAMESPACE = "null";

  private ExpectedChecks() {}

  static List<Check> of(SummaryWindow window, ExpectedSummary expected) {
    List<Check> checks = new ArrayList<>();
    checks.addAll(rowCounts(window, expected));
    checks.addAll(totals(window, RowKind.POD, ExpectedSummary.POD_TOTALS, expected.podTotals()));
    checks.addAll(totals(window, RowKind.UNALLOCATED, ExpectedSummary.UNALLOCATED_TOTALS, expected.unallocatedTotals()));
    checks.addAll(totals(window, RowKind.STORAGE, ExpectedSummary.STORAGE_TOTALS, expected.storageTotals()));
    checks.addAll(clusterCapacity(window, expected.clusterCapacityPerDay()));
    return checks;
  }

  private static List<Check> rowCounts(SummaryWindow window, ExpectedSummary expected) {
    List<Check> checks = new ArrayList<>();
    long total = 0;
    for (Map.Entry<String, Long> entry : new TreeMap<>(expected.rowsByDataSource()).entrySet()) {
      long actual = window.count("SELECT count(*) FROM w WHERE " + DATA_SOURCE + " = ?", entry.getKey());
      checks.add(Check.count("rows data_source=" + entry.getKey(), entry.getValue(), actual));
      total += entry.getValue();
    }
    checks.add(Check.count("rows total", total, window.count("SELECT count(*) FROM w")));
    checks.add(kindCount(window, RowKind.POD, expected.podRows()));
    checks.add(kindCount(window, RowKind.UNALLOCATED, expected.unallocatedRows()));
    checks.add(kindCount(window, RowKind.STORAGE, expected.storageRows()));
    for (Map.Entry<String, Long> entry : expected.unallocatedRowsByNamespace().entrySet()) {
      boolean none = entry.getKey() == null || entry.getKey().equals(NO_NAMESPACE);
      String where = RowKind.UNALLOCATED.predicate() + " AND " + NAMESPACE + (none ? " IS NULL" : " = ?");
      Object[] parameters = none ? new Object[0] : new Object[] {entry.getKey()};
      checks.add(
          Check.count(
              "rows unallocated namespace=" + (none ? "NULL" : entry.getKey()),
              entry.getValue(),
              window.count("SELECT count(*) FROM w WHERE " + where, parameters)));
    }
    return checks;
  }

  private static Check kindCount(SummaryWindow window, RowKind kind, long expected) {
    return Check.count("rows kind=" + kind.label(), expected, window.count("SELECT count(*) FROM w WHERE " + kind.predicate()));
  }

  /** Σ of each column over the rows of a kind; a NULL sum (no values) is a failure unless undetermined. */
  private static List<Check> totals(SummaryWindow window, RowKind kind, List<String> columns, Map<String, Double> expected) {
    String select = String.join(", ", columns.stream().map(c -> "sum(" + c + ")").toList());
    Object[] sums = window.row("SELECT " + select + " FROM w WHERE " + kind.predicate());
    List<Check> checks = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      Double want = expected.get(columns.get(i));
      checks.add(Check.total(kind.label() + " total " + columns.get(i), want == null ? Double.NaN : want, (Double) sums[i]));
    }
    return checks;
  }

  /**
   * Every pod row of a day carries that day's cluster capacity, so the lowest and the highest value
   * of the day must both equal the expected one; a spread shows as {@code min .. max}.
   */
  private static List<Check> clusterCapacity(SummaryWindow window, Map<LocalDate, Map<String, Double>> expected) {
    List<String> columns = List.of(CLUSTER_CAPACITY_CPU_CORE_HOURS, CLUSTER_CAPACITY_MEMORY_GIGABYTE_HOURS);
    List<Check> checks = new ArrayList<>();
    for (Map.Entry<LocalDate, Map<String, Double>> day : new TreeMap<>(expected).entrySet()) {
      Object[] range =
          window.row(
              "SELECT min(" + columns.get(0) + "), max(" + columns.get(0) + "), min(" + columns.get(1) + "), max(" + columns.get(1)
                  + ") FROM w WHERE " + RowKind.POD.predicate() + " AND " + USAGE_START + " = ?",
              day.getKey());
      for (int i = 0; i < columns.size(); i++) {
        String name = "capacity " + day.getKey() + " " + columns.get(i);
        Double want = day.getValue().get(columns.get(i));
        Double low = (Double) range[2 * i];
        Double high = (Double) range[2 * i + 1];
        Check check = Check.total(name, want == null ? Double.NaN : want, high);
        if (low != null && high != null && !low.equals(high) && check.status() != Check.Status.SKIPPED) {
          check = new Check(name, check.expected(), Check.number(low) + " .. " + Check.number(high), Check.Status.FAIL);
        }
        checks.add(check);
      }
    }
    return checks;
  }
}
