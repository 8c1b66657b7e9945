package dev.ocpsummary.validate;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Queries over the summary rows of one source and window, on one connection. Every query may name
 * the rows as {@code w} (a common table expression over the window); other parts of the table are
 * reached through {@link #TABLE}. Values come back as JDBC gives them, with {@code numeric} as
 * {@link Double} and {@code date} as {@link LocalDate}.
 */
final class SummaryWindow {

  static final String TABLE = "reporting_ocpusagelineitem_daily_summary";

  private final Connection connection;
  private final String sourceUuid;
  private final LocalDate start;
  private final LocalDate end;

  SummaryWindow(Connection connection, String sourceUuid, LocalDate start, LocalDate end) {
    this.connection = connection;
    this.sourceUuid = sourceUuid;
    this.start = start;
    this.end = end;
  }

  String sourceUuid() {
    return sourceUuid;
  }

  LocalDate start() {
    return start;
  }

  LocalDate end() {
    return end;
  }

  /**
   * The rows of {@code select}, which may read {@code w}; the parameters {@code ?} of {@code select}
   * are bound to {@code parameters} ({@link LocalDate}s as dates).
   */
  List<Object[]> rows(String select, Object... parameters) {
    String sql = "WITH w AS (SELECT * FROM " + TABLE + " WHERE source_uuid = ?::uuid AND usage_start BETWEEN ? AND ?) " + select;
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, sourceUuid);
      statement.setDate(2, Date.valueOf(start));
      statement.setDate(3, Date.valueOf(end));
      for (int i = 0; i < parameters.length; i++) {
        Object value = parameters[i] instanceof LocalDate day ? Date.valueOf(day) : parameters[i];
        statement.setObject(i + 4, value);
      }
      try (ResultSet result = statement.executeQuery()) {
        int columns = result.getMetaData().getColumnCount();
        List<Object[]> rows = new ArrayList<>();
        while (result.next()) {
          Object[] row = new Object[columns];
          for (int c = 0; c < columns; c++) {
            row[c] = plain(result.getObject(c + 1));
          }
          rows.add(row);
        }
        return rows;
      }
    } catch (SQLException e) {
      throw new QueryFailure(sql, e);
    }
  }

  /** The only row of {@code select}. */
  Object[] row(String select, Object... parameters) {
    List<Object[]> rows = rows(select, parameters);
    if (rows.size() != 1) {
      throw new IllegalStateException("expected one row, got " + rows.size() + ": " + select);
    }
    return rows.get(0);
  }

  /** The first column of the only row of {@code select}, as a long (a count). */
  long count(String select, Object... parameters) {
    return ((Number) row(select, parameters)[0]).longValue();
  }

  private static Object plain(Object value) {
    if (value instanceof BigDecimal decimal) {
      return decimal.doubleValue();
    }
    if (value instanceof Date date) {
      return date.toLocalDate();
    }
    if (value instanceof org.postgresql.util.PGobject object) {
      return object.getValue();
    }
    return value;
  }

  /** A query failed: the message holds the SQL (for the log), the cause the database's reason. */
  static final class QueryFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    QueryFailure(String sql, SQLException cause) {
      super("query failed: " + sql, cause);
    }
  }
}
