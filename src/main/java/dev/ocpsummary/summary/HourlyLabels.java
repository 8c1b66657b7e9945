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

  /** (interval_start, node, node_labels): the node labels of each hour as their JSON text. */
  public static Dataset<Row> textOfNodes(Dataset<Row> nodeLabelRows) {
    return perHour(nodeLabelRows, InputColumns.NODE, InputColumns.NODE_LABELS);
  }

  /** (interval_start, namespace, namespace_labels) as JSON text, like {@link #textOfNodes}. */
  public static Dataset<Row> textOfNamespaces(Dataset<Row> namespaceLabelRows) {
    return perHour(namespaceLabelRows, InputColumns.NAMESPACE, InputColumns.NAMESPACE_LABELS);
  }

  private static Dataset<Row> perHour(Dataset<Row> labelRows, String keyColumn, String labelColumn) {
    return labelRows.groupBy(col(INTERVAL_START), col(keyColumn)).agg(max(labelColumn).as(labelColumn));
  }

  private HourlyLabels() {}
}
