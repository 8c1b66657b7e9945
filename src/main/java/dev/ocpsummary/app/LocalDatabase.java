package dev.ocpsummary.app;

import dev.ocpsummary.config.DatabaseSettings;
import dev.ocpsummary.config.Secret;
import dev.ocpsummary.config.SettingsException;
import dev.ocpsummary.sink.LocalPostgres;
import dev.ocpsummary.sink.SummaryDatabase;
import java.util.Optional;

/**
 * The summary database of a run: the configured server, or, when no URL is configured, the embedded
 * PostgreSQL under the local state folder, started for the run and stopped on close. Migrations have
 * run when {@link #open} returns.
 */
final class LocalDatabase implements AutoCloseable {

  private final SummaryDatabase database;
  private final Optional<LocalPostgres> embedded;
  private final DatabaseSettings settings;

  private LocalDatabase(SummaryDatabase database, Optional<LocalPostgres> embedded, DatabaseSettings settings) {
    this.database = database;
    this.embedded = embedded;
    this.settings = settings;
  }

  /**
   * Fails unless the run can reach its database: the embedded PostgreSQL listens on the driver's
   * loopback address, which executors on other hosts cannot reach, so a master that is not local needs
   * a configured server.
   *
   * @throws SettingsException for a non-local master without a database URL
   */
  static void requireServerUnlessLocal(String master, DatabaseSettings configured) {
    if (configured.embedded() && !master.startsWith("local")) {
      throw new SettingsException(
          "master " + master + " is not local, and the embedded PostgreSQL is only for local masters:"
              + " set POSTGRES_URL (or database.url in the config file) to the summary database");
    }
  }

  static LocalDatabase open(DatabaseSettings configured) {
    Optional<LocalPostgres> embedded = Optional.empty();
    DatabaseSettings settings = configured;
    if (configured.embedded()) {
      LocalPostgres server = LocalPostgres.start(configured.embeddedDataDir(), configured.embeddedPort());
      embedded = Optional.of(server);
      settings = configured.withJdbcUrl(server.jdbcUrl(), "postgres", Secret.NONE);
    }
    try {
      SummaryDatabase database = new SummaryDatabase(settings);
      database.migrate();
      return new LocalDatabase(database, embedded, settings);
    } catch (RuntimeException e) {
      embedded.ifPresent(LocalPostgres::close);
      throw e;
    }
  }

  SummaryDatabase database() {
    return database;
  }

  DatabaseSettings settings() {
    return settings;
  }

  Optional<LocalPostgres> embedded() {
    return embedded;
  }

  @Override
  public void close() {
    embedded.ifPresent(LocalPostgres::close);
  }
}
