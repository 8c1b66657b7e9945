package dev.ocpsummary.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records summarize runs in {@code summary_runs}: a row with status {@code running} when a run
 * begins, turned into {@code succeeded} or {@code failed} with its counts, phase timings and error
 * when it ends.
 *
 * <p>Each call uses its own autocommitted connection, independent of the writer's transaction, so a
 * run whose write was rolled back is still recorded as failed. A run can end only once: ending a
 * run that is not {@code running} changes nothing. {@link #begin} and {@link #succeed} throw {@link
 * SinkException} when they cannot record; {@link #fail} never throws, because it is called while
 * another failure is on its way to the user, which must not be replaced by a failure to record it.
 * When the database's connection was lost (a restarted server), {@link #fail} tries again for up to
 * {@link #RECONNECT_PATIENCE} before it gives up with a warning.
 */
public final class RunRecorder {

  private static final Logger LOG = LoggerFactory.getLogger(RunRecorder.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The run log table, unqualified. */
  public static final String TABLE = "summary_runs";

  /** How long {@link #fail} keeps trying to reach a database whose connection was lost. */
  static final Duration RECONNECT_PATIENCE = Duration.ofSeconds(10);

  private static final Duration RECONNECT_PAUSE = Duration.ofMillis(500);

  private final SummaryDatabase database;

  public RunRecorder(SummaryDatabase database) {
    this.database = Objects.requireNonNull(database, "database");
  }

  /**
   * Records a run that starts now, with status {@code running}.
   *
   * @param mode the write path of the run
   * @param modeReason why that path was chosen
   * @return the new run's id
   * @throws SinkException if the source is not a UUID or the row cannot be inserted
   */
  public UUID begin(String sourceUuid, LocalDate start, LocalDate end, String mode, String modeReason) {
    UUID source;
    try {
      source = UUID.fromString(Objects.requireNonNull(sourceUuid, "sourceUuid").strip());
    } catch (IllegalArgumentException e) {
      throw new SinkException("cannot record the run: the source '" + sourceUuid + "' is not a UUID", e);
    }
    UUID runId = UUID.randomUUID();
    String sql =
        "INSERT INTO " + database.qualified(TABLE)
            + " (run_id, source_uuid, start_date, end_date, mode, mode_reason, status, started_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, 'running', now())";
    try (Connection connection = database.connect();
        PreparedStatement insert = connection.prepareStatement(sql)) {
      insert.setObject(1, runId);
      insert.setObject(2, source);
      insert.setObject(3, start);
      insert.setObject(4, end);
      insert.setString(5, mode);
      insert.setString(6, modeReason);
      insert.executeUpdate();
      return runId;
    } catch (SQLException e) {
      throw new SinkException(
          "cannot record the start of a run of source " + source + ": " + SinkException.describe(e), e);
    }
  }

  /**
   * Marks a running run as succeeded, with its counts and timings.
   *
   * @throws SinkException if the run is unknown, has already ended, or cannot be updated
   */
  public void succeed(UUID runId, RunSummary summary) {
    Objects.requireNonNull(summary, "summary");
    try {
      if (!end(runId, "succeeded", summary, null)) {
        throw new SinkException("cannot record the success of run " + runId + ": no such running run");
      }
    } catch (SQLException e) {
      throw new SinkException(
          "cannot record the success of run " + runId + ": " + SinkException.describe(e), e);
    }
  }

  /**
   * Marks a running run as failed, with what it had counted so far and the error shown to the user.
   * Never throws: if the failure cannot be recorded, a warning is logged instead.
   */
  public void fail(UUID runId, RunSummary partial, String errorText) {
    long deadline = System.nanoTime() + RECONNECT_PATIENCE.toNanos();
    while (true) {
      try {
        if (!end(runId, "failed", partial == null ? RunSummary.empty() : partial, errorText)) {
          LOG.warn("Run {} was not recorded as failed: no such running run", runId);
        }
        return;
      } catch (SQLException | RuntimeException e) {
        // A run that failed because PostgreSQL restarted is recorded once the server is back, if soon.
        if (connectionFailure(e) && System.nanoTime() < deadline && pause()) {
          continue;
        }
        LOG.warn("Run {} could not be recorded as failed: {}", runId, SinkException.oneLine(SinkException.describe(e)));
        return;
      }
    }
  }

  private static boolean connectionFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (SinkException.connectionFailure(t)) {
        return true;
      }
    }
    return false;
  }

  /** Waits before the next attempt; false if interrupted (then no more attempts). */
  private static boolean pause() {
    try {
      Thread.sleep(RECONNECT_PAUSE.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private boolean end(UUID runId, String status, RunSummary summary, String errorText) throws SQLException {
    Objects.requireNonNull(runId, "runId");
    String sql =
        "UPDATE " + database.qualified(TABLE)
            + " SET status = ?, finished_at = now(), input_rows = ?, output_rows = ?,"
            + " rows_by_data_source = ?::jsonb, phase_millis = ?::jsonb, error_text = ?"
            + " WHERE run_id = ? AND status = 'running'";
    try (Connection connection = database.connect();
        PreparedStatement update = connection.prepareStatement(sql)) {
      update.setString(1, status);
      update.setLong(2, summary.inputRows());
      update.setLong(3, summary.outputRows());
      update.setString(4, toJson(summary.rowsByDataSource()));
      update.setString(5, toJson(summary.phaseMillis()));
      // PostgreSQL text cannot hold NUL characters; an error text must never fail its own recording.
      update.setString(6, errorText == null ? null : errorText.replace('\0', ' '));
      update.setObject(7, runId);
      return update.executeUpdate() == 1;
    }
  }

  /** A JSON object of the map's entries, in its iteration order. */
  static String toJson(Map<String, Long> map) {
    try {
      return JSON.writeValueAsString(map);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write " + map + " as JSON", e);
    }
  }
}
