package dev.ocpsummary.sink;

import dev.ocpsummary.summary.SummaryColumns;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A per-run table in the summary schema (or one per part of a run's rows) that the CACHE mode fills
 * from many writers at once (one per Spark partition, on any executor) before a {@link
 * SummaryWriter.Replacement} moves its rows into the summary table, in the one transaction that
 * replaces the run's window.
 *
 * <p>The table has the summary's written columns (same types, no constraints, no indexes, unlogged:
 * it is scratch) plus the number of the partition that wrote each row. {@link #copyPartition} is
 * idempotent per partition: it replaces that partition's rows in its own transaction, serialised per
 * partition by an advisory lock, so a retried or speculative task never leaves a partition's rows
 * twice. Nothing in the staging table is visible to readers of the summary until the swap commits.
 *
 * <p>Instances are serialisable so that executors can write; they hold only the database's
 * connection values and the table's name. A table left behind by a run that was killed is dropped by
 * {@link #dropAbandoned} at the start of a later CACHE run.
 */
public final class StagingTable implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(StagingTable.class);

  /**
   * Staging tables are named {@value #PREFIX} + the run id without dashes, followed by {@code _N}
   * for a run's part N > 0.
   */
  static final String PREFIX = "ocp_summary_staging_";

  /** The column that records which partition wrote a row. */
  static final String PARTITION_COLUMN = "spark_partition";

  private static final Pattern NAME = Pattern.compile(PREFIX + "([0-9a-f]{32})(?:_[0-9]+)?");

  private final SummaryDatabase database;
  private final String name;

  private StagingTable(SummaryDatabase database, String name) {
    this.database = database;
    this.name = name;
  }

  /**
   * Creates the (empty) staging table of a run.
   *
   * @throws SinkException if it cannot be created
   */
  public static StagingTable create(SummaryDatabase database, UUID runId) {
    return create(database, runId, 0);
  }

  /**
   * Creates the (empty) staging table of one part of a run's rows, for a run that stages its rows in
   * several tables.
   *
   * @throws SinkException if it cannot be created
   */
  public static StagingTable create(SummaryDatabase database, UUID runId, int part) {
    if (part < 0) {
      throw new IllegalArgumentException("part " + part + " < 0");
    }
    String name = part == 0 ? nameOf(runId) : nameOf(runId) + "_" + part;
    StagingTable table = new StagingTable(Objects.requireNonNull(database, "database"), name);
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE UNLOGGED TABLE " + database.qualified(table.name) + " AS SELECT " + SummaryColumns.nameList()
              + ", 0 AS " + PARTITION_COLUMN + " FROM " + database.qualified(SummaryWriter.TABLE) + " WITH NO DATA");
      return table;
    } catch (SQLException e) {
      throw new SinkException("cannot create the staging table " + table.name + ": " + SinkException.describe(e), e);
    }
  }

  /** The table's name, unqualified. */
  public String name() {
    return name;
  }

  SummaryDatabase database() {
    return database;
  }

  /**
   * Replaces the rows of partition {@code partition} by {@code rows} (summary rows in {@link
   * SummaryColumns#ALL} order), in one transaction, with COPY.
   *
   * @return the number of rows copied
   * @throws SinkException if a row is rejected or the database fails; the partition's previous rows
   *     are then unchanged
   */
  public long copyPartition(int partition, Iterator<Row> rows) {
    String failure = "cannot write partition " + partition + " into the staging table " + name + ": ";
    registerDriver();
    try (Connection connection = database.connect()) {
      connection.setAutoCommit(false);
      try {
        try (PreparedStatement lock =
                connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?), ?)");
            PreparedStatement delete =
                connection.prepareStatement(
                    "DELETE FROM " + database.qualified(name) + " WHERE " + PARTITION_COLUMN + " = ?")) {
          lock.setString(1, name);
          lock.setInt(2, partition);
          lock.execute();
          delete.setInt(1, partition);
          delete.executeUpdate();
        }
        long copied = copy(connection, partition, rows);
        connection.commit();
        return copied;
      } catch (Exception e) {
        connection.rollback();
        throw e;
      }
    } catch (SinkException e) {
      throw new SinkException(failure + e.getMessage(), e);
    } catch (Exception e) {
      throw new SinkException(failure + SinkException.describe(e), e);
    }
  }

  /**
   * Loads PostgreSQL's driver through this class's loader. On an executor the application's jars sit
   * in a child class loader that DriverManager's own driver discovery does not search.
   */
  private static void registerDriver() {
    try {
      Class.forName("org.postgresql.Driver", true, StagingTable.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new SinkException("the PostgreSQL driver is not on the executor's classpath", e);
    }
  }

  private long copy(Connection connection, int partition, Iterator<Row> rows) throws SQLException {
    String sql =
        "COPY " + database.qualified(name) + " (" + SummaryColumns.nameList() + ", " + PARTITION_COLUMN
            + ") FROM STDIN (FORMAT csv)";
    CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
    try {
      CsvRowEncoder encoder = new CsvRowEncoder();
      StringBuilder buffer = new StringBuilder(SummaryWriter.BUFFER_CHARS + SummaryWriter.BUFFER_CHARS / 8);
      String partitionField = "," + partition + "\n";
      long sent = 0;
      while (rows.hasNext()) {
        Row row = rows.next();
        sent++;
        try {
          encoder.append(row, buffer);
        } catch (SinkException e) {
          throw new SinkException("row " + sent + " of the partition: " + e.getMessage(), e);
        }
        buffer.setLength(buffer.length() - 1); // the encoder ends the line; the partition comes first
        buffer.append(partitionField);
        if (buffer.length() >= SummaryWriter.BUFFER_CHARS) {
          send(copy, buffer);
        }
      }
      send(copy, buffer);
      long copied = copy.endCopy();
      if (copied != sent) {
        throw new SQLException("the server copied " + copied + " rows of the " + sent + " sent");
      }
      return copied;
    } catch (RuntimeException | SQLException e) {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
      throw e;
    }
  }

  private static void send(CopyIn copy, StringBuilder buffer) throws SQLException {
    if (buffer.length() == 0) {
      return;
    }
    byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
    copy.writeToCopy(bytes, 0, bytes.length);
    buffer.setLength(0);
  }

  /** Drops the table if it still exists; logs instead of throwing, as it runs on the failure path. */
  public void dropQuietly() {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS " + database.qualified(name));
    } catch (SQLException | RuntimeException e) {
      LOG.warn("Could not drop the staging table {}: {}", name, SinkException.oneLine(SinkException.describe(e)));
    }
  }

  /**
   * Drops the staging tables of runs that are over: runs that {@code summary_runs} records as
   * succeeded or failed, or does not know, or that have been {@code running} for more than a day
   * (killed). Staging tables of runs in progress are left alone.
   *
   * @return the names of the tables dropped
   */
  public static List<String> dropAbandoned(SummaryDatabase database) {
    List<String> dropped = new ArrayList<>();
    String sql =
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE n.nspname = ? AND c.relkind = 'r' AND c.relname LIKE '" + PREFIX + "%'";
    try (Connection connection = database.connect()) {
      List<String> candidates = new ArrayList<>();
      try (PreparedStatement list = connection.prepareStatement(sql)) {
        list.setString(1, database.schema());
        try (ResultSet result = list.executeQuery()) {
          while (result.next()) {
            candidates.add(result.getString(1));
          }
        }
      }
      for (String table : candidates) {
        Matcher m = NAME.matcher(table);
        if (m.matches() && !runInProgress(connection, database, runIdOf(m.group(1)))) {
          try (Statement drop = connection.createStatement()) {
            drop.execute("DROP TABLE IF EXISTS " + database.qualified(table));
          }
          dropped.add(table);
        }
      }
    } catch (SQLException e) {
      throw new SinkException("cannot clean up old staging tables: " + SinkException.describe(e), e);
    }
    if (!dropped.isEmpty()) {
      LOG.info("Dropped {} staging tables of runs that are over: {}", dropped.size(), dropped);
    }
    return dropped;
  }

  private static boolean runInProgress(Connection connection, SummaryDatabase database, UUID runId) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT 1 FROM " + database.qualified(RunRecorder.TABLE)
                + " WHERE run_id = ? AND status = 'running' AND started_at > now() - interval '1 day'")) {
      query.setObject(1, runId);
      try (ResultSet result = query.executeQuery()) {
        return result.next();
      }
    }
  }

  static String nameOf(UUID runId) {
    return PREFIX + runId.toString().replace("-", "");
  }

  private static UUID runIdOf(String hex) {
    return UUID.fromString(
        hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-" + hex.substring(16, 20)
            + "-" + hex.substring(20));
  }

  @Override
  public String toString() {
    return "StagingTable[" + database.schema() + "." + name + "]";
  }
}
