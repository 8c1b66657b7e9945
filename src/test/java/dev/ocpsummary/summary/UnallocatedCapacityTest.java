package dev.ocpsummary.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ocpsummary.config.CostCategoryPattern;
import dev.ocpsummary.datagen.InputRows;
import dev.ocpsummary.datagen.PodUsageRow;
import dev.ocpsummary.source.InputColumns;
import dev.ocpsummary.testing.SummaryInputsBuilder;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** Unallocated capacity rows and node roles; expected values worked out beside each test. */
class UnallocatedCapacityTest {

  private static final double EPS = 1e-9;
  private static final LocalDate OCT_1 = LocalDate.of(2025, 10, 1);
  private static final LabelRules ALL_KEYS = LabelRules.keeping(Optional.empty());
  private static final RunIdentity IDENTITY = RunIdentity.ofSource("00000000-0000-0000-0000-000000000001");

  @Test
  void everyRoleRuleGivesItsNamespaceAndANodeWithoutARoleStillGetsARow() {
    SummaryInputsBuilder inputs = new SummaryInputsBuilder();
    for (int h = 0; h < 24; h++) {
      LocalDateTime hour = OCT_1.atTime(h, 0);
      inputs.pods(
          List.of(
              // operator-reported role, even without node-label rows
              pod(hour, "app", "n-operator").set(InputColumns.NODE_ROLE, "infra").build(),
              // a pod in openshift-kube-apiserver makes its node a master
              pod(hour, "openshift-kube-apiserver", "n-master").build(),
              // node label node_role_kubernetes_io=infra
              pod(hour, "app", "n-infra").build(),
              // labelled, no other hint: worker
              pod(hour, "app", "n-worker").build(),
              // no node-label rows and no operator role: unknown
              pod(hour, "app", "n-unknown").build()));
      inputs.nodeLabels(
          List.of(
              InputRows.nodeLabels(hour, "n-master", "{}"),
              InputRows.nodeLabels(hour, "n-infra", "{\"node_role_kubernetes_io\": \"infra\"}"),
              InputRows.nodeLabels(hour, "n-worker", "{\"zone\": \"a\"}")));
    }

    Map<String, Row> byNode = unallocatedByNode(inputs);

    assertEquals(5, byNode.size());
    assertEquals("Platform unallocated", byNode.get("n-operator").getAs(SummaryColumns.NAMESPACE));
    assertEquals("Platform unallocated", byNode.get("n-master").getAs(SummaryColumns.NAMESPACE));
    assertEquals("Platform unallocated", byNode.get("n-infra").getAs(SummaryColumns.NAMESPACE));
    assertEquals("Worker unallocated", byNode.get("n-worker").getAs(SummaryColumns.NAMESPACE));
    assertNull(byNode.get("n-unknown").getAs(SummaryColumns.NAMESPACE));

    // each node: 8 cores / 32 GiB for 24 h = 192 core-h / 768 GiB-h; its pod uses 0.25 / 0.5 (request 0.5 / 1)
    // per hour: usage 192 - 6 = 186, request and effective 192 - 12 = 180; memory 768 - 12 = 756, 768 - 24 = 744
    Row row = byNode.get("n-unknown");
    assertEquals(186.0, num(row, SummaryColumns.POD_USAGE_CPU_CORE_HOURS), EPS);
    assertEquals(180.0, num(row, SummaryColumns.POD_REQUEST_CPU_CORE_HOURS), EPS);
    assertEquals(180.0, num(row, SummaryColumns.POD_EFFECTIVE_USAGE_CPU_CORE_HOURS), EPS);
    assertEquals(756.0, num(row, SummaryColumns.POD_USAGE_MEMORY_GIGABYTE_HOURS), EPS);
    assertEquals(744.0, num(row, SummaryColumns.POD_REQUEST_MEMORY_GIGABYTE_HOURS), EPS);
    assertEquals(744.0, num(row, SummaryColumns.POD_EFFECTIVE_USAGE_MEMORY_GIGABYTE_HOURS), EPS);
    assertEquals(192.0, num(row, SummaryColumns.NODE_CAPACITY_CPU_CORE_HOURS), EPS);
    assertEquals(5 * 192.0, num(row, SummaryColumns.CLUSTER_CAPACITY_CPU_CORE_HOURS), EPS);
    assertEquals("i-n-unknown", row.getAs(SummaryColumns.RESOURCE_ID));
    assertEquals("Pod", row.getAs(SummaryColumns.DATA_SOURCE));
    assertNull(row.getAs(SummaryColumns.POD_LABELS));
    assertNull(row.getAs(SummaryColumns.POD_LIMIT_CPU_CORE_HOURS));
    assertNull(row.getAs(SummaryColumns.POD_LIMIT_MEMORY_GIGABYTE_HOURS));
    assertNull(row.getAs(SummaryColumns.INFRASTRUCTURE_USAGE_COST));
    assertEquals("{}", row.getAs(SummaryColumns.ALL_LABELS));
  }

  @Test
  void podAndUnallocatedRowsAddUpToClusterCapacityEveryDay() {
    // Two days, three nodes of different sizes, pods whose labels change mid-day (several Pod rows per
    // node), a pod without a node (counted for capacity only on its own empty-node group: none here).
    SummaryInputsBuilder inputs = new SummaryInputsBuilder();
    for (int d = 0; d < 2; d++) {
      for (int h = 0; h < 24; h++) {
        LocalDateTime hour = OCT_1.plusDays(d).atTime(h, 0);
        inputs.pods(
            List.of(
                pod(hour, "a", "n1").set(InputColumns.POD, "a1").labels(h < 7 ? "{\"v\": \"1\"}" : "{\"v\": \"2\"}").build(),
                pod(hour, "a", "n1").set(InputColumns.POD, "a2").cpu(1.5, 0.5, 2, 3600).build(),
                pod(hour, "b", "n2").set(InputColumns.POD, "b1").nodeCapacity(4, 16).memoryGib(3, 2, 4, 1800).build(),
                pod(hour, "c", "n3").set(InputColumns.POD, "c1").nodeCapacity(16, 64).build()));
        inputs.nodeLabels(List.of(InputRows.nodeLabels(hour, "n1", "{}"), InputRows.nodeLabels(hour, "n2", "{}")));
      }
    }
    List<Row> rows = DailySummary.build(inputs.build(), ALL_KEYS, IDENTITY).collectAsList();

    for (int d = 0; d < 2; d++) {
      java.sql.Date day = java.sql.Date.valueOf(OCT_1.plusDays(d));
      // cluster: (8 + 4 + 16) cores x 24 h = 672 core-hours; (32 + 16 + 64) GiB x 24 = 2688 GiB-hours
      for (String measure :
          List.of(
              SummaryColumns.POD_USAGE_CPU_CORE_HOURS,
              SummaryColumns.POD_REQUEST_CPU_CORE_HOURS,
              SummaryColumns.POD_EFFECTIVE_USAGE_CPU_CORE_HOURS)) {
        assertEquals(672.0, sumOfDay(rows, day, measure), EPS, measure);
      }
      for (String measure :
          List.of(
              SummaryColumns.POD_USAGE_MEMORY_GIGABYTE_HOURS,
              SummaryColumns.POD_REQUEST_MEMORY_GIGABYTE_HOURS,
              SummaryColumns.POD_EFFECTIVE_USAGE_MEMORY_GIGABYTE_HOURS)) {
        assertEquals(2688.0, sumOfDay(rows, day, measure), EPS, measure);
      }
    }
  }

  @Test
  void unallocatedRowsTakeTheCostCategoryOfTheirNamespace() {
    LocalDateTime hour = OCT_1.atTime(0, 0);
    SummaryInputsBuilder inputs =
        new SummaryInputsBuilder()
            .pods(List.of(pod(hour, "openshift-kube-apiserver", "n-master").build(), pod(hour, "app", "n-worker").build()))
            .nodeLabels(List.of(InputRows.nodeLabels(hour, "n-master", "{}"), InputRows.nodeLabels(hour, "n-worker", "{}")))
            .costCategories(List.of(new CostCategoryPattern("Platform unallocated", 1), new CostCategoryPattern("openshift-%", 1)));

    Map<String, Row> byNode = unallocatedByNode(inputs);

    assertEquals(1, (int) byNode.get("n-master").<Integer>getAs(SummaryColumns.COST_CATEGORY_ID));
    assertNull(byNode.get("n-worker").getAs(SummaryColumns.COST_CATEGORY_ID));
  }

  private static double sumOfDay(List<Row> rows, java.sql.Date day, String measure) {
    return rows.stream()
        .filter(r -> "Pod".equals(r.getAs(SummaryColumns.DATA_SOURCE)) && day.equals(r.getAs(SummaryColumns.USAGE_START)))
        .mapToDouble(r -> r.<Double>getAs(measure))
        .sum();
  }

  private static Map<String, Row> unallocatedByNode(SummaryInputsBuilder builder) {
    Map<String, Row> byNode = new HashMap<>();
    for (Row row : DailySummary.build(builder.build(), ALL_KEYS, IDENTITY).collectAsList()) {
      if (SummaryColumns.ROW_KIND_UNALLOCATED.equals(SummaryColumns.rowKind(row))) {
        byNode.put(row.getAs(SummaryColumns.NODE), row);
      }
    }
    return byNode;
  }

  private static PodUsageRow pod(LocalDateTime hour, String namespace, String node) {
    return PodUsageRow.at(hour)
        .pod(namespace, "pod-" + node)
        .node(node, "i-" + node)
        .cpu(0.25, 0.5, 1, 3600)
        .memoryGib(0.5, 1, 2, 3600)
        .nodeCapacity(8, 32);
  }

  private static double num(Row row, String column) {
    return row.<Double>getAs(column);
  }
}
