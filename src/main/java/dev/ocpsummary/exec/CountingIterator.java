package dev.ocpsummary.exec;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import dev.ocpsummary.summary.SummaryColumns;
import org.apache.spark.sql.Row;

/** Passes summary rows through while counting them by {@link SummaryColumns#rowKind}. */
final class CountingIterator implements Iterator<Row> {

  private final Iterator<Row> rows;
  private final Map<String, Long> counts = new TreeMap<>();

  CountingIterator(Iterator<Row> rows) {
    this.rows = rows;
  }

  @Override
  public boolean hasNext() {
    return rows.hasNext();
  }

  @Override
  public Row next() {
    Row row = rows.next();
    counts.merge(SummaryColumns.rowKind(row), 1L, Long::sum);
    return row;
  }

  Map<String, Long> counts() {
    return Map.copyOf(counts);
  }
}
