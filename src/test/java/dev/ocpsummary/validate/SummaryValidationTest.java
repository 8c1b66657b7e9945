package dev.ocpsummary.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocpsummary.config.DatabaseSettings;
import dev.ocpsummary.datagen.ExpectedSummary;
import dev.ocpsummary.sink.SinkException;
import dev.ocpsummary.sink.SummaryDatabase;
import dev.ocpsummary.summary.SummaryColumns;
import dev.ocpsummary.testing.PostgresFixture;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The checks on a hand-made summary of one day (one pod row, one unallocated row, one storage row,
 * consistent by construction), then with one flaw at a time: each flaw fails exactly the checks it
 * should. No Spark: rows are inserted with SQL into a schema of each test's own.
 */
class SummaryValidationTest {

  private static final String SOURCE = "00000000-0000-0000-0000-0000000000aa";
  private static final LocalDate DAY = LocalDate.of(2025, 10, 1);
  private static final String TABLE = "reporting_ocpusagelineitem_daily_summary";
  private static final String COMMON = "report_period_id, cluster_id, source_uuid, usage_start, usage_end";
  private static final String COMMON_VALUES = "1, 'c1', '" + SOURCE + "', DATE '2025-10-01', DATE '2025-10-01'";

  private DatabaseSettings settings;
  private SummaryDatabase database;

  @BeforeEach
  void consistentDay() {
    settings = PostgresFixture.freshSchema(SummaryValidationTest.class);
    database = new SummaryDatabase(settings);
    database.migrate();
    // node n1: 1 core, 4 GiB for 24 h = 24 core-hours, 96 GiB-hours
    sql(
        "INSERT INTO " + TABLE + " (" + COMMON + ", data_source, namespace, node, pod_labels, pod_usage_cpu_core_hours, pod_request_cpu_core_hours,"
            + " pod_effective_usage_cpu_core_hours, pod_limit_cpu_core_hours, pod_usage_memory_gigabyte_hours, pod_request_memory_gigabyte_hours,"
            + " pod_effective_usage_memory_gigabyte_hours, pod_limit_memory_gigabyte_hours, node_capacity_cpu_cores, node_capacity_cpu_core_hours,"
            + " node_capacity_memory_gigabytes, node_capacity_memory_gigabyte_hours, cluster_capacity_cpu_core_hours, cluster_capacity_memory_gigabyte_hours)"
            + " VALUES (" + COMMON_VALUES + ", 'Pod', 'ns1', 'n1', '{\"app\": \"a\"}', 7.2, 12, 12, 24, 12, 24, 24, 48, 1, 24, 4, 96, 24, 96)");
    sql(
        "INSERT INTO " + TABLE + " (" + COMMON + ", data_source, namespace, node, pod_usage_cpu_core_hours, pod_request_cpu_core_hours,"
            + " pod_effective_usage_cpu_core_hours, pod_usage_memory_gigabyte_hours, pod_request_memory_gigabyte_hours,"
            + " pod_effective_usage_memory_gigabyte_hours, node_capacity_cpu_cores, node_capacity_cpu_core_hours,"
            + " node_capacity_memory_gigabytes, node_capacity_memory_gigabyte_hours, cluster_capacity_cpu_core_hours, cluster_capacity_memory_gigabyte_hours)"
            + " VALUES (" + COMMON_VALUES + ", 'Pod', 'Worker unallocated', 'n1', 16.8, 12, 12, 84, 72, 72, 1, 24, 4, 96, 24, 96)");
    sql(
        "INSERT INTO " + TABLE + " (" + COMMON + ", data_source, namespace, node, persistentvolumeclaim, persistentvolume, storageclass, volume_labels,"
            + " persistentvolumeclaim_capacity_gigabyte, persistentvolumeclaim_capacity_gigabyte_months, volume_request_storage_gigabyte_months,"
            + " persistentvolumeclaim_usage_gigabyte_months) VALUES (" + COMMON_VALUES
            + ", 'Storage', 'ns1', 'n1', 'pvc1', 'pv1', 'gp3', '{}', 10, 10.0/31, 20.0/31, 4.0/31)");
  }

  @Test
  void aConsistentSummaryPassesEveryCheck() {
    ValidationReport report = validate(expected());

    assertTrue(report.passed(), report.render());
    assertEquals(List.of(), report.skipped());
    assertEquals(39, report.checks().size(), report.render());
    assertEquals("all 39 checks passed", report.summaryLine());
  }

  @Test
  void anUndeterminedTotalIsSkippedNotPassed() {
    Map<String, Double> pod = new HashMap<>(expected().podTotals());
    pod.put("pod_usage_cpu_core_hours", Double.NaN);

    ValidationReport report = validate(with(expected(), pod, null, null));

    assertTrue(report.passed(), report.render());
    assertEquals(List.of(new Check("pod total pod_usage_cpu_core_hours", "undetermined", "7.2", Check.Status.SKIPPED)), report.skipped());
    assertTrue(report.render().contains("39 checks: 38 passed, 0 failed, 1 skipped"), report.render());
  }

  @Test
  void aTotalOffByMoreThanTheToleranceFails() {
    sql("UPDATE " + TABLE + " SET pod_limit_cpu_core_hours = 24.00001 WHERE pod_labels IS NOT NULL");

    ValidationReport report = validate(expected());

    assertEquals(Set.of("pod total pod_limit_cpu_core_hours"), failedNames(report));
    assertEquals("1 of 39 checks failed: pod total pod_limit_cpu_core_hours: expected 24, actual 24.00001", report.summaryLine());
  }

  @Test
  void aTotalWithinTheTolerancePasses() {
    sql("UPDATE " + TABLE + " SET pod_limit_cpu_core_hours = 24.0000001 WHERE pod_labels IS NOT NULL");

    assertTrue(validate(expected()).passed());
  }

  @Test
  void effectiveUsageBelowTheRequestFailsOnlyTheBoundsCheck() {
    // effective 5 < request 12; the unallocated row and the expected totals follow, so that only the bound is broken
    sql("UPDATE " + TABLE + " SET pod_effective_usage_cpu_core_hours = 5 WHERE pod_labels IS NOT NULL");
    sql("UPDATE " + TABLE + " SET pod_effective_usage_cpu_core_hours = 19 WHERE namespace = 'Worker unallocated'");
    Map<String, Double> pod = new HashMap<>(expected().podTotals());
    pod.put("pod_effective_usage_cpu_core_hours", 5.0);
    Map<String, Double> unallocated = new HashMap<>(expected().unallocatedTotals());
    unallocated.put("pod_effective_usage_cpu_core_hours", 19.0);

    ValidationReport report = validate(with(expected(), pod, unallocated, null));

    assertEquals(Set.of("pod effective cpu in [max(usage, request), usage + request]"), failedNames(report));
    assertEquals("1 (first: 2025-10-01 ns1 n1: usage 7.2, request 12, effective 5)", report.failures().get(0).actual());
  }

  @Test
  void anUnallocatedRowThatIsNotTheRestOfTheCapacityFailsTheIdentity() {
    sql("UPDATE " + TABLE + " SET pod_request_memory_gigabyte_hours = 70 WHERE namespace = 'Worker unallocated'");
    Map<String, Double> unallocated = new HashMap<>(expected().unallocatedTotals());
    unallocated.put("pod_request_memory_gigabyte_hours", 70.0);

    ValidationReport report = validate(with(expected(), null, unallocated, null));

    assertEquals(Set.of("unallocated = node capacity - pod rows"), failedNames(report));
    assertEquals(
        "1 (first: 2025-10-01 n1 pod_request_memory_gigabyte_hours: capacity 96 - pods 24 = 72, unallocated 70)",
        report.failures().get(0).actual());
  }

  @Test
  void aDuplicatedUnallocatedRowFailsItsCountsTotalsAndKey() {
    String columns = SummaryColumns.nameList();
    sql("INSERT INTO " + TABLE + " (" + columns + ") SELECT " + columns + " FROM " + TABLE + " WHERE namespace = 'Worker unallocated'");

    ValidationReport report = validate(expected());

    Set<String> expectedFailures =
        new java.util.HashSet<>(
            Set.of(
                "rows data_source=Pod",
                "rows total",
                "rows kind=unallocated",
                "rows unallocated namespace=Worker unallocated",
                "unique keys unallocated"));
    ExpectedSummary.UNALLOCATED_TOTALS.forEach(m -> expectedFailures.add("unallocated total " + m));
    assertEquals(expectedFailures, failedNames(report));
    assertEquals(
        "1 (first: 2025-10-01, n1: 2 rows)",
        report.checks().stream().filter(c -> c.name().equals("unique keys unallocated")).findFirst().orElseThrow().actual());
  }

  @Test
  void aRowOfTheSourceOutsideTheWindowFails() {
    sql("INSERT INTO " + TABLE + " (" + COMMON + ", data_source, namespace, node, pod_labels) VALUES (1, 'c1', '" + SOURCE
        + "', DATE '2025-10-02', DATE '2025-10-02', 'Pod', 'ns1', 'n1', '{}')");

    ValidationReport report = validate(expected());

    assertEquals(Set.of("no rows of the source outside the window"), failedNames(report));
    assertEquals("1 (first: usage_start 2025-10-02, usage_end 2025-10-02, ns1 n1)", report.failures().get(0).actual());
  }

  @Test
  void aRowOfMoreThanOneDayOrWithoutSourceFails() {
    sql("UPDATE " + TABLE + " SET usage_end = DATE '2025-10-02' WHERE data_source = 'Storage'");
    sql("INSERT INTO " + TABLE + " (" + COMMON + ", data_source, namespace) VALUES (1, 'c1', NULL, DATE '2025-10-01', DATE '2025-10-01', 'Pod', 'x')");

    ValidationReport report = validate(expected());

    assertEquals(Set.of("usage_end = usage_start", "every row of the window has a source_uuid"), failedNames(report));
  }

  @Test
  void aLostMeasureFailsTheNullCheckAndItsTotal() {
    sql("UPDATE " + TABLE + " SET persistentvolumeclaim_usage_gigabyte_months = NULL WHERE data_source = 'Storage'");

    ValidationReport report = validate(expected());

    assertEquals(Set.of("storage total persistentvolumeclaim_usage_gigabyte_months", "no NULL measures in storage rows"), failedNames(report));
    assertEquals("NULL", report.failures().get(0).actual());
    assertEquals("1 (first: 2025-10-01 ns1 n1: persistentvolumeclaim_usage_gigabyte_months NULL)", report.failures().get(1).actual());
  }

  @Test
  void aNullWhereTheExpectationIsUndeterminedIsNotALostValue() {
    sql("UPDATE " + TABLE + " SET persistentvolumeclaim_usage_gigabyte_months = NULL WHERE data_source = 'Storage'");
    Map<String, Double> storage = new HashMap<>(expected().storageTotals());
    storage.put("persistentvolumeclaim_usage_gigabyte_months", Double.NaN);

    ValidationReport report = validate(with(expected(), null, null, storage));

    assertTrue(report.passed(), report.render());
    assertEquals(1, report.skipped().size());
  }

  @Test
  void theTableShowsEveryCheckWithItsStatus() {
    sql("UPDATE " + TABLE + " SET pod_usage_cpu_core_hours = 7.7 WHERE pod_labels IS NOT NULL");

    String table = validate(expected()).render();

    List<String> lines = table.lines().toList();
    assertEquals("validate source " + SOURCE + ", 2025-10-01 .. 2025-10-01", lines.get(0));
    assertTrue(lines.get(1).matches("check +expected +actual +status"), lines.get(1));
    assertTrue(lines.stream().anyMatch(l -> l.matches("pod total pod_usage_cpu_core_hours +7\\.2 +7\\.7 +FAIL")), table);
    assertEquals("39 checks: 37 passed, 2 failed, 0 skipped", lines.get(lines.size() - 1));
    assertEquals(39 + 3, lines.size());
  }

  @Test
  void aMissingTableIsAnErrorNamingTheSchema() {
    sql("DROP TABLE " + TABLE + " CASCADE");

    SinkException e = assertThrows(SinkException.class, () -> validate(expected()));

    assertTrue(e.getMessage().startsWith("cannot read the summary of source " + SOURCE + " in schema " + settings.schema()), e.getMessage());
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
  }

  @Test
  void aSourceThatIsNotAUuidIsRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SummaryValidation.run(database, expected(), "nope", DAY, DAY));
    assertEquals("source 'nope' is not a UUID", e.getMessage());
  }

  private ValidationReport validate(ExpectedSummary expected) {
    return SummaryValidation.run(database, expected, SOURCE, DAY, DAY);
  }

  private static Set<String> failedNames(ValidationReport report) {
    return report.failures().stream().map(Check::name).collect(Collectors.toSet());
  }

  private void sql(String statement) {
    PostgresFixture.execute(settings, statement);
  }

  /** What the consistent day of {@link #consistentDay()} must give. */
  private static ExpectedSummary expected() {
    Map<String, Double> pod = new LinkedHashMap<>();
    double[] podValues = {7.2, 12, 12, 24, 12, 24, 24, 48};
    for (int i = 0; i < podValues.length; i++) {
      pod.put(ExpectedSummary.POD_TOTALS.get(i), podValues[i]);
    }
    Map<String, Double> unallocated = new LinkedHashMap<>();
    double[] unallocatedValues = {16.8, 12, 12, 84, 72, 72};
    for (int i = 0; i < unallocatedValues.length; i++) {
      unallocated.put(ExpectedSummary.UNALLOCATED_TOTALS.get(i), unallocatedValues[i]);
    }
    Map<String, Double> storage = new LinkedHashMap<>();
    double[] storageValues = {10, 10.0 / 31, 20.0 / 31, 4.0 / 31};
    for (int i = 0; i < storageValues.length; i++) {
      storage.put(ExpectedSummary.STORAGE_TOTALS.get(i), storageValues[i]);
    }
    return new ExpectedSummary(
        1,
        1,
        1,
        pod,
        unallocated,
        Map.of("Worker unallocated", 1L),
        storage,
        Map.of(DAY, Map.of("cluster_capacity_cpu_core_hours", 24.0, "cluster_capacity_memory_gigabyte_hours", 96.0)),
        List.of("ns1"),
        List.of("ns1"));
  }

  private static ExpectedSummary with(
      ExpectedSummary base, Map<String, Double> pod, Map<String, Double> unallocated, Map<String, Double> storage) {
    return new ExpectedSummary(
        base.podRows(),
        base.storageRows(),
        base.unallocatedRows(),
        pod == null ? base.podTotals() : pod,
        unallocated == null ? base.unallocatedTotals() : unallocated,
        base.unallocatedRowsByNamespace(),
        storage == null ? base.storageTotals() : storage,
        base.clusterCapacityPerDay(),
        base.podNamespaces(),
        base.storageNamespaces());
  }
}
