package dev.ocpsummary.exec;

import dev.ocpsummary.config.CostCategoryPattern;
import dev.ocpsummary.config.RunRequest;
import dev.ocpsummary.config.Settings;
import dev.ocpsummary.sink.KokuReferenceTables;
import dev.ocpsummary.sink.RunRecorder;
import dev.ocpsummary.sink.RunSummary;
import dev.ocpsummary.sink.SummaryDatabase;
import dev.ocpsummary.sink.SummaryWriter;
import dev.ocpsummary.source.ReportType;
import dev.ocpsummary.source.UsageReader;
import dev.ocpsummary.source.UsageReader.ReportInput;
import dev.ocpsummary.summary.CostCategories;
import dev.ocpsummary.summary.DailySummary;
import dev.ocpsummary.summary.LabelRules;
import dev.ocpsummary.summary.RunIdentity;
import dev.ocpsummary.summary.SummaryInputs;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code summarize} run: read the window's inputs, build the daily summary, and replace the
 * window's rows of the source in PostgreSQL in one transaction, recording the run in {@code
 * summary_runs}.
 *
 * <p>Rows reach the database through {@code toLocalIterator()}: Spark computes one result partition
 * at a time and the driver streams it into a single COPY, so the driver holds one partition, not the
 * result. Any failure leaves the table as it was and is recorded as a failed run before it is
 * rethrown.
 */
public final class DailySummaryJob {

  private static final Logger LOG = LoggerFactory.getLogger(DailySummaryJob.class);

  /** The write path of this job, recorded as the run's mode. */
  static final String MODE = "local-iterator";

  private final SparkSession spark;
  private final Settings settings;
  private final SummaryDatabase database;

  public DailySummaryJob(SparkSession spark, Settings settings, SummaryDatabase database) {
    this.spark = spark;
    this.settings = settings;
    this.database = database;
  }

  public RunResult run(RunRequest request, RunIdentity identity) {
    RunRecorder runs = new RunRecorder(database);
    UUID runId =
        runs.begin(request.sourceUuid(), request.start(), request.end(), MODE, "the only write path so far");
    PhaseClock clock = new PhaseClock();
    long inputRows = 0;
    try {
      ReadInputs read = clock.time("read", () -> readInputs(request));
      inputRows = read.fileRows();
      Dataset<Row> summary =
          DailySummary.build(read.inputs(), LabelRules.keeping(settings.summary().enabledTagKeys()), identity);
      Map<String, Long> counts;
      long written;
      spark.sparkContext().setJobGroup("summarize", "summarize and write " + request, false);
      try {
        CountingIterator rows =
            clock.time("aggregate_and_write", () -> new CountingIterator(summary.toLocalIterator()));
        written =
            clock.time(
                "aggregate_and_write",
                () -> new SummaryWriter(database).replaceWindow(request.sourceUuid(), request.start(), request.end(), rows));
        counts = rows.counts();
      } finally {
        spark.sparkContext().clearJobGroup();
      }
      RunSummary outcome = new RunSummary(inputRows, written, counts, clock.orderedMillis());
      runs.succeed(runId, outcome);
      LOG.info("Run {} for {}: {} input rows, {} rows written {} in {} ms", runId, request, inputRows, written, counts, clock.millis());
      return new RunResult(runId, inputRows, written, counts, clock.orderedMillis());
    } catch (RuntimeException e) {
      runs.fail(runId, new RunSummary(inputRows, 0, Map.of(), clock.orderedMillis()), String.valueOf(e.getMessage()));
      throw e;
    }
  }

  /** The window's inputs and the number of rows their files hold. */
  private record ReadInputs(SummaryInputs inputs, long fileRows) {}

  private ReadInputs readInputs(RunRequest request) {
    UsageReader reader = new UsageReader(spark, settings.input());
    ReportInput pods = reader.read(ReportType.POD_USAGE, request);
    ReportInput storage = reader.read(ReportType.STORAGE_USAGE, request);
    ReportInput nodeLabels = reader.read(ReportType.NODE_LABELS, request);
    ReportInput namespaceLabels = reader.read(ReportType.NAMESPACE_LABELS, request);
    List<CostCategoryPattern> patterns =
        KokuReferenceTables.costCategoryPatterns(database).orElse(settings.summary().costCategories());
    SummaryInputs inputs =
        new SummaryInputs(
            pods.rows(),
            storage.rows(),
            nodeLabels.rows(),
            namespaceLabels.rows(),
            CostCategories.asDataset(spark, patterns));
    return new ReadInputs(
        inputs, pods.fileRows() + storage.fileRows() + nodeLabels.fileRows() + namespaceLabels.fileRows());
  }


}
