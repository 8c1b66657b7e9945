package dev.ocpsummary.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds to a {@code summary_runs} row what {@link RunRecorder} does not hold: the execution mode once
 * it is chosen, and the run's measurements with its whole JSON run record.
 *
 * <p>Like {@link RunRecorder}, every call uses its own autocommitted connection. {@link #chooseMode}
 * throws {@link SinkException} when it cannot record; {@link #store} never throws, because it runs
 * after the run's outcome is already decided and recorded, and logs a warning instead.
 */
public final class RunDetailsRecorder {

  private static final Logger LOG = LoggerFactory.getLogger(RunDetailsRecorder.class);

  /**
   * A run's measurements; null values are stored as NULL.
   *
   * @param estimatedInputRows AUTO's estimate of the window's input rows
   * @param heapPeakBytes peak heap use of the driver JVM during the run
   * @param peakExecutionMemoryBytes largest peak execution memory of one Spark task
   * @param diskSpilledBytes bytes Spark tasks spilled to disk
   * @param gcMillis JVM garbage collection time during the run
   * @param dbWriteMillis time spent writing to PostgreSQL
   * @param duplicateInputRows exact copies of hourly rows found per report ({@code pod_usage}, {@code
   *     storage_usage}); null if the run did not get to look
   * @param recordJson the whole run record, a JSON object
   */
  public record Measures(
      Long estimatedInputRows,
      Long heapPeakBytes,
      Long peakExecutionMemoryBytes,
      Long diskSpilledBytes,
      Long gcMillis,
      Long dbWriteMillis,
      Map<String, Long> duplicateInputRows,
      String recordJson) {}

  private final SummaryDatabase database;

  public RunDetailsRecorder(SummaryDatabase database) {
    this.database = Objects.requireNonNull(database, "database");
  }

  /**
   * Records the mode a run executes in and why.
   *
   * @throws SinkException if the row cannot be updated or the run is unknown
   */
  public void chooseMode(UUID runId, String mode, String reason) {
    String sql = "UPDATE " + database.qualified(RunRecorder.TABLE) + " SET mode = ?, mode_reason = ? WHERE run_id = ?";
    try (Connection connection = database.connect();
        PreparedStatement update = connection.prepareStatement(sql)) {
      update.setString(1, mode);
      update.setString(2, reason);
      update.setObject(3, runId);
      if (update.executeUpdate() != 1) {
        throw new SinkException("cannot record the mode of run " + runId + ": no such run");
      }
    } catch (SQLException e) {
      throw new SinkException("cannot record the mode of run " + runId + ": " + SinkException.describe(e), e);
    }
  }

  /** Stores the run's measurements; logs a warning if that fails. */
  public void store(UUID runId, Measures measures) {
    String sql =
        "UPDATE " + database.qualified(RunRecorder.TABLE)
            + " SET estimated_input_rows = ?, heap_peak_bytes = ?, peak_execution_memory_bytes = ?,"
            + " disk_spilled_bytes = ?, gc_millis = ?, db_write_millis = ?, duplicate_input_rows = ?::jsonb,"
            + " run_record = ?::jsonb WHERE run_id = ?";
    try (Connection connection = database.connect();
        PreparedStatement update = connection.prepareStatement(sql)) {
      setLong(update, 1, measures.estimatedInputRows());
      setLong(update, 2, measures.heapPeakBytes());
      setLong(update, 3, measures.peakExecutionMemoryBytes());
      setLong(update, 4, measures.diskSpilledBytes());
      setLong(update, 5, measures.gcMillis());
      setLong(update, 6, measures.dbWriteMillis());
      update.setString(
          7, measures.duplicateInputRows() == null ? null : RunRecorder.toJson(measures.duplicateInputRows()));
      update.setString(8, measures.recordJson() == null ? null : measures.recordJson().replace("\\u0000", " "));
      update.setObject(9, runId);
      if (update.executeUpdate() != 1) {
        LOG.warn("The measurements of run {} were not stored: no such run", runId);
      }
    } catch (SQLException | RuntimeException e) {
      LOG.warn("The measurements of run {} could not be stored: {}", runId, SinkException.oneLine(SinkException.describe(e)));
    }
  }

  private static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.BIGINT);
    } else {
      statement.setLong(index, value);
    }
  }
}
