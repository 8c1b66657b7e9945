package dev.ocpsummary.sink;

import dev.ocpsummary.config.DatabaseSettings;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL schema that holds the summary tables: connections into it and its migrations.
 *
 * <p>Construction checks the settings only (a URL is set, the schema is a plain identifier); it does
 * not connect. {@link #connect()} gives a connection whose {@code search_path} is the schema, so
 * unqualified names resolve there; {@link #migrate()} creates the schema if needed and applies the
 * Flyway migrations under {@code classpath:db/migration}, and is safe to call on every run.
 *
 * <p>All failures are {@link SinkException}s with one-line messages that name the URL (with any
 * password parameter removed) and the schema. The password is never logged or put into a message.
 */
public final class SummaryDatabase implements Serializable {

  // Serializable so that executors can connect (the CACHE mode writes from there); the password
  // travels inside Spark's task serialization and is never logged.
  private static final long serialVersionUID = 1L;

  private static final Logger LOG = LoggerFactory.getLogger(SummaryDatabase.class);

  private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
  private static final Pattern PASSWORD_PARAMETER =
      Pattern.compile("(?i)([?&;]password=)[^&;]*");
  private static final String APPLICATION_NAME = "ocp-daily-summary";

  private final String jdbcUrl;
  private final String user;
  private final String password;
  private final String schema;

  /**
   * @throws SinkException if the settings have no JDBC URL or the schema is not a plain SQL
   *     identifier ({@code [A-Za-z_][A-Za-z0-9_]{0,62}})
   */
  public SummaryDatabase(DatabaseSettings settings) {
    if (settings.jdbcUrl() == null || settings.jdbcUrl().isBlank()) {
      throw new SinkException(
          "the summary database has no JDBC URL: configure one or start the embedded PostgreSQL first");
    }
    this.jdbcUrl = settings.jdbcUrl().strip();
    this.user = settings.user() == null ? "" : settings.user();
    this.password = settings.password() == null ? "" : settings.password().value();
    this.schema = requirePlainIdentifier("schema", settings.schema());
  }

  /** The schema that holds the summary tables. */
  public String schema() {
    return schema;
  }

  /** The JDBC URL without any password parameter, for messages and logs. */
  public String displayUrl() {
    return PASSWORD_PARAMETER.matcher(jdbcUrl).replaceAll("$1***");
  }

  /**
   * The quoted, schema-qualified name of a table of the schema, e.g. {@code "org1234567"."summary_runs"}.
   *
   * @throws IllegalArgumentException if the table name is not a plain SQL identifier
   */
  public String qualified(String table) {
    return quote(schema) + "." + quote(requirePlainIdentifier("table name", table));
  }

  /**
   * A new connection in autocommit mode whose {@code search_path} is the schema. The caller closes
   * it.
   *
   * @throws SinkException if the server cannot be reached or refuses the login
   */
  public Connection connect() {
    Properties properties = new Properties();
    if (!user.isEmpty()) {
      properties.setProperty("user", user);
    }
    if (!password.isEmpty()) {
      properties.setProperty("password", password);
    }
    properties.setProperty("ApplicationName", APPLICATION_NAME);
    Connection connection;
    try {
      connection = DriverManager.getConnection(jdbcUrl, properties);
    } catch (SQLException e) {
      throw new SinkException(
          "cannot connect to PostgreSQL at " + displayUrl() + " as user '" + user + "': " + SinkException.describe(e), e);
    }
    try (Statement statement = connection.createStatement()) {
      // Set after login rather than through the URL's currentSchema, which a configured URL could override.
      statement.execute("SET search_path TO " + quote(schema));
      return connection;
    } catch (SQLException e) {
      closeQuietly(connection, e);
      throw new SinkException(
          "cannot select schema " + schema + " at " + displayUrl() + ": " + SinkException.describe(e), e);
    }
  }

  /**
   * Creates the schema if it is missing and applies the pending migrations. Running it again on an
   * up-to-date schema changes nothing.
   *
   * @throws SinkException if the server cannot be reached or a migration fails (Flyway rolls back
   *     the failed migration)
   */
  public void migrate() {
    long started = System.nanoTime();
    try {
      MigrateResult result =
          Flyway.configure(SummaryDatabase.class.getClassLoader())
              .dataSource(jdbcUrl, user.isEmpty() ? null : user, password.isEmpty() ? null : password)
              .schemas(schema)
              .defaultSchema(schema)
              .createSchemas(true)
              .locations("classpath:db/migration")
              .load()
              .migrate();
      LOG.info(
          "Schema {} is at version {} ({} migrations applied) in {} ms",
          schema,
          result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion,
          result.migrationsExecuted,
          (System.nanoTime() - started) / 1_000_000);
    } catch (FlywayException e) {
      throw new SinkException(
          "cannot migrate schema " + schema + " at " + displayUrl() + ": " + SinkException.describe(e), e);
    }
  }

  @Override
  public String toString() {
    return "SummaryDatabase[url=" + displayUrl() + ", user=" + user + ", schema=" + schema + "]";
  }

  private static String requirePlainIdentifier(String what, String name) {
    if (name == null || !PLAIN_IDENTIFIER.matcher(name).matches()) {
      String message =
          "the " + what + " '" + name + "' is not a plain SQL identifier"
              + " (a letter or _, then up to 62 letters, digits or _)";
      if (what.equals("schema")) {
        throw new SinkException(message);
      }
      throw new IllegalArgumentException(message);
    }
    return name;
  }

  private static String quote(String identifier) {
    return '"' + identifier + '"';
  }

  private static void closeQuietly(Connection connection, Exception failure) {
    try {
      connection.close();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }
}
