package dev.ocpsummary.exec;

import dev.ocpsummary.source.FooterEstimate;
import dev.ocpsummary.source.UsageReader.ReportInput;
import java.util.Collection;

/**
 * AUTO's estimate of a window's input rows, from Parquet footers only (no scan): the rows of every
 * row group, of all four reports, whose {@code interval_start} statistics overlap the window (see
 * {@link FooterEstimate}). The footers are those the reader already checked while listing the window.
 *
 * @param rows the estimated input rows
 * @param files the files whose footers were read
 * @param rowGroups row groups counted
 * @param rowGroupsSkipped row groups whose statistics lie outside the window
 */
record InputEstimate(long rows, int files, int rowGroups, int rowGroupsSkipped) {

  static InputEstimate of(Collection<ReportInput> reports) {
    FooterEstimate total = FooterEstimate.NONE;
    int files = 0;
    for (ReportInput report : reports) {
      total = total.plus(report.windowEstimate());
      files += report.fileCount();
    }
    return new InputEstimate(total.rows(), files, total.rowGroups(), total.rowGroupsSkipped());
  }

  /** For messages: the estimate in words. */
  String describe() {
    return String.format(
        "%,d input rows estimated from the footers of %d files (%d row groups overlap the window, %d do not)",
        rows, files, rowGroups, rowGroupsSkipped);
  }
}
