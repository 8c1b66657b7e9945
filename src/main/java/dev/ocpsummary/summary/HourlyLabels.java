package dev.ocpsummary.summary;

import static dev.ocpsummary.source.InputColumns.INTERVAL_START;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import dev.ocpsummary.source.InputColumns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The node and namespace labels of each hour, as label maps of the enabled keys, ready to be joined to
 * hourly usage rows on (interval_start, node) or (interval_start, namespace). Should a report hold two
 * rows for the same key and hour, the larger JSON text wins, so the choice is deterministic and usage
 * rows never fan out.
 */
public final class HourlyLabels {

  /** Column of the node's label map in {@link #ofNodes}. */
  public static final String NODE_LABEL_MAP = "node_label_map";

  /** Column of the namespace's label map in {@link #ofNamespaces}. */
  public static final String NAMESPACE_LABEL_MAP = "namespace_label_map";

  /** (interval_start, node, node_label_map). */
  public static Dataset<Row> ofNodes(Dataset<Row> nodeLabelRows, LabelRules labels) {
    return asMaps(textOfNodes(nodeLabelRows), InputColumns.NODE, InputColumns.NODE_LABELS, labels, NODE_LABEL_MAP);
  }

  /** (interval_start, namespace, namespace_label_map). */
  public static Dataset<Row> ofNamespaces(Dataset<Row> namespaceLabelRows, LabelRules labels) {
    return asMaps(
        textOfNamespaces(namespaceLabelRows), InputColumns.NAMESPACE, InputColumns.NAMESPACE_LABELS, labels, NAMESPACE_LABEL_MAP);
  }

  /**
   * (interval_start, node, node_labels): the node labels of each hour as their JSON text, unparsed,
   * for transformations that parse them only after reducing the rows they join.
   */
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

  private static Dataset<Row> asMaps(Dataset<Row> texts, String keyColumn, String labelColumn, LabelRules labels, String alias) {
    return texts.select(col(INTERVAL_START), col(keyColumn), labels.enabledLabels(col(labelColumn)).as(alias));
  }

  private HourlyLabels() {}
}
