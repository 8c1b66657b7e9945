package dev.ocpsummary.validate;

import static dev.ocpsummary.summary.SummaryColumns.DATA_SOURCE;
import static dev.ocpsummary.summary.SummaryColumns.DATA_SOURCE_POD;
import static dev.ocpsummary.summary.SummaryColumns.DATA_SOURCE_STORAGE;
import static dev.ocpsummary.summary.SummaryColumns.POD_LABELS;

/**
 * The three kinds of summary rows, as SQL conditions on the summary table. Unallocated rows carry
 * data_source {@code Pod} like pod rows, but never pod_labels, which pod rows always have (at least
 * {@code {}}); that tells them apart even when an unallocated row's namespace is NULL (node without a
 * role). Same rule as {@link dev.ocpsummary.summary.SummaryColumns#rowKind}.
 */
public enum RowKind {
  POD("pod", DATA_SOURCE_POD, false),
  UNALLOCATED("unallocated", DATA_SOURCE_POD, true),
  STORAGE("storage", DATA_SOURCE_STORAGE, null);

  private final String label;
  private final String dataSource;
  private final Boolean withoutPodLabels;

  RowKind(String label, String dataSource, Boolean withoutPodLabels) {
    this.label = label;
    this.dataSource = dataSource;
    this.withoutPodLabels = withoutPodLabels;
  }

  /** Lower-case name used in check names. */
  public String label() {
    return label;
  }

  /** A boolean SQL expression over the summary table's columns, true for rows of this kind. */
  public String predicate() {
    return predicate("");
  }

  /** {@link #predicate()} over the columns of a table alias, e.g. {@code u}. */
  public String predicate(String alias) {
    String prefix = alias.isEmpty() ? "" : alias + ".";
    String condition = prefix + DATA_SOURCE + " = '" + dataSource + "'";
    if (withoutPodLabels != null) {
      condition += " AND " + prefix + POD_LABELS + (withoutPodLabels ? " IS NULL" : " IS NOT NULL");
    }
    return "(" + condition + ")";
  }
}
