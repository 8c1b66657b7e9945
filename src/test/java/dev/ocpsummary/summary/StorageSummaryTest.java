package dev.ocpsummary.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ocpsummary.config.CostCategoryPattern;
import dev.ocpsummary.datagen.InputRows;
import dev.ocpsummary.datagen.PodUsageRow;
import dev.ocpsummary.testing.StorageRows;
import dev.ocpsummary.testing.SummaryInputsBuilder;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** Storage rows; every expected value is worked out in the comment beside it (October: 31 days). */
class StorageSummaryTest {

  private static final double EPS = 1e-9;
  private static final LocalDate OCT_1 = LocalDate.of(2025, 10, 1);
  private static final LabelRules ALL_KEYS = LabelRules.keeping(Optional.empty());

  @Test
  void aVolumeSharedByPodsOnTwoNodesGivesTwoRowsWithHalfRequestAndUsageAndFullCapacity() {
    SummaryInputsBuilder inputs = new SummaryInputsBuilder();
    for (int h = 0; h < 24; h++) {
      LocalDateTime hour = OCT_1.atTime(h, 0);
      inputs.pods(List.of(pod(hour, "db", "p1", "n1"), pod(hour, "db", "p2", "n2")));
      inputs.storage(
          List.of(
              StorageRows.at(hour).claim("db", "p1", "data", "pv-shared").gib(100, 100, 30).build(),
              StorageRows.at(hour).claim("db", "p2", "data", "pv-shared").gib(100, 100, 30).build()));
    }

    List<Row> rows = storageRows(inputs, ALL_KEYS);

    assertEquals(2, rows.size());
    for (int i = 0; i < 2; i++) {
      Row row = rows.get(i);
      assertEquals("n" + (i + 1), row.getAs(SummaryColumns.NODE));
      assertEquals("i-n" + (i + 1), row.getAs(SummaryColumns.RESOURCE_ID));
      assertEquals("data", row.getAs(SummaryColumns.PERSISTENTVOLUMECLAIM));
      assertEquals("pv-shared", row.getAs(SummaryColumns.PERSISTENTVOLUME));
      assertEquals("gp3-csi", row.getAs(SummaryColumns.STORAGECLASS));
      // capacity 100 GiB, a full day: 100/31 GiB-months, not divided
      assertEquals(100.0, num(row, SummaryColumns.PVC_CAPACITY_GIGABYTE), EPS);
      assertEquals(100.0 / 31, num(row, SummaryColumns.PVC_CAPACITY_GIGABYTE_MONTHS), EPS);
      // request 100 GiB and usage 30 GiB over node_count 2: 50/31 and 15/31
      assertEquals(50.0 / 31, num(row, SummaryColumns.VOLUME_REQUEST_STORAGE_GIGABYTE_MONTHS), EPS);
      assertEquals(15.0 / 31, num(row, SummaryColumns.PVC_USAGE_GIGABYTE_MONTHS), EPS);
      assertEquals("Storage", row.getAs(SummaryColumns.DATA_SOURCE));
      assertNull(row.getAs(SummaryColumns.POD_LABELS));
      assertNull(row.getAs(SummaryColumns.POD_USAGE_CPU_CORE_HOURS));
      assertNull(row.getAs(SummaryColumns.NODE_CAPACITY_CPU_CORE_HOURS));
      assertEquals("{}", row.getAs(SummaryColumns.VOLUME_LABELS));
      assertEquals(SummaryColumns.ZERO_INFRASTRUCTURE_COST, row.getAs(SummaryColumns.INFRASTRUCTURE_USAGE_COST));
    }
  }

  @Test
  void storageWhosePodHadNoUsageKeepsNullNodeAndIsDividedByOne() {
    SummaryInputsBuilder inputs = new SummaryInputsBuilder();
    for (int h = 0; h < 24; h++) {
      LocalDateTime hour = OCT_1.atTime(h, 0);
      inputs.pods(List.of(pod(hour, "db", "other-pod", "n1")));
      inputs.storage(List.of(StorageRows.at(hour).claim("db", "ghost", "data", "pv-1").gib(100, 100, 30).build()));
    }

    Row row = single(storageRows(inputs, ALL_KEYS));

    assertNull(row.getAs(SummaryColumns.NODE));
    assertNull(row.getAs(SummaryColumns.RESOURCE_ID));
    assertEquals("db", row.getAs(SummaryColumns.NAMESPACE));
    // no node_count: divided by coalesce(NULL, 1) = 1
    assertEquals(100.0 / 31, num(row, SummaryColumns.VOLUME_REQUEST_STORAGE_GIGABYTE_MONTHS), EPS);
    assertEquals(30.0 / 31, num(row, SummaryColumns.PVC_USAGE_GIGABYTE_MONTHS), EPS);
    assertEquals(100.0 / 31, num(row, SummaryColumns.PVC_CAPACITY_GIGABYTE_MONTHS), EPS);
  }

  @Test
  void aClaimlessVolumeHasCapacityButNoClaimNamespaceRequestOrUsage() {
    SummaryInputsBuilder inputs = new SummaryInputsBuilder();
    for (int h = 0; h < 24; h++) {
      LocalDateTime hour = OCT_1.atTime(h, 0);
      inputs.pods(List.of(pod(hour, "db", "p1", "n1")));
      // nise/Koku: empty namespace, pod and claim; request and usage cells empty -> 0.0
      inputs.storage(List.of(StorageRows.at(hour).claim("", "", "", "pv-free").gib(30, 0, 0).build()));
    }

    Row row = single(storageRows(inputs, ALL_KEYS));

    assertEquals("pv-free", row.getAs(SummaryColumns.PERSISTENTVOLUME));
    assertNull(row.getAs(SummaryColumns.PERSISTENTVOLUMECLAIM));
    assertNull(row.getAs(SummaryColumns.NAMESPACE));
    assertNull(row.getAs(SummaryColumns.NODE));
    assertEquals(30.0, num(row, SummaryColumns.PVC_CAPACITY_GIGABYTE), EPS);
    assertEquals(30.0 / 31, num(row, SummaryColumns.PVC_CAPACITY_GIGABYTE_MONTHS), EPS);
    assertEquals(0.0, num(row, SummaryColumns.VOLUME_REQUEST_STORAGE_GIGABYTE_MONTHS), EPS);
    assertEquals(0.0, num(row, SummaryColumns.PVC_USAGE_GIGABYTE_MONTHS), EPS);
  }

  @Test
  void volumeLabelsMergePvcOverPvOverNamespaceOverNodeAndKeepOnlyEnabledKeys() {
    LocalDateTime hour = OCT_1.atTime(3, 0);
    SummaryInputsBuilder inputs =
        new SummaryInputsBuilder()
            .pods(List.of(pod(hour, "db", "p1", "n1")))
            .storage(
                List.of(
                    StorageRows.at(hour)
                        .claim("db", "p1", "data", "pv-1")
                        .gib(10, 10, 5)
                        .labels("{\"app\": \"pv\", \"tier\": \"pv\"}", "{\"app\": \"pvc\"}")
                        .build()))
            .nodeLabels(List.of(InputRows.nodeLabels(hour, "n1", "{\"tier\": \"node\", \"disk\": \"ssd\", \"zone\": \"a\"}")))
            .namespaceLabels(
                List.of(InputRows.namespaceLabels(hour, "db", "{\"tier\": \"ns\", \"team\": \"dba\", \"app\": \"ns\"}")));

    Row row = single(storageRows(inputs, LabelRules.keeping(Optional.of(List.of("app", "tier", "team", "zone")))));

    // app: PVC wins over PV and namespace; tier: PV wins over namespace and node; team from the namespace;
    // zone from the node; disk not enabled
    assertEquals("{\"app\":\"pvc\",\"team\":\"dba\",\"tier\":\"pv\",\"zone\":\"a\"}", row.getAs(SummaryColumns.VOLUME_LABELS));
    assertEquals(row.<String>getAs(SummaryColumns.VOLUME_LABELS), row.getAs(SummaryColumns.ALL_LABELS));
    assertNull(row.getAs(SummaryColumns.POD_LABELS));
  }

  @Test
  void aDisabledKeyDisappearsFromVolumeLabelsAndNoLongerSplitsRows() {
    SummaryInputsBuilder inputs = new SummaryInputsBuilder();
    for (int h = 0; h < 24; h++) {
      LocalDateTime hour = OCT_1.atTime(h, 0);
      inputs.pods(List.of(pod(hour, "db", "p1", "n1")));
      String pvcLabels = h < 12 ? "{\"app\": \"x\", \"rev\": \"1\"}" : "{\"app\": \"x\", \"rev\": \"2\"}";
      inputs.storage(List.of(StorageRows.at(hour).claim("db", "p1", "data", "pv-1").gib(31, 31, 31).labels("{}", pvcLabels).build()));
    }

    List<Row> split = storageRows(inputs, ALL_KEYS);
    Row merged = single(storageRows(inputs, LabelRules.keeping(Optional.of(List.of("app")))));

    assertEquals(2, split.size());
    // half a day each at 31 GiB: 0.5 GiB-months
    assertEquals(0.5, num(split.get(0), SummaryColumns.PVC_USAGE_GIGABYTE_MONTHS), EPS);
    assertEquals(0.5, num(split.get(1), SummaryColumns.PVC_USAGE_GIGABYTE_MONTHS), EPS);
    assertEquals("{\"app\":\"x\"}", merged.getAs(SummaryColumns.VOLUME_LABELS));
    assertEquals("{\"app\":\"x\"}", merged.getAs(SummaryColumns.ALL_LABELS));
    assertEquals(1.0, num(merged, SummaryColumns.PVC_USAGE_GIGABYTE_MONTHS), EPS);
  }

  @Test
  void gibMonthsUseTheDaysOfTheRowsMonth() {
    // one hour of 100 GiB: 100 x 3600 / (86400 x D) = 100 / (24 D) GiB-months
    LocalDate[] days = {LocalDate.of(2024, 2, 10), LocalDate.of(2025, 2, 10), LocalDate.of(2025, 10, 10)};
    int[] daysInMonth = {29, 28, 31};
    SummaryInputsBuilder inputs = new SummaryInputsBuilder();
    for (LocalDate day : days) {
      LocalDateTime hour = day.atTime(12, 0);
      inputs.pods(List.of(pod(hour, "db", "p1", "n1")));
      inputs.storage(List.of(StorageRows.at(hour).claim("db", "p1", "data", "pv-1").gib(100, 100, 100).build()));
    }

    List<Row> rows = storageRows(inputs, ALL_KEYS);

    assertEquals(3, rows.size());
    for (int i = 0; i < 3; i++) {
      double expected = 100.0 / (24 * daysInMonth[i]);
      assertEquals(java.sql.Date.valueOf(days[i]), rows.get(i).getAs(SummaryColumns.USAGE_START));
      assertEquals(expected, num(rows.get(i), SummaryColumns.PVC_CAPACITY_GIGABYTE_MONTHS), EPS, days[i].toString());
      assertEquals(expected, num(rows.get(i), SummaryColumns.VOLUME_REQUEST_STORAGE_GIGABYTE_MONTHS), EPS);
      assertEquals(expected, num(rows.get(i), SummaryColumns.PVC_USAGE_GIGABYTE_MONTHS), EPS);
    }
  }

  @Test
  void storageRowsGetTheirNamespacesCostCategory() {
    LocalDateTime hour = OCT_1.atTime(0, 0);
    SummaryInputsBuilder inputs =
        new SummaryInputsBuilder()
            .pods(List.of(pod(hour, "openshift-storage", "p1", "n1")))
            .storage(List.of(StorageRows.at(hour).claim("openshift-storage", "p1", "data", "pv-1").gib(1, 1, 1).build()))
            .costCategories(List.of(new CostCategoryPattern("openshift-%", 1), new CostCategoryPattern("openshift-stor_ge", 4)));

    assertEquals(4, (int) single(storageRows(inputs, ALL_KEYS)).<Integer>getAs(SummaryColumns.COST_CATEGORY_ID));
  }

  private static Row pod(LocalDateTime hour, String namespace, String pod, String node) {
    return PodUsageRow.at(hour)
        .pod(namespace, pod)
        .node(node, "i-" + node)
        .cpu(0.25, 0.5, 1, 3600)
        .memoryGib(0.5, 1, 2, 3600)
        .nodeCapacity(8, 32)
        .build();
  }

  private static List<Row> storageRows(SummaryInputsBuilder inputs, LabelRules labels) {
    List<Row> rows =
        new ArrayList<>(StorageSummary.summarize(inputs.build(), labels, RunIdentity.ofSource("00000000-0000-0000-0000-000000000001")).collectAsList());
    rows.sort(
        Comparator.comparing((Row r) -> r.<java.sql.Date>getAs(SummaryColumns.USAGE_START))
            .thenComparing(r -> String.valueOf(r.<String>getAs(SummaryColumns.NODE)))
            .thenComparing(r -> r.<String>getAs(SummaryColumns.VOLUME_LABELS)));
    return rows;
  }

  private static Row single(List<Row> rows) {
    assertEquals(1, rows.size(), rows.toString());
    return rows.get(0);
  }

  private static double num(Row row, String column) {
    return row.<Double>getAs(column);
  }
}
