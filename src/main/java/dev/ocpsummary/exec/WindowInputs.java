package dev.ocpsummary.exec;

import dev.ocpsummary.config.CostCategoryPattern;
import dev.ocpsummary.config.InputSettings;
import dev.ocpsummary.config.RunRequest;
import dev.ocpsummary.sink.KokuReferenceTables;
import dev.ocpsummary.sink.SummaryDatabase;
import dev.ocpsummary.source.ReportType;
import dev.ocpsummary.source.UsageReader;
import dev.ocpsummary.source.UsageReader.ReportInput;
import dev.ocpsummary.summary.SummaryInputs;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The window's inputs as both modes start from them: the four reports listed, their footers checked,
 * each a lazy Dataset restricted to the window, plus the cost category patterns. Nothing is scanned
 * yet. This is the one place where {@link SummaryInputs} is assembled, so the modes share reader and
 * transforms and differ only in what they do with the Datasets.
 */
final class WindowInputs {

  private final UsageReader reader;
  private final Map<ReportType, ReportInput> reports;
  private final List<CostCategoryPattern> costCategoryPatterns;

  private WindowInputs(UsageReader reader, Map<ReportType, ReportInput> reports, List<CostCategoryPattern> costCategoryPatterns) {
    this.reader = reader;
    this.reports = reports;
    this.costCategoryPatterns = costCategoryPatterns;
  }

  /** Lists and checks the window's files; fails with the reader's one-line message when one is missing or bad. */
  static WindowInputs read(
      SparkSession spark, InputSettings input, List<CostCategoryPattern> configuredPatterns, SummaryDatabase database,
      RunRequest request) {
    UsageReader reader = new UsageReader(spark, input);
    Map<ReportType, ReportInput> reports = reader.readAll(request);
    List<CostCategoryPattern> patterns = KokuReferenceTables.costCategoryPatterns(database).orElse(configuredPatterns);
    return new WindowInputs(reader, reports, patterns);
  }

  /** Rows in the window's input files (all reports, whole files, from their footers). */
  long fileRows() {
    return reports.values().stream().mapToLong(ReportInput::fileRows).sum();
  }

  /** AUTO's estimate of the window's input rows, from the footers read while listing. */
  InputEstimate estimate() {
    return InputEstimate.of(reports.values());
  }

  /** Input files of the window (all reports). */
  int fileCount() {
    return reports.values().stream().mapToInt(ReportInput::fileCount).sum();
  }

  /** Every row of a report's window files with the file it came from, for naming files in messages. */
  Dataset<Row> rowsWithFileName(ReportType report) {
    return reader.rowsWithFileName(report, reports.get(report));
  }

  /**
   * The summary's inputs, with {@code eachReport} applied to every report's Dataset (CACHE persists
   * them; ITERATE takes them as they are).
   */
  SummaryInputs summaryInputs(UnaryOperator<Dataset<Row>> eachReport) {
    return new SummaryInputs(
        eachReport.apply(reports.get(ReportType.POD_USAGE).rows()),
        eachReport.apply(reports.get(ReportType.STORAGE_USAGE).rows()),
        eachReport.apply(reports.get(ReportType.NODE_LABELS).rows()),
        eachReport.apply(reports.get(ReportType.NAMESPACE_LABELS).rows()),
        costCategoryPatterns);
  }
}
