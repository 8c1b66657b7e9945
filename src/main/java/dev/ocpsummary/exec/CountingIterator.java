package dev.ocpsummary.exec;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/** Passes rows through while counting them by the value of one column (the data_source). */
final class CountingIterator implements Iterator<Row> {

  private final Iterator<Row> rows;
  private final int keyIndex;
  private final Map<String, Long> counts = new TreeMap<>();

  CountingIterator(Iterator<Row> rows, int keyIndex) {
    this.rows = rows;
    this.keyIndex = keyIndex;
  }

  @Override
  public boolean hasNext() {
    return rows.hasNext();
  }

  @Override
  public Row next() {
    Row row = rows.next();
    counts.merge(String.valueOf(row.get(keyIndex)), 1L, Long::sum);
    return row;
  }

  Map<String, Long> counts() {
    return Map.copyOf(counts);
  }
}
