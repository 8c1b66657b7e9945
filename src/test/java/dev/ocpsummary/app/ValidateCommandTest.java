package dev.ocpsummary.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocpsummary.config.DatabaseSettings;
import dev.ocpsummary.summary.SummaryColumns;
import dev.ocpsummary.testing.CliRun;
import dev.ocpsummary.testing.PostgresFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code validate} through the CLI entry point on the generated {@code small} scale, summarized once
 * for the class: it passes on the fresh summary, and fails naming the broken check when one row is
 * deleted, changed or duplicated (each test mutates the summary with SQL; the summary is restored
 * from a copy after each test). Wrong command lines exit 2 naming the wrong value.
 */
class ValidateCommandTest {

  private static final String SOURCE = "00000000-0000-0000-0000-000000000001";
  private static final String TABLE = "reporting_ocpusagelineitem_daily_summary";
  private static final String BACKUP = "validate_command_test_backup";
  /** The first pod row in key order: namespace-1 on node-1 on the first day. */
  private static final String FIRST_POD_ROW =
      "uuid = (SELECT uuid FROM " + TABLE + " WHERE pod_labels IS NOT NULL ORDER BY usage_start, namespace, node, pod_labels::text LIMIT 1)";
  private static final int CHECKS = 45;

  @TempDir static Path work;
  private static DatabaseSettings database;
  private static Path expected;

  @BeforeAll
  static void generateAndSummarizeSmall() {
    database = PostgresFixture.freshSchema(ValidateCommandTest.class);
    Path data = work.resolve("data");
    CliRun generated = run("generate", "--scale", "small", "--out", data.toString());
    assertEquals(0, generated.code(), generated.out() + generated.err());
    expected = data.resolve("expected.json");
    CliRun summarized =
        run("summarize", "--input", data.toString(), "--source", SOURCE, "--start", "2025-10-01", "--end", "2025-10-04", "--cluster-id", "test-cluster-001");
    assertEquals(0, summarized.code(), summarized.out() + summarized.err());
    PostgresFixture.execute(database, "CREATE TABLE " + BACKUP + " AS SELECT * FROM " + TABLE);
  }

  @AfterEach
  void restoreTheSummary() {
    PostgresFixture.execute(database, "DELETE FROM " + TABLE);
    PostgresFixture.execute(database, "INSERT INTO " + TABLE + " SELECT * FROM " + BACKUP);
  }

  @Test
  void aFreshSummaryPassesEveryCheck() {
    CliRun result = validate();

    assertEquals(0, result.code(), result.out() + result.err());
    assertEquals("", result.err());
    List<String> lines = result.out().lines().toList();
    assertEquals("validate source " + SOURCE + ", 2025-10-01 .. 2025-10-04", lines.get(0));
    assertTrue(lines.get(1).matches("check +expected +actual +status"), lines.get(1));
    List<String> checks = lines.subList(2, lines.size() - 1);
    assertEquals(CHECKS, checks.size(), result.out());
    assertEquals(List.of(), checks.stream().filter(l -> !l.endsWith("  PASS")).toList());
    assertEquals(CHECKS + " checks: " + CHECKS + " passed, 0 failed, 0 skipped", lines.get(lines.size() - 1));
    assertTrue(result.out().contains("\npod total pod_usage_cpu_core_hours "), result.out());
    assertTrue(result.out().contains("\ncapacity 2025-10-04 cluster_capacity_memory_gigabyte_hours "), result.out());
  }

  @Test
  void aDeletedRowFailsItsCountsTotalsAndTheUnallocatedIdentity() {
    PostgresFixture.execute(database, "DELETE FROM " + TABLE + " WHERE " + FIRST_POD_ROW);

    CliRun result = validate();

    assertEquals(1, result.code(), result.out());
    assertEquals("ocp-summary validate: error: 12 of " + CHECKS + " checks failed: rows data_source=Pod: expected 48, actual 47", result.err().strip());
    Set<String> failures = new java.util.HashSet<>(Set.of("rows data_source=Pod", "rows total", "rows kind=pod", "unallocated = node capacity - pod rows"));
    SummaryColumns.POD_MEASURES.forEach(m -> failures.add("pod total " + m));
    assertEquals(failures, failedChecks(result));
  }

  @Test
  void aChangedValueFailsItsTotalAndTheUnallocatedIdentity() {
    PostgresFixture.execute(database, "UPDATE " + TABLE + " SET pod_usage_cpu_core_hours = pod_usage_cpu_core_hours + 0.5 WHERE " + FIRST_POD_ROW);

    CliRun result = validate();

    assertEquals(1, result.code(), result.out());
    assertEquals(
        "ocp-summary validate: error: 2 of " + CHECKS + " checks failed: pod total pod_usage_cpu_core_hours: expected 288, actual 288.5",
        result.err().strip());
    assertEquals(Set.of("pod total pod_usage_cpu_core_hours", "unallocated = node capacity - pod rows"), failedChecks(result));
    assertTrue(
        result.out().contains("1 (first: 2025-10-01 node-1 pod_usage_cpu_core_hours: capacity 192 - pods "), result.out());
  }

  @Test
  void aDuplicatedRowFailsItsCountsTotalsAndTheUniqueKey() {
    String columns = SummaryColumns.nameList();
    PostgresFixture.execute(database, "INSERT INTO " + TABLE + " (" + columns + ") SELECT " + columns + " FROM " + TABLE + " WHERE " + FIRST_POD_ROW);

    CliRun result = validate();

    assertEquals(1, result.code(), result.out());
    assertEquals("ocp-summary validate: error: 13 of " + CHECKS + " checks failed: rows data_source=Pod: expected 48, actual 49", result.err().strip());
    Set<String> failures =
        new java.util.HashSet<>(Set.of("rows data_source=Pod", "rows total", "rows kind=pod", "unallocated = node capacity - pod rows", "unique keys pod"));
    SummaryColumns.POD_MEASURES.forEach(m -> failures.add("pod total " + m));
    assertEquals(failures, failedChecks(result));
  }

  @Test
  void aMissingExpectedFileIsAUsageError() {
    Path missing = work.resolve("nowhere/expected.json");

    CliRun result = validate("--expected", missing.toString());

    assertEquals(2, result.code());
    assertEquals("ocp-summary validate: error: --expected " + missing + " is not a file", result.firstErrorLine());
  }

  @Test
  void aSourceThatIsNotAUuidIsAUsageError() {
    CliRun result = validate("--source", "cluster-1");

    assertEquals(2, result.code());
    assertEquals("ocp-summary validate: error: --source 'cluster-1' is not a UUID", result.firstErrorLine());
  }

  @Test
  void aMalformedDateIsAUsageError() {
    CliRun result = validate("--start", "2025-10-32");

    assertEquals(2, result.code());
    assertEquals("ocp-summary validate: error: --start '2025-10-32' is not a date (YYYY-MM-DD)", result.firstErrorLine());
  }

  @Test
  void aWindowOtherThanTheExpectedOneIsAUsageError() {
    CliRun result = validate("--end", "2025-10-03");

    assertEquals(2, result.code());
    assertEquals(
        "ocp-summary validate: error: --end 2025-10-03 differs from 2025-10-04 in " + expected,
        result.firstErrorLine());
  }

  /** validate with the generated window, any option replaced by {@code overrides} (name, value pairs). */
  private static CliRun validate(String... overrides) {
    Map<String, String> options = new java.util.LinkedHashMap<>();
    options.put("--expected", expected.toString());
    options.put("--source", SOURCE);
    options.put("--start", "2025-10-01");
    options.put("--end", "2025-10-04");
    for (int i = 0; i < overrides.length; i += 2) {
      options.put(overrides[i], overrides[i + 1]);
    }
    List<String> args = new ArrayList<>(List.of("validate"));
    options.forEach((name, value) -> args.addAll(List.of(name, value)));
    return run(args.toArray(String[]::new));
  }

  /** The names of the table's FAIL lines (a name is followed by at least two spaces of padding). */
  private static Set<String> failedChecks(CliRun result) {
    return result.out().lines().filter(l -> l.endsWith("  FAIL")).map(l -> l.split(" {2,}")[0]).collect(Collectors.toSet());
  }

  private static CliRun run(String... args) {
    Map<String, String> environment =
        Map.of(
            "POSTGRES_URL", database.jdbcUrl(),
            "POSTGRES_USER", database.user(),
            "POSTGRES_SCHEMA", database.schema(),
            "OCP_SUMMARY_HOME", work.resolve("home").toString());
    return CliRun.of(environment, args);
  }
}
