package dev.ocpsummary.summary;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;

import dev.ocpsummary.source.InputColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The role of each node in the window, derived as Koku derives it for its node table
 * (specs/aggregation.md E.1, DESIGN decision 5): the operator's {@code node_role} when it reported
 * one; otherwise {@code master} if any pod of the node ran in {@code openshift-kube-apiserver},
 * {@code infra} if one of its node-label sets has {@code node_role_kubernetes_io = infra}, else
 * {@code worker}. Like Koku, a node without any node-label row in the window (and no operator role)
 * gets no role: its unallocated row has a NULL namespace.
 *
 * <p>Labels are read unfiltered here: the role does not depend on which label keys are enabled.
 */
public final class NodeRoles {

  public static final String NODE_ROLE = "node_role";
  public static final String MASTER = "master";
  public static final String INFRA = "infra";
  public static final String WORKER = "worker";

  static final String API_SERVER_NAMESPACE = "openshift-kube-apiserver";
  static final String ROLE_LABEL = "node_role_kubernetes_io";

  private static final String OPERATOR_ROLE = "operator_role";
  private static final String RUNS_API_SERVER = "runs_api_server";
  private static final String INFRA_LABELLED = "infra_labelled";

  /**
   * (node, node_role) for every scheduled node of the pod rows (hourly rows or {@link PodDays}: any
   * rows with node, node_role and namespace); node_role may be NULL.
   */
  public static Dataset<Row> derive(Dataset<Row> podRows, Dataset<Row> nodeLabelRows) {
    Column operatorRole =
        when(col(InputColumns.NODE_ROLE).notEqual(""), col(InputColumns.NODE_ROLE));
    Dataset<Row> podFacts =
        PodSummary.scheduledOnNode(podRows)
            .select(
                col(InputColumns.NODE),
                operatorRole.as(OPERATOR_ROLE),
                col(InputColumns.NAMESPACE).equalTo(API_SERVER_NAMESPACE).as(RUNS_API_SERVER));
    Dataset<Row> fromPods =
        KeepDistinct.groupBy(podFacts, col(InputColumns.NODE))
            .agg(max(OPERATOR_ROLE).as(OPERATOR_ROLE), max(RUNS_API_SERVER).as(RUNS_API_SERVER));
    Column roleLabel = LabelRules.valueOf(col(InputColumns.NODE_LABELS), ROLE_LABEL);
    Dataset<Row> fromLabels =
        nodeLabelRows
            .groupBy(col(InputColumns.NODE))
            .agg(max(functions.coalesce(roleLabel.equalTo(INFRA), lit(false))).as(INFRA_LABELLED));
    return fromPods
        .join(fromLabels, new String[] {InputColumns.NODE}, "left")
        .select(
            col(InputColumns.NODE),
            when(col(OPERATOR_ROLE).isNotNull(), col(OPERATOR_ROLE))
                .when(col(INFRA_LABELLED).isNull(), lit(null).cast("string"))
                .when(col(RUNS_API_SERVER), lit(MASTER))
                .when(col(INFRA_LABELLED), lit(INFRA))
                .otherwise(lit(WORKER))
                .as(NODE_ROLE));
  }

  private NodeRoles() {}
}
