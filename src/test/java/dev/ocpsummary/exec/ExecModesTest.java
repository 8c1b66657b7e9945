package dev.ocpsummary.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import dev.ocpsummary.config.DatabaseSettings;
import dev.ocpsummary.config.ExecSettings.Mode;
import dev.ocpsummary.config.InputLayout;
import dev.ocpsummary.config.InputSettings;
import dev.ocpsummary.config.RunRequest;
import dev.ocpsummary.config.Settings;
import dev.ocpsummary.config.SettingsLoader;
import dev.ocpsummary.sink.SummaryDatabase;
import dev.ocpsummary.source.InputException;
import dev.ocpsummary.source.ReportType;
import dev.ocpsummary.summary.DailySummary;
import dev.ocpsummary.summary.LabelRules;
import dev.ocpsummary.summary.RunIdentity;
import dev.ocpsummary.testing.PostgresFixture;
import dev.ocpsummary.testing.S3Fixture;
import dev.ocpsummary.testing.SparkFixture;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The execution modes end to end on real parts: input written and read over s3a through S3Proxy,
 * real Spark, real PostgreSQL. Spark runs are what cost time here, so the class runs the two modes
 * once ({@link #runBothModes}: AUTO at its threshold, which must choose CACHE, then AUTO above it,
 * which must choose ITERATE, with adaptive execution off so that ITERATE's jobs can be counted) and
 * each test checks one property of those runs. The failure test (an unreachable S3 endpoint) runs on
 * its own; a JVM killed during an ITERATE write is {@link KillInEachPhaseTest}'s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExecModesTest {

  private static final RunRequest WINDOW =
      new RunRequest(TwoDayCluster.SOURCE, TwoDayCluster.START, TwoDayCluster.END);
  private static final Map<String, Long> EXPECTED_KINDS =
      new TreeMap<>(
          Map.of(
              "Pod", TwoDayCluster.POD_ROWS,
              "Storage", TwoDayCluster.STORAGE_ROWS,
              "Unallocated", TwoDayCluster.UNALLOCATED_ROWS));

  private final SparkSession spark = SparkFixture.spark();
  @TempDir static Path home;
  private String inputRoot;
  private long inputRows;
  private long podInputRows;
  private long storageInputRows;
  private DatabaseSettings databaseSettings;
  private SummaryDatabase database;

  private RunResult cache;
  private List<String> rowsAfterCache;
  private Set<Object> uuidsAfterCache;
  private RunResult iterate;
  private List<String> rowsAfterIterate;
  private Set<Object> uuidsAfterIterate;
  private final Map<LocalDate, Integer> partitionsPerDay = new LinkedHashMap<>();
  private final Map<String, Long> jobsByKindAndGroup = new TreeMap<>();

  @BeforeAll
  void runBothModes() {
    S3Fixture.configure(spark);
    inputRoot = "s3a://" + S3Fixture.freshBucket(ExecModesTest.class) + "/koku";
    TwoDayCluster cluster = new TwoDayCluster(1.0);
    cluster.write(spark, input(inputRoot));
    inputRows = cluster.inputRows();
    podInputRows = cluster.rows(ReportType.POD_USAGE).size();
    storageInputRows = cluster.rows(ReportType.STORAGE_USAGE).size();
    databaseSettings = PostgresFixture.freshSchema(ExecModesTest.class);
    database = new SummaryDatabase(databaseSettings);
    database.migrate();

    cache = job(Mode.AUTO, inputRows).run(WINDOW, identity());
    rowsAfterCache = FaultRuns.rowsWithoutUuid(databaseSettings);
    uuidsAfterCache = new HashSet<>(PostgresFixture.column(databaseSettings, "SELECT uuid FROM " + FaultRuns.TABLE));

    String adaptive = spark.conf().get("spark.sql.adaptive.enabled");
    spark.conf().set("spark.sql.adaptive.enabled", "false");
    SparkListener jobs = jobCounter();
    try {
      Dataset<Row> summary = summaryOfTheWindow();
      for (LocalDate day : WINDOW.days()) {
        partitionsPerDay.put(day, IterateMode.ofDay(summary, day).rdd().getNumPartitions());
      }
      spark.sparkContext().addSparkListener(jobs);
      iterate = job(Mode.AUTO, inputRows - 1).run(WINDOW, identity());
      drainListenerBus();
    } finally {
      spark.sparkContext().removeSparkListener(jobs);
      spark.conf().set("spark.sql.adaptive.enabled", adaptive);
    }
    rowsAfterIterate = FaultRuns.rowsWithoutUuid(databaseSettings);
    uuidsAfterIterate = new HashSet<>(PostgresFixture.column(databaseSettings, "SELECT uuid FROM " + FaultRuns.TABLE));
  }

  @AfterAll
  void dropTheSchema() {
    PostgresFixture.execute(databaseSettings, "DROP SCHEMA IF EXISTS \"" + databaseSettings.schema() + "\" CASCADE");
  }

  @Test
  void autoPicksCacheAtTheThresholdAndIterateAboveIt() {
    String estimate =
        String.format(
            "auto: %,d input rows estimated from the footers of 8 files (8 row groups overlap the window, 0 do not)",
            inputRows);
    assertEquals("cache", cache.mode());
    assertEquals(estimate + String.format(", not above exec.streaming-threshold-rows = %,d (override)", inputRows), cache.modeReason());
    assertEquals("iterate", iterate.mode());
    assertEquals(estimate + String.format(", above exec.streaming-threshold-rows = %,d (override)", inputRows - 1), iterate.modeReason());
    for (RunResult run : List.of(cache, iterate)) {
      Map<String, Object> row =
          PostgresFixture.rows(
                  databaseSettings, "SELECT mode, mode_reason, estimated_input_rows FROM summary_runs WHERE run_id = ?",
                  run.runId())
              .get(0);
      assertEquals(Map.of("mode", run.mode(), "mode_reason", run.modeReason(), "estimated_input_rows", inputRows), row);
    }
  }

  @Test
  void cacheAndIterateWriteIdenticalRows() {
    assertEquals(EXPECTED_KINDS, new TreeMap<>(cache.rowsByDataSource()));
    assertEquals(EXPECTED_KINDS, new TreeMap<>(iterate.rowsByDataSource()));
    assertEquals(TwoDayCluster.ROWS, rowsAfterCache.size());
    assertEquals(rowsAfterCache, rowsAfterIterate);
    assertEquals(TwoDayCluster.ROWS, uuidsAfterIterate.size());
    assertTrue(uuidsAfterIterate.stream().noneMatch(uuidsAfterCache::contains), "ITERATE replaced the rows of CACHE");
    // the master ran the API server on the first day only; its role holds for the whole window
    assertEquals(
        List.of("Platform unallocated", "Platform unallocated"),
        PostgresFixture.column(
            databaseSettings,
            "SELECT namespace FROM " + FaultRuns.TABLE + " WHERE node = 'master-0' AND pod_labels IS NULL AND data_source = 'Pod'"));
  }

  @Test
  void iterateRunsOneSparkJobPerResultPartitionOfEachDay() {
    String group = "ocp-summary-" + iterate.runId() + "-iterate-";
    for (LocalDate day : WINDOW.days()) {
      int partitions = partitionsPerDay.get(day);
      assertTrue(partitions > 1, "a day has several partitions: " + partitionsPerDay);
      assertEquals((long) partitions, jobsByKindAndGroup.get("job " + group + day), day + ": " + jobsByKindAndGroup);
    }
    assertTrue(spark.sparkContext().getPersistentRDDs().isEmpty(), "nothing is left cached");
  }

  @Test
  void cacheReadsEachReportAFixedNumberOfTimesAndIterateOncePerDay() throws IOException {
    long cacheRead = record(cache).get("spark").get("input_records_read").asLong();
    long iterateRead = record(iterate).get("spark").get("input_records_read").asLong();
    // CACHE reads the pod rows twice (pod days; node capacity's four columns) and the storage rows three
    // times (duplicate check, claims, attributed rows), never once per day: a result that missed the
    // cache would read them again
    // (cached blocks count too, one per batch of rows, so the count is a little higher)
    long cacheExpected = inputRows + podInputRows + 2 * storageInputRows;
    assertTrue(
        cacheRead >= cacheExpected && cacheRead < cacheExpected + podInputRows,
        "CACHE read " + cacheRead + " rows, expected " + cacheExpected);
    assertTrue(iterateRead >= 2 * inputRows, "ITERATE read " + iterateRead + " rows");
  }

  @Test
  void everyRunIsRecordedInSummaryRunsAndAsJson() throws IOException {
    for (RunResult run : List.of(cache, iterate)) {
      Map<String, Object> row =
          PostgresFixture.rows(
                  databaseSettings,
                  "SELECT status, input_rows, output_rows, heap_peak_bytes, peak_execution_memory_bytes, gc_millis,"
                      + " db_write_millis, run_record->>'mode' AS record_mode FROM summary_runs WHERE run_id = ?",
                  run.runId())
              .get(0);
      assertEquals("succeeded", row.get("status"));
      assertEquals(inputRows, row.get("input_rows"));
      assertEquals(TwoDayCluster.ROWS, row.get("output_rows"));
      assertTrue((Long) row.get("heap_peak_bytes") > 0, row.toString());
      assertTrue((Long) row.get("peak_execution_memory_bytes") > 0, row.toString());
      assertTrue((Long) row.get("gc_millis") >= 0, row.toString());
      assertTrue((Long) row.get("db_write_millis") >= 0, row.toString());
      assertEquals(run.mode(), row.get("record_mode"));
      assertEquals(List.of("list", "read", "aggregate", "write"), List.copyOf(run.phaseMillis().keySet()));

      JsonNode json = record(run);
      assertEquals(run.runId().toString(), json.get("run_id").asText());
      assertEquals("succeeded", json.get("status").asText());
      assertEquals(run.mode(), json.get("mode").asText());
      assertEquals(run.modeReason(), json.get("mode_reason").asText());
      assertEquals(inputRows, json.get("input_rows").asLong());
      assertEquals(inputRows, json.get("estimated_input_rows").asLong());
      assertEquals(TwoDayCluster.ROWS, json.get("output_rows").asLong());
      for (String phase : List.of("list", "read", "aggregate", "write")) {
        assertEquals(run.phaseMillis().get(phase).longValue(), json.get("phase_millis").get(phase).asLong());
      }
      assertTrue(json.get("memory").get("heap_peak_bytes").asLong() > 0);
      assertTrue(json.get("spark").get("jobs").asLong() > 0);
      for (String metric : List.of("peak_execution_memory_bytes", "memory_spilled_bytes", "disk_spilled_bytes", "task_gc_millis")) {
        assertTrue(json.get("spark").has(metric), metric);
      }
    }
    JsonNode cached = record(cache).get("mode_details");
    assertEquals("Disk Memory Deserialized 1x Replicated", cached.get("storage_level").asText());
    assertTrue(cached.get("cached_memory_bytes").asLong() > 0, cached.toString());
    assertEquals(2, record(iterate).get("mode_details").get("days").size());
  }

  @Test
  void anUnreachableS3EndpointFailsWithOneClearLineWithinAMinute() throws Exception {
    DatabaseSettings ownSchema = PostgresFixture.freshSchema(ExecModesTest.class);
    SummaryDatabase ownDatabase = new SummaryDatabase(ownSchema);
    ownDatabase.migrate();
    String bucket = "unreachable-" + UUID.randomUUID().toString().substring(0, 8);
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Settings defaults = settings(Mode.AUTO, 0).withDatabase(ownSchema);
    String endpoint = "http://127.0.0.1:" + closedPort;
    // the connector options the application derives from its default settings, for this bucket only
    S3Fixture.configureBucket(
        spark, bucket, defaults.s3().withEndpoint(endpoint, defaults.s3().accessKey(), defaults.s3().secretKey()).hadoopOptions());
    Settings settings = defaults.withInput(input("s3a://" + bucket + "/koku"));

    long started = System.nanoTime();
    RuntimeException failure =
        assertThrows(RuntimeException.class, () -> new DailySummaryJob(spark, settings, ownDatabase).run(WINDOW, identity()));
    double seconds = (System.nanoTime() - started) / 1e9;

    assertInstanceOf(InputException.class, failure);
    String message = failure.getMessage();
    assertFalse(message.contains("\n"), message);
    assertTrue(message.startsWith("cannot list s3a://" + bucket + "/koku/data/parquet/"), message);
    assertTrue(message.contains("127.0.0.1:" + closedPort), message);
    assertTrue(seconds < 60, "failed after " + seconds + " s");
    // retried with back-off (500 ms, then 1 s) before giving up, not failed at the first refusal
    assertTrue(seconds > 1.4, "failed after " + seconds + " s");
    Map<String, Object> run = PostgresFixture.rows(ownSchema, "SELECT status, error_text FROM summary_runs").get(0);
    assertEquals(Map.of("status", "failed", "error_text", message), run);
    assertEquals(0L, PostgresFixture.value(ownSchema, "SELECT count(*) FROM " + FaultRuns.TABLE));
  }

  private DailySummaryJob job(Mode mode, long threshold) {
    return new DailySummaryJob(spark, settings(mode, threshold), database);
  }

  private Settings settings(Mode mode, long threshold) {
    Settings base =
        SettingsLoader.fromConfig(
            ConfigFactory.parseString("ocp-summary.exec.run-record-dir = \"" + home.resolve("runs") + "\""), Map.of());
    return base.withDatabase(databaseSettings)
        .withS3(S3Fixture.settings())
        .withInput(input(inputRoot))
        .withExec(base.exec().withMode(mode, "test").withStreamingThresholdRows(threshold));
  }

  private static InputSettings input(String root) {
    return new InputSettings(root, InputLayout.KOKU, "org1234567");
  }

  private static RunIdentity identity() {
    return new RunIdentity(TwoDayCluster.SOURCE, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** The window's summary as ITERATE builds it, to count its partitions per day. */
  private Dataset<Row> summaryOfTheWindow() {
    Settings settings = settings(Mode.ITERATE, 0);
    WindowInputs inputs = WindowInputs.read(spark, settings.input(), settings.summary().costCategories(), database, WINDOW);
    return DailySummary.build(inputs.summaryInputs(rows -> rows), LabelRules.keeping(Optional.empty()), identity());
  }

  /** Counts jobs by job group, broadcast jobs (which a query's joins run in its group) apart. */
  private SparkListener jobCounter() {
    return new SparkListener() {
      @Override
      public void onJobStart(SparkListenerJobStart jobStart) {
        String group = jobStart.properties().getProperty("spark.jobGroup.id");
        String kind = jobStart.properties().getProperty("spark.job.tags", "").contains("broadcast exchange") ? "broadcast" : "job";
        synchronized (jobsByKindAndGroup) {
          jobsByKindAndGroup.merge(kind + " " + group, 1L, Long::sum);
        }
      }
    };
  }

  private void drainListenerBus() {
    try {
      spark.sparkContext().listenerBus().waitUntilEmpty(10_000);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode record(RunResult run) throws IOException {
    return new ObjectMapper().readTree(Files.readString(run.runRecord().orElseThrow()));
  }
}
