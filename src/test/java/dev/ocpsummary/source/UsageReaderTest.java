package dev.ocpsummary.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocpsummary.config.InputLayout;
import dev.ocpsummary.config.InputSettings;
import dev.ocpsummary.config.RunRequest;
import dev.ocpsummary.datagen.PodUsageRow;
import dev.ocpsummary.testing.SparkFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader in both layouts: folders pruned to the window, rows filtered to its days, labels optional. */
class UsageReaderTest {

  private static final String SOURCE = "33333333-3333-3333-3333-333333333333";

  private final SparkSession spark = SparkFixture.spark();
  @TempDir Path root;

  @Test
  void kokuLayoutReadsTheWindowsDaysFromItsMonthFolders() {
    InputSettings input = new InputSettings(root.toUri().toString(), InputLayout.KOKU, "org1234567");
    // Oct 30 .. Nov 2, one row per day at noon, in two month folders
    List<LocalDate> days = LocalDate.of(2025, 10, 30).datesUntil(LocalDate.of(2025, 11, 3)).toList();
    spark.createDataFrame(rowsFor(days, 0), ReportType.POD_USAGE.schema())
        .coalesce(1).write().parquet(UsageReader.monthFolder(input, ReportType.POD_USAGE, SOURCE, java.time.YearMonth.of(2025, 10)));
    spark.createDataFrame(rowsFor(days, 1), ReportType.POD_USAGE.schema())
        .coalesce(1).write().parquet(UsageReader.monthFolder(input, ReportType.POD_USAGE, SOURCE, java.time.YearMonth.of(2025, 11)));

    UsageReader.ReportInput read =
        new UsageReader(spark, input).read(ReportType.POD_USAGE, new RunRequest(SOURCE, LocalDate.of(2025, 10, 31), LocalDate.of(2025, 11, 1)));

    assertEquals(2, read.fileCount());
    assertEquals(4, read.fileRows());
    assertEquals(List.of("2025-10-31", "2025-11-01"), days(read.rows()));
  }

  @Test
  void pocLayoutListsOnlyTheWindowsDayFolders() {
    InputSettings input = new InputSettings(root.toUri().toString(), InputLayout.POC, "org1234567");
    for (LocalDate day : LocalDate.of(2025, 10, 1).datesUntil(LocalDate.of(2025, 10, 5)).toList()) {
      spark.createDataFrame(rowsFor(List.of(day), -1), ReportType.POD_USAGE.schema())
          .coalesce(1).write().parquet(UsageReader.pocDayFolder(input, ReportType.POD_USAGE, SOURCE, day));
    }
    assertTrue(
        UsageReader.pocDayFolder(input, ReportType.POD_USAGE, SOURCE, LocalDate.of(2025, 10, 2))
            .endsWith("/data/org1234567/OCP/source=" + SOURCE + "/year=2025/month=10/day=02/openshift_pod_usage_line_items"));

    UsageReader.ReportInput read =
        new UsageReader(spark, input).read(ReportType.POD_USAGE, new RunRequest(SOURCE, LocalDate.of(2025, 10, 2), LocalDate.of(2025, 10, 3)));

    assertEquals(2, read.fileCount());
    assertEquals(List.of("2025-10-02", "2025-10-03"), days(read.rows()));
    InputException missing =
        assertThrows(
            InputException.class,
            () -> new UsageReader(spark, input).read(ReportType.POD_USAGE, new RunRequest(SOURCE, LocalDate.of(2025, 10, 4), LocalDate.of(2025, 10, 5))));
    assertTrue(missing.getMessage().contains("day=05/openshift_pod_usage_line_items does not exist"), missing.getMessage());
  }

  @Test
  void aFolderOfDataFilesAloneReadsAsOneWithMarkersAndCopiesInProgress() throws IOException {
    InputSettings input = new InputSettings(root.toUri().toString(), InputLayout.KOKU, "org1234567");
    List<LocalDate> days = LocalDate.of(2025, 10, 1).datesUntil(LocalDate.of(2025, 10, 4)).toList();
    Path folder = Path.of(java.net.URI.create(UsageReader.monthFolder(input, ReportType.POD_USAGE, SOURCE, java.time.YearMonth.of(2025, 10))));
    spark.createDataFrame(rowsFor(days, 0), ReportType.POD_USAGE.schema()).repartition(2).write().parquet(folder.toUri().toString());
    // as an S3 bucket holds them: no marker, no checksum files
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        if (name.startsWith("_") || name.startsWith(".")) {
          Files.delete(file);
        }
      }
    }
    RunRequest request = new RunRequest(SOURCE, LocalDate.of(2025, 10, 2), LocalDate.of(2025, 10, 3));
    UsageReader.ReportInput dataOnly = new UsageReader(spark, input).read(ReportType.POD_USAGE, request);
    assertEquals(2, dataOnly.fileCount());
    assertEquals(List.of("2025-10-02", "2025-10-03"), days(dataOnly.rows()));

    // a marker and a file still being copied are not data: the same files and rows
    Files.writeString(folder.resolve("_SUCCESS"), "");
    Files.writeString(folder.resolve("part-99999.parquet._COPYING_"), "not parquet yet");
    UsageReader.ReportInput withOthers = new UsageReader(spark, input).read(ReportType.POD_USAGE, request);
    assertEquals(dataOnly.files(), withOthers.files());
    assertEquals(List.of("2025-10-02", "2025-10-03"), days(withOthers.rows()));
    assertEquals(2, withOthers.rows().count());
  }

  @Test
  void readAllGivesEveryReportAndTheFirstReportsFailure() {
    InputSettings input = new InputSettings(root.toUri().toString(), InputLayout.KOKU, "org1234567");
    RunRequest request = new RunRequest(SOURCE, LocalDate.of(2025, 10, 1), LocalDate.of(2025, 10, 1));
    UsageReader reader = new UsageReader(spark, input);
    InputException missingPods = assertThrows(InputException.class, () -> reader.readAll(request));
    assertTrue(missingPods.getMessage().startsWith("no pod_usage data for"), missingPods.getMessage());

    spark.createDataFrame(rowsFor(List.of(LocalDate.of(2025, 10, 1)), 0), ReportType.POD_USAGE.schema())
        .coalesce(1).write().parquet(UsageReader.monthFolder(input, ReportType.POD_USAGE, SOURCE, java.time.YearMonth.of(2025, 10)));
    Map<ReportType, UsageReader.ReportInput> all = reader.readAll(request);
    assertEquals(List.of(ReportType.values()), List.copyOf(all.keySet()));
    assertEquals(1, all.get(ReportType.POD_USAGE).rows().count());
    assertEquals(0, all.get(ReportType.NODE_LABELS).fileCount());
  }

  @Test
  void missingLabelAndStorageReportsReadAsEmpty() {
    InputSettings input = new InputSettings(root.toUri().toString(), InputLayout.KOKU, "org1234567");
    UsageReader reader = new UsageReader(spark, input);
    RunRequest request = new RunRequest(SOURCE, LocalDate.of(2025, 10, 1), LocalDate.of(2025, 10, 1));

    for (ReportType optional : List.of(ReportType.STORAGE_USAGE, ReportType.NODE_LABELS, ReportType.NAMESPACE_LABELS)) {
      UsageReader.ReportInput read = reader.read(optional, request);
      assertEquals(0, read.fileCount());
      assertEquals(0, read.rows().count());
    }
  }

  /** One row at noon per day; monthIndex 0 keeps October's days, 1 November's, -1 all. */
  private static List<Row> rowsFor(List<LocalDate> days, int monthIndex) {
    List<Row> rows = new ArrayList<>();
    for (LocalDate day : days) {
      if (monthIndex < 0 || day.getMonthValue() == (monthIndex == 0 ? 10 : 11)) {
        rows.add(
            PodUsageRow.at(day.atTime(12, 0))
                .pod("ns", "p")
                .node("n", "i-n")
                .cpu(1, 1, 1, 3600)
                .memoryGib(1, 1, 1, 3600)
                .nodeCapacity(1, 1)
                .build());
      }
    }
    return rows;
  }

  /** The distinct days of the rows read, sorted. */
  private static List<String> days(Dataset<Row> rows) {
    return rows.select(functions.to_date(functions.col(InputColumns.INTERVAL_START)).cast("string")).distinct().collectAsList().stream()
        .map(r -> r.getString(0))
        .sorted()
        .toList();
  }
}
