package dev.ocpsummary.sink;

import static dev.ocpsummary.sink.SummaryRowBuilder.OTHER_SOURCE;
import static dev.ocpsummary.sink.SummaryRowBuilder.SOURCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocpsummary.config.DatabaseSettings;
import dev.ocpsummary.config.LockWait;
import dev.ocpsummary.summary.SummaryColumns;
import dev.ocpsummary.testing.PostgresFixture;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SummaryWriterTest {

  private static final LocalDate JAN_1 = LocalDate.of(2024, 1, 1);
  private static final LocalDate JAN_2 = LocalDate.of(2024, 1, 2);
  private static final LocalDate JAN_3 = LocalDate.of(2024, 1, 3);

  private static DatabaseSettings settings;
  private static SummaryDatabase database;
  private static SummaryWriter writer;

  @BeforeAll
  static void migrate() {
    settings = PostgresFixture.freshSchema(SummaryWriterTest.class);
    database = new SummaryDatabase(settings);
    database.migrate();
    writer = new SummaryWriter(database);
  }

  @BeforeEach
  void emptyTable() {
    PostgresFixture.execute(settings, "TRUNCATE reporting_ocpusagelineitem_daily_summary");
  }

  @Test
  void writesRowsWhoseValuesReadBackExactly() {
    Row pod =
        SummaryRowBuilder.pod(JAN_1)
            .set(SummaryColumns.REPORT_PERIOD_ID, 7)
            .set(SummaryColumns.NAMESPACE, "we,ird \"ns\"\nline two")
            .set(SummaryColumns.POD_LABELS, "{\"quote\": \"a\\\"b\", \"app\": \"web\"}")
            .set(SummaryColumns.ALL_LABELS, "{}")
            .set(SummaryColumns.POD_USAGE_CPU_CORE_HOURS, 0.1)
            .set(SummaryColumns.POD_REQUEST_CPU_CORE_HOURS, 1.0 / 3)
            .set(SummaryColumns.POD_LIMIT_CPU_CORE_HOURS, 12345.678901234567)
            .set(SummaryColumns.POD_USAGE_MEMORY_GIGABYTE_HOURS, 5e-16)
            .set(SummaryColumns.POD_REQUEST_MEMORY_GIGABYTE_HOURS, -0.25)
            .set(SummaryColumns.COST_CATEGORY_ID, 3)
            .build();
    Row storage =
        SummaryRowBuilder.empty()
            .set(SummaryColumns.REPORT_PERIOD_ID, 7)
            .set(SummaryColumns.CLUSTER_ID, "my-cluster")
            .set(SummaryColumns.DATA_SOURCE, SummaryColumns.DATA_SOURCE_STORAGE)
            .set(SummaryColumns.USAGE_START, JAN_2)
            .set(SummaryColumns.USAGE_END, JAN_2)
            .set(SummaryColumns.NAMESPACE, "db")
            .set(SummaryColumns.NODE, "")
            .set(SummaryColumns.PERSISTENTVOLUMECLAIM, "data-0")
            .set(SummaryColumns.VOLUME_LABELS, "{\"tier\": \"gold\"}")
            .set(SummaryColumns.PVC_CAPACITY_GIGABYTE, 10.0)
            .set(SummaryColumns.PVC_CAPACITY_GIGABYTE_MONTHS, 10.0 / 31 / 24 * 24)
            .set(SummaryColumns.SOURCE_UUID, SOURCE.toUpperCase())
            .build();

    assertEquals(2, writer.replaceWindow(SOURCE, JAN_1, JAN_2, List.of(pod, storage).iterator()));

    List<Map<String, Object>> rows =
        PostgresFixture.rows(
            settings,
            "SELECT uuid, report_period_id, cluster_id, cluster_alias, data_source, usage_start, usage_end,"
                + " namespace, node, resource_id, pod_labels::text AS pod_labels, all_labels::text AS all_labels,"
                + " volume_labels::text AS volume_labels, pod_usage_cpu_core_hours, pod_request_cpu_core_hours,"
                + " pod_limit_cpu_core_hours, pod_usage_memory_gigabyte_hours, pod_request_memory_gigabyte_hours,"
                + " node_capacity_cpu_cores, persistentvolumeclaim, storageclass,"
                + " persistentvolumeclaim_capacity_gigabyte, persistentvolumeclaim_capacity_gigabyte_months,"
                + " source_uuid, infrastructure_usage_cost::text AS cost, cost_category_id, infrastructure_raw_cost"
                + " FROM reporting_ocpusagelineitem_daily_summary ORDER BY usage_start");
    assertEquals(2, rows.size());

    Map<String, Object> p = rows.get(0);
    assertNotNull(p.get("uuid"));
    assertEquals(7, p.get("report_period_id"));
    assertEquals("my-cluster", p.get("cluster_id"));
    assertEquals("My Cluster", p.get("cluster_alias"));
    assertEquals("Pod", p.get("data_source"));
    assertEquals(JAN_1, p.get("usage_start"));
    assertEquals(JAN_1, p.get("usage_end"));
    assertEquals("we,ird \"ns\"\nline two", p.get("namespace"));
    assertEquals("node-1", p.get("node"));
    assertEquals("{\"app\": \"web\", \"quote\": \"a\\\"b\"}", p.get("pod_labels"));
    assertEquals("{}", p.get("all_labels"));
    assertNull(p.get("volume_labels"));
    assertEquals(new BigDecimal("0.100000000000000"), p.get("pod_usage_cpu_core_hours"));
    assertEquals(new BigDecimal("0.333333333333333"), p.get("pod_request_cpu_core_hours"));
    assertEquals(new BigDecimal("12345.678901234567000"), p.get("pod_limit_cpu_core_hours"));
    assertEquals(new BigDecimal("0.000000000000001"), p.get("pod_usage_memory_gigabyte_hours"));
    assertEquals(new BigDecimal("-0.250000000000000"), p.get("pod_request_memory_gigabyte_hours"));
    assertEquals(new BigDecimal("8.000000000000000"), p.get("node_capacity_cpu_cores"));
    assertNull(p.get("persistentvolumeclaim"));
    assertEquals(UUID.fromString(SOURCE), p.get("source_uuid"));
    assertEquals("{\"cpu\": 0.000000000, \"memory\": 0.000000000, \"storage\": 0.000000000}", p.get("cost"));
    assertEquals(3, p.get("cost_category_id"));
    assertNull(p.get("infrastructure_raw_cost"));

    Map<String, Object> s = rows.get(1);
    assertEquals("Storage", s.get("data_source"));
    assertEquals(JAN_2, s.get("usage_start"));
    assertEquals("", s.get("node"), "an empty string stays empty");
    assertNull(s.get("resource_id"), "NULL stays NULL");
    assertNull(s.get("pod_labels"));
    assertNull(s.get("pod_usage_cpu_core_hours"));
    assertEquals("{\"tier\": \"gold\"}", s.get("volume_labels"));
    assertEquals("data-0", s.get("persistentvolumeclaim"));
    assertEquals(new BigDecimal("10.000000000000000"), s.get("persistentvolumeclaim_capacity_gigabyte"));
    assertEquals(new BigDecimal("0.322580645161290"), s.get("persistentvolumeclaim_capacity_gigabyte_months"));
    assertEquals(UUID.fromString(SOURCE), s.get("source_uuid"));
    assertNull(s.get("cost"));
    assertNull(s.get("cost_category_id"));
    assertFalse(s.get("uuid").equals(p.get("uuid")));
  }

  @Test
  void rerunningAWindowReplacesItsRows() {
    writer.replaceWindow(SOURCE, JAN_1, JAN_2, List.of(pod(JAN_1, "a", 1.0), pod(JAN_2, "b", 2.0)).iterator());
    writer.replaceWindow(SOURCE, JAN_1, JAN_2, List.of(pod(JAN_1, "a", 10.0), pod(JAN_2, "b", 20.0)).iterator());

    assertEquals(
        List.of(
            Map.of("namespace", "a", "cpu", new BigDecimal("10.000000000000000")),
            Map.of("namespace", "b", "cpu", new BigDecimal("20.000000000000000"))),
        PostgresFixture.rows(
            settings,
            "SELECT namespace, pod_usage_cpu_core_hours AS cpu FROM reporting_ocpusagelineitem_daily_summary"
                + " ORDER BY namespace"));
  }

  @Test
  void rowsOfOtherDaysAndOtherSourcesAreUntouched() {
    writer.replaceWindow(
        SOURCE, JAN_1, JAN_3, List.of(pod(JAN_1, "a", 1.0), pod(JAN_2, "a", 2.0), pod(JAN_3, "a", 3.0)).iterator());
    writer.replaceWindow(OTHER_SOURCE, JAN_2, JAN_2, List.of(other(JAN_2, "a", 5.0)).iterator());

    assertEquals(1, writer.replaceWindow(SOURCE, JAN_2, JAN_2, List.of(pod(JAN_2, "new", 9.0)).iterator()));

    assertEquals(
        List.of(
            row(JAN_1, "a", "1", SOURCE),
            row(JAN_2, "a", "5", OTHER_SOURCE),
            row(JAN_2, "new", "9", SOURCE),
            row(JAN_3, "a", "3", SOURCE)),
        contents());
  }

  @Test
  void rowsWithAnInfrastructureRawCostAreKept() {
    writer.replaceWindow(SOURCE, JAN_1, JAN_1, List.of(pod(JAN_1, "a", 1.0)).iterator());
    PostgresFixture.execute(
        settings,
        "INSERT INTO reporting_ocpusagelineitem_daily_summary (usage_start, usage_end, namespace, source_uuid,"
            + " infrastructure_raw_cost, pod_usage_cpu_core_hours) VALUES (?, ?, 'cloud', ?::uuid, 12.5, 0)",
        JAN_1, JAN_1, SOURCE);
    PostgresFixture.execute(
        settings,
        "INSERT INTO reporting_ocpusagelineitem_daily_summary (usage_start, usage_end, namespace, source_uuid,"
            + " infrastructure_raw_cost, pod_usage_cpu_core_hours) VALUES (?, ?, 'zero', ?::uuid, 0, 0)",
        JAN_1, JAN_1, SOURCE);

    writer.replaceWindow(SOURCE, JAN_1, JAN_1, List.of(pod(JAN_1, "b", 2.0)).iterator());

    assertEquals(List.of(row(JAN_1, "b", "2", SOURCE), row(JAN_1, "cloud", "0", SOURCE)), contents());
  }

  @Test
  void anIteratorThatFailsLeavesThePreviousRowsAndGivesAOneLineMessage() {
    writer.replaceWindow(SOURCE, JAN_1, JAN_2, List.of(pod(JAN_1, "old", 1.0), pod(JAN_2, "old", 2.0)).iterator());
    List<Map<String, Object>> before = contents();

    // enough rows that several COPY buffers reach the server before the failure
    int good = 2 * SummaryWriter.BUFFER_CHARS / 300;
    Iterator<Row> failing =
        new Iterator<>() {
          private int served;

          @Override
          public boolean hasNext() {
            return true;
          }

          @Override
          public Row next() {
            if (served == good) {
              throw new IllegalStateException("executor lost\n\tat somewhere.Else(Else.java:1)");
            }
            served++;
            return pod(JAN_1, "new-" + served, 1.0);
          }
        };
    SinkException e = assertThrows(SinkException.class, () -> writer.replaceWindow(SOURCE, JAN_1, JAN_2, failing));

    assertEquals(
        "cannot replace the summary of source " + SOURCE + " for 2024-01-01..2024-01-02 (its previous rows are"
            + " unchanged): reading the rows failed after " + good + " rows: executor lost at somewhere.Else(Else.java:1)",
        e.getMessage());
    assertEquals(before, contents());
  }

  @Test
  void aRowOutsideTheWindowIsRejectedAndNothingChanges() {
    writer.replaceWindow(SOURCE, JAN_1, JAN_2, List.of(pod(JAN_1, "old", 1.0)).iterator());
    List<Map<String, Object>> before = contents();

    SinkException e =
        assertThrows(
            SinkException.class,
            () -> writer.replaceWindow(SOURCE, JAN_1, JAN_2, List.of(pod(JAN_2, "in", 1.0), pod(JAN_3, "out", 1.0)).iterator()));

    assertTrue(
        e.getMessage().endsWith("row 2: usage_start 2024-01-03 is outside the window 2024-01-01..2024-01-02"),
        e.getMessage());
    assertEquals(before, contents());
  }

  @Test
  void aRowOfAnotherSourceIsRejected() {
    SinkException e =
        assertThrows(
            SinkException.class,
            () -> writer.replaceWindow(SOURCE, JAN_1, JAN_1, List.of(pod(JAN_1, "a", 1.0), other(JAN_1, "b", 1.0)).iterator()));
    assertTrue(
        e.getMessage().endsWith("row 2: source_uuid " + OTHER_SOURCE + " is not the run's source " + SOURCE),
        e.getMessage());
    assertEquals(List.of(), contents());
  }

  @Test
  void aNanMeasureIsRejectedNamingTheColumn() {
    writer.replaceWindow(SOURCE, JAN_1, JAN_1, List.of(pod(JAN_1, "old", 1.0)).iterator());
    List<Map<String, Object>> before = contents();
    Row nan = SummaryRowBuilder.pod(JAN_1).set(SummaryColumns.POD_REQUEST_CPU_CORE_HOURS, Double.NaN).build();

    SinkException e =
        assertThrows(SinkException.class, () -> writer.replaceWindow(SOURCE, JAN_1, JAN_1, List.of(nan).iterator()));

    assertTrue(
        e.getMessage().endsWith("row 1: column pod_request_cpu_core_hours has the non-finite value NaN"),
        e.getMessage());
    assertEquals(before, contents());
  }

  @Test
  void aDatabaseErrorRollsBackWithAOneLineMessage() {
    writer.replaceWindow(SOURCE, JAN_1, JAN_1, List.of(pod(JAN_1, "old", 1.0)).iterator());
    List<Map<String, Object>> before = contents();
    Row tooLong = SummaryRowBuilder.pod(JAN_1).set(SummaryColumns.NODE, "n".repeat(254)).build();

    SinkException e =
        assertThrows(SinkException.class, () -> writer.replaceWindow(SOURCE, JAN_1, JAN_1, List.of(tooLong).iterator()));

    assertTrue(e.getMessage().contains("value too long for type character varying(253)"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertEquals(before, contents());
  }

  @Test
  void aWindowSpanningTwoMonthsCreatesBothPartitions() {
    LocalDate nov30 = LocalDate.of(2023, 11, 30);
    LocalDate dec1 = LocalDate.of(2023, 12, 1);

    writer.replaceWindow(SOURCE, nov30, dec1, List.of(pod(nov30, "a", 1.0), pod(dec1, "a", 2.0)).iterator());

    assertEquals(
        List.of(
            Map.of("partition", "reporting_ocpusagelineitem_daily_summary_2023_11", "usage_start", nov30),
            Map.of("partition", "reporting_ocpusagelineitem_daily_summary_2023_12", "usage_start", dec1)),
        PostgresFixture.rows(
            settings,
            "SELECT relname::text AS partition, usage_start FROM reporting_ocpusagelineitem_daily_summary s"
                + " JOIN pg_class c ON c.oid = s.tableoid ORDER BY usage_start"));
    assertEquals(
        "FOR VALUES FROM ('2023-12-01') TO ('2024-01-01')",
        PostgresFixture.value(
            settings,
            "SELECT pg_get_expr(relpartbound, oid) FROM pg_class"
                + " WHERE oid = 'reporting_ocpusagelineitem_daily_summary_2023_12'::regclass"));
    assertEquals(0L, PostgresFixture.value(settings, "SELECT count(*) FROM reporting_ocpusagelineitem_daily_summary_default"));

    // a second write of the same months finds the partitions and leaves them be
    writer.replaceWindow(SOURCE, nov30, dec1, List.of(pod(dec1, "b", 3.0)).iterator());
    assertEquals(List.of(row(dec1, "b", "3", SOURCE)), contents());
  }

  @Test
  void writersOfOneSourceWaitForEachOther() throws Exception {
    try (Connection holder = PostgresFixture.connect(settings)) {
      holder.setAutoCommit(false);
      try (PreparedStatement lock = holder.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
        lock.setString(1, SummaryWriter.sourceLockKey(settings.schema(), UUID.fromString(SOURCE)));
        lock.execute();
      }
      CompletableFuture<Long> write =
          CompletableFuture.supplyAsync(
              () -> writer.replaceWindow(SOURCE, JAN_1, JAN_1, List.of(pod(JAN_1, "a", 1.0)).iterator()));
      assertThrows(TimeoutException.class, () -> write.get(700, TimeUnit.MILLISECONDS));
      // another source is not held up
      assertEquals(1, writer.replaceWindow(OTHER_SOURCE, JAN_1, JAN_1, List.of(other(JAN_1, "b", 1.0)).iterator()));

      holder.commit();
      assertEquals(1L, write.get(20, TimeUnit.SECONDS));
    }
    assertEquals(List.of(row(JAN_1, "a", "1", SOURCE), row(JAN_1, "b", "1", OTHER_SOURCE)), contents());
  }

  @Test
  void aWriterThatMayNotWaitFailsAtOnceWhileAnotherWritesTheSource() throws Exception {
    writer.replaceWindow(SOURCE, JAN_1, JAN_1, List.of(pod(JAN_1, "old", 1.0)).iterator());
    List<Map<String, Object>> before = contents();
    SummaryWriter impatient = new SummaryWriter(database, LockWait.failAtOnce());

    try (WriterInTheMiddleOfACopy first = WriterInTheMiddleOfACopy.start(writer, pod(JAN_1, "first", 2.0))) {
      long started = System.nanoTime();
      SourceLockedException e =
          assertThrows(
              SourceLockedException.class,
              () -> impatient.replaceWindow(SOURCE, JAN_1, JAN_1, List.of(pod(JAN_1, "second", 3.0)).iterator()));
      long millis = (System.nanoTime() - started) / 1_000_000;

      assertEquals(
          "another run holds the lock of source " + SOURCE + " in schema " + settings.schema()
              + ": not waiting (database.lock-wait = fail); the summary is unchanged",
          e.getMessage());
      assertTrue(millis < 2000, "failed after " + millis + " ms");
      assertThrows(SourceLockedException.class, () -> impatient.awaitNoOtherWriter(SOURCE));
      assertEquals(before, contents(), "the first writer has not committed; the second wrote nothing");
      // another source is not held up
      assertEquals(1, impatient.replaceWindow(OTHER_SOURCE, JAN_1, JAN_1, List.of(other(JAN_1, "b", 1.0)).iterator()));

      assertEquals(1L, first.finish());
    }
    assertEquals(List.of(row(JAN_1, "b", "1", OTHER_SOURCE), row(JAN_1, "first", "2", SOURCE)), contents());
    // free again: the impatient writer writes
    impatient.awaitNoOtherWriter(SOURCE);
    assertEquals(1, impatient.replaceWindow(SOURCE, JAN_1, JAN_1, List.of(pod(JAN_1, "second", 3.0)).iterator()));
  }

  @Test
  void aWriterWithALimitWaitsThatLongThenFailsOrWritesOnceTheOtherHasCommitted() throws Exception {
    writer.replaceWindow(SOURCE, JAN_1, JAN_1, List.of(pod(JAN_1, "old", 1.0)).iterator());
    List<Map<String, Object>> before = contents();
    SummaryWriter briefly = new SummaryWriter(database, LockWait.atMost(Duration.ofMillis(800)));
    SummaryWriter patiently = new SummaryWriter(database, LockWait.atMost(Duration.ofSeconds(30)));

    try (WriterInTheMiddleOfACopy first = WriterInTheMiddleOfACopy.start(writer, pod(JAN_1, "first", 2.0))) {
      long started = System.nanoTime();
      SourceLockedException e =
          assertThrows(
              SourceLockedException.class,
              () -> briefly.replaceWindow(SOURCE, JAN_1, JAN_1, List.of(pod(JAN_1, "brief", 3.0)).iterator()));
      long millis = (System.nanoTime() - started) / 1_000_000;

      assertTrue(e.getMessage().contains(": gave up after 800ms (database.lock-wait = 800ms)"), e.getMessage());
      assertTrue(millis >= 800 && millis < 10_000, "failed after " + millis + " ms");
      assertEquals(before, contents());

      CompletableFuture<Long> waiting =
          CompletableFuture.supplyAsync(
              () -> patiently.replaceWindow(SOURCE, JAN_1, JAN_1, List.of(pod(JAN_1, "patient", 4.0)).iterator()));
      assertThrows(TimeoutException.class, () -> waiting.get(500, TimeUnit.MILLISECONDS));
      assertEquals(1L, first.finish());
      assertEquals(1L, waiting.get(20, TimeUnit.SECONDS));
    }
    assertEquals(List.of(row(JAN_1, "patient", "4", SOURCE)), contents());
  }

  @Test
  void invalidArgumentsAreRejectedBeforeAnythingIsWritten() {
    Iterator<Row> none = List.<Row>of().iterator();
    assertTrue(
        assertThrows(SinkException.class, () -> writer.replaceWindow("not-a-uuid", JAN_1, JAN_1, none))
            .getMessage()
            .contains("'not-a-uuid' is not a UUID"));
    assertTrue(
        assertThrows(SinkException.class, () -> writer.replaceWindow(SOURCE, JAN_2, JAN_1, none))
            .getMessage()
            .contains("ends before it starts"));
  }

  @Test
  void anEmptyIteratorClearsTheWindow() {
    writer.replaceWindow(SOURCE, JAN_1, JAN_1, List.of(pod(JAN_1, "a", 1.0)).iterator());
    Iterator<Row> none =
        new Iterator<>() {
          @Override
          public boolean hasNext() {
            return false;
          }

          @Override
          public Row next() {
            throw new NoSuchElementException();
          }
        };
    assertEquals(0, writer.replaceWindow(SOURCE, JAN_1, JAN_1, none));
    assertEquals(List.of(), contents());
  }

  @Test
  void aStagingTableReplacesTheWindowAndIsDropped() {
    writer.replaceWindow(SOURCE, JAN_1, JAN_2, List.of(pod(JAN_1, "old", 1.0), pod(JAN_2, "old", 2.0)).iterator());
    StagingTable staging = StagingTable.create(database, UUID.randomUUID());
    staging.copyPartition(0, List.of(pod(JAN_1, "a", 3.0)).iterator());
    staging.copyPartition(1, List.of(pod(JAN_2, "b", 4.0)).iterator());

    assertEquals(2, swap(JAN_1, JAN_2, staging, 2));

    assertEquals(List.of(row(JAN_1, "a", "3", SOURCE), row(JAN_2, "b", "4", SOURCE)), contents());
    assertFalse(stagingTableExists(staging), "the swap drops its staging table");
  }

  @Test
  void aStagingTableHoldingAnotherNumberOfRowsFailsTheSwapAndChangesNothing() {
    writer.replaceWindow(SOURCE, JAN_1, JAN_1, List.of(pod(JAN_1, "old", 1.0)).iterator());
    List<Map<String, Object>> before = contents();
    StagingTable staging = StagingTable.create(database, UUID.randomUUID());
    staging.copyPartition(0, List.of(pod(JAN_1, "a", 3.0)).iterator());

    SinkException e =
        assertThrows(SinkException.class, () -> swap(JAN_1, JAN_1, staging, 2));

    assertEquals(
        "cannot replace the summary of source " + SOURCE + " for 2024-01-01..2024-01-01 from " + staging.name()
            + " (its previous rows are unchanged): the staging table holds 1 rows, the writers reported 2",
        e.getMessage());
    assertEquals(before, contents());
    assertTrue(stagingTableExists(staging), "a failed swap leaves its staging table to the caller");
    staging.dropQuietly();
  }

  @Test
  void aStagedRowOfAnotherSourceFailsTheSwapAndChangesNothing() {
    writer.replaceWindow(SOURCE, JAN_1, JAN_1, List.of(pod(JAN_1, "old", 1.0)).iterator());
    List<Map<String, Object>> before = contents();
    StagingTable staging = StagingTable.create(database, UUID.randomUUID());
    staging.copyPartition(0, List.of(pod(JAN_1, "a", 3.0), other(JAN_1, "b", 4.0)).iterator());

    SinkException e =
        assertThrows(SinkException.class, () -> swap(JAN_1, JAN_1, staging, 2));

    assertEquals(
        "cannot replace the summary of source " + SOURCE + " for 2024-01-01..2024-01-01 from " + staging.name()
            + " (its previous rows are unchanged): 1 staged rows belong to another source than " + SOURCE
            + " or lie outside 2024-01-01..2024-01-01",
        e.getMessage());
    assertEquals(before, contents());
    staging.dropQuietly();
  }

  @Test
  void aReplaceFilledFromTwoStagingTablesShowsTheOldRowsUntilItCommitsBoth() {
    writer.replaceWindow(SOURCE, JAN_1, JAN_2, List.of(pod(JAN_1, "old", 1.0), pod(JAN_2, "old", 2.0)).iterator());
    List<Map<String, Object>> before = contents();
    UUID run = UUID.randomUUID();
    StagingTable first = StagingTable.create(database, run);
    first.copyPartition(0, List.of(pod(JAN_1, "a", 3.0)).iterator());
    StagingTable second = StagingTable.create(database, run, 1);

    try (SummaryWriter.Replacement replacement = writer.beginReplace(SOURCE, JAN_1, JAN_2)) {
      assertEquals(1, replacement.insertFrom(first, 1));
      // the second part is staged while the transaction holds the first
      second.copyPartition(0, List.of(pod(JAN_2, "b", 4.0), pod(JAN_2, "c", 5.0)).iterator());
      assertEquals(before, contents(), "readers see the previous rows until the commit");
      assertEquals(2, replacement.insertFrom(second, 2));
      assertEquals(3, replacement.commit());
    }

    assertEquals(
        List.of(row(JAN_1, "a", "3", SOURCE), row(JAN_2, "b", "4", SOURCE), row(JAN_2, "c", "5", SOURCE)), contents());
    assertFalse(stagingTableExists(first), "the replace drops its staging tables");
    assertFalse(stagingTableExists(second), "the replace drops its staging tables");
  }

  @Test
  void aReplaceClosedBeforeItsCommitLeavesThePreviousRowsAndReleasesTheSource() {
    writer.replaceWindow(SOURCE, JAN_1, JAN_1, List.of(pod(JAN_1, "old", 1.0)).iterator());
    List<Map<String, Object>> before = contents();
    StagingTable staging = StagingTable.create(database, UUID.randomUUID());
    staging.copyPartition(0, List.of(pod(JAN_1, "a", 3.0)).iterator());

    try (SummaryWriter.Replacement replacement = writer.beginReplace(SOURCE, JAN_1, JAN_1)) {
      replacement.insertFrom(staging, 1);
    }

    assertEquals(before, contents());
    assertTrue(stagingTableExists(staging), "its DROP was rolled back with the rest");
    // the source's lock went with the transaction: a writer that may not wait writes at once
    new SummaryWriter(database, LockWait.failAtOnce()).replaceWindow(SOURCE, JAN_1, JAN_1, List.of(pod(JAN_1, "b", 2.0)).iterator());
    assertEquals(List.of(row(JAN_1, "b", "2", SOURCE)), contents());
    staging.dropQuietly();
  }

  @Test
  void stagingTablesOfARunThatIsOverAreDroppedWhateverTheirPart() {
    UUID over = UUID.randomUUID();
    StagingTable first = StagingTable.create(database, over);
    StagingTable second = StagingTable.create(database, over, 1);

    List<String> dropped = StagingTable.dropAbandoned(database);

    assertTrue(dropped.containsAll(List.of(first.name(), second.name())), dropped.toString());
    assertEquals(first.name() + "_1", second.name());
    assertFalse(stagingTableExists(first));
    assertFalse(stagingTableExists(second));
  }

  /** Replaces the window by the rows of one staging table, as CACHE does with each of its parts. */
  private static long swap(LocalDate start, LocalDate end, StagingTable staging, long expectedRows) {
    try (SummaryWriter.Replacement replacement = writer.beginReplace(SOURCE, start, end)) {
      replacement.insertFrom(staging, expectedRows);
      return replacement.commit();
    }
  }

  private static boolean stagingTableExists(StagingTable staging) {
    return (Long)
            PostgresFixture.value(
                settings, "SELECT count(*) FROM pg_tables WHERE schemaname = ? AND tablename = ?", settings.schema(),
                staging.name())
        > 0;
  }

  /**
   * A writer of {@link SummaryRowBuilder#SOURCE} stopped in the middle of its COPY, holding the
   * source's lock in its open transaction, until {@link #finish} lets it commit.
   */
  private static final class WriterInTheMiddleOfACopy implements AutoCloseable {
    private final CountDownLatch copying = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final CompletableFuture<Long> write;

    private WriterInTheMiddleOfACopy(SummaryWriter writer, Row row) {
      Iterator<Row> rows =
          new Iterator<>() {
            private boolean given;

            @Override
            public boolean hasNext() {
              if (given) {
                return false;
              }
              copying.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return true;
            }

            @Override
            public Row next() {
              given = true;
              return row;
            }
          };
      write = CompletableFuture.supplyAsync(() -> writer.replaceWindow(SOURCE, JAN_1, JAN_1, rows));
    }

    static WriterInTheMiddleOfACopy start(SummaryWriter writer, Row row) throws InterruptedException {
      WriterInTheMiddleOfACopy held = new WriterInTheMiddleOfACopy(writer, row);
      assertTrue(held.copying.await(20, TimeUnit.SECONDS), "the first writer did not start copying");
      return held;
    }

    long finish() throws Exception {
      release.countDown();
      return write.get(20, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
      release.countDown();
    }
  }

  private static Row pod(LocalDate day, String namespace, double cpu) {
    return SummaryRowBuilder.pod(day)
        .set(SummaryColumns.NAMESPACE, namespace)
        .set(SummaryColumns.POD_USAGE_CPU_CORE_HOURS, cpu)
        .build();
  }

  private static Row other(LocalDate day, String namespace, double cpu) {
    return SummaryRowBuilder.pod(day)
        .set(SummaryColumns.NAMESPACE, namespace)
        .set(SummaryColumns.POD_USAGE_CPU_CORE_HOURS, cpu)
        .set(SummaryColumns.SOURCE_UUID, OTHER_SOURCE)
        .build();
  }

  private static Map<String, Object> row(LocalDate day, String namespace, String cpu, String source) {
    return Map.of(
        "usage_start", day,
        "namespace", namespace,
        "cpu", new BigDecimal(cpu).setScale(15),
        "source_uuid", UUID.fromString(source));
  }

  /** The table's rows of both sources, reduced to the columns the tests vary. */
  private static List<Map<String, Object>> contents() {
    return PostgresFixture.rows(
        settings,
        "SELECT usage_start, namespace, pod_usage_cpu_core_hours AS cpu, source_uuid"
            + " FROM reporting_ocpusagelineitem_daily_summary ORDER BY usage_start, namespace, source_uuid");
  }
}
