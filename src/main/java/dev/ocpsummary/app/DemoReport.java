package dev.ocpsummary.app;

import dev.ocpsummary.config.RunRequest;
import dev.ocpsummary.sink.SinkException;
import dev.ocpsummary.sink.SummaryDatabase;
import dev.ocpsummary.summary.SummaryColumns;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the demo reads back from PostgreSQL after its run: rows per kind (Pod, Storage, and the
 * unallocated rows, which Koku files under data_source Pod without pod labels), the sums of the pod
 * measures over Pod rows, and the cluster capacity of each day.
 */
record DemoReport(Map<String, Long> rowsByDataSource, Map<String, Double> podTotals, Map<Date, double[]> clusterCapacity) {

  static DemoReport read(SummaryDatabase database, RunRequest request) {
    String table = database.qualified("reporting_ocpusagelineitem_daily_summary");
    String window = " WHERE source_uuid = ?::uuid AND usage_start BETWEEN ? AND ?";
    try (Connection connection = database.connect()) {
      Map<String, Long> rows = new LinkedHashMap<>();
      try (PreparedStatement q =
          connection.prepareStatement(
              "SELECT CASE WHEN data_source = 'Pod' AND pod_labels IS NULL THEN '" + SummaryColumns.ROW_KIND_UNALLOCATED
                  + "' ELSE data_source END, count(*) FROM " + table + window + " GROUP BY 1 ORDER BY 1")) {
        bind(q, request);
        try (ResultSet r = q.executeQuery()) {
          while (r.next()) {
            rows.put(r.getString(1), r.getLong(2));
          }
        }
      }
      Map<String, Double> totals = new LinkedHashMap<>();
      String sums = String.join(", ", SummaryColumns.POD_MEASURES.stream().map(m -> "sum(" + m + ")").toList());
      try (PreparedStatement q =
          connection.prepareStatement(
              "SELECT " + sums + " FROM " + table + window
                  + " AND data_source = 'Pod' AND pod_labels IS NOT NULL")) {
        bind(q, request);
        try (ResultSet r = q.executeQuery()) {
          r.next();
          for (int i = 0; i < SummaryColumns.POD_MEASURES.size(); i++) {
            totals.put(SummaryColumns.POD_MEASURES.get(i), r.getDouble(i + 1));
          }
        }
      }
      Map<Date, double[]> capacity = new LinkedHashMap<>();
      try (PreparedStatement q =
          connection.prepareStatement(
              "SELECT usage_start, max(cluster_capacity_cpu_core_hours), max(cluster_capacity_memory_gigabyte_hours) FROM "
                  + table + window + " GROUP BY 1 ORDER BY 1")) {
        bind(q, request);
        try (ResultSet r = q.executeQuery()) {
          while (r.next()) {
            capacity.put(r.getDate(1), new double[] {r.getDouble(2), r.getDouble(3)});
          }
        }
      }
      return new DemoReport(rows, totals, capacity);
    } catch (SQLException e) {
      throw new SinkException("cannot read the demo's summary back: " + e.getMessage(), e);
    }
  }

  private static void bind(PreparedStatement q, RunRequest request) throws SQLException {
    q.setString(1, request.sourceUuid());
    q.setDate(2, Date.valueOf(request.start()));
    q.setDate(3, Date.valueOf(request.end()));
  }
}
