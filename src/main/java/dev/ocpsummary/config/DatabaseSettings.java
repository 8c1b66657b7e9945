package dev.ocpsummary.config;

import java.nio.file.Path;

/**
 * Where the summary tables live.
 *
 * @param jdbcUrl JDBC URL of the target PostgreSQL; empty means "start the embedded PostgreSQL"
 * @param user database user
 * @param password database password (redacted when logged)
 * @param schema schema that holds the summary tables, a plain SQL identifier
 * @param embeddedPort port of the embedded PostgreSQL when {@code jdbcUrl} is empty (0 = any free port)
 * @param embeddedDataDir data directory of the embedded PostgreSQL, kept across runs
 * @param lockWait how long a run waits for another run writing the same source
 */
public record DatabaseSettings(
    String jdbcUrl,
    String user,
    Secret password,
    String schema,
    int embeddedPort,
    Path embeddedDataDir,
    LockWait lockWait) {

  public DatabaseSettings {
    lockWait = lockWait == null ? LockWait.forever() : lockWait;
  }

  /** Settings whose runs wait for each other, the default. */
  public DatabaseSettings(
      String jdbcUrl, String user, Secret password, String schema, int embeddedPort, Path embeddedDataDir) {
    this(jdbcUrl, user, password, schema, embeddedPort, embeddedDataDir, LockWait.forever());
  }

  public boolean embedded() {
    return jdbcUrl == null || jdbcUrl.isBlank();
  }

  /** The same settings pointing at a concrete server (used once the embedded server is up). */
  public DatabaseSettings withJdbcUrl(String url, String newUser, Secret newPassword) {
    return new DatabaseSettings(url, newUser, newPassword, schema, embeddedPort, embeddedDataDir, lockWait);
  }

  /** The same settings with another lock wait. */
  public DatabaseSettings withLockWait(LockWait newLockWait) {
    return new DatabaseSettings(jdbcUrl, user, password, schema, embeddedPort, embeddedDataDir, newLockWait);
  }
}
