package dev.ocpsummary.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ocpsummary.config.CostCategoryPattern;
import dev.ocpsummary.datagen.InputRows;
import dev.ocpsummary.datagen.PodUsageRow;
import dev.ocpsummary.source.InputColumns;
import dev.ocpsummary.source.ReportType;
import dev.ocpsummary.testing.Scenario01;
import dev.ocpsummary.testing.SparkFixture;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** Pod rows of the daily summary, computed from in-memory hourly rows; expected values worked out beside each test. */
class PodSummaryTest {

  private static final double EPS = 1e-9;
  private static final LocalDate DAY = LocalDate.of(2025, 10, 1);
  private static final String SOURCE = "00000000-0000-0000-0000-000000000001";
  /** One GiB for one hour, in byte-seconds. */
  private static final double GIB_SECONDS = Math.scalb(1.0, 30) * 3600;

  private final SparkSession spark = SparkFixture.spark();

  @Test
  void scenario01GivesKokusPublishedValues() {
    List<Row> rows = summarize(Scenario01.podRows(), List.of(), List.of(), LabelRules.keeping(Optional.empty()), List.of());

    assertEquals(1, rows.size());
    Row row = rows.get(0);
    // 24 rows x 0.3 cores x 86400 s / 3600 = 172.8; request 0.5 -> 288; effective max(0.3, 0.5) -> 288; limit 1 -> 576
    assertEquals(172.8, num(row, SummaryColumns.POD_USAGE_CPU_CORE_HOURS), EPS);
    assertEquals(288.0, num(row, SummaryColumns.POD_REQUEST_CPU_CORE_HOURS), EPS);
    assertEquals(288.0, num(row, SummaryColumns.POD_EFFECTIVE_USAGE_CPU_CORE_HOURS), EPS);
    assertEquals(576.0, num(row, SummaryColumns.POD_LIMIT_CPU_CORE_HOURS), EPS);
    // memory: 0.8 / 1 / 1 / 2 GiB x 86400 s x 24 / 3600
    assertEquals(460.8, num(row, SummaryColumns.POD_USAGE_MEMORY_GIGABYTE_HOURS), EPS);
    assertEquals(576.0, num(row, SummaryColumns.POD_REQUEST_MEMORY_GIGABYTE_HOURS), EPS);
    assertEquals(576.0, num(row, SummaryColumns.POD_EFFECTIVE_USAGE_MEMORY_GIGABYTE_HOURS), EPS);
    assertEquals(1152.0, num(row, SummaryColumns.POD_LIMIT_MEMORY_GIGABYTE_HOURS), EPS);
    // node: 4 cores, 24 h x 4 = 96 core-hours; 16 GiB, 24 x 16 = 384 GiB-hours; one node = the cluster
    assertEquals(4.0, num(row, SummaryColumns.NODE_CAPACITY_CPU_CORES), EPS);
    assertEquals(96.0, num(row, SummaryColumns.NODE_CAPACITY_CPU_CORE_HOURS), EPS);
    assertEquals(16.0, num(row, SummaryColumns.NODE_CAPACITY_MEMORY_GIGABYTES), EPS);
    assertEquals(384.0, num(row, SummaryColumns.NODE_CAPACITY_MEMORY_GIGABYTE_HOURS), EPS);
    assertEquals(96.0, num(row, SummaryColumns.CLUSTER_CAPACITY_CPU_CORE_HOURS), EPS);
    assertEquals(384.0, num(row, SummaryColumns.CLUSTER_CAPACITY_MEMORY_GIGABYTE_HOURS), EPS);

    assertEquals("Pod", row.getAs(SummaryColumns.DATA_SOURCE));
    assertEquals(java.sql.Date.valueOf(DAY), row.getAs(SummaryColumns.USAGE_START));
    assertEquals(java.sql.Date.valueOf(DAY), row.getAs(SummaryColumns.USAGE_END));
    assertEquals(Scenario01.NAMESPACE, row.getAs(SummaryColumns.NAMESPACE));
    assertEquals(Scenario01.NODE, row.getAs(SummaryColumns.NODE));
    assertEquals("i-i-worker001", row.getAs(SummaryColumns.RESOURCE_ID));
    assertEquals("{}", row.getAs(SummaryColumns.POD_LABELS));
    assertEquals("{}", row.getAs(SummaryColumns.ALL_LABELS));
    assertNull(row.getAs(SummaryColumns.VOLUME_LABELS));
    assertNull(row.getAs(SummaryColumns.PERSISTENTVOLUMECLAIM));
    assertNull(row.getAs(SummaryColumns.COST_CATEGORY_ID));
    assertEquals(SOURCE, row.getAs(SummaryColumns.SOURCE_UUID));
    assertEquals(SummaryColumns.ZERO_INFRASTRUCTURE_COST, row.getAs(SummaryColumns.INFRASTRUCTURE_USAGE_COST));
  }

  @Test
  void labelsMergePodOverNamespaceOverNodeAndKeepOnlyEnabledKeys() {
    LocalDateTime hour = DAY.atTime(5, 0);
    List<Row> pods =
        List.of(
            pod(hour, "ns", "n1")
                .labels("{\"app\": \"from-pod\", \"secret_key\": \"x\", \"vm_kubevirt_io_name\": \"vm-7\"}")
                .build());
    List<Row> nodeLabels =
        List.of(InputRows.nodeLabels(hour, "n1", "{\"app\": \"from-node\", \"tier\": \"from-node\", \"zone\": \"a\", \"disk\": \"ssd\"}"));
    List<Row> namespaceLabels =
        List.of(InputRows.namespaceLabels(hour, "ns", "{\"tier\": \"from-namespace\", \"team\": \"t1\"}"));
    LabelRules enabled = LabelRules.keeping(Optional.of(List.of("app", "tier", "team", "zone")));

    List<Row> rows = summarize(pods, nodeLabels, namespaceLabels, enabled, List.of());

    assertEquals(1, rows.size());
    // app: pod beats node; tier: namespace beats node; zone only on the node; disk and secret_key are not
    // enabled; vm_kubevirt_io_name is always kept. Keys sorted.
    assertEquals(
        "{\"app\":\"from-pod\",\"team\":\"t1\",\"tier\":\"from-namespace\",\"vm_kubevirt_io_name\":\"vm-7\",\"zone\":\"a\"}",
        rows.get(0).getAs(SummaryColumns.POD_LABELS));
    assertEquals(rows.get(0).<String>getAs(SummaryColumns.POD_LABELS), rows.get(0).getAs(SummaryColumns.ALL_LABELS));
  }

  @Test
  void allKeysAreKeptByDefaultAndMalformedLabelsReadAsEmpty() {
    LocalDateTime hour = DAY.atTime(0, 0);
    List<Row> pods =
        List.of(
            pod(hour, "ns", "n1").labels("{\"b\": \"2\", \"a\": \"1\"}").set("pod", "p1").build(),
            pod(hour, "ns", "n2").labels("not json").set("pod", "p2").build());
    List<Row> rows = summarize(pods, List.of(), List.of(), LabelRules.keeping(Optional.empty()), List.of());

    assertEquals(2, rows.size());
    assertEquals("{\"a\":\"1\",\"b\":\"2\"}", rows.get(0).getAs(SummaryColumns.POD_LABELS));
    assertEquals("{}", rows.get(1).getAs(SummaryColumns.POD_LABELS));
  }

  @Test
  void aLabelKeyGivenTwiceKeepsItsLastValueInsteadOfFailingTheRun() {
    LocalDateTime hour = DAY.atTime(0, 0);
    List<Row> pods = List.of(pod(hour, "ns", "n1").labels("{\"app\": \"old\", \"app\": \"web\"}").set("pod", "p1").build());
    List<Row> nodeLabels = List.of(InputRows.nodeLabels(hour, "n1", "{\"zone\": \"a\", \"zone\": \"b\"}"));

    List<Row> rows = summarize(pods, nodeLabels, List.of(), LabelRules.keeping(Optional.empty()), List.of());

    assertEquals(1, rows.size());
    assertEquals("{\"app\":\"web\",\"zone\":\"b\"}", rows.get(0).getAs(SummaryColumns.POD_LABELS));
  }

  @Test
  void disabledKeysNoLongerSplitRows() {
    LocalDateTime hour = DAY.atTime(0, 0);
    List<Row> pods =
        List.of(
            pod(hour, "ns", "n1").labels("{\"app\": \"web\", \"pod_hash\": \"1\"}").set("pod", "p1").build(),
            pod(hour, "ns", "n1").labels("{\"app\": \"web\", \"pod_hash\": \"2\"}").set("pod", "p2").build());

    List<Row> allKeys = summarize(pods, List.of(), List.of(), LabelRules.keeping(Optional.empty()), List.of());
    List<Row> appOnly = summarize(pods, List.of(), List.of(), LabelRules.keeping(Optional.of(List.of("app"))), List.of());

    assertEquals(2, allKeys.size());
    assertEquals(1, appOnly.size());
    // two pods x 1 hour x 0.25 cores
    assertEquals(0.5, num(appOnly.get(0), SummaryColumns.POD_USAGE_CPU_CORE_HOURS), EPS);
  }

  @Test
  void effectiveUsageIsSummedPerHourNotTakenFromDailySums() {
    // hours 0-11: usage 2 cores over a request of 1; hours 12-23: usage 0.5 under a request of 1.
    // usage 12 x 2 + 12 x 0.5 = 30; request 24; effective 12 x 2 + 12 x 1 = 36 (max of daily sums: 30).
    // memory the same shape in GiB: usage 4 / 1 against a request of 2 -> usage 60, request 48, effective 72.
    for (boolean precomputed : new boolean[] {true, false}) {
      List<Row> pods = new ArrayList<>();
      for (int h = 0; h < 24; h++) {
        double cpu = h < 12 ? 2.0 : 0.5;
        double memory = h < 12 ? 4.0 : 1.0;
        PodUsageRow row =
            PodUsageRow.at(DAY.atTime(h, 0))
                .pod("ns", "p")
                .node("n1", "i-1")
                .cpu(cpu, 1.0, 4.0, 3600)
                .memoryGib(memory, 2.0, 8.0, 3600)
                .nodeCapacity(8, 32);
        pods.add((precomputed ? row : row.withoutPrecomputedEffectiveUsage()).build());
      }
      Row row = summarize(pods, List.of(), List.of(), LabelRules.keeping(Optional.empty()), List.of()).get(0);
      assertEquals(30.0, num(row, SummaryColumns.POD_USAGE_CPU_CORE_HOURS), EPS);
      assertEquals(24.0, num(row, SummaryColumns.POD_REQUEST_CPU_CORE_HOURS), EPS);
      assertEquals(36.0, num(row, SummaryColumns.POD_EFFECTIVE_USAGE_CPU_CORE_HOURS), EPS, "precomputed=" + precomputed);
      assertEquals(60.0, num(row, SummaryColumns.POD_USAGE_MEMORY_GIGABYTE_HOURS), EPS);
      assertEquals(48.0, num(row, SummaryColumns.POD_REQUEST_MEMORY_GIGABYTE_HOURS), EPS);
      assertEquals(72.0, num(row, SummaryColumns.POD_EFFECTIVE_USAGE_MEMORY_GIGABYTE_HOURS), EPS, "precomputed=" + precomputed);
    }
  }

  @Test
  void capacityCountsEachNodeOncePerHourAndIncludesRowsWithoutANode() {
    // Node n1 (4 cores, 16 GiB) runs three pods every hour of the day: its capacity is 24 x 4 = 96
    // core-hours, not 3 x 96. Rows with a NULL node (2 cores, 8 GiB) and an empty node (1 core, 4 GiB)
    // give no Pod row but their capacity counts for the cluster: 96 + 48 + 24 = 168 core-hours,
    // 384 + 192 + 96 = 672 GiB-hours.
    List<Row> pods = new ArrayList<>();
    for (int h = 0; h < 24; h++) {
      LocalDateTime hour = DAY.atTime(h, 0);
      for (String name : List.of("a", "b", "c")) {
        pods.add(pod(hour, "ns", "n1").set("pod", name).nodeCapacity(4, 16).build());
      }
      pods.add(pod(hour, "ns", null).set("pod", "pending-1").nodeCapacity(2, 8).build());
      pods.add(pod(hour, "ns", "").set("pod", "pending-2").nodeCapacity(1, 4).build());
    }

    List<Row> rows = summarize(pods, List.of(), List.of(), LabelRules.keeping(Optional.empty()), List.of());

    assertEquals(1, rows.size());
    Row row = rows.get(0);
    assertEquals("n1", row.getAs(SummaryColumns.NODE));
    // 3 pods x 24 h x 0.25 cores: the unscheduled pods' usage is not in any Pod row
    assertEquals(18.0, num(row, SummaryColumns.POD_USAGE_CPU_CORE_HOURS), EPS);
    assertEquals(96.0, num(row, SummaryColumns.NODE_CAPACITY_CPU_CORE_HOURS), EPS);
    assertEquals(384.0, num(row, SummaryColumns.NODE_CAPACITY_MEMORY_GIGABYTE_HOURS), EPS);
    assertEquals(168.0, num(row, SummaryColumns.CLUSTER_CAPACITY_CPU_CORE_HOURS), EPS);
    assertEquals(672.0, num(row, SummaryColumns.CLUSTER_CAPACITY_MEMORY_GIGABYTE_HOURS), EPS);
  }

  @Test
  void aNodeLabelChangeMidDaySplitsTheDayWithoutChangingAnyTotal() {
    // The node is labelled zone=a for hours 0-9 and zone=b for hours 10-23: two rows, 10 and 14 hours,
    // whose sums equal the unlabelled day's (24 h x 0.25 = 6 core-hours).
    List<Row> pods = new ArrayList<>();
    List<Row> nodeLabels = new ArrayList<>();
    for (int h = 0; h < 24; h++) {
      LocalDateTime hour = DAY.atTime(h, 0);
      pods.add(pod(hour, "ns", "n1").build());
      nodeLabels.add(InputRows.nodeLabels(hour, "n1", h < 10 ? "{\"zone\": \"a\"}" : "{\"zone\": \"b\"}"));
    }
    LabelRules all = LabelRules.keeping(Optional.empty());

    List<Row> split = summarize(pods, nodeLabels, List.of(), all, List.of());
    List<Row> unlabelled = summarize(pods, List.of(), List.of(), all, List.of());

    assertEquals(2, split.size());
    assertEquals("{\"zone\":\"a\"}", split.get(0).getAs(SummaryColumns.POD_LABELS));
    assertEquals(2.5, num(split.get(0), SummaryColumns.POD_USAGE_CPU_CORE_HOURS), EPS);
    assertEquals("{\"zone\":\"b\"}", split.get(1).getAs(SummaryColumns.POD_LABELS));
    assertEquals(3.5, num(split.get(1), SummaryColumns.POD_USAGE_CPU_CORE_HOURS), EPS);
    for (String measure : SummaryColumns.POD_MEASURES) {
      double total = split.stream().mapToDouble(r -> num(r, measure)).sum();
      assertEquals(num(unlabelled.get(0), measure), total, EPS, measure);
    }
    // capacity is the node's for the whole day on both rows
    assertEquals(192.0, num(split.get(0), SummaryColumns.NODE_CAPACITY_CPU_CORE_HOURS), EPS);
    assertEquals(192.0, num(split.get(1), SummaryColumns.NODE_CAPACITY_CPU_CORE_HOURS), EPS);
  }

  @Test
  void costCategoryTakesTheLargestMatchingLikePatternWithoutMultiplyingMeasures() {
    LocalDateTime hour = DAY.atTime(0, 0);
    List<Row> pods =
        List.of(
            pod(hour, "openshift-monitoring", "n1").build(),
            pod(hour, "kube-system", "n1").build(),
            pod(hour, "kube_x", "n1").build(),
            pod(hour, "app", "n1").build());
    List<CostCategoryPattern> patterns =
        List.of(
            new CostCategoryPattern("openshift-%", 1),
            new CostCategoryPattern("%monitoring", 3),
            new CostCategoryPattern("kube-%", 2),
            new CostCategoryPattern("kube_x", 5));

    List<Row> rows = summarize(pods, List.of(), List.of(), LabelRules.keeping(Optional.empty()), patterns);

    IntFunction<Row> byIndex = rows::get;
    // sorted by namespace: app (no match), kube-system (kube-% -> 2), kube_x ('_' matches '_'; kube-% needs
    // '-', so only kube_x -> 5), openshift-monitoring (openshift-% -> 1 and %monitoring -> 3: max 3)
    assertNull(byIndex.apply(0).getAs(SummaryColumns.COST_CATEGORY_ID));
    assertEquals(2, (int) byIndex.apply(1).<Integer>getAs(SummaryColumns.COST_CATEGORY_ID));
    assertEquals(5, (int) byIndex.apply(2).<Integer>getAs(SummaryColumns.COST_CATEGORY_ID));
    assertEquals(3, (int) byIndex.apply(3).<Integer>getAs(SummaryColumns.COST_CATEGORY_ID));
    // a namespace matching two patterns is not counted twice: one hour at 0.25 cores
    assertEquals(0.25, num(byIndex.apply(3), SummaryColumns.POD_USAGE_CPU_CORE_HOURS), EPS);
  }

  @Test
  void nullMeasuresAreSkippedBySumsAndAnHourWithANullOperandAddsNoEffectiveUsage() {
    // Pod p in namespace app on n1 (8 cores), hours 0-3, CPU in core-seconds:
    //   hour  usage  request  limit  Koku's effective
    //   0      900    1800    3600   1800
    //   1     NULL    1800    3600   NULL  -> max(NULL, 1800) is NULL: the hour adds no effective usage
    //   2     3600    NULL    NULL   NULL  -> no effective usage either
    //   3     NULL    NULL    3600    900  -> Koku's precomputed value counts whatever usage says
    // Sums skip NULLs: usage 4500 s = 1.25 h, request 1.0 h, limit 3.0 h, effective 2700 s = 0.75 h.
    // Memory: usage 1 GiB and request 2 GiB every hour, no limit and no precomputed effective at all:
    // usage 4, request 8, effective 4 x max(1, 2) = 8 GiB-hours; the limit sums nothing and is NULL.
    Double[][] cpu = {{900.0, 1800.0, 3600.0, 1800.0}, {null, 1800.0, 3600.0, null}, {3600.0, null, null, null}, {null, null, 3600.0, 900.0}};
    List<Row> pods = new ArrayList<>();
    for (int h = 0; h < 4; h++) {
      pods.add(
          PodUsageRow.at(DAY.atTime(h, 0))
              .pod("app", "p")
              .node("n1", "i-n1")
              .nodeCapacity(8, 32)
              .set(InputColumns.POD_USAGE_CPU_CORE_SECONDS, cpu[h][0])
              .set(InputColumns.POD_REQUEST_CPU_CORE_SECONDS, cpu[h][1])
              .set(InputColumns.POD_LIMIT_CPU_CORE_SECONDS, cpu[h][2])
              .set(InputColumns.POD_EFFECTIVE_USAGE_CPU_CORE_SECONDS, cpu[h][3])
              .set(InputColumns.POD_USAGE_MEMORY_BYTE_SECONDS, 1.0 * GIB_SECONDS)
              .set(InputColumns.POD_REQUEST_MEMORY_BYTE_SECONDS, 2.0 * GIB_SECONDS)
              .build());
    }
    // Pod q in namespace silent reports no measure at all, for hour 0 on n1 and on n2 (4 cores).
    pods.add(PodUsageRow.at(DAY.atTime(0, 0)).pod("silent", "q").node("n1", "i-n1").nodeCapacity(8, 32).build());
    pods.add(PodUsageRow.at(DAY.atTime(0, 0)).pod("silent", "q").node("n2", "i-n2").nodeCapacity(4, 16).build());
    SummaryInputs inputs =
        new SummaryInputs(
            spark.createDataFrame(pods, ReportType.POD_USAGE.schema()),
            spark.createDataFrame(List.of(), ReportType.STORAGE_USAGE.schema()),
            spark.createDataFrame(List.of(), ReportType.NODE_LABELS.schema()),
            spark.createDataFrame(List.of(), ReportType.NAMESPACE_LABELS.schema()),
            List.of());

    List<Row> rows = DailySummary.build(inputs, LabelRules.keeping(Optional.empty()), RunIdentity.ofSource(SOURCE)).collectAsList();

    Row app = only(rows, "app", "n1");
    assertEquals(1.25, num(app, SummaryColumns.POD_USAGE_CPU_CORE_HOURS), EPS);
    assertEquals(1.0, num(app, SummaryColumns.POD_REQUEST_CPU_CORE_HOURS), EPS);
    assertEquals(3.0, num(app, SummaryColumns.POD_LIMIT_CPU_CORE_HOURS), EPS);
    assertEquals(0.75, num(app, SummaryColumns.POD_EFFECTIVE_USAGE_CPU_CORE_HOURS), EPS);
    assertEquals(4.0, num(app, SummaryColumns.POD_USAGE_MEMORY_GIGABYTE_HOURS), EPS);
    assertEquals(8.0, num(app, SummaryColumns.POD_REQUEST_MEMORY_GIGABYTE_HOURS), EPS);
    assertEquals(8.0, num(app, SummaryColumns.POD_EFFECTIVE_USAGE_MEMORY_GIGABYTE_HOURS), EPS);
    assertNull(app.getAs(SummaryColumns.POD_LIMIT_MEMORY_GIGABYTE_HOURS), "a sum of NULLs only is NULL, not 0");
    // capacity does not depend on the measures: n1 reported 4 hours of 8 cores
    assertEquals(32.0, num(app, SummaryColumns.NODE_CAPACITY_CPU_CORE_HOURS), EPS);

    for (String node : List.of("n1", "n2")) {
      Row silent = only(rows, "silent", node);
      for (String measure : SummaryColumns.POD_MEASURES) {
        assertNull(silent.getAs(measure), node + " " + measure);
      }
    }
    // unallocated = capacity - sum over the node's Pod rows: the silent pod's NULLs are skipped on n1 ...
    Row unallocatedN1 = unallocated(rows, "n1");
    assertEquals(32.0 - 1.25, num(unallocatedN1, SummaryColumns.POD_USAGE_CPU_CORE_HOURS), EPS);
    assertEquals(32.0 - 1.0, num(unallocatedN1, SummaryColumns.POD_REQUEST_CPU_CORE_HOURS), EPS);
    assertEquals(32.0 - 0.75, num(unallocatedN1, SummaryColumns.POD_EFFECTIVE_USAGE_CPU_CORE_HOURS), EPS);
    assertEquals(4 * 32.0 - 4.0, num(unallocatedN1, SummaryColumns.POD_USAGE_MEMORY_GIGABYTE_HOURS), EPS);
    // ... and on n2, where they are all there is, capacity minus NULL is NULL, as in Koku's SQL
    Row unallocatedN2 = unallocated(rows, "n2");
    assertEquals(4.0, num(unallocatedN2, SummaryColumns.NODE_CAPACITY_CPU_CORE_HOURS), EPS);
    assertNull(unallocatedN2.getAs(SummaryColumns.POD_USAGE_CPU_CORE_HOURS));
    assertNull(unallocatedN2.getAs(SummaryColumns.POD_EFFECTIVE_USAGE_MEMORY_GIGABYTE_HOURS));
  }

  private static Row only(List<Row> rows, String namespace, String node) {
    List<Row> matching =
        rows.stream()
            .filter(r -> namespace.equals(r.getAs(SummaryColumns.NAMESPACE)) && node.equals(r.getAs(SummaryColumns.NODE)))
            .toList();
    assertEquals(1, matching.size(), namespace + " on " + node + ": " + matching);
    return matching.get(0);
  }

  private static Row unallocated(List<Row> rows, String node) {
    List<Row> matching =
        rows.stream()
            .filter(r -> r.getAs(SummaryColumns.POD_LABELS) == null && node.equals(r.getAs(SummaryColumns.NODE)))
            .toList();
    assertEquals(1, matching.size(), "unallocated on " + node + ": " + matching);
    return matching.get(0);
  }

  /** One hour of a pod at 0.25 cores / 0.5 GiB (request 0.5 / 1, limit 1 / 2) on an 8-core 32-GiB node. */
  private static PodUsageRow pod(LocalDateTime hour, String namespace, String node) {
    return PodUsageRow.at(hour)
        .pod(namespace, "pod")
        .node(node, node == null || node.isEmpty() ? "" : "i-" + node)
        .cpu(0.25, 0.5, 1.0, 3600)
        .memoryGib(0.5, 1.0, 2.0, 3600)
        .nodeCapacity(8, 32);
  }

  private List<Row> summarize(
      List<Row> pods, List<Row> nodeLabels, List<Row> namespaceLabels, LabelRules labels, List<CostCategoryPattern> patterns) {
    SummaryInputs inputs =
        new SummaryInputs(
            spark.createDataFrame(pods, ReportType.POD_USAGE.schema()),
            spark.createDataFrame(List.of(), ReportType.STORAGE_USAGE.schema()),
            spark.createDataFrame(nodeLabels, ReportType.NODE_LABELS.schema()),
            spark.createDataFrame(namespaceLabels, ReportType.NAMESPACE_LABELS.schema()),
            patterns);
    List<Row> rows = new ArrayList<>(PodSummary.summarize(inputs, labels, RunIdentity.ofSource(SOURCE)).collectAsList());
    rows.sort(
        Comparator.comparing((Row r) -> r.<java.sql.Date>getAs(SummaryColumns.USAGE_START))
            .thenComparing(r -> r.<String>getAs(SummaryColumns.NAMESPACE))
            .thenComparing(r -> r.<String>getAs(SummaryColumns.NODE))
            .thenComparing(r -> r.<String>getAs(SummaryColumns.POD_LABELS)));
    return rows;
  }

  private static double num(Row row, String column) {
    return row.<Double>getAs(column);
  }
}
