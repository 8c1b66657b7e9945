package dev.ocpsummary.summary;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ocpsummary.testing.SparkFixture;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The distinct below a max over text survives Spark's optimizer (which removes a plain one), so the
 * sort that a max over text needs sees the distinct rows, not every hourly row.
 */
class KeepDistinctTest {

  private final SparkSession spark = SparkFixture.spark();

  @Test
  void theDistinctStaysBelowTheMaxOfAText() {
    Dataset<Row> hourly = hourlyRows();

    Dataset<Row> plain = hourly.distinct().groupBy(col("node")).agg(max("resource_id").as("resource_id"));
    Dataset<Row> kept = KeepDistinct.groupBy(hourly, col("node")).agg(max("resource_id").as("resource_id"));

    assertEquals(1, aggregates(plain), "Spark drops a plain distinct below max: " + plan(plain));
    assertEquals(2, aggregates(kept), plan(kept));
    assertEquals(
        List.of(RowFactory.create("n1", "i-1"), RowFactory.create("n2", "i-2")),
        kept.orderBy("node").collectAsList());
  }

  private Dataset<Row> hourlyRows() {
    StructType schema = new StructType().add("node", DataTypes.StringType).add("resource_id", DataTypes.StringType);
    return spark.createDataFrame(
        List.of(
            RowFactory.create("n1", "i-1"), RowFactory.create("n1", "i-1"), RowFactory.create("n1", "i-0"),
            RowFactory.create("n2", "i-2")),
        schema);
  }

  private static long aggregates(Dataset<Row> rows) {
    return plan(rows).lines().filter(line -> line.contains("Aggregate [")).count();
  }

  private static String plan(Dataset<Row> rows) {
    return rows.queryExecution().optimizedPlan().toString();
  }
}
