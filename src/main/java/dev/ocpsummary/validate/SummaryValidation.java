package dev.ocpsummary.validate;

import dev.ocpsummary.datagen.ExpectedSummary;
import dev.ocpsummary.sink.SinkException;
import dev.ocpsummary.sink.SummaryDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Checks the daily summary of one source and window in PostgreSQL against the generator's expected
 * summary ({@code expected.json}) and against invariants that hold for any correct summary.
 *
 * <p>Against expected.json ({@link ExpectedChecks}): rows per data_source, in total, per kind (pod,
 * unallocated, storage) and per unallocated namespace; the totals of the pod, unallocated and storage
 * measures; the cluster capacity of every day. Totals are equal within {@link Tolerance}; an
 * undetermined total is reported as skipped.
 *
 * <p>Without an oracle: unique grouping keys per kind ({@link UniqueKeys}); effective usage between
 * max(usage, request) and usage + request ({@link EffectiveUsageBounds}); pod rows plus unallocated
 * row = node capacity per node and day ({@link UnallocatedIdentity}); rows only inside the window,
 * one day each, with a source ({@link WindowChecks}); no NULL measures where values are expected
 * ({@link MeasureNulls}).
 *
 * <p>All checks read one snapshot of the database (a read-only, repeatable-read transaction) and
 * change nothing. A failed check is an outcome in the report, not an exception.
 */
public final class SummaryValidation {

  private SummaryValidation() {}

  /**
   * Validates the summary of {@code sourceUuid} for the days {@code start .. end} (inclusive).
   *
   * @param database the database that holds the summary table (its schema is used)
   * @param expected what the summary must contain, e.g. {@code ExpectedTotals.summary()} or
   *     {@code ExpectedSummaryFile.read(path).summary()}
   * @return every check with its outcome; {@link ValidationReport#passed()} tells whether all held
   * @throws IllegalArgumentException if the source is not a UUID or the window is inverted
   * @throws SinkException if the database cannot be read (unreachable, no summary table)
   */
  public static ValidationReport run(SummaryDatabase database, ExpectedSummary expected, String sourceUuid, LocalDate start, LocalDate end) {
    String source;
    try {
      source = UUID.fromString(sourceUuid).toString();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("source '" + sourceUuid + "' is not a UUID", e);
    }
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("end " + end + " is before start " + start);
    }
    try (Connection connection = database.connect()) {
      connection.setReadOnly(true);
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      connection.setAutoCommit(false);
      try {
        SummaryWindow window = new SummaryWindow(connection, source, start, end);
        List<Check> checks = new ArrayList<>(ExpectedChecks.of(window, expected));
        checks.addAll(UniqueKeys.of(window));
        checks.addAll(EffectiveUsageBounds.of(window));
        checks.add(UnallocatedIdentity.check(window));
        checks.addAll(WindowChecks.of(window));
        checks.addAll(MeasureNulls.of(window, expected));
        return new ValidationReport(source, start, end, checks);
      } finally {
        connection.rollback();
      }
    } catch (SQLException e) {
      throw unreadable(database, source, e, e);
    } catch (SummaryWindow.QueryFailure e) {
      throw unreadable(database, source, e, e.getCause());
    }
  }

  private static SinkException unreadable(SummaryDatabase database, String source, Exception failure, Throwable reason) {
    return new SinkException(
        "cannot read the summary of source " + source + " in schema " + database.schema() + " at " + database.displayUrl() + ": "
            + reason.getMessage(),
        failure);
  }
}
