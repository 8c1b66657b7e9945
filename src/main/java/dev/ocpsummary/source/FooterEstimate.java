package dev.ocpsummary.source;

/**
 * The rows a window's files hold for the window as their footers tell, without a scan: the rows of
 * every row group whose {@code interval_start} statistics meet the window. Koku keeps a month in one
 * folder, so whole-file counts would overstate a one-day window up to 31-fold; row groups without
 * statistics count whole, so the estimate never falls below the truth.
 *
 * @param rows rows of the row groups counted
 * @param rowGroups row groups counted
 * @param rowGroupsSkipped row groups whose statistics lie outside the window
 */
public record FooterEstimate(long rows, int rowGroups, int rowGroupsSkipped) {

  public static final FooterEstimate NONE = new FooterEstimate(0, 0, 0);

  public FooterEstimate plus(FooterEstimate other) {
    return new FooterEstimate(rows + other.rows, rowGroups + other.rowGroups, rowGroupsSkipped + other.rowGroupsSkipped);
  }
}
