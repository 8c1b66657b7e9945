package dev.ocpsummary.summary;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import dev.ocpsummary.config.CostCategoryPattern;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Namespace to cost category (DESIGN decision 3): a namespace gets the largest id among the patterns
 * it matches with SQL LIKE semantics ({@code %} any run, {@code _} one character, case-sensitive), or
 * NULL. The patterns are few and known before the job starts, so the match is one column expression
 * per row: a namespace that matches several patterns is never multiplied (Koku's join before
 * aggregation would multiply its measures), and the summary's plan gets no join for it.
 */
public final class CostCategories {

  /** The cost category id of the namespace in {@code namespace}: the largest matching pattern's, or NULL. */
  public static Column of(Column namespace, List<CostCategoryPattern> patterns) {
    if (patterns.isEmpty()) {
      return lit(null).cast(DataTypes.IntegerType);
    }
    Column[] matches =
        patterns.stream()
            .map(p -> when(namespace.like(p.pattern()), lit(p.costCategoryId())))
            .toArray(Column[]::new);
    // greatest skips NULLs: the largest id among the matching patterns, NULL when none matches
    return matches.length == 1 ? matches[0] : greatest(matches);
  }

  /** Adds cost_category_id to rows by their namespace. */
  public static Dataset<Row> withCostCategory(Dataset<Row> rows, List<CostCategoryPattern> patterns) {
    return rows.withColumn(SummaryColumns.COST_CATEGORY_ID, of(col(SummaryColumns.NAMESPACE), patterns));
  }

  private CostCategories() {}
}
