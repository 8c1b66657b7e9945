package dev.ocpsummary.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocpsummary.config.DatabaseSettings;
import dev.ocpsummary.testing.CliRun;
import dev.ocpsummary.testing.PostgresFixture;
import dev.ocpsummary.testing.SparkFixture;
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
    assertTrue(first.contains("generated now"), first);
    assertTrue(first.contains("s3a://ocp-demo/input") && first.contains("read over s3a from S3Proxy at http://127.0.0.1:"), first);
    // the small scale (data-gen/scales/small.yml): 10 pods with labels of their own x 4 days, 2 PVCs x 4 days,
    // one unallocated row per node (2) and day
    assertTrue(first.contains("Pod rows: 40"), first);
    assertTrue(first.contains("Storage rows: 8"), first);
    assertTrue(first.contains("Unallocated rows: 8"), first);
    assertTrue(first.contains("check:   every count and total equals the expected value"), first);
    assertFalse(first.contains("MISMATCH"), first);

    String second = run(environment, 0, "demo");
    assertTrue(second.contains("reused"), second);
    assertEquals(s3Endpoint(first), s3Endpoint(second), "a restarted S3 server of the same folder keeps its endpoint");
    assertTrue(second.contains("check:   every count and total equals the expected value"), second);
    assertEquals(56L, PostgresFixture.value(database, "SELECT count(*) FROM reporting_ocpusagelineitem_daily_summary"));

    assertTrue(Files.isDirectory(home.resolve("input")));
    String clean = run(environment, 0, "demo", "--clean");
    assertTrue(clean.contains("removed " + home.toAbsolutePath()), clean);
    assertFalse(Files.exists(home));
  }

  private static String s3Endpoint(String printed) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("from S3Proxy at (http://127\\.0\\.0\\.1:\\d+)").matcher(printed);
    assertTrue(m.find(), printed);
    return m.group(1);
  }

  private static String run(Map<String, String> environment, int expectedCode, String... args) {
    CliRun run = CliRun.of(environment, args);
    assertEquals(expectedCode, run.code(), run.out() + run.err());
    return run.out();
  }
}
