package dev.ocpsummary.validate;

import static dev.ocpsummary.summary.SummaryColumns.NAMESPACE;
import static dev.ocpsummary.summary.SummaryColumns.NODE;
import static dev.ocpsummary.summary.SummaryColumns.NODE_CAPACITY_CPU_CORE_HOURS;
import static dev.ocpsummary.summary.SummaryColumns.NODE_CAPACITY_MEMORY_GIGABYTE_HOURS;
import static dev.ocpsummary.summary.SummaryColumns.USAGE_START;

import dev.ocpsummary.datagen.ExpectedSummary;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Invariant: for every unallocated row (node N, day D) and each of usage, request and effective
 * usage, CPU and memory, {@code unallocated = capacity(N, D) - Σ pod rows of (N, D)} (within
 * {@link Tolerance}), i.e. pod rows plus the unallocated row add up to the node's capacity
 * (specs/aggregation.md E.2). {@code capacity(N, D)} is the highest node_capacity_*_hours among those
 * pod rows (every pod row of a node and day carries the same value), so the identity is checked
 * against what the pod rows say, not against the unallocated row's own capacity columns. The pod rows
 * are those of node N and day D with a namespace, as unallocated capacity is computed from them. An
 * unallocated row whose node has no pod rows that day offends too (there is nothing it could be the
 * rest of). Offences are counted per (row, measure).
 */
final class UnallocatedIdentity {

  private UnallocatedIdentity() {}

  static Check check(SummaryWindow window) {
    List<String> measures = ExpectedSummary.UNALLOCATED_TOTALS;
    String podSums = measures.stream().map(m -> "sum(" + m + ") AS " + m).collect(Collectors.joining(", "));
    String unallocated = measures.stream().map(m -> "u." + m).collect(Collectors.joining(", "));
    String podValues = measures.stream().map(m -> "p." + m).collect(Collectors.joining(", "));
    List<Object[]> rows =
        window.rows(
            "SELECT u." + USAGE_START + ", u." + NODE + ", p.cpu, p.memory, " + podValues + ", " + unallocated
                + " FROM w u LEFT JOIN (SELECT " + USAGE_START + ", " + NODE + ", max(" + NODE_CAPACITY_CPU_CORE_HOURS + ") AS cpu, max("
                + NODE_CAPACITY_MEMORY_GIGABYTE_HOURS + ") AS memory, " + podSums + " FROM w WHERE " + RowKind.POD.predicate() + " AND "
                + NODE + " IS NOT NULL AND " + NAMESPACE + " IS NOT NULL GROUP BY " + USAGE_START + ", " + NODE + ") p ON p." + USAGE_START
                + " = u." + USAGE_START + " AND p." + NODE + " = u." + NODE + " WHERE " + RowKind.UNALLOCATED.predicate("u")
                + " ORDER BY u." + USAGE_START + ", u." + NODE);
    long offending = 0;
    String first = "";
    int n = measures.size();
    for (Object[] row : rows) {
      for (int i = 0; i < n; i++) {
        String measure = measures.get(i);
        Double capacity = (Double) (measure.contains("_cpu_") ? row[2] : row[3]);
        Double pods = (Double) row[4 + i];
        Double actual = (Double) row[4 + n + i];
        boolean holds = capacity != null && pods != null && actual != null && Tolerance.close(capacity - pods, actual);
        if (!holds) {
          if (offending == 0) {
            first =
                row[0] + " " + row[1] + " " + measure + ": capacity " + Check.show(capacity) + " - pods " + Check.show(pods) + " = "
                    + (capacity == null || pods == null ? "NULL" : Check.number(capacity - pods)) + ", unallocated " + Check.show(actual);
          }
          offending++;
        }
      }
    }
    return Check.none("unallocated = node capacity - pod rows", offending, first);
  }
}
