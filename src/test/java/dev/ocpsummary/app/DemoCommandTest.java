package dev.ocpsummary.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocpsummary.config.DatabaseSettings;
import dev.ocpsummary.testing.PostgresFixture;
import dev.ocpsummary.testing.SparkFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo end to end, into the test PostgreSQL: what it prints, that it reuses its data, and --clean. */
class DemoCommandTest {

  @TempDir Path home;

  @Test
  void demoSummarizesItsDatasetAndChecksTheClosedFormTotals() {
    SparkFixture.spark();
    DatabaseSettings database = PostgresFixture.freshSchema(DemoCommandTest.class);
    Map<String, String> environment =
        Map.of(
            "OCP_SUMMARY_HOME", home.toString(),
            "POSTGRES_URL", database.jdbcUrl(),
            "POSTGRES_SCHEMA", database.schema());

    String first = run(environment, 0, "demo");
    assertTrue(first.contains("written now"), first);
    assertTrue(first.contains("Pod rows: 8"), first);
    // one per node and day: the master's Platform unallocated, the two workers' Worker unallocated
    assertTrue(first.contains("Unallocated rows: 6"), first);
    // six pods x two days x 24 hours x 0.25 cores
    assertTrue(first.contains("pod_usage_cpu_core_hours                           72.000  [72.000]"), first);
    assertTrue(first.contains("cluster capacity 2025-10-01: 480.000 core-hours, 1920.000 GiB-hours"), first);
    assertTrue(first.contains("check:   every total equals the expected value"), first);
    assertFalse(first.contains("MISMATCH"), first);

    String second = run(environment, 0, "demo");
    assertTrue(second.contains("reused"), second);
    assertTrue(second.contains("Pod rows: 8"), second);
    assertEquals(14L, PostgresFixture.value(database, "SELECT count(*) FROM reporting_ocpusagelineitem_daily_summary"));

    assertTrue(Files.isDirectory(home.resolve("input")));
    String clean = run(environment, 0, "demo", "--clean");
    assertTrue(clean.contains("removed " + home.toAbsolutePath()), clean);
    assertFalse(Files.exists(home));
  }

  private static String run(Map<String, String> environment, int expectedCode, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        OcpSummary.run(
            args, environment, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    String printed = out.toString(StandardCharsets.UTF_8);
    assertEquals(expectedCode, code, printed + err.toString(StandardCharsets.UTF_8));
    return printed;
  }
}
