package dev.ocpsummary.app;

import dev.ocpsummary.config.DatabaseSettings;
import dev.ocpsummary.config.Secret;
import dev.ocpsummary.config.SettingsException;
import dev.ocpsummary.exec.Background;
import dev.ocpsummary.sink.LocalPostgres;
import dev.ocpsummary.sink.SummaryDatabase;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

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

  /**
   * Starts {@link #open} on a thread of its own, for a caller with other start-up work meanwhile
   * (Spark takes about a second to start, the embedded server a few). The returned {@link Opening}
   * hands the database over once it is open; closed without having done so, it closes the database
   * as soon as that is open, so that no embedded server outlives the run.
   */
  static Opening openInBackground(DatabaseSettings configured) {
    return new Opening(Background.supply("open-database", () -> open(configured)));
  }

  /** A database being opened by {@link #openInBackground}. */
  static final class Opening implements AutoCloseable {

    private final CompletableFuture<LocalDatabase> opened;
    private boolean handedOver;

    private Opening(CompletableFuture<LocalDatabase> opened) {
      this.opened = opened;
    }

    /**
     * The open database, once it is; the caller closes it.
     *
     * @throws RuntimeException as {@link #open} failed
     */
    LocalDatabase await() {
      LocalDatabase database = Background.await(opened);
      handedOver = true;
      return database;
    }

    @Override
    public void close() {
      if (handedOver) {
        return;
      }
      try {
        opened.join().close();
      } catch (CompletionException e) {
        // it did not open: nothing to close, and the caller reports its own failure
      }
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
