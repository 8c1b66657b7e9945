package dev.ocpsummary.summary;

import dev.ocpsummary.config.CostCategoryPattern;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Namespace to cost category (DESIGN decision 3): a namespace gets the largest id among the patterns
 * it matches with SQL LIKE semantics ({@code %} any run, {@code _} one character, case-sensitive), or
 * NULL. Matching is done once per distinct namespace, so a namespace that matches several patterns is
 * never multiplied (Koku's join before aggregation would multiply its measures).
 */
public final class CostCategories {

  static final String PATTERN = "pattern";
  static final StructType PATTERN_SCHEMA =
      new StructType()
          .add(PATTERN, DataTypes.StringType, false)
          .add(SummaryColumns.COST_CATEGORY_ID, DataTypes.IntegerType, false);

  /** The patterns as a small Dataset (pattern, cost_category_id). */
  public static Dataset<Row> asDataset(SparkSession spark, List<CostCategoryPattern> patterns) {
    List<Row> rows =
        patterns.stream().map(p -> RowFactory.create(p.pattern(), p.costCategoryId())).toList();
    return spark.createDataFrame(rows, PATTERN_SCHEMA);
  }

  /** (namespace, cost_category_id) for every distinct namespace of {@code rows} that matches a pattern. */
  public static Dataset<Row> forNamespaces(Dataset<Row> rows, Dataset<Row> patterns) {
    Dataset<Row> namespaces = rows.select(SummaryColumns.NAMESPACE).distinct();
    return namespaces
        .join(
            functions.broadcast(patterns),
            functions.like(namespaces.col(SummaryColumns.NAMESPACE), patterns.col(PATTERN)))
        .groupBy(namespaces.col(SummaryColumns.NAMESPACE))
        .agg(functions.max(SummaryColumns.COST_CATEGORY_ID).as(SummaryColumns.COST_CATEGORY_ID));
  }

  /** Adds cost_category_id to rows by their namespace. */
  public static Dataset<Row> withCostCategory(Dataset<Row> rows, Dataset<Row> patterns) {
    return rows.join(forNamespaces(rows, patterns), SummaryColumns.NAMESPACE, "left");
  }

  private CostCategories() {}
}
