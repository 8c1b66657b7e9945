package dev.ocpsummary.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.ocpsummary.config.DatabaseSettings;
import dev.ocpsummary.config.InputLayout;
import dev.ocpsummary.config.InputSettings;
import dev.ocpsummary.datagen.InputRows;
import dev.ocpsummary.datagen.KokuLayoutWriter;
import dev.ocpsummary.datagen.PodUsageRow;
import dev.ocpsummary.sink.SummaryDatabase;
import dev.ocpsummary.sink.SummaryWriter;
import dev.ocpsummary.source.ReportType;
import dev.ocpsummary.source.UsageReader;
import dev.ocpsummary.testing.CliRun;
import dev.ocpsummary.testing.PostgresFixture;
import dev.ocpsummary.testing.Scenario01;
import dev.ocpsummary.testing.SparkFixture;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code summarize} end to end: Parquet in Koku's layout on disk, real Spark, real PostgreSQL, through
 * the same entry point spark-submit calls. Each test gets its own schema.
 */
class SummarizeCommandTest {

  private static final String SOURCE = "11111111-1111-1111-1111-111111111111";
  private static final String OTHER_SOURCE = "22222222-2222-2222-2222-222222222222";
  private static final String TABLE = "reporting_ocpusagelineitem_daily_summary";

  private final SparkSession spark = SparkFixture.spark();
  @TempDir Path input;
  private DatabaseSettings database;
  private InputSettings inputSettings;

  @BeforeEach
  void freshSchema() {
    database = PostgresFixture.freshSchema(SummarizeCommandTest.class);
    inputSettings = new InputSettings(input.toUri().toString(), InputLayout.KOKU, "org1234567");
  }

  @Test
  void scenario01IsWrittenWithKokusValues() {
    write(ReportType.POD_USAGE, SOURCE, Scenario01.podRows());

    CliRun result = summarize(SOURCE, "2025-10-01", "2025-10-01", "--cluster-id", "test-cluster-001");

    assertEquals(0, result.code(), result.err());
    List<Map<String, Object>> rows = PostgresFixture.rows(database, "SELECT * FROM " + TABLE + " WHERE pod_labels IS NOT NULL");
    assertEquals(1, rows.size());
    Map<String, Object> row = rows.get(0);
    assertNumeric("172.8", row.get("pod_usage_cpu_core_hours"));
    assertNumeric("288", row.get("pod_request_cpu_core_hours"));
    assertNumeric("288", row.get("pod_effective_usage_cpu_core_hours"));
    assertNumeric("576", row.get("pod_limit_cpu_core_hours"));
    assertNumeric("460.8", row.get("pod_usage_memory_gigabyte_hours"));
    assertNumeric("576", row.get("pod_request_memory_gigabyte_hours"));
    assertNumeric("576", row.get("pod_effective_usage_memory_gigabyte_hours"));
    assertNumeric("1152", row.get("pod_limit_memory_gigabyte_hours"));
    assertNumeric("4", row.get("node_capacity_cpu_cores"));
    assertNumeric("96", row.get("node_capacity_cpu_core_hours"));
    assertNumeric("16", row.get("node_capacity_memory_gigabytes"));
    assertNumeric("384", row.get("node_capacity_memory_gigabyte_hours"));
    assertNumeric("96", row.get("cluster_capacity_cpu_core_hours"));
    assertNumeric("384", row.get("cluster_capacity_memory_gigabyte_hours"));
    assertEquals("Pod", row.get("data_source"));
    assertEquals(LocalDate.of(2025, 10, 1), row.get("usage_start"));
    assertEquals(LocalDate.of(2025, 10, 1), row.get("usage_end"));
    assertEquals("test-cluster-001", row.get("cluster_id"));
    assertEquals(java.util.UUID.fromString(SOURCE), row.get("source_uuid"));
    assertEquals("{}", row.get("pod_labels"));
    assertEquals("{}", row.get("all_labels"));
    assertEquals("{\"cpu\": 0.000000000, \"memory\": 0.000000000, \"storage\": 0.000000000}", row.get("infrastructure_usage_cost"));
    assertEquals(null, row.get("persistentvolumeclaim"));

    // the node's unallocated row: capacity minus the Pod row (negative: the scenario claims 86400 s
    // per hour); no node-label rows, so no known role and a NULL namespace
    Map<String, Object> unallocated =
        PostgresFixture.rows(database, "SELECT * FROM " + TABLE + " WHERE pod_labels IS NULL").get(0);
    assertEquals("Pod", unallocated.get("data_source"));
    assertEquals(null, unallocated.get("namespace"));
    assertEquals(Scenario01.NODE, unallocated.get("node"));
    assertNumeric("-76.8", unallocated.get("pod_usage_cpu_core_hours"));
    assertNumeric("-192", unallocated.get("pod_request_cpu_core_hours"));
    assertNumeric("-192", unallocated.get("pod_effective_usage_cpu_core_hours"));
    assertNumeric("-76.8", unallocated.get("pod_usage_memory_gigabyte_hours"));
    assertNumeric("-192", unallocated.get("pod_effective_usage_memory_gigabyte_hours"));
    assertEquals(null, unallocated.get("pod_limit_cpu_core_hours"));
    assertEquals("{}", unallocated.get("all_labels"));
    assertEquals(null, unallocated.get("infrastructure_usage_cost"));

    Map<String, Object> run = PostgresFixture.rows(database, "SELECT * FROM summary_runs").get(0);
    assertEquals("succeeded", run.get("status"));
    assertEquals(24L, run.get("input_rows"));
    assertEquals(2L, run.get("output_rows"));
  }

  @Test
  void rerunReplacesItsWindowAndLeavesOtherDaysAndSourcesAlone() {
    write(ReportType.POD_USAGE, SOURCE, days(SOURCE, 1, 3));
    write(ReportType.POD_USAGE, OTHER_SOURCE, days(OTHER_SOURCE, 1, 3));
    assertEquals(0, summarize(SOURCE, "2025-10-01", "2025-10-03").code());
    assertEquals(0, summarize(OTHER_SOURCE, "2025-10-01", "2025-10-03").code());
    List<Map<String, Object>> before = snapshot();

    // the same window again: the same rows, no duplicates
    assertEquals(0, summarize(SOURCE, "2025-10-01", "2025-10-03").code());
    assertEquals(before, snapshot());

    // day 2 only, after its input changed: day 2 of SOURCE changes, nothing else does
    write(ReportType.POD_USAGE, SOURCE, days(SOURCE, 1, 3, 0.5));
    assertEquals(0, summarize(SOURCE, "2025-10-02", "2025-10-02").code());
    List<Map<String, Object>> after = snapshot();
    assertEquals(before.size(), after.size());
    for (int i = 0; i < before.size(); i++) {
      Map<String, Object> was = before.get(i);
      Map<String, Object> now = after.get(i);
      boolean changed = SOURCE.equals(now.get("source").toString()) && LocalDate.of(2025, 10, 2).equals(now.get("usage_start"));
      BigDecimal expected = ((BigDecimal) was.get("pod_usage_cpu_core_hours")).multiply(BigDecimal.valueOf(changed ? 2 : 1));
      assertEquals(0, expected.compareTo((BigDecimal) now.get("pod_usage_cpu_core_hours")), now.toString());
    }
    assertEquals(4L, PostgresFixture.value(database, "SELECT count(*) FROM summary_runs WHERE status = 'succeeded'"));
  }

  @Test
  void aMissingInputFolderFailsNamingTheFolder() {
    CliRun result = summarize(SOURCE, "2025-10-01", "2025-10-01");

    assertEquals(1, result.code());
    String folder = UsageReader.monthFolder(inputSettings, ReportType.POD_USAGE, SOURCE, YearMonth.of(2025, 10));
    assertOneErrorLine(result, "folder " + folder + " does not exist");
    assertNothingWritten("no pod_usage data");
  }

  @Test
  void aFileLackingARequiredColumnFailsNamingFileAndColumn() throws Exception {
    write(ReportType.POD_USAGE, SOURCE, Scenario01.podRows());
    Path folder = monthFolder(SOURCE);
    Path good = parquetFile(folder);
    // a second file without pod_request_cpu_core_seconds
    Path scratch = input.resolve("scratch");
    spark.createDataFrame(Scenario01.podRows(), ReportType.POD_USAGE.schema())
        .drop("pod_request_cpu_core_seconds")
        .coalesce(1)
        .write()
        .parquet(scratch.toUri().toString());
    Path bad = folder.resolve("pod_usage.2025-10-01.1.0_0.parquet");
    Files.copy(parquetFile(scratch), bad);

    CliRun result = summarize(SOURCE, "2025-10-01", "2025-10-01");

    assertEquals(1, result.code());
    assertTrue(Files.exists(good));
    assertOneErrorLine(result, "lacks required column 'pod_request_cpu_core_seconds'");
    assertTrue(result.lastErrorLine().contains(bad.getFileName().toString()), result.lastErrorLine());
    assertNothingWritten("pod_request_cpu_core_seconds");
  }

  @Test
  void aFileThatIsNotParquetFailsNamingTheFile() throws Exception {
    write(ReportType.POD_USAGE, SOURCE, Scenario01.podRows());
    Path notParquet = monthFolder(SOURCE).resolve("pod_usage.2025-10-01.1.0_0.parquet");
    Files.writeString(notParquet, "report_period_start,interval_start\n2025-10-01,2025-10-01\n");

    CliRun result = summarize(SOURCE, "2025-10-01", "2025-10-01");

    assertEquals(1, result.code());
    assertOneErrorLine(result, "is not a readable Parquet file");
    assertTrue(result.lastErrorLine().contains(notParquet.getFileName().toString()), result.lastErrorLine());
    assertNothingWritten("not a readable Parquet file");
  }

  @Test
  void aBadRunLeavesThePreviousRowsOfItsWindow() throws Exception {
    write(ReportType.POD_USAGE, SOURCE, Scenario01.podRows());
    assertEquals(0, summarize(SOURCE, "2025-10-01", "2025-10-01").code());
    List<Map<String, Object>> before = snapshot();
    Files.writeString(monthFolder(SOURCE).resolve("zz-truncated.parquet"), "PAR1");

    assertEquals(1, summarize(SOURCE, "2025-10-01", "2025-10-01").code());

    assertEquals(before, snapshot());
  }

  @Test
  void withLockWaitFailARunFailsAtOnceWhileAnotherRunWritesItsSource() throws Exception {
    write(ReportType.POD_USAGE, SOURCE, days(SOURCE, 1, 1));
    assertEquals(0, summarize(SOURCE, "2025-10-01", "2025-10-01").code());
    List<Map<String, Object>> before = snapshot();
    Path config = input.resolve("fail-fast.conf");
    Files.writeString(config, "ocp-summary.database.lock-wait = fail\n");
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    // another run of the source, in the middle of writing day 1 (no rows: it clears the day)
    Iterator<Row> otherRunsRows =
        new Iterator<>() {
          @Override
          public boolean hasNext() {
            writing.countDown();
            await(release);
            return false;
          }

          @Override
          public Row next() {
            throw new NoSuchElementException();
          }
        };
    SummaryDatabase summaryDatabase = new SummaryDatabase(database);
    CompletableFuture<Long> otherRun =
        CompletableFuture.supplyAsync(
            () ->
                new SummaryWriter(summaryDatabase)
                    .replaceWindow(SOURCE, LocalDate.of(2025, 10, 1), LocalDate.of(2025, 10, 1), otherRunsRows));
    try {
      assertTrue(writing.await(20, TimeUnit.SECONDS));

      CliRun result = summarize(SOURCE, "2025-10-01", "2025-10-01", "--config", config.toString());

      assertEquals(1, result.code(), result.err());
      assertOneErrorLine(
          result,
          "another run holds the lock of source " + SOURCE + " in schema " + database.schema()
              + ": not waiting (database.lock-wait = fail); the summary is unchanged");
      assertEquals(before, snapshot(), "the other run has not committed, and this one wrote nothing");
      Map<String, Object> run =
          PostgresFixture.rows(
                  database, "SELECT status, error_text, phase_millis::text AS phases FROM summary_runs"
                      + " ORDER BY started_at DESC LIMIT 1")
              .get(0);
      assertEquals("failed", run.get("status"));
      assertTrue(String.valueOf(run.get("error_text")).startsWith("another run holds the lock of source"), run.toString());
      // it stopped before reading any input
      assertFalse(String.valueOf(run.get("phases")).contains("read"), run.toString());
    } finally {
      release.countDown();
    }
    assertEquals(0L, otherRun.get(20, TimeUnit.SECONDS));
    assertEquals(List.of(), snapshot(), "the other run's write stands");
  }

  @Test
  void veryLargeLabelMapsAreWrittenExactlyInBothModes() throws Exception {
    // the pod: 2,000 labels, one of them a 1 MiB value, one with quotes, a backslash, a comma, a
    // line break and non-ASCII; the node: 2,000 labels, half of them keys the pod also has
    Map<String, String> podLabels = new TreeMap<>();
    for (int i = 0; i < 1999; i++) {
      podLabels.put(String.format("label_%04d", i), "pod-" + i);
    }
    podLabels.put("big", "x".repeat(1 << 20));
    podLabels.put("label_0000", "a \"quoted\" \\ value, with\na line break and é");
    Map<String, String> nodeLabels = new TreeMap<>();
    for (int i = 1000; i < 3000; i++) {
      nodeLabels.put(String.format("label_%04d", i), "node-" + i);
    }
    ObjectMapper json = new ObjectMapper();
    List<Row> pods = new ArrayList<>();
    List<Row> nodes = new ArrayList<>();
    for (int h = 0; h < 4; h++) {
      LocalDateTime hour = LocalDate.of(2025, 10, 1).atTime(h, 0);
      pods.add(
          PodUsageRow.at(hour)
              .pod("big-labels", "p")
              .node("n1", "i-1")
              .cpu(0.25, 0.5, 1, 3600)
              .memoryGib(0.5, 1, 2, 3600)
              .nodeCapacity(8, 32)
              .labels(json.writeValueAsString(podLabels))
              .build());
      nodes.add(InputRows.nodeLabels(hour, "n1", json.writeValueAsString(nodeLabels)));
    }
    write(ReportType.POD_USAGE, SOURCE, pods);
    write(ReportType.NODE_LABELS, SOURCE, nodes);
    // pod wins on the keys both have: the pod's 2,000 labels + the node's 1,001 others
    Map<String, String> merged = new TreeMap<>(nodeLabels);
    merged.putAll(podLabels);
    String expected = json.writeValueAsString(merged);

    for (String mode : List.of("cache", "iterate")) {
      CliRun result = summarize(SOURCE, "2025-10-01", "2025-10-01", "--mode", mode);

      assertEquals(0, result.code(), result.err());
      Map<String, Object> row =
          PostgresFixture.rows(
                  database,
                  "SELECT pod_labels = ?::jsonb AS pod_labels_equal, all_labels = ?::jsonb AS all_labels_equal,"
                      + " (SELECT count(*) FROM jsonb_object_keys(pod_labels)) AS keys,"
                      + " length(pod_labels ->> 'big') AS big, pod_labels ->> 'label_0000' AS odd,"
                      + " pod_usage_cpu_core_hours FROM " + TABLE + " WHERE namespace = 'big-labels'",
                  expected, expected)
              .get(0);
      assertEquals(true, row.get("pod_labels_equal"), mode);
      assertEquals(true, row.get("all_labels_equal"), mode);
      assertEquals(3001L, row.get("keys"), mode);
      assertEquals(1 << 20, row.get("big"), mode);
      assertEquals(podLabels.get("label_0000"), row.get("odd"), mode);
      assertNumeric("1", row.get("pod_usage_cpu_core_hours"));
    }
  }

  @Test
  void commandLineErrorsExitWithTwo() {
    CliRun noEnd = run("summarize", "--source", SOURCE, "--start", "2025-10-01");
    assertEquals(2, noEnd.code());
    assertEquals("ocp-summary summarize: error: option --end is required", noEnd.firstErrorLine());
    CliRun badDate = run("summarize", "--source", SOURCE, "--start", "2025-13-01", "--end", "2025-10-01");
    assertEquals(2, badDate.code());
    assertEquals(
        "ocp-summary summarize: error: --start '2025-13-01' is not a date (YYYY-MM-DD)",
        badDate.firstErrorLine());
    CliRun unknown = run("summarize", "--sauce", SOURCE);
    assertEquals(2, unknown.code());
    assertEquals("ocp-summary summarize: error: unknown option --sauce", unknown.firstErrorLine());
    assertEquals(2, run("frobnicate").code());
    CliRun help = run("summarize", "--help");
    assertEquals(0, help.code());
    assertTrue(help.out().contains("--source UUID"), help.out());
    CliRun inverted = run("summarize", "--source", SOURCE, "--start", "2025-10-02", "--end", "2025-10-01");
    assertEquals(1, inverted.code());
    assertTrue(inverted.lastErrorLine().contains("--end 2025-10-01 is before --start 2025-10-02"), inverted.err());
  }

  // ---------------------------------------------------------------------------------------------

  /** One pod per source on node n1 for days first..last of October 2025, 0.25 cores every hour, with labels. */
  private static List<Row> days(String source, int first, int last) {
    return days(source, first, last, 0.25);
  }

  /** As {@link #days(String, int, int)}, using {@code cores} every hour. */
  private static List<Row> days(String source, int first, int last, double cores) {
    List<Row> rows = new ArrayList<>();
    for (int day = first; day <= last; day++) {
      for (int h = 0; h < 24; h++) {
        rows.add(
            PodUsageRow.at(LocalDate.of(2025, 10, day).atTime(h, 0))
                .pod("ns-" + source.charAt(0), "p")
                .node("n1", "i-1")
                .cpu(cores, 0.5, 1, 3600)
                .memoryGib(0.5, 1, 2, 3600)
                .nodeCapacity(8, 32)
                .labels("{\"app\": \"a\"}")
                .build());
      }
    }
    return rows;
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void write(ReportType report, String source, List<Row> rows) {
    new KokuLayoutWriter(spark, inputSettings).write(report, source, rows);
  }

  private Path monthFolder(String source) {
    return Path.of(java.net.URI.create(UsageReader.monthFolder(inputSettings, ReportType.POD_USAGE, source, YearMonth.of(2025, 10))));
  }

  private static Path parquetFile(Path folder) throws Exception {
    try (var files = Files.list(folder)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
  }

  private List<Map<String, Object>> snapshot() {
    return PostgresFixture.rows(
        database,
        "SELECT source_uuid AS source, usage_start, namespace, node, pod_labels, pod_usage_cpu_core_hours, "
            + "pod_request_cpu_core_hours, cluster_capacity_cpu_core_hours FROM " + TABLE
            + " WHERE pod_labels IS NOT NULL ORDER BY source_uuid, usage_start, namespace, node");
  }

  private void assertNothingWritten(String errorPart) {
    assertEquals(0L, PostgresFixture.value(database, "SELECT count(*) FROM " + TABLE));
    Map<String, Object> run = PostgresFixture.rows(database, "SELECT status, error_text FROM summary_runs").get(0);
    assertEquals("failed", run.get("status"));
    assertTrue(String.valueOf(run.get("error_text")).contains(errorPart), String.valueOf(run.get("error_text")));
  }

  private static void assertOneErrorLine(CliRun result, String expectedPart) {
    String line = result.lastErrorLine();
    assertTrue(line.startsWith("ocp-summary summarize: error: "), result.err());
    assertTrue(line.contains(expectedPart), line);
  }

  /** numeric(33,15) holds the double result rounded; closed-form values match within 1e-9 relative. */
  private static void assertNumeric(String expected, Object actual) {
    double want = Double.parseDouble(expected);
    double was = ((BigDecimal) actual).doubleValue();
    assertTrue(Math.abs(was - want) <= 1e-9 * Math.max(1, Math.abs(want)), "expected " + expected + ", was " + actual);
  }

  private CliRun summarize(String source, String start, String end, String... more) {
    List<String> args = new ArrayList<>(List.of("summarize", "--source", source, "--start", start, "--end", end, "--input", inputSettings.root()));
    args.addAll(List.of(more));
    return run(args.toArray(String[]::new));
  }

  private CliRun run(String... args) {
    Map<String, String> environment =
        Map.of(
            "POSTGRES_URL", database.jdbcUrl(),
            "POSTGRES_USER", database.user(),
            "POSTGRES_SCHEMA", database.schema(),
            "OCP_SUMMARY_HOME", input.resolve("home").toString());
    return CliRun.of(environment, args);
  }
}
