package dev.ocpsummary.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ocpsummary.config.InputLayout;
import dev.ocpsummary.config.InputSettings;
import dev.ocpsummary.config.RunRequest;
import dev.ocpsummary.datagen.InputRows;
import dev.ocpsummary.datagen.PodUsageRow;
import dev.ocpsummary.source.ReportType;
import dev.ocpsummary.source.UsageReader;
import dev.ocpsummary.testing.SparkFixture;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AUTO's estimate comes from the footers the reader checks (no scan) and counts the row groups whose
 * interval_start range meets the window: Koku keeps one file per day in a month folder, so a one-day
 * window must not count the month.
 */
class InputEstimateTest {

  private static final String SOURCE = "3b9f2c1e-5d7a-4e6b-9c8d-0a1b2c3d4e5f";

  private final SparkSession spark = SparkFixture.spark();
  @TempDir Path root;

  @Test
  void countsTheRowGroupsThatOverlapTheWindowOnly() {
    InputSettings input = new InputSettings(root.toUri().toString(), InputLayout.KOKU, "org1234567");
    String podFolder = UsageReader.monthFolder(input, ReportType.POD_USAGE, SOURCE, YearMonth.of(2025, 10));
    String labelFolder = UsageReader.monthFolder(input, ReportType.NODE_LABELS, SOURCE, YearMonth.of(2025, 10));
    // one file per day, as Koku writes them: 3 pods x 24 h of pod rows and 24 node-label rows each
    for (LocalDate day : List.of(LocalDate.of(2025, 10, 7), LocalDate.of(2025, 10, 8))) {
      append(ReportType.POD_USAGE, podFolder, podRows(day, 3));
      append(ReportType.NODE_LABELS, labelFolder, labelRows(day));
    }

    InputEstimate oneDay = estimate(input, request("2025-10-08", "2025-10-08"));
    InputEstimate twoDays = estimate(input, request("2025-10-07", "2025-10-08"));
    InputEstimate otherDay = estimate(input, request("2025-10-09", "2025-10-09"));

    assertEquals(new InputEstimate(72 + 24, 4, 2, 2), oneDay);
    assertEquals(new InputEstimate(2 * (72 + 24), 4, 4, 0), twoDays);
    assertEquals(new InputEstimate(0, 4, 0, 4), otherDay);
  }

  /** The estimate from the footers the reader checks while listing the window's files. */
  private InputEstimate estimate(InputSettings input, RunRequest request) {
    UsageReader reader = new UsageReader(spark, input);
    return InputEstimate.of(Arrays.stream(ReportType.values()).map(report -> reader.read(report, request)).toList());
  }

  private void append(ReportType report, String folder, List<Row> rows) {
    spark.createDataFrame(rows, report.schema()).coalesce(1).write().mode(SaveMode.Append).parquet(folder);
  }

  private static List<Row> podRows(LocalDate day, int pods) {
    List<Row> rows = new ArrayList<>();
    for (int h = 0; h < 24; h++) {
      for (int p = 0; p < pods; p++) {
        rows.add(
            PodUsageRow.at(day.atTime(h, 0))
                .pod("ns", "pod-" + p)
                .node("node-1", "i-1")
                .cpu(0.5, 1, 2, 3600)
                .memoryGib(1, 2, 4, 3600)
                .nodeCapacity(8, 32)
                .build());
      }
    }
    return rows;
  }

  private static List<Row> labelRows(LocalDate day) {
    List<Row> rows = new ArrayList<>();
    for (int h = 0; h < 24; h++) {
      rows.add(InputRows.nodeLabels(day.atTime(h, 0), "node-1", "{}"));
    }
    return rows;
  }

  private static RunRequest request(String start, String end) {
    return new RunRequest(SOURCE, LocalDate.parse(start), LocalDate.parse(end));
  }
}
