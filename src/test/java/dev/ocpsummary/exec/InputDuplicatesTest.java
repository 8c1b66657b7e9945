package dev.ocpsummary.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import dev.ocpsummary.config.DatabaseSettings;
import dev.ocpsummary.config.DuplicateRowPolicy;
import dev.ocpsummary.config.ExecSettings.Mode;
import dev.ocpsummary.config.InputLayout;
import dev.ocpsummary.config.InputSettings;
import dev.ocpsummary.config.RunRequest;
import dev.ocpsummary.config.Settings;
import dev.ocpsummary.config.SettingsLoader;
import dev.ocpsummary.datagen.KokuLayoutWriter;
import dev.ocpsummary.datagen.PodUsageRow;
import dev.ocpsummary.sink.SummaryDatabase;
import dev.ocpsummary.source.InputColumns;
import dev.ocpsummary.source.InputException;
import dev.ocpsummary.source.ReportType;
import dev.ocpsummary.source.UsageReader;
import dev.ocpsummary.summary.RunIdentity;
import dev.ocpsummary.testing.PostgresFixture;
import dev.ocpsummary.testing.SparkFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Duplicate hourly rows end to end (Parquet in Koku's layout on disk, real Spark and PostgreSQL):
 * exact copies of rows, in a re-delivered file and within a file, give the same summary as the clean
 * input and are counted in the run record; rows with the same key and different values fail the run
 * with one line and leave the table as it was.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InputDuplicatesTest {

  private static final RunRequest WINDOW = new RunRequest(TwoDayCluster.SOURCE, TwoDayCluster.START, TwoDayCluster.END);
  private static final LocalDate DAY_1 = TwoDayCluster.START;
  /** 4 frontend pods x 24 hours re-delivered in a second file, and one backend hour twice in its own file. */
  private static final long POD_COPIES = 4 * 24 + 1;
  /** every storage row of the second day twice: 2 claims x 24 hours. */
  private static final long STORAGE_COPIES = 2 * 24;

  private final SparkSession spark = SparkFixture.spark();
  private final TwoDayCluster cluster = new TwoDayCluster(1.0);
  @TempDir static Path home;
  private DatabaseSettings cleanDatabase;
  private List<String> cleanSummary;
  private String withCopies;

  @BeforeAll
  void summarizeTheCleanInputAndWriteOneWithCopies() throws Exception {
    String clean = home.resolve("clean").toUri().toString();
    cluster.write(spark, input(clean));
    cleanDatabase = migratedSchema();
    job(cleanDatabase, clean, Mode.CACHE, DuplicateRowPolicy.DROP).run(WINDOW, identity());
    cleanSummary = FaultRuns.rowsWithoutUuid(cleanDatabase);

    withCopies = home.resolve("with-copies").toUri().toString();
    writeWithCopies(withCopies);
  }

  @Test
  void exactCopiesAreDroppedAndCountedAndTheSummaryEqualsTheCleanInputs() throws Exception {
    DatabaseSettings database = migratedSchema();
    for (Mode mode : List.of(Mode.CACHE, Mode.ITERATE)) {
      RunResult result = job(database, withCopies, mode, DuplicateRowPolicy.DROP).run(WINDOW, identity());

      assertEquals(cleanSummary, FaultRuns.rowsWithoutUuid(database), mode + ": every total as without the copies");
      Map<String, Object> run =
          PostgresFixture.rows(
                  database, "SELECT status, duplicate_input_rows::text AS copies FROM summary_runs WHERE run_id = ?",
                  result.runId())
              .get(0);
      assertEquals("succeeded", run.get("status"));
      JsonNode inTable = new ObjectMapper().readTree((String) run.get("copies"));
      assertEquals(POD_COPIES, inTable.get("pod_usage").asLong(), mode + ": " + inTable);
      assertEquals(STORAGE_COPIES, inTable.get("storage_usage").asLong(), mode + ": " + inTable);
      JsonNode record = new ObjectMapper().readTree(result.runRecord().orElseThrow().toFile());
      assertEquals(inTable, record.get("duplicate_input_rows"), mode.toString());
      assertTrue(record.get("duplicate_check_millis").asLong() >= 0);
    }
  }

  @Test
  void rowsWithTheSameKeyAndDifferentValuesFailTheRunNamingReportFilesKeyAndValues() throws Exception {
    String conflicting = home.resolve("conflicting").toUri().toString();
    cluster.write(spark, input(conflicting));
    // backend-1 at 05:00 again, at twice its CPU usage, in a second file
    LocalDateTime hour = DAY_1.atTime(5, 0);
    Row other =
        PodUsageRow.at(hour)
            .pod("shop-backend", "backend-1")
            .node("worker-1", "i-worker-1")
            .cpu(1.5, 0.5, 1.0, 3600)
            .memoryGib(0.5, 1.0, 2.0, 3600)
            .nodeCapacity(8, 32)
            .labels("{\"app\": \"backend\", \"pod\": \"backend-1\"}")
            .build();
    Path extra = addFile(conflicting, ReportType.POD_USAGE, DAY_1, "pod_usage.redelivered.parquet", List.of(other));
    // the failing runs target the clean input's summary, which no other test reads
    DatabaseSettings database = cleanDatabase;
    List<String> before = FaultRuns.rowsWithoutUuid(database);

    for (Mode mode : List.of(Mode.CACHE, Mode.ITERATE)) {
      InputException e =
          assertThrows(
              InputException.class,
              () -> job(database, conflicting, mode, DuplicateRowPolicy.DROP).run(WINDOW, identity()));

      String message = e.getMessage();
      assertFalse(message.contains("\n"), message);
      assertTrue(
          message.startsWith(
              "pod_usage holds 2 different rows for interval_start 2025-10-31T05:00, namespace 'shop-backend',"
                  + " pod 'backend-1', node 'worker-1': "),
          message);
      // 0.75 and 1.5 cores for an hour; effective usage follows usage above the 0.5-core request
      assertTrue(message.contains("pod_usage_cpu_core_seconds "), message);
      assertTrue(message.contains("2700.0") && message.contains("5400.0"), message);
      assertTrue(message.contains("pod_effective_usage_cpu_core_seconds "), message);
      assertFalse(message.contains("pod_request_cpu_core_seconds"), "equal columns are not listed: " + message);
      assertTrue(message.contains(extra.getFileName().toString()), message);
      assertTrue(message.contains("part-"), "the original file is named too: " + message);
      assertTrue(message.endsWith("nothing is written"), message);
      assertEquals(before, FaultRuns.rowsWithoutUuid(database), mode + ": the table is as it was");
      assertEquals(
          message,
          PostgresFixture.value(
              database, "SELECT error_text FROM summary_runs WHERE status = 'failed' ORDER BY started_at DESC LIMIT 1"));
    }
  }

  @Test
  void withRejectExactCopiesFailTheRunAndAreCounted() {
    DatabaseSettings database = migratedSchema();

    InputException e =
        assertThrows(
            InputException.class,
            () -> job(database, withCopies, Mode.CACHE, DuplicateRowPolicy.REJECT).run(WINDOW, identity()));

    assertTrue(
        e.getMessage().startsWith("pod_usage holds " + POD_COPIES + " hourly rows that are exact copies of another row, e.g."
            + " interval_start 2025-10-3"),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("input.duplicate-rows = reject: nothing is written"), e.getMessage());
    assertEquals(0L, PostgresFixture.value(database, "SELECT count(*) FROM " + FaultRuns.TABLE));
    assertEquals(
        "{\"pod_usage\": " + POD_COPIES + "}",
        PostgresFixture.value(database, "SELECT duplicate_input_rows::text FROM summary_runs WHERE status = 'failed'"));
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * The cluster with copies: the frontend pods' rows of the first day once more in a second file of
   * October (a re-delivered file), one backend row of 2025-11-01 twice in November's file, and every
   * storage row of 2025-11-01 twice.
   */
  private void writeWithCopies(String root) throws Exception {
    KokuLayoutWriter writer = new KokuLayoutWriter(spark, input(root));
    List<Row> pods = cluster.rows(ReportType.POD_USAGE);
    Row novemberRow = pods.stream().filter(r -> day(r).equals(TwoDayCluster.END)).findFirst().orElseThrow();
    pods.add(novemberRow);
    writer.write(ReportType.POD_USAGE, TwoDayCluster.SOURCE, pods);
    List<Row> storage = cluster.rows(ReportType.STORAGE_USAGE);
    storage.addAll(storage.stream().filter(r -> day(r).equals(TwoDayCluster.END)).toList());
    writer.write(ReportType.STORAGE_USAGE, TwoDayCluster.SOURCE, storage);
    writer.write(ReportType.NODE_LABELS, TwoDayCluster.SOURCE, cluster.rows(ReportType.NODE_LABELS));
    writer.write(ReportType.NAMESPACE_LABELS, TwoDayCluster.SOURCE, cluster.rows(ReportType.NAMESPACE_LABELS));

    int namespace = ReportType.POD_USAGE.schema().fieldIndex(InputColumns.NAMESPACE);
    List<Row> redelivered =
        cluster.rows(ReportType.POD_USAGE).stream()
            .filter(r -> day(r).equals(DAY_1) && "shop-frontend".equals(r.get(namespace)))
            .toList();
    assertEquals(4 * 24, redelivered.size());
    addFile(root, ReportType.POD_USAGE, DAY_1, "pod_usage.redelivered.parquet", redelivered);
  }

  /** Writes rows as one more Parquet file into the month folder of {@code day}. */
  private Path addFile(String root, ReportType report, LocalDate day, String name, List<Row> rows) throws Exception {
    Path scratch = home.resolve("scratch-" + System.nanoTime());
    spark.createDataFrame(rows, report.schema()).coalesce(1).write().parquet(scratch.toUri().toString());
    Path part;
    try (var files = Files.list(scratch)) {
      part = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
    Path folder =
        Path.of(java.net.URI.create(UsageReader.monthFolder(input(root), report, TwoDayCluster.SOURCE, YearMonth.from(day))));
    return Files.copy(part, folder.resolve(name));
  }

  private static LocalDate day(Row row) {
    return ((LocalDateTime) row.get(ReportType.POD_USAGE.schema().fieldIndex(InputColumns.INTERVAL_START))).toLocalDate();
  }

  private DailySummaryJob job(DatabaseSettings database, String root, Mode mode, DuplicateRowPolicy policy) {
    Settings base =
        SettingsLoader.fromConfig(
            ConfigFactory.parseString("ocp-summary.exec.run-record-dir = \"" + home.resolve("runs") + "\""), Map.of());
    Settings settings =
        base.withDatabase(database)
            .withInput(new InputSettings(root, InputLayout.KOKU, "org1234567", policy))
            .withExec(base.exec().withMode(mode, "test"));
    return new DailySummaryJob(spark, settings, new SummaryDatabase(database));
  }

  private static DatabaseSettings migratedSchema() {
    DatabaseSettings settings = PostgresFixture.freshSchema(InputDuplicatesTest.class);
    new SummaryDatabase(settings).migrate();
    return settings;
  }

  private static InputSettings input(String root) {
    return new InputSettings(root, InputLayout.KOKU, "org1234567");
  }

  private static RunIdentity identity() {
    return new RunIdentity(TwoDayCluster.SOURCE, Optional.empty(), Optional.empty(), Optional.empty());
  }
}
