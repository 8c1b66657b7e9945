package dev.ocpsummary.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocpsummary.datagen.InputRows;
import dev.ocpsummary.datagen.PodUsageRow;
import dev.ocpsummary.source.InputColumns;
import dev.ocpsummary.testing.SummaryInputsBuilder;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Pod days: one pass over the hourly rows gives the same pod days and node capacity as the separate
 * aggregations, and the hour facts tell a window whose hourly rows all have their own key from one
 * where two may share one. (That CACHE reads each hourly row once is asserted by ExecModesTest.)
 */
class PodDaysTest {

  private static final LocalDate DAY = LocalDate.of(2025, 10, 1);

  @Test
  void onePassGivesThePodDaysAndTheNodeCapacityOfTheSeparateAggregations() {
    SummaryInputs inputs = twoPodsOnTwoNodes().build();
    Dataset<Row> both = PodDays.withNodeHours(inputs);

    assertEquals(sorted(PodDays.of(inputs)), sorted(PodDays.podDaysOf(both)));
    assertEquals(
        sorted(NodeCapacity.perNodeAndDay(PodSummary.withUsageDay(inputs.podUsage()))),
        sorted(NodeCapacity.perNodeAndDayOfHours(PodDays.nodeHoursOf(both))));
    // 2 pods x 2 days on two nodes; the node capacity 8 cores in each of 48 hours on each node
    assertEquals(4, PodDays.of(inputs).count());
    Row capacity = NodeCapacity.perNodeAndDay(PodSummary.withUsageDay(inputs.podUsage())).first();
    assertEquals(24 * 8 * 3600.0, capacity.<Double>getAs(NodeCapacity.CPU_CORE_SECONDS));
  }

  @Test
  void podsWithMoreRowsThanHoursFindsACopiedHourAndAConflictingOne() {
    SummaryInputsBuilder clean = twoPodsOnTwoNodes();
    assertTrue(PodDays.podsWithMoreRowsThanHours(PodDays.of(clean.build())).isEmpty());

    LocalDateTime tenOClock = DAY.atTime(10, 0);
    SummaryInputsBuilder copied = twoPodsOnTwoNodes().pods(List.of(pod(tenOClock, "web-1", "n1").build()));
    assertEquals(
        List.of("2025-10-01 app web-1 n1"), describe(PodDays.podsWithMoreRowsThanHours(PodDays.of(copied.build()))));

    // the same pod and hour with other labels lands in another pod day: still found
    SummaryInputsBuilder conflicting =
        twoPodsOnTwoNodes().pods(List.of(pod(tenOClock, "web-1", "n1").labels("{\"app\": \"other\"}").build()));
    assertEquals(
        List.of("2025-10-01 app web-1 n1"),
        describe(PodDays.podsWithMoreRowsThanHours(PodDays.of(conflicting.build()))));

    // rows without a pod name are never keyed
    SummaryInputsBuilder unnamed =
        twoPodsOnTwoNodes()
            .pods(
                List.of(
                    pod(tenOClock, null, "n1").build(),
                    pod(tenOClock, null, "n1").build()));
    assertTrue(PodDays.podsWithMoreRowsThanHours(PodDays.of(unnamed.build())).isEmpty());
  }

  /** Pods web-1 on n1 and web-2 on n2 for every hour of two days, with node labels for every hour. */
  private static SummaryInputsBuilder twoPodsOnTwoNodes() {
    SummaryInputsBuilder inputs = new SummaryInputsBuilder();
    for (int h = 0; h < 48; h++) {
      LocalDateTime hour = DAY.atStartOfDay().plusHours(h);
      inputs.pods(List.of(pod(hour, "web-1", "n1").build(), pod(hour, "web-2", "n2").build()));
      inputs.nodeLabels(List.of(InputRows.nodeLabels(hour, "n1", "{\"zone\": \"a\"}"), InputRows.nodeLabels(hour, "n2", "{}")));
    }
    return inputs;
  }

  private static PodUsageRow pod(LocalDateTime hour, String pod, String node) {
    return PodUsageRow.at(hour)
        .pod("app", pod)
        .node(node, "i-" + node)
        .cpu(0.25, 0.5, 1.0, 3600)
        .memoryGib(0.5, 1.0, 2.0, 3600)
        .nodeCapacity(8, 32)
        .labels("{\"app\": \"web\"}");
  }

  private static List<String> describe(Dataset<Row> pods) {
    List<String> lines = new ArrayList<>();
    for (Row row : pods.collectAsList()) {
      lines.add(
          row.getAs(SummaryColumns.USAGE_START) + " " + row.getAs(InputColumns.NAMESPACE) + " "
              + row.getAs(InputColumns.POD) + " " + row.getAs(InputColumns.NODE));
    }
    return lines;
  }

  private static List<Row> sorted(Dataset<Row> rows) {
    return rows.collectAsList().stream().sorted(Comparator.comparing(Row::toString)).toList();
  }
}
