package dev.ocpsummary.sink;

import dev.ocpsummary.summary.SummaryColumns;
import dev.ocpsummary.summary.SummaryColumns.OutputColumn;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.apache.spark.sql.Row;

/**
 * Encodes summary rows as lines of PostgreSQL's {@code COPY ... (FORMAT csv)} input, one column of
 * {@link SummaryColumns#ALL} per field, in that order.
 *
 * <p>NULL is an unquoted empty field and every text, JSON and UUID value is quoted (quotes doubled),
 * so an empty string stays an empty string and a value can never be read as the end-of-data marker.
 * Numbers are written in plain decimal notation and dates as ISO-8601. A row of the wrong width, a
 * value of an unexpected Java type, or a NaN or infinite number is rejected with a {@link
 * SinkException} naming the column and the value; nothing of that row is left in the buffer.
 */
final class CsvRowEncoder {

  /** Below this magnitude the plain notation gets long; PostgreSQL also reads the exponent form. */
  private static final double SMALLEST_PLAIN = 1e-20;

  private final List<OutputColumn> columns = SummaryColumns.ALL;

  /** Appends the row as one CSV line, terminated by a newline. */
  void append(Row row, StringBuilder out) {
    if (row.length() != columns.size()) {
      throw new SinkException(
          "the row has " + row.length() + " fields, the summary has " + columns.size() + " columns");
    }
    int lineStart = out.length();
    try {
      for (int i = 0; i < columns.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        Object value = row.get(i);
        if (value != null) {
          appendValue(columns.get(i), value, out);
        }
      }
      out.append('\n');
    } catch (RuntimeException e) {
      out.setLength(lineStart);
      throw e;
    }
  }

  /** The row as one CSV line, for tests and messages. */
  String encode(Row row) {
    StringBuilder line = new StringBuilder();
    append(row, line);
    return line.toString();
  }

  private static void appendValue(OutputColumn column, Object value, StringBuilder out) {
    switch (column.kind()) {
      case TEXT, JSONB -> {
        if (!(value instanceof CharSequence)) {
          throw unexpectedType(column, value);
        }
        appendQuoted(value.toString(), out);
      }
      case UUID -> {
        if (!(value instanceof CharSequence) && !(value instanceof UUID)) {
          throw unexpectedType(column, value);
        }
        appendQuoted(value.toString(), out);
      }
      case NUMERIC -> out.append(numeric(column, value));
      case INTEGER -> {
        if (!(value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte)) {
          throw unexpectedType(column, value);
        }
        out.append(((Number) value).longValue());
      }
      case DATE -> out.append(date(column, value));
      default -> throw new IllegalStateException("unknown column kind " + column.kind());
    }
  }

  private static String numeric(OutputColumn column, Object value) {
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (!Double.isFinite(d)) {
        throw new SinkException("column " + column.name() + " has the non-finite value " + value);
      }
      if (d != 0 && Math.abs(d) < SMALLEST_PLAIN) {
        return value.toString();
      }
      // valueOf goes through the shortest decimal that reads back as the same float or double.
      BigDecimal decimal =
          value instanceof Float ? new BigDecimal(value.toString()) : BigDecimal.valueOf(d);
      return decimal.toPlainString();
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short
        || value instanceof Byte || value instanceof BigInteger) {
      return value.toString();
    }
    throw unexpectedType(column, value);
  }

  private static String date(OutputColumn column, Object value) {
    if (value instanceof LocalDate local) {
      return local.toString();
    }
    if (value instanceof java.sql.Date sql) {
      return sql.toLocalDate().toString();
    }
    throw unexpectedType(column, value);
  }

  private static void appendQuoted(String text, StringBuilder out) {
    out.append('"');
    int from = 0;
    for (int quote = text.indexOf('"'); quote >= 0; quote = text.indexOf('"', from)) {
      out.append(text, from, quote + 1).append('"');
      from = quote + 1;
    }
    out.append(text, from, text.length()).append('"');
  }

  private static SinkException unexpectedType(OutputColumn column, Object value) {
    return new SinkException(
        "column " + column.name() + " (" + column.kind() + ") cannot hold the "
            + value.getClass().getName() + " value " + value);
  }
}
