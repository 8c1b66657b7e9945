package dev.ocpsummary.app;

import dev.ocpsummary.config.RunRequest;
import dev.ocpsummary.datagen.ExpectedSummary;
import dev.ocpsummary.sink.SinkException;
import dev.ocpsummary.sink.SummaryDatabase;
import dev.ocpsummary.summary.SummaryColumns;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the demo reads back from PostgreSQL after its run: rows per kind (Pod, Storage, and the
 * unallocated rows, which Koku files under data_source Pod without pod labels), the sums of the
 * measures of each kind, and the cluster capacity of each day.
 */
record DemoReport(
    Map<String, Long> rowsByKind,
    Map<String, Double> podTotals,
    Map<String, Double> unallocatedTotals,
    Map<String, Double> storageTotals,
    Map<LocalDate, Map<String, Double>> clusterCapacityPerDay) {

  private static final String POD_ROWS = "data_source = 'Pod' AND pod_labels IS NOT NULL";
  private static final String UNALLOCATED_ROWS = "data_source = 'Pod' AND pod_labels IS NULL";
  private static final String STORAGE_ROWS = "data_source = 'Storage'";

  static DemoReport read(SummaryDatabase database, RunRequest request) {
    String table = database.qualified("reporting_ocpusagelineitem_daily_summary");
    String window = " FROM " + table + " WHERE source_uuid = ?::uuid AND usage_start BETWEEN ? AND ?";
    try (Connection connection = database.connect()) {
      Map<String, Long> rows = new LinkedHashMap<>();
      for (String kind : List.of(SummaryColumns.DATA_SOURCE_POD, SummaryColumns.DATA_SOURCE_STORAGE, SummaryColumns.ROW_KIND_UNALLOCATED)) {
        String where = kind.equals(SummaryColumns.DATA_SOURCE_POD) ? POD_ROWS : kind.equals(SummaryColumns.DATA_SOURCE_STORAGE) ? STORAGE_ROWS : UNALLOCATED_ROWS;
        rows.put(kind, sums(connection, "SELECT count(*)" + window + " AND " + where, List.of("count"), request).get("count").longValue());
      }
      Map<LocalDate, Map<String, Double>> capacity = new LinkedHashMap<>();
      try (PreparedStatement q =
          connection.prepareStatement(
              "SELECT usage_start, max(cluster_capacity_cpu_core_hours), max(cluster_capacity_memory_gigabyte_hours)"
                  + window + " GROUP BY 1 ORDER BY 1")) {
        bind(q, request);
        try (ResultSet r = q.executeQuery()) {
          while (r.next()) {
            capacity.put(
                r.getDate(1).toLocalDate(),
                Map.of(
                    SummaryColumns.CLUSTER_CAPACITY_CPU_CORE_HOURS, r.getDouble(2),
                    SummaryColumns.CLUSTER_CAPACITY_MEMORY_GIGABYTE_HOURS, r.getDouble(3)));
          }
        }
      }
      return new DemoReport(
          rows,
          sums(connection, sumsOf(ExpectedSummary.POD_TOTALS) + window + " AND " + POD_ROWS, ExpectedSummary.POD_TOTALS, request),
          sums(connection, sumsOf(ExpectedSummary.UNALLOCATED_TOTALS) + window + " AND " + UNALLOCATED_ROWS, ExpectedSummary.UNALLOCATED_TOTALS, request),
          sums(connection, sumsOf(ExpectedSummary.STORAGE_TOTALS) + window + " AND " + STORAGE_ROWS, ExpectedSummary.STORAGE_TOTALS, request),
          capacity);
    } catch (SQLException e) {
      throw new SinkException("cannot read the demo's summary back: " + e.getMessage(), e);
    }
  }

  private static String sumsOf(List<String> columns) {
    return "SELECT " + String.join(", ", columns.stream().map(c -> "coalesce(sum(" + c + "), 0)").toList());
  }

  private static Map<String, Double> sums(Connection connection, String sql, List<String> names, RunRequest request)
      throws SQLException {
    try (PreparedStatement q = connection.prepareStatement(sql)) {
      bind(q, request);
      try (ResultSet r = q.executeQuery()) {
        r.next();
        Map<String, Double> values = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
          values.put(names.get(i), r.getDouble(i + 1));
        }
        return values;
      }
    }
  }

  private static void bind(PreparedStatement q, RunRequest request) throws SQLException {
    q.setString(1, request.sourceUuid());
    q.setDate(2, Date.valueOf(request.start()));
    q.setDate(3, Date.valueOf(request.end()));
  }
}
