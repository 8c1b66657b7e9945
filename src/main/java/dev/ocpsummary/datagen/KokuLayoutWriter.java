package dev.ocpsummary.datagen;

import dev.ocpsummary.config.InputSettings;
import dev.ocpsummary.source.InputColumns;
import dev.ocpsummary.source.ReportType;
import dev.ocpsummary.source.UsageReader;
import java.time.YearMonth;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Writes hourly report rows as Parquet in Koku's layout, one month folder at a time ({@code
 * .../{report_type}/source={uuid}/year={YYYY}/month={MM}/}), replacing what a folder held. Timestamps
 * are written naive (isAdjustedToUTC=false) as Koku writes them. Reports without rows get no folder,
 * as Koku writes no Parquet for empty reports.
 */
public final class KokuLayoutWriter {

  private final SparkSession spark;
  private final InputSettings input;

  public KokuLayoutWriter(SparkSession spark, InputSettings input) {
    this.spark = spark;
    this.input = input;
  }

  /** Writes {@code rows} (in the report's read schema) for one source, one folder per month they cover. */
  public void write(ReportType report, String sourceUuid, List<Row> rows) {
    if (rows.isEmpty()) {
      return;
    }
    Dataset<Row> all = spark.createDataFrame(rows, report.schema());
    int intervalStart = report.schema().fieldIndex(InputColumns.INTERVAL_START);
    List<YearMonth> months =
        rows.stream()
            .map(r -> YearMonth.from((java.time.LocalDateTime) r.get(intervalStart)))
            .distinct()
            .sorted()
            .toList();
    for (YearMonth month : months) {
      Dataset<Row> ofMonth =
          all.where(
              functions
                  .col(InputColumns.INTERVAL_START)
                  .geq(functions.lit(month.atDay(1).atStartOfDay()))
                  .and(functions.col(InputColumns.INTERVAL_START).lt(functions.lit(month.plusMonths(1).atDay(1).atStartOfDay()))));
      ofMonth
          .coalesce(1)
          .write()
          .mode(SaveMode.Overwrite)
          .parquet(UsageReader.monthFolder(input, report, sourceUuid, month));
    }
  }
}
