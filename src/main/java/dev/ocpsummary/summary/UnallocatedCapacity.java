package dev.ocpsummary.summary;

import static dev.ocpsummary.summary.SummaryColumns.*;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.ocpsummary.config.CostCategoryPattern;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Unallocated capacity rows (specs/aggregation.md E.2, DESIGN decision 5): per node and day, the
 * node's capacity minus what its Pod rows use, request and effectively use, for CPU and memory.
 * Master and infra nodes give a {@code Platform unallocated} row, workers a {@code Worker
 * unallocated} row, and a node without a known role a row with a NULL namespace. The values are not
 * clamped: over-committed nodes give negative values. Unallocated rows carry data_source {@code Pod},
 * no labels ({@code all_labels = {}}), no limits and no infrastructure cost.
 *
 * <p>Only real Pod rows are input: rows already unallocated, or with a NULL namespace, are excluded,
 * so the identity Σ Pod rows + Σ unallocated rows = Σ node capacity holds per day.
 */
public final class UnallocatedCapacity {

  public static final String PLATFORM_UNALLOCATED = "Platform unallocated";
  public static final String WORKER_UNALLOCATED = "Worker unallocated";

  /** Namespaces that Koku's later steps synthesise; never input to this computation. */
  static final List<String> SYNTHETIC_NAMESPACES =
      List.of(PLATFORM_UNALLOCATED, WORKER_UNALLOCATED, "Network unattributed", "Storage unattributed");

  private static final List<String[]> CAPACITY_MINUS =
      List.of(
          new String[] {NODE_CAPACITY_CPU_CORE_HOURS, POD_USAGE_CPU_CORE_HOURS},
          new String[] {NODE_CAPACITY_CPU_CORE_HOURS, POD_REQUEST_CPU_CORE_HOURS},
          new String[] {NODE_CAPACITY_CPU_CORE_HOURS, POD_EFFECTIVE_USAGE_CPU_CORE_HOURS},
          new String[] {NODE_CAPACITY_MEMORY_GIGABYTE_HOURS, POD_USAGE_MEMORY_GIGABYTE_HOURS},
          new String[] {NODE_CAPACITY_MEMORY_GIGABYTE_HOURS, POD_REQUEST_MEMORY_GIGABYTE_HOURS},
          new String[] {NODE_CAPACITY_MEMORY_GIGABYTE_HOURS, POD_EFFECTIVE_USAGE_MEMORY_GIGABYTE_HOURS});

  /** Unallocated rows in {@link SummaryColumns#ALL} order, from Pod rows and the node roles. */
  public static Dataset<Row> summarize(
      Dataset<Row> podRows, Dataset<Row> nodeRoles, List<CostCategoryPattern> costCategoryPatterns, RunIdentity identity) {
    List<Column> aggregates = new ArrayList<>();
    for (String capacity : CAPACITY_MEASURES) {
      aggregates.add(max(capacity).as(capacity));
    }
    for (String[] pair : CAPACITY_MINUS) {
      aggregates.add(sum(pair[1]).as(pair[1]));
    }
    aggregates.add(max(RESOURCE_ID).as(RESOURCE_ID));

    Dataset<Row> perNodeDay =
        podRows
            .where(
                col(DATA_SOURCE)
                    .equalTo(DATA_SOURCE_POD)
                    .and(col(NODE).isNotNull())
                    .and(notIn(col(NAMESPACE), SYNTHETIC_NAMESPACES)))
            .groupBy(col(NODE), col(USAGE_START))
            .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new));
    Map<String, Column> unallocated = new LinkedHashMap<>();
    for (String[] pair : CAPACITY_MINUS) {
      unallocated.put(pair[1], col(pair[0]).minus(col(pair[1])));
    }
    perNodeDay = perNodeDay.withColumns(unallocated);
    Dataset<Row> withNamespace =
        perNodeDay
            .join(nodeRoles, new String[] {NODE}, "left")
            .withColumn(
                NAMESPACE,
                when(col(NodeRoles.NODE_ROLE).isin(NodeRoles.MASTER, NodeRoles.INFRA), lit(PLATFORM_UNALLOCATED))
                    .when(col(NodeRoles.NODE_ROLE).equalTo(NodeRoles.WORKER), lit(WORKER_UNALLOCATED))
                    .otherwise(lit(null).cast(DataTypes.StringType)));
    return SummaryColumns.conformToOutput(
        PodSummary.withRowConstants(
                CostCategories.withCostCategory(withNamespace, costCategoryPatterns), identity, DATA_SOURCE_POD)
            .withColumn(INFRASTRUCTURE_USAGE_COST, lit(null).cast(DataTypes.StringType))
            .withColumn(ALL_LABELS, lit("{}")));
  }

  /** {@code column NOT IN (values)} with SQL semantics: NULL stays NULL, so NULL namespaces drop out. */
  private static Column notIn(Column column, List<String> values) {
    return org.apache.spark.sql.functions.not(column.isin(values.toArray()));
  }

  private UnallocatedCapacity() {}
}
