package dev.ocpsummary.summary;

import static dev.ocpsummary.source.InputColumns.INTERVAL_START;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import dev.ocpsummary.source.InputColumns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The node and namespace labels of each hour as their JSON text, ready to be joined to hourly usage
 * rows on (interval_start, node) or (interval_start, namespace) and parsed once those rows are summed.
 * Should a report hold two rows for the same key and hour, the larger JSON text wins, so the choice is
 * deterministic and usage rows never fan out.
 */
public final class HourlyLabels {

  /**
   * Adds node_labels and namespace_labels to hourly usage rows: the JSON texts of their node's and
   * namespace's labels of the same hour (NULL when the hour has none).
   */
  public static Dataset<Row> withTextsOfTheHour(Dataset<Row> hourly, Dataset<Row> nodeLabelRows, Dataset<Row> namespaceLabelRows) {
    return hourly
        .join(perHour(nodeLabelRows, InputColumns.NODE, InputColumns.NODE_LABELS), new String[] {INTERVAL_START, InputColumns.NODE}, "left")
        .join(
            perHour(namespaceLabelRows, InputColumns.NAMESPACE, InputColumns.NAMESPACE_LABELS),
            new String[] {INTERVAL_START, InputColumns.NAMESPACE},
            "left");
  }

  private static Dataset<Row> perHour(Dataset<Row> labelRows, String keyColumn, String labelColumn) {
    return labelRows.groupBy(col(INTERVAL_START), col(keyColumn)).agg(max(labelColumn).as(labelColumn));
  }

  private HourlyLabels() {}
}
