package dev.ocpsummary.exec;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The summary rows of a window, one day after the other, pulled through {@code toLocalIterator()}:
 * a day's query starts only when the previous day's rows are used up, and within a day Spark runs
 * one job per result partition, so the driver holds one partition at a time. Each day's jobs run in
 * a job group of their own ({@code <prefix>iterate-<day>}).
 *
 * <p>It also times the Spark side of the stream: the wait for each day's first row (the day's scan
 * and the map side of its aggregations run in that first job) and all time spent inside {@code
 * hasNext}/{@code next}, so that the caller can tell Spark's time from the database's.
 */
final class DayByDayRows implements Iterator<Row> {

  /** What one day gave. */
  record Day(LocalDate day, long rows, long firstRowNanos, long sparkNanos) {}

  private final SparkContext context;
  private final String groupPrefix;
  private final Iterator<LocalDate> days;
  private final Function<LocalDate, Dataset<Row>> rowsOfDay;
  private final List<Day> finished = new ArrayList<>();

  private Iterator<Row> current;
  private LocalDate currentDay;
  private long currentRows;
  private long currentFirstRowNanos = -1;
  private long currentSparkNanos;
  private long sparkNanos;

  DayByDayRows(SparkContext context, String groupPrefix, List<LocalDate> days, Function<LocalDate, Dataset<Row>> rowsOfDay) {
    this.context = context;
    this.groupPrefix = groupPrefix;
    this.days = days.iterator();
    this.rowsOfDay = rowsOfDay;
  }

  @Override
  public boolean hasNext() {
    long started = System.nanoTime();
    try {
      while (true) {
        if (current != null) {
          boolean more = current.hasNext();
          if (currentFirstRowNanos < 0) {
            currentFirstRowNanos = currentSparkNanos + (System.nanoTime() - started);
          }
          if (more) {
            return true;
          }
          closeDay(started);
          started = System.nanoTime();
        }
        if (!days.hasNext()) {
          return false;
        }
        openDay(days.next());
      }
    } finally {
      long spent = System.nanoTime() - started;
      sparkNanos += spent;
      currentSparkNanos += spent;
    }
  }

  @Override
  public Row next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    long started = System.nanoTime();
    Row row = current.next();
    long spent = System.nanoTime() - started;
    sparkNanos += spent;
    currentSparkNanos += spent;
    currentRows++;
    return row;
  }

  private void openDay(LocalDate day) {
    // The day's jobs are submitted from this thread while the iterator is drained, so the group set
    // here is the one they carry.
    context.setJobGroup(groupPrefix + "iterate-" + day, "summarize " + day + ", rows to the driver partition by partition", false);
    currentDay = day;
    currentRows = 0;
    currentFirstRowNanos = -1;
    currentSparkNanos = 0;
    current = rowsOfDay.apply(day).toLocalIterator();
  }

  private void closeDay(long started) {
    currentSparkNanos += System.nanoTime() - started;
    sparkNanos += System.nanoTime() - started;
    finished.add(new Day(currentDay, currentRows, Math.max(currentFirstRowNanos, 0), currentSparkNanos));
    current = null;
  }

  /** Nanoseconds spent inside Spark so far (all days). */
  long sparkNanos() {
    return sparkNanos;
  }

  /** Nanoseconds spent waiting for each day's first row, summed over the finished days. */
  long firstRowNanos() {
    return finished.stream().mapToLong(Day::firstRowNanos).sum();
  }

  /** The days whose rows have all been read. */
  List<Day> days() {
    return List.copyOf(finished);
  }

  Map<String, Object> asRecord() {
    List<Object> list = new ArrayList<>();
    for (Day d : finished) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("day", d.day().toString());
      m.put("rows", d.rows());
      m.put("first_row_millis", d.firstRowNanos() / 1_000_000);
      m.put("spark_millis", d.sparkNanos() / 1_000_000);
      list.add(m);
    }
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("days", list);
    return record;
  }
}
