package dev.ocpsummary.validate;

import dev.ocpsummary.sink.SinkException;

/**
 * The summary in the database is not what was expected: some validation checks failed. The message
 * is {@link ValidationReport#summaryLine()}: how many checks failed and the first of them.
 *
 * <p>It is a {@link SinkException} because what is wrong is the content of the summary database;
 * that also makes the command line show the message as it is, on one line.
 */
public final class SummaryMismatchException extends SinkException {

  private static final long serialVersionUID = 1L;

  private final transient ValidationReport report;

  public SummaryMismatchException(ValidationReport report) {
    super(report.summaryLine());
    this.report = report;
  }

  /** The report whose checks failed. */
  public ValidationReport report() {
    return report;
  }
}
