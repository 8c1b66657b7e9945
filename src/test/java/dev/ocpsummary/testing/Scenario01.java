package dev.ocpsummary.testing;

import dev.ocpsummary.datagen.PodUsageRow;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * Scenario 01 of specs/aggregation.md as nise generates it (C.9): one pod, 24 hourly rows on
 * 2025-10-01, each claiming {@code pod_seconds = 86400}: usage 0.3 cores and 0.8 GiB, request 0.5
 * cores and 1 GiB, limit 1 core and 2 GiB, on a 4-core 16-GiB node.
 */
public final class Scenario01 {

  public static final LocalDate DAY = LocalDate.of(2025, 10, 1);
  public static final String NODE = "worker-node-1";
  public static final String NAMESPACE = "test-namespace";

  private Scenario01() {}

  public static List<Row> podRows() {
    List<Row> rows = new ArrayList<>();
    for (int hour = 0; hour < 24; hour++) {
      rows.add(
          PodUsageRow.at(DAY.atTime(hour, 0))
              .pod(NAMESPACE, "frontend-pod")
              .node(NODE, "i-i-worker001")
              .cpu(0.3, 0.5, 1.0, 86400)
              .memoryGib(0.8, 1.0, 2.0, 86400)
              .nodeCapacity(4, 16)
              .build());
    }
    return rows;
  }
}
