package dev.ocpsummary.datagen;

import dev.ocpsummary.source.InputColumns;
import dev.ocpsummary.source.ReportType;
import java.time.LocalDateTime;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructField;

/** Hourly label rows, and rows of any report from column values, in the reader's schema order. */
public final class InputRows {

  private InputRows() {}

  /** A node-label row: the node's labels (JSON object text) during the hour. */
  public static Row nodeLabels(LocalDateTime intervalStart, String node, String labelsJson) {
    return inSchemaOrder(
        ReportType.NODE_LABELS,
        Map.of(InputColumns.INTERVAL_START, intervalStart, InputColumns.NODE, node, InputColumns.NODE_LABELS, labelsJson));
  }

  /** A namespace-label row: the namespace's labels (JSON object text) during the hour. */
  public static Row namespaceLabels(LocalDateTime intervalStart, String namespace, String labelsJson) {
    return inSchemaOrder(
        ReportType.NAMESPACE_LABELS,
        Map.of(
            InputColumns.INTERVAL_START,
            intervalStart,
            InputColumns.NAMESPACE,
            namespace,
            InputColumns.NAMESPACE_LABELS,
            labelsJson));
  }

  /** A row of {@code report} from column values; columns not given are NULL. */
  public static Row inSchemaOrder(ReportType report, Map<String, Object> values) {
    StructField[] fields = report.schema().fields();
    Object[] row = new Object[fields.length];
    for (int i = 0; i < fields.length; i++) {
      row[i] = values.get(fields[i].name());
    }
    return RowFactory.create(row);
  }
}
