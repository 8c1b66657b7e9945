package dev.ocpsummary.validate;

import static dev.ocpsummary.summary.SummaryColumns.NAMESPACE;
import static dev.ocpsummary.summary.SummaryColumns.NODE;
import static dev.ocpsummary.summary.SummaryColumns.PERSISTENTVOLUME;
import static dev.ocpsummary.summary.SummaryColumns.PERSISTENTVOLUMECLAIM;
import static dev.ocpsummary.summary.SummaryColumns.POD_LABELS;
import static dev.ocpsummary.summary.SummaryColumns.RESOURCE_ID;
import static dev.ocpsummary.summary.SummaryColumns.STORAGECLASS;
import static dev.ocpsummary.summary.SummaryColumns.USAGE_START;
import static dev.ocpsummary.summary.SummaryColumns.VOLUME_LABELS;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Invariant: within one source, no two rows of a kind share their grouping key, because every row
 * is one group of Koku's GROUP BY (specs/aggregation.md C.4, D.5, E.2; the source is fixed here).
 * NULLs compare equal, as they group together.
 *
 * <ul>
 *   <li>pod rows: (usage_start, namespace, node, pod_labels) — pods with the same merged labels on
 *       the same node and namespace and day are one row;
 *   <li>unallocated rows: (usage_start, node) — one per node and day, whatever its role;
 *   <li>storage rows: (usage_start, namespace, node, resource_id, persistentvolumeclaim,
 *       persistentvolume, storageclass, volume_labels). Koku's key also holds the CSI volume handle,
 *       which the table does not store; a persistent volume has one handle, so the stored columns
 *       identify the group.
 * </ul>
 *
 * Labels compare as jsonb, so key order in the stored JSON does not matter.
 */
final class UniqueKeys {

  private UniqueKeys() {}

  static List<Check> of(SummaryWindow window) {
    List<Check> checks = new ArrayList<>();
    checks.add(check(window, RowKind.POD, List.of(USAGE_START, NAMESPACE, NODE, POD_LABELS)));
    checks.add(check(window, RowKind.UNALLOCATED, List.of(USAGE_START, NODE)));
    checks.add(
        check(
            window,
            RowKind.STORAGE,
            List.of(USAGE_START, NAMESPACE, NODE, RESOURCE_ID, PERSISTENTVOLUMECLAIM, PERSISTENTVOLUME, STORAGECLASS, VOLUME_LABELS)));
    return checks;
  }

  /** Counts the keys held by more than one row; shows the first such key (its values in key order) and its rows. */
  static Check check(SummaryWindow window, RowKind kind, List<String> key) {
    String columns = String.join(", ", key);
    String shown = key.stream().map(c -> c + "::text").collect(Collectors.joining(", "));
    List<Object[]> first =
        window.rows(
            "SELECT count(*) OVER (), count(*), " + shown + " FROM w WHERE " + kind.predicate() + " GROUP BY " + columns
                + " HAVING count(*) > 1 ORDER BY " + columns + " LIMIT 1");
    String name = "unique keys " + kind.label();
    if (first.isEmpty()) {
      return Check.none(name, 0, "");
    }
    Object[] row = first.get(0);
    String values = Arrays.stream(row, 2, row.length).map(String::valueOf).collect(Collectors.joining(", "));
    return Check.none(name, ((Number) row[0]).longValue(), values + ": " + row[1] + " rows");
  }
}
