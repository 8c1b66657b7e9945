package dev.ocpsummary.testing;

import dev.ocpsummary.config.DatabaseSettings;
import dev.ocpsummary.config.Secret;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.util.PGobject;

/**
 * One embedded PostgreSQL for the whole test JVM, shared by every test class, plus small helpers to
 * query it.
 *
 * <p>The server starts on first use (on a free port, data in a temp directory, fsync off) and stops
 * when the JVM exits. Test classes keep out of each other's way by working in a schema of their own:
 * {@link #freshSchema} returns settings for a new, empty schema whose name starts with the class's
 * name. The schema itself is created by whoever migrates it (e.g. {@code SummaryDatabase.migrate()}).
 *
 * <p>The query helpers run with {@code search_path} set to the settings' schema, so SQL can name
 * tables unqualified. Values come back as JDBC gives them, except that {@code json}/{@code jsonb}
 * (and other driver objects) are returned as their text and {@code date} as {@link
 * java.time.LocalDate}; {@code numeric} is a {@link java.math.BigDecimal}, {@code uuid} a {@link
 * java.util.UUID}. Any SQL failure is rethrown unchecked.
 */
public final class PostgresFixture {

  private static final AtomicInteger SCHEMAS = new AtomicInteger();
  private static EmbeddedPostgres server;

  private PostgresFixture() {}

  /** The shared server, started on first call. */
  public static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server =
            EmbeddedPostgres.builder()
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the test PostgreSQL", e);
      }
    }
    return server;
  }

  /** JDBC URL of the shared server's {@code postgres} database (user {@code postgres}, no password). */
  public static String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + server().getPort() + "/postgres";
  }

  /**
   * Settings pointing at a schema no other caller gets, named after {@code owner} (e.g. {@code
   * summarywritertest_3}); any leftover schema of that name is dropped first.
   */
  public static DatabaseSettings freshSchema(Class<?> owner) {
    String base = owner.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    String schema = (base.length() > 40 ? base.substring(0, 40) : base) + "_" + SCHEMAS.incrementAndGet();
    DatabaseSettings settings = new DatabaseSettings(jdbcUrl(), "postgres", Secret.NONE, schema, 0, null);
    execute(settings, "DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
    return settings;
  }

  /** A connection to the shared server with {@code search_path} set to the settings' schema. */
  public static Connection connect(DatabaseSettings settings) throws SQLException {
    Connection connection = DriverManager.getConnection(jdbcUrl(), "postgres", "");
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET search_path TO \"" + settings.schema() + "\"");
    }
    return connection;
  }

  /** The rows of a query, each a map from column label to value, in column order. */
  public static List<Map<String, Object>> rows(DatabaseSettings settings, String sql, Object... parameters) {
    try (Connection connection = connect(settings);
        PreparedStatement query = prepare(connection, sql, parameters);
        ResultSet result = query.executeQuery()) {
      ResultSetMetaData meta = result.getMetaData();
      List<Map<String, Object>> rows = new ArrayList<>();
      while (result.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.put(meta.getColumnLabel(i), plain(result.getObject(i)));
        }
        rows.add(row);
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("query failed: " + sql + ": " + e.getMessage(), e);
    }
  }

  /** The first column of a query's only row (null if the query returns no row). */
  public static Object value(DatabaseSettings settings, String sql, Object... parameters) {
    List<Map<String, Object>> rows = rows(settings, sql, parameters);
    if (rows.size() > 1) {
      throw new IllegalStateException("expected at most one row, got " + rows.size() + ": " + sql);
    }
    return rows.isEmpty() ? null : rows.get(0).values().iterator().next();
  }

  /** The first column of every row of a query. */
  public static List<Object> column(DatabaseSettings settings, String sql, Object... parameters) {
    return rows(settings, sql, parameters).stream().map(row -> row.values().iterator().next()).toList();
  }

  /** Runs a statement; returns its update count (0 for DDL). */
  public static int execute(DatabaseSettings settings, String sql, Object... parameters) {
    try (Connection connection = connect(settings);
        PreparedStatement statement = prepare(connection, sql, parameters)) {
      statement.execute();
      return Math.max(statement.getUpdateCount(), 0);
    } catch (SQLException e) {
      throw new IllegalStateException("statement failed: " + sql + ": " + e.getMessage(), e);
    }
  }

  private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    for (int i = 0; i < parameters.length; i++) {
      statement.setObject(i + 1, parameters[i]);
    }
    return statement;
  }

  private static Object plain(Object value) {
    if (value instanceof PGobject object) {
      return object.getValue();
    }
    if (value instanceof java.sql.Date date) {
      return date.toLocalDate();
    }
    return value;
  }
}
