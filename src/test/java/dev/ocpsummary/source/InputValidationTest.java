package dev.ocpsummary.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocpsummary.config.InputLayout;
import dev.ocpsummary.config.InputSettings;
import dev.ocpsummary.config.RunRequest;
import dev.ocpsummary.datagen.PodUsageRow;
import dev.ocpsummary.testing.SparkFixture;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input files: each either read correctly or rejected with the file and the column named. */
class InputValidationTest {

  private static final String SOURCE = "44444444-4444-4444-4444-444444444444";
  private static final LocalDate OCT_1 = LocalDate.of(2025, 10, 1);
  private static final RunRequest OCT_1_ONLY = new RunRequest(SOURCE, OCT_1, OCT_1);

  private final SparkSession spark = SparkFixture.spark();
  @TempDir Path root;
  private InputSettings input;

  @BeforeEach
  void layout() {
    input = new InputSettings(root.toUri().toString(), InputLayout.KOKU, "org1234567");
  }

  @Test
  void aColumnWithTheWrongTypeIsRejectedNamingFileAndColumn() {
    write(rows(OCT_1, 1.0).withColumn(InputColumns.POD_USAGE_CPU_CORE_SECONDS, functions.col(InputColumns.POD_USAGE_CPU_CORE_SECONDS).cast("long")), octoberFolder());

    InputException e = assertThrows(InputException.class, () -> read(OCT_1_ONLY));

    assertTrue(e.getMessage().contains("column 'pod_usage_cpu_core_seconds' has type INT64, expected DOUBLE"), e.getMessage());
    assertTrue(e.getMessage().contains("source=" + SOURCE + "/year=2025/month=10/part-"), e.getMessage());
  }

  @Test
  void aNegativeMeasureIsRejected() {
    write(rows(OCT_1, -0.5), octoberFolder());

    InputException e = assertThrows(InputException.class, () -> read(OCT_1_ONLY));

    // -0.5 cores x 3600 s
    assertTrue(e.getMessage().contains("column 'pod_usage_cpu_core_seconds' holds negative values (minimum -1800.0)"), e.getMessage());
  }

  @Test
  void anUnknownExtraColumnIsIgnored() {
    write(rows(OCT_1, 1.0).withColumn("operator_debug_info", functions.lit("x")), octoberFolder());

    UsageReader.ReportInput read = read(OCT_1_ONLY);

    assertEquals(1, read.rows().count());
    assertEquals(List.of(ReportType.POD_USAGE.schema().fieldNames()), List.of(read.rows().columns()));
  }

  @Test
  void aMisnamedMonthFolderIsShownBesideTheMissingOne() {
    String misnamed = octoberFolder().replace("month=10", "month=1O");
    write(rows(OCT_1, 1.0), misnamed);

    InputException e = assertThrows(InputException.class, () -> read(OCT_1_ONLY));

    assertTrue(e.getMessage().contains("month=10 does not exist"), e.getMessage());
    assertTrue(e.getMessage().contains("holds: month=1O"), e.getMessage());
  }

  @Test
  void rowsOutsideTheirFoldersMonthAreSkipped() {
    // October's folder wrongly holds a row of November 1st; November's folder holds its own.
    LocalDate nov1 = LocalDate.of(2025, 11, 1);
    write(rows(LocalDate.of(2025, 10, 31), 1.0).unionAll(rows(nov1, 7.0)), octoberFolder());
    write(rows(nov1, 2.0), UsageReader.monthFolder(input, ReportType.POD_USAGE, SOURCE, YearMonth.of(2025, 11)));

    Dataset<Row> read = read(new RunRequest(SOURCE, LocalDate.of(2025, 10, 31), nov1)).rows();

    // Oct 31: 1 core-hour; Nov 1: 2 core-hours from November's folder, not 7 + 2
    List<Row> perDay =
        read.groupBy(functions.to_date(functions.col(InputColumns.INTERVAL_START)).cast("string").as("day"))
            .agg(functions.sum(InputColumns.POD_USAGE_CPU_CORE_SECONDS).as("cpu"))
            .orderBy("day")
            .collectAsList();
    assertEquals(2, perDay.size());
    assertEquals(3600.0, perDay.get(0).getDouble(1));
    assertEquals(7200.0, perDay.get(1).getDouble(1));
  }

  private String octoberFolder() {
    return UsageReader.monthFolder(input, ReportType.POD_USAGE, SOURCE, YearMonth.of(2025, 10));
  }

  private Dataset<Row> rows(LocalDate day, double cpuCores) {
    Row row =
        PodUsageRow.at(day.atTime(10, 0))
            .pod("ns", "p")
            .node("n1", "i-1")
            .cpu(cpuCores, 1, 8, 3600)
            .memoryGib(1, 1, 1, 3600)
            .nodeCapacity(8, 32)
            .build();
    return spark.createDataFrame(List.of(row), ReportType.POD_USAGE.schema());
  }

  private static void write(Dataset<Row> rows, String folder) {
    rows.coalesce(1).write().mode("append").parquet(folder);
  }

  private UsageReader.ReportInput read(RunRequest request) {
    return new UsageReader(spark, input).read(ReportType.POD_USAGE, request);
  }
}
