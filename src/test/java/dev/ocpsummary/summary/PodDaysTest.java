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
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;

/**
 * Pod days: a pod's hours summed per node and day, and the hour facts that tell a window whose hourly
 * rows all have their own key from one where two may share one.
 */
class PodDaysTest {

  private static final LocalDate DAY = LocalDate.of(2025, 10, 1);

  @Test
  void aPodDaySumsItsHoursWithEffectiveUsagePerHourAndKnowsWhichHoursItHas() {
    Dataset<Row> podDays = PodDays.of(twoPodsOnTwoNodes().build());
    // 2 pods x 2 days
    assertEquals(4, podDays.count());
    Row day1 =
        podDays
            .where(functions.col(InputColumns.POD).equalTo("web-1").and(functions.col(SummaryColumns.USAGE_START).equalTo(functions.lit(DAY))))
            .first();
    assertEquals(24L, day1.<Long>getAs(PodDays.HOURLY_ROWS));
    assertEquals((1L << 24) - 1, day1.<Long>getAs(PodDays.HOURS_OF_DAY));
    assertEquals(0.25 * 86400, day1.<Double>getAs(InputColumns.POD_USAGE_CPU_CORE_SECONDS), 1e-6);
    // usage below request every hour: effective usage is the request
    assertEquals(0.5 * 86400, day1.<Double>getAs(InputColumns.POD_EFFECTIVE_USAGE_CPU_CORE_SECONDS), 1e-6);
    assertEquals("{\"zone\": \"a\"}", day1.getAs(InputColumns.NODE_LABELS));
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
        .labels("{\"app\": \"web\"}")
        .withoutPrecomputedEffectiveUsage();
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
}
