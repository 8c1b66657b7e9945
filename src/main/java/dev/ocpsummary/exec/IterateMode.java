package dev.ocpsummary.exec;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.ocpsummary.config.LockWait;
import dev.ocpsummary.config.RunRequest;
import dev.ocpsummary.sink.SummaryDatabase;
import dev.ocpsummary.sink.SummaryWriter;
import dev.ocpsummary.summary.DailySummary;
import dev.ocpsummary.summary.LabelRules;
import dev.ocpsummary.summary.RunIdentity;
import dev.ocpsummary.summary.SummaryColumns;
import dev.ocpsummary.summary.SummaryInputs;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * ITERATE: one day at a time, rows pulled to the driver with {@code toLocalIterator()} and streamed
 * into one COPY inside the run's single transaction.
 *
 * <p>The window's inputs are first checked for copied or conflicting hourly rows ({@link
 * InputDuplicates}), one scan of the window. The window's summary is built once, lazily, from the
 * uncached inputs; each day is that summary
 * filtered to the day, so rows that depend on the whole window (node roles) are the same as in
 * CACHE. Spark pushes the day filter down to the hourly rows where it can; the price is that every
 * day scans the window's files again. The writer's transaction opens before the first day and
 * commits after the last: a failure or a killed JVM at any point leaves the table as it was.
 *
 * <p>Memory: nothing is cached. The driver holds one result partition of one day at a time (plus the
 * writer's 1 MB buffer), and the executors' memory is that of one day's aggregation, so peak memory
 * stays nearly flat as the window's input grows, at the cost of time.
 */
final class IterateMode {

  private final SparkContext context;
  private final SummaryDatabase database;
  private final LockWait lockWait;
  private final String groupPrefix;

  IterateMode(SparkContext context, SummaryDatabase database, LockWait lockWait, String groupPrefix) {
    this.context = context;
    this.database = database;
    this.lockWait = lockWait;
    this.groupPrefix = groupPrefix;
  }

  ModeOutcome run(
      WindowInputs inputs, InputDuplicates duplicates, LabelRules labels, RunIdentity identity, RunRequest request,
      PhaseClock clock) {
    // one scan of the window before the first day: a copied hour must not count on any day
    SummaryInputs checked =
        clock.time("read", () -> duplicates.apply(inputs.summaryInputs(rows -> rows), rows -> rows));
    Dataset<Row> summary = DailySummary.build(checked, labels, identity);
    DayByDayRows days = new DayByDayRows(context, groupPrefix, request.days(), day -> ofDay(summary, day));
    CountingIterator rows = new CountingIterator(days);
    long started = System.nanoTime();
    long written;
    try {
      written =
          new SummaryWriter(database, lockWait)
              .replaceWindow(request.sourceUuid(), request.start(), request.end(), rows);
    } finally {
      long total = System.nanoTime() - started;
      clock.add("read", days.firstRowNanos());
      clock.add("aggregate", days.sparkNanos() - days.firstRowNanos());
      clock.add("write", total - days.sparkNanos());
    }
    long dbWriteMillis = (System.nanoTime() - started - days.sparkNanos()) / 1_000_000;
    Map<String, Object> details = new LinkedHashMap<>(days.asRecord());
    return new ModeOutcome(written, rows.counts(), dbWriteMillis, details);
  }

  /** The summary rows of one day of the window. */
  static Dataset<Row> ofDay(Dataset<Row> summary, LocalDate day) {
    return summary.where(col(SummaryColumns.USAGE_START).equalTo(lit(day)));
  }
}
