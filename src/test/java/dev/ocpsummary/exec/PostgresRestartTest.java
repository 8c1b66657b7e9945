package dev.ocpsummary.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ocpsummary.sink.LocalPostgres;
import dev.ocpsummary.testing.CliRun;
import dev.ocpsummary.testing.SparkFixture;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL restarted while a run writes: the run fails with one line that says the connection was
 * lost, exits 1, is recorded as failed once the server is back, and leaves the window's previous rows
 * as they were; the rerun then writes exactly the new rows. Runs through the CLI in this JVM against
 * an embedded PostgreSQL of its own, which the test stops and starts again on the same port and
 * data directory while the run's ITERATE transaction is copying (its COPY into the summary table is
 * open for most of the run, a window wide enough to restart in). The runs before and after it are
 * CACHE runs, which cost less.
 */
class PostgresRestartTest {

  private static final String SCHEMA = "restart_test";

  @TempDir Path home;

  @Test
  void aRestartDuringTheWriteFailsTheRunCleanlyAndTheRerunWritesExactlyTheNewRows() throws Exception {
    SparkSession spark = SparkFixture.spark();
    String previousInput = home.resolve("previous").toString();
    String newInput = home.resolve("new").toString();
    new TwoDayCluster(1.0).write(spark, FaultRuns.input(previousInput));
    new TwoDayCluster(2.0).write(spark, FaultRuns.input(newInput));
    List<String> expected = TwoDayCluster.summaryOfScale(2);

    Path data = home.resolve("pg").resolve("data");
    int port = freePort();
    LocalPostgres server = LocalPostgres.start(data, port);
    try {
      String url = server.jdbcUrl();
      assertEquals(0, summarize(url, previousInput, "cache").code());
      List<String> before = query(url, "SELECT to_jsonb(t)::text FROM " + FaultRuns.TABLE + " t ORDER BY 1");
      assertEquals(TwoDayCluster.ROWS, before.size());

      CompletableFuture<CliRun> failing = CompletableFuture.supplyAsync(() -> summarize(url, newInput, "iterate"));
      awaitCopy(url, failing);
      server.close();
      server = LocalPostgres.start(data, port);
      CliRun result = failing.get(180, TimeUnit.SECONDS);

      assertEquals(1, result.code(), result.err());
      List<String> errorLines = result.err().lines().filter(line -> line.startsWith("ocp-summary")).toList();
      assertEquals(1, errorLines.size(), result.err());
      String line = errorLines.get(0);
      assertTrue(line.startsWith("ocp-summary summarize: error: cannot replace the summary of source " + TwoDayCluster.SOURCE), line);
      assertTrue(line.contains("(its previous rows are unchanged)"), line);
      assertTrue(line.contains("the connection to PostgreSQL was lost"), line);
      assertEquals(before, query(url, "SELECT to_jsonb(t)::text FROM " + FaultRuns.TABLE + " t ORDER BY 1"));
      assertEquals(
          List.of("failed|" + line.substring("ocp-summary summarize: error: ".length())),
          query(url, "SELECT status || '|' || error_text FROM summary_runs WHERE status <> 'succeeded'"));

      CliRun rerun = summarize(url, newInput, "cache");
      assertEquals(0, rerun.code(), rerun.err());
      assertEquals(expected, query(url, FaultRuns.ROWS_WITHOUT_UUID).stream().sorted().toList());
    } finally {
      server.close();
    }
  }

  private CliRun summarize(String url, String input, String mode) {
    Map<String, String> environment =
        Map.of(
            "POSTGRES_URL", url,
            "POSTGRES_USER", LocalPostgres.USER,
            "POSTGRES_SCHEMA", SCHEMA,
            "OCP_SUMMARY_HOME", home.resolve("state").toString());
    return CliRun.of(
        environment,
        "summarize", "--mode", mode, "--input", input, "--source", TwoDayCluster.SOURCE,
        "--start", TwoDayCluster.START.toString(), "--end", TwoDayCluster.END.toString());
  }

  /** Waits until the run's COPY into the summary table is open: its transaction has deleted the old rows. */
  private static void awaitCopy(String url, CompletableFuture<CliRun> run) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    String copying =
        "SELECT 'copying' FROM pg_stat_activity WHERE state <> 'idle' AND query LIKE 'COPY \"" + SCHEMA + "\".\""
            + FaultRuns.TABLE + "\"%'";
    while (query(url, copying).isEmpty()) {
      if (run.isDone()) {
        fail("the run ended before its COPY was seen: " + run.get());
      }
      assertTrue(System.nanoTime() < deadline, "no COPY in 120 s");
      Thread.sleep(5);
    }
  }

  private static List<String> query(String url, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      statement.execute("SET search_path TO " + SCHEMA);
      List<String> values = new ArrayList<>();
      try (ResultSet result = statement.executeQuery(sql)) {
        while (result.next()) {
          values.add(result.getString(1));
        }
      }
      return values;
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
