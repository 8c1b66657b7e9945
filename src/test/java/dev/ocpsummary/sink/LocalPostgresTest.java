package dev.ocpsummary.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPostgresTest {

  @TempDir Path state;

  @Test
  void keepsItsDataAcrossRestartsAndUnpacksBinariesNextToIt() throws Exception {
    Path data = state.resolve("pg");
    int port;
    try (LocalPostgres server = LocalPostgres.start(data, 0)) {
      port = server.port();
      assertTrue(port > 0);
      assertEquals("jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres", server.jdbcUrl());
      try (Connection connection = DriverManager.getConnection(server.jdbcUrl());
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE kept (n int)");
        statement.execute("INSERT INTO kept VALUES (42)");
        try (ResultSet settings =
            statement.executeQuery(
                "SELECT current_user, current_setting('fsync'), current_setting('synchronous_commit'),"
                    + " current_setting('full_page_writes'), current_setting('listen_addresses')")) {
          settings.next();
          assertEquals("postgres", settings.getString(1));
          assertEquals("off", settings.getString(2));
          assertEquals("off", settings.getString(3));
          assertEquals("off", settings.getString(4));
          assertEquals("127.0.0.1", settings.getString(5));
        }
      }
    }
    assertTrue(Files.exists(data.resolve("PG_VERSION")), "the cluster stays after close");
    try (Stream<Path> runtime = Files.list(state.resolve("pg-runtime"))) {
      assertTrue(runtime.anyMatch(p -> Files.isDirectory(p.resolve("bin"))), "binaries under pg-runtime");
    }

    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    try (LocalPostgres again = LocalPostgres.start(data, port)) {
      assertEquals(port, again.port());
      try (Connection connection = DriverManager.getConnection(again.jdbcUrl());
          Statement statement = connection.createStatement();
          ResultSet kept = statement.executeQuery("SELECT n FROM kept")) {
        kept.next();
        assertEquals(42, kept.getInt(1));
      }

      SinkException busy = assertThrows(SinkException.class, () -> LocalPostgres.start(data, 0));
      assertTrue(busy.getMessage().startsWith("cannot start the embedded PostgreSQL with data in " + data), busy.getMessage());
    }
  }
}
