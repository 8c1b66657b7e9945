package dev.ocpsummary.sink;

import static dev.ocpsummary.sink.SummaryRowBuilder.SOURCE;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ocpsummary.config.DatabaseSettings;
import dev.ocpsummary.testing.PostgresFixture;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RunRecorderTest {

  private static final LocalDate START = LocalDate.of(2024, 3, 1);
  private static final LocalDate END = LocalDate.of(2024, 3, 31);

  private static DatabaseSettings settings;
  private static RunRecorder runs;

  @BeforeAll
  static void migrate() {
    settings = PostgresFixture.freshSchema(RunRecorderTest.class);
    SummaryDatabase database = new SummaryDatabase(settings);
    database.migrate();
    runs = new RunRecorder(database);
  }

  @Test
  void aRunIsRecordedAsRunningThenSucceeded() {
    UUID runId = runs.begin(SOURCE, START, END, "local-iterator", "the only write path");

    Map<String, Object> running = run(runId);
    assertEquals(UUID.fromString(SOURCE), running.get("source_uuid"));
    assertEquals(START, running.get("start_date"));
    assertEquals(END, running.get("end_date"));
    assertEquals("local-iterator", running.get("mode"));
    assertEquals("the only write path", running.get("mode_reason"));
    assertEquals("running", running.get("status"));
    assertNotNull(running.get("started_at"));
    assertNull(running.get("finished_at"));
    assertNull(running.get("output_rows"));

    Map<String, Long> phases = new LinkedHashMap<>();
    phases.put("read", 1200L);
    phases.put("aggregate_and_write", 3400L);
    runs.succeed(runId, new RunSummary(1000, 30, Map.of("Pod", 25L, "Storage", 5L), phases));

    Map<String, Object> succeeded = run(runId);
    assertEquals("succeeded", succeeded.get("status"));
    assertEquals(1000L, succeeded.get("input_rows"));
    assertEquals(30L, succeeded.get("output_rows"));
    assertEquals("{\"Pod\": 25, \"Storage\": 5}", succeeded.get("rows_by_data_source"));
    assertEquals("{\"read\": 1200, \"aggregate_and_write\": 3400}", succeeded.get("phase_millis"));
    assertNull(succeeded.get("error_text"));
    assertEquals(
        true, PostgresFixture.value(settings, "SELECT finished_at >= started_at FROM summary_runs WHERE run_id = ?", runId));
  }

  @Test
  void aFailedRunKeepsItsErrorAndPartialCounts() {
    UUID runId = runs.begin(SOURCE, START, END, "local-iterator", "reason");

    runs.fail(runId, new RunSummary(500, 0, Map.of(), Map.of("read", 80L)), "cannot read s3a://bucket/x: \"denied\"\0");

    Map<String, Object> failed = run(runId);
    assertEquals("failed", failed.get("status"));
    assertEquals(500L, failed.get("input_rows"));
    assertEquals(0L, failed.get("output_rows"));
    assertEquals("{}", failed.get("rows_by_data_source"));
    assertEquals("{\"read\": 80}", failed.get("phase_millis"));
    assertEquals("cannot read s3a://bucket/x: \"denied\" ", failed.get("error_text"));
    assertNotNull(failed.get("finished_at"));
  }

  @Test
  void aRunEndsOnlyOnce() {
    UUID runId = runs.begin(SOURCE, START, END, "m", "r");
    runs.succeed(runId, RunSummary.empty());

    SinkException e = assertThrows(SinkException.class, () -> runs.succeed(runId, RunSummary.empty()));
    assertEquals("cannot record the success of run " + runId + ": no such running run", e.getMessage());
    assertDoesNotThrow(() -> runs.fail(runId, null, "late"));
    assertDoesNotThrow(() -> runs.fail(UUID.randomUUID(), RunSummary.empty(), "unknown"));
    assertEquals("succeeded", run(runId).get("status"));
  }

  @Test
  void mapKeysAreEscapedIntoValidJson() {
    Map<String, Long> odd = new LinkedHashMap<>();
    odd.put("quote\"back\\slash", 1L);
    odd.put("line\nbreak\ttab\u0001", 2L);
    odd.put("ünïcode", 3L);
    assertEquals(
        "{\"quote\\\"back\\\\slash\":1,\"line\\nbreak\\ttab\\u0001\":2,\"ünïcode\":3}", RunRecorder.toJson(odd));

    UUID runId = runs.begin(SOURCE, START, END, "m", "r");
    runs.succeed(runId, new RunSummary(0, 6, odd, Map.of()));
    assertEquals(
        List.of("quote\"back\\slash", "line\nbreak\ttab\u0001", "ünïcode"),
        PostgresFixture.column(
            settings,
            "SELECT k FROM summary_runs, jsonb_each_text(rows_by_data_source) AS e(k, v) WHERE run_id = ? ORDER BY v",
            runId));
  }

  @Test
  void beginRejectsASourceThatIsNotAUuid() {
    SinkException e = assertThrows(SinkException.class, () -> runs.begin("cluster-1", START, END, "m", "r"));
    assertEquals("cannot record the run: the source 'cluster-1' is not a UUID", e.getMessage());
  }

  private static Map<String, Object> run(UUID runId) {
    return PostgresFixture.rows(
            settings,
            "SELECT source_uuid, start_date, end_date, mode, mode_reason, status, started_at, finished_at,"
                + " input_rows, output_rows, rows_by_data_source::text AS rows_by_data_source,"
                + " phase_millis::text AS phase_millis, error_text FROM summary_runs WHERE run_id = ?",
            runId)
        .get(0);
  }
}
