package dev.ocpsummary.sink;

import dev.ocpsummary.config.LockWait;
import dev.ocpsummary.summary.SummaryColumns;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.apache.spark.sql.Row;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces one source's rows of a date window in {@code reporting_ocpusagelineitem_daily_summary}.
 *
 * <p>{@link #replaceWindow} deletes the window's rows of the source and streams the new rows in
 * with {@code COPY}, in one transaction: readers see either the old rows or the new ones, never a
 * mix, and rows are never held in memory beyond one buffer of about 1 MB. Two writers of the same
 * source (in the same schema) are serialised by a transaction-scoped advisory lock; writers of
 * different sources run side by side. How long a writer waits for that lock is its {@link LockWait}:
 * for ever by default, or not at all or at most a duration, after which it fails with a {@link
 * SourceLockedException} and writes nothing. Rows that Koku's cloud steps gave a non-zero {@code
 * infrastructure_raw_cost} are kept, as Koku keeps them.
 *
 * <p>The monthly partitions the window touches are created first, if missing, in their own short
 * transaction: creating a partition locks the whole table against readers, and holding that lock
 * for the length of a large copy would stall every query of the table. A failed write can therefore
 * leave an empty partition behind, which is harmless.
 *
 * <p>Any failure, whether a rejected row, an exception thrown by the row iterator, or a database
 * error, rolls the transaction back, so the window's previous rows stay as they were, and is
 * rethrown as a {@link SinkException} with a one-line message.
 */
public final class SummaryWriter {

  private static final Logger LOG = LoggerFactory.getLogger(SummaryWriter.class);

  /** The summary table, unqualified. */
  public static final String TABLE = "reporting_ocpusagelineitem_daily_summary";

  /** Characters buffered before they are sent to the server: about 1 MB of mostly ASCII CSV. */
  static final int BUFFER_CHARS = 1 << 20;

  private static final DateTimeFormatter PARTITION_SUFFIX = DateTimeFormatter.ofPattern("yyyy_MM");
  private static final int USAGE_START = SummaryColumns.indexOf(SummaryColumns.USAGE_START);
  private static final int SOURCE_UUID = SummaryColumns.indexOf(SummaryColumns.SOURCE_UUID);

  /** PostgreSQL's SQLSTATE lock_not_available, raised when lock_timeout ends a wait. */
  private static final String LOCK_NOT_AVAILABLE = "55P03";

  private final SummaryDatabase database;
  private final LockWait lockWait;

  /** A writer that waits as long as another writer of the same source holds it. */
  public SummaryWriter(SummaryDatabase database) {
    this(database, LockWait.forever());
  }

  public SummaryWriter(SummaryDatabase database, LockWait lockWait) {
    this.database = Objects.requireNonNull(database, "database");
    this.lockWait = Objects.requireNonNull(lockWait, "lockWait");
  }

  /**
   * Takes the source's write lock and lets it go at once, waiting no longer than the lock wait
   * allows: a run calls it before any work, so that it stops early when another run is writing
   * the source. Writing later takes the lock again.
   *
   * @throws SourceLockedException if another writer holds the source beyond the lock wait
   * @throws SinkException if the database fails
   */
  public void awaitNoOtherWriter(String sourceUuid) {
    UUID source = parseSource(sourceUuid);
    try (Connection connection = database.connect()) {
      connection.setAutoCommit(false);
      try {
        lockSource(connection, source);
      } finally {
        connection.rollback();
      }
    } catch (SQLException e) {
      throw new SinkException("cannot take the write lock of source " + source + ": " + SinkException.describe(e), e);
    }
  }

  /**
   * Replaces the rows of {@code sourceUuid} with {@code usage_start} in [{@code start}, {@code
   * endInclusive}] by {@code rows}, which carry the columns of {@link SummaryColumns#ALL} in that
   * order. Every row must belong to that source and window and hold finite numbers only.
   *
   * @return the number of rows copied
   * @throws SinkException if the arguments are invalid, a row is rejected, the iterator fails or the
   *     database fails; the window's previous rows are then unchanged
   */
  public long replaceWindow(String sourceUuid, LocalDate start, LocalDate endInclusive, Iterator<Row> rows) {
    Objects.requireNonNull(rows, "rows");
    try (Replacement replacement = beginReplace(sourceUuid, start, endInclusive)) {
      replacement.step("", connection -> copyRows(connection, replacement.source, start, endInclusive, rows));
      return replacement.commit();
    }
  }

  /**
   * Begins replacing the rows of {@code sourceUuid} with {@code usage_start} in [{@code start},
   * {@code endInclusive}] by the rows of one or more {@link StagingTable}s, which many writers copied
   * in parallel: creates the window's monthly partitions, takes the source's lock (waiting as the
   * lock wait allows) and deletes the window's rows in a transaction that stays open. Each {@link
   * Replacement#insertFrom} then moves a staging table's rows into the summary table and drops it,
   * and {@link Replacement#commit} makes them all visible at once. The caller may compute the rows of
   * the next staging table meanwhile: the summary table's index maintenance, most of a swap's time,
   * then runs beside that work. The guarantees are those of {@link #replaceWindow}: until the commit
   * readers see the window's previous rows, writers of a source are serialised, rows with an
   * infrastructure raw cost are kept; closing a replacement that was not committed rolls it back.
   *
   * @throws SourceLockedException if another writer holds the source beyond the lock wait
   * @throws SinkException if the arguments are invalid or the database fails; nothing is changed
   */
  public Replacement beginReplace(String sourceUuid, LocalDate start, LocalDate endInclusive) {
    UUID source = checkedWindow(sourceUuid, start, endInclusive);
    return new Replacement(source, start, endInclusive);
  }

  /**
   * A replace of one source's window in an open transaction, filled from staging tables; see {@link
   * #beginReplace}. Not safe for use by several threads at once.
   */
  public final class Replacement implements AutoCloseable {

    private final UUID source;
    private final LocalDate start;
    private final LocalDate end;
    private final long began = System.nanoTime();
    private final Connection connection;
    private final int deleted;
    private final List<String> stagingNames = new ArrayList<>();
    private long written;
    private boolean open = true;

    private Replacement(UUID source, LocalDate start, LocalDate end) {
      this.source = source;
      this.start = start;
      this.end = end;
      Connection opened = null;
      try {
        opened = database.connect();
        ensureMonthlyPartitions(opened, start, end);
        opened.setAutoCommit(false);
        lockSource(opened, source);
        this.deleted = deleteWindow(opened, source, start, end);
        this.connection = opened;
      } catch (SourceLockedException e) {
        abandon(opened, e);
        throw e;
      } catch (SQLException | RuntimeException e) {
        SinkException failure = new SinkException(failure("") + SinkException.describe(e), e);
        abandon(opened, failure);
        throw failure;
      } catch (Error e) {
        abandon(opened, e);
        throw e;
      }
    }

    /**
     * Inserts the rows of {@code staging} and drops it, in the open transaction.
     *
     * @param expectedRows the number of rows the writers reported; a staging table holding another
     *     number (a lost or doubled partition) fails the replace
     * @return the number of rows inserted
     * @throws SinkException if the staging table holds another number of rows, a row of another
     *     source or outside the window, or the database fails; the replace is then rolled back (the
     *     window's previous rows are unchanged) and the staging table is left for the caller to drop
     */
    public long insertFrom(StagingTable staging, long expectedRows) {
      Objects.requireNonNull(staging, "staging");
      if (!staging.database().schema().equals(database.schema())) {
        throw new SinkException("the staging table " + staging.name() + " is not in schema " + database.schema());
      }
      String stagingTable = database.qualified(staging.name());
      long rows =
          step(
              " from " + staging.name(),
              c -> {
                checkStaging(c, stagingTable, source, start, end, expectedRows);
                try (Statement statement = c.createStatement()) {
                  long n =
                      statement.executeUpdate(
                          "INSERT INTO " + database.qualified(TABLE) + " (" + SummaryColumns.nameList() + ") SELECT "
                              + SummaryColumns.nameList() + " FROM " + stagingTable);
                  if (n != expectedRows) {
                    throw new SQLException("inserted " + n + " rows, expected " + expectedRows);
                  }
                  statement.execute("DROP TABLE " + stagingTable);
                  return n;
                }
              });
      stagingNames.add(staging.name());
      return rows;
    }

    /**
     * One step of the transaction; any failure rolls the replace back and is rethrown as a {@link
     * SinkException} naming the window and {@code from}.
     */
    private long step(String from, NewRows newRows) {
      requireOpen();
      try {
        long rows = newRows.write(connection);
        written += rows;
        return rows;
      } catch (Exception e) { // also the checked exceptions Spark's Scala code throws undeclared
        SinkException failure = new SinkException(failure(from) + SinkException.describe(e), e);
        end(failure);
        throw failure;
      } catch (Error e) {
        end(e);
        throw e;
      }
    }

    /**
     * Commits the replace: readers now see the new rows instead of the window's previous ones.
     *
     * @return the number of rows written
     * @throws SinkException if the commit fails; the window's previous rows are then unchanged
     */
    public long commit() {
      requireOpen();
      try {
        connection.commit();
      } catch (SQLException e) {
        SinkException failure = new SinkException(failure(from()) + SinkException.describe(e), e);
        end(failure);
        throw failure;
      }
      open = false;
      LOG.info(
          "Replaced the summary of source {} for {}..{}{}: {} rows deleted, {} rows written in {} ms",
          source, start, end, from(), deleted, written, (System.nanoTime() - began) / 1_000_000);
      try {
        connection.close();
      } catch (SQLException e) {
        throw new SinkException(
            "the summary of source " + source + " was written but its connection did not close: "
                + SinkException.describe(e), e);
      }
      return written;
    }

    /** Rolls the replace back unless it was committed. */
    @Override
    public void close() {
      if (open) {
        end(null);
      }
    }

    private void requireOpen() {
      if (!open) {
        throw new IllegalStateException("the replace of source " + source + " for " + start + ".." + end + " has ended");
      }
    }

    private String from() {
      return stagingNames.isEmpty() ? "" : " from " + String.join(", ", stagingNames);
    }

    private String failure(String from) {
      return "cannot replace the summary of source " + source + " for " + start + ".." + end + from
          + " (its previous rows are unchanged): ";
    }

    /** Rolls back and closes; problems doing so are added to {@code failure}, or dropped without one. */
    private void end(Throwable failure) {
      open = false;
      abandon(connection, failure);
    }
  }

  /** Rolls back and closes {@code connection} (if any); problems doing so are added to {@code failure}, if any. */
  private static void abandon(Connection connection, Throwable failure) {
    if (connection == null) {
      return;
    }
    Throwable problems = failure == null ? new SinkException("rolling back") : failure;
    rollback(connection, problems);
    try {
      connection.close();
    } catch (SQLException e) {
      problems.addSuppressed(e);
    }
  }

  /** The window's rows as one step of the replacing transaction writes them; returns how many. */
  @FunctionalInterface
  private interface NewRows {
    long write(Connection connection) throws Exception;
  }

  private static UUID checkedWindow(String sourceUuid, LocalDate start, LocalDate endInclusive) {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(endInclusive, "endInclusive");
    UUID source = parseSource(sourceUuid);
    if (endInclusive.isBefore(start)) {
      throw new SinkException("the window " + start + ".." + endInclusive + " ends before it starts");
    }
    return source;
  }

  private static void checkStaging(
      Connection connection, String stagingTable, UUID source, LocalDate start, LocalDate end, long expectedRows)
      throws SQLException {
    try (PreparedStatement check =
        connection.prepareStatement(
            "SELECT count(*), count(*) FILTER (WHERE source_uuid IS DISTINCT FROM ? OR usage_start IS NULL"
                + " OR usage_start < ? OR usage_start > ?) FROM " + stagingTable)) {
      check.setObject(1, source);
      check.setObject(2, start);
      check.setObject(3, end);
      try (ResultSet result = check.executeQuery()) {
        result.next();
        long rows = result.getLong(1);
        long strays = result.getLong(2);
        if (strays > 0) {
          throw new SinkException(
              strays + " staged rows belong to another source than " + source + " or lie outside " + start + ".." + end);
        }
        if (rows != expectedRows) {
          throw new SinkException(
              "the staging table holds " + rows + " rows, the writers reported " + expectedRows);
        }
      }
    }
  }

  /** The name of the monthly partition that holds the given day. */
  static String partitionName(LocalDate day) {
    return TABLE + "_" + PARTITION_SUFFIX.format(day);
  }

  /** The text whose hash is the advisory lock key of a source's writes to a schema. */
  static String sourceLockKey(String schema, UUID source) {
    return "ocp-daily-summary:" + schema + ":" + source;
  }

  private void ensureMonthlyPartitions(Connection connection, LocalDate start, LocalDate end) throws SQLException {
    List<YearMonth> missing = new ArrayList<>();
    for (YearMonth month = YearMonth.from(start); !month.isAfter(YearMonth.from(end)); month = month.plusMonths(1)) {
      if (!exists(connection, month)) {
        missing.add(month);
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    connection.setAutoCommit(false);
    // Writers of other sources may create the same partition at the same time; CREATE ... IF NOT
    // EXISTS is not safe against that race, so partition creation in a schema is serialised.
    advisoryLock(connection, "ocp-daily-summary:" + database.schema() + ":partitions");
    try (Statement statement = connection.createStatement()) {
      for (YearMonth month : missing) {
        if (exists(connection, month)) {
          continue;
        }
        statement.execute(
            "CREATE TABLE " + database.qualified(partitionName(month.atDay(1)))
                + " PARTITION OF " + database.qualified(TABLE)
                + " FOR VALUES FROM ('" + month.atDay(1) + "') TO ('" + month.plusMonths(1).atDay(1) + "')");
        LOG.info("Created partition {}", partitionName(month.atDay(1)));
      }
    }
    connection.commit();
  }

  private boolean exists(Connection connection, YearMonth month) throws SQLException {
    try (PreparedStatement check = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
      check.setString(1, database.qualified(partitionName(month.atDay(1))));
      try (ResultSet result = check.executeQuery()) {
        result.next();
        return result.getBoolean(1);
      }
    }
  }

  private void lockSource(Connection connection, UUID source) throws SQLException {
    String key = sourceLockKey(database.schema(), source);
    try (PreparedStatement tryLock =
        connection.prepareStatement("SELECT pg_try_advisory_xact_lock(hashtextextended(?, 0))")) {
      tryLock.setString(1, key);
      try (ResultSet result = tryLock.executeQuery()) {
        result.next();
        if (result.getBoolean(1)) {
          return;
        }
      }
    }
    if (lockWait.failsAtOnce()) {
      throw locked(source, "not waiting");
    }
    long waitStarted = System.nanoTime();
    if (lockWait.waitsForever()) {
      LOG.info("Another run is writing source {}; waiting for it to finish", source);
      advisoryLock(connection, key);
    } else {
      LOG.info("Another run is writing source {}; waiting at most {} for it to finish", source, lockWait.describe());
      advisoryLockWithin(connection, key, source);
    }
    LOG.info("Waited {} ms for the other run of source {}", (System.nanoTime() - waitStarted) / 1_000_000, source);
  }

  /** Waits for the lock at most the lock wait's limit, through PostgreSQL's lock_timeout for this transaction. */
  private void advisoryLockWithin(Connection connection, String key, UUID source) throws SQLException {
    String previous;
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT current_setting('lock_timeout')")) {
      result.next();
      previous = result.getString(1);
    }
    setLockTimeout(connection, lockWait.limit().toMillis() + "ms");
    try {
      advisoryLock(connection, key);
    } catch (SQLException e) {
      if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
        throw locked(source, "gave up after " + lockWait.describe());
      }
      throw e;
    }
    // The limit is for this lock only: the delete and copy that follow wait as they always do.
    setLockTimeout(connection, previous);
  }

  private static void setLockTimeout(Connection connection, String value) throws SQLException {
    try (PreparedStatement set = connection.prepareStatement("SELECT set_config('lock_timeout', ?, true)")) {
      set.setString(1, value);
      set.execute();
    }
  }

  private SourceLockedException locked(UUID source, String what) {
    return new SourceLockedException(
        "another run holds the lock of source " + source + " in schema " + database.schema() + ": " + what
            + " (database.lock-wait = " + lockWait.describe() + "); the summary is unchanged");
  }

  private static void advisoryLock(Connection connection, String key) throws SQLException {
    try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
      lock.setString(1, key);
      lock.execute();
    }
  }

  private int deleteWindow(Connection connection, UUID source, LocalDate start, LocalDate end) throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement(
            "DELETE FROM " + database.qualified(TABLE)
                + " WHERE source_uuid = ? AND usage_start BETWEEN ? AND ?"
                + " AND (infrastructure_raw_cost IS NULL OR infrastructure_raw_cost = 0)")) {
      delete.setObject(1, source);
      delete.setObject(2, start);
      delete.setObject(3, end);
      return delete.executeUpdate();
    }
  }

  private long copyRows(Connection connection, UUID source, LocalDate start, LocalDate end, Iterator<Row> rows)
      throws SQLException {
    String sql =
        "COPY " + database.qualified(TABLE) + " (" + SummaryColumns.nameList() + ") FROM STDIN (FORMAT csv)";
    CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
    try {
      CsvRowEncoder encoder = new CsvRowEncoder();
      StringBuilder buffer = new StringBuilder(BUFFER_CHARS + BUFFER_CHARS / 8);
      long read = 0;
      for (Row row = nextRow(rows, read); row != null; row = nextRow(rows, read)) {
        read++;
        try {
          checkBelongs(row, source, start, end);
          encoder.append(row, buffer);
        } catch (SinkException e) {
          throw new SinkException("row " + read + ": " + e.getMessage(), e);
        }
        if (buffer.length() >= BUFFER_CHARS) {
          send(copy, buffer);
        }
      }
      send(copy, buffer);
      long copied = copy.endCopy();
      if (copied != read) {
        throw new SQLException("the server copied " + copied + " rows of the " + read + " sent");
      }
      return copied;
    } catch (Throwable e) {
      cancel(copy, e);
      throw e;
    }
  }

  /** The next row, or null at the end; a failure of the iterator itself is told apart from a bad row. */
  private static Row nextRow(Iterator<Row> rows, long read) {
    Row row;
    try {
      if (!rows.hasNext()) {
        return null;
      }
      row = rows.next();
    } catch (Exception e) { // also the checked exceptions Spark's Scala code throws undeclared
      throw new SinkException("reading the rows failed after " + read + " rows: " + SinkException.describe(e), e);
    }
    if (row == null) {
      throw new SinkException("row " + (read + 1) + " is null");
    }
    return row;
  }

  private static void checkBelongs(Row row, UUID source, LocalDate start, LocalDate end) {
    if (row.length() != SummaryColumns.ALL.size()) {
      return; // the encoder rejects it with the widths
    }
    Object day = row.get(USAGE_START);
    LocalDate usageStart =
        day instanceof LocalDate local ? local : day instanceof java.sql.Date sql ? sql.toLocalDate() : null;
    if (usageStart == null) {
      if (day == null) {
        throw new SinkException("usage_start is NULL");
      }
      return; // the encoder rejects the type
    }
    if (usageStart.isBefore(start) || usageStart.isAfter(end)) {
      throw new SinkException("usage_start " + usageStart + " is outside the window " + start + ".." + end);
    }
    Object rowSource = row.get(SOURCE_UUID);
    if (!sameSource(rowSource, source)) {
      throw new SinkException("source_uuid " + rowSource + " is not the run's source " + source);
    }
  }

  private static boolean sameSource(Object value, UUID source) {
    if (value instanceof UUID uuid) {
      return uuid.equals(source);
    }
    if (value instanceof String text) {
      if (text.equals(source.toString())) {
        return true;
      }
      try {
        return UUID.fromString(text.strip()).equals(source);
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
    return false;
  }

  private static void send(CopyIn copy, StringBuilder buffer) throws SQLException {
    if (buffer.length() == 0) {
      return;
    }
    byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
    copy.writeToCopy(bytes, 0, bytes.length);
    buffer.setLength(0);
  }

  private static void cancel(CopyIn copy, Throwable failure) {
    try {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  private static void rollback(Connection connection, Throwable failure) {
    try {
      if (!connection.getAutoCommit()) {
        connection.rollback();
      }
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  private static UUID parseSource(String sourceUuid) {
    try {
      return UUID.fromString(Objects.requireNonNull(sourceUuid, "sourceUuid").strip());
    } catch (IllegalArgumentException e) {
      throw new SinkException("the source '" + sourceUuid + "' is not a UUID", e);
    }
  }
}
