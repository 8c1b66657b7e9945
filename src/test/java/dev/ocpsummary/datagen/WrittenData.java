package dev.ocpsummary.datagen;

import dev.ocpsummary.testing.SparkFixture;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/** Reads back what a generation wrote, with Spark, to compare it with expected.json. */
final class WrittenData {

  private final String root;
  private final OutputLayout layout;

  WrittenData(String root, OutputLayout layout) {
    this.root = OutputTarget.normalize(root);
    this.layout = layout;
  }

  /** The raw (hourly) rows of a table, every month and day. */
  Dataset<Row> raw(OcpTable table) {
    String glob =
        layout == OutputLayout.KOKU
            ? root + "/data/parquet/org1234567/OCP/" + table.kokuFolder() + "/*/*/*/*.parquet"
            : root + "/data/org1234567/OCP/*/*/*/*/" + table.pocFolder() + "/*.parquet";
    return SparkFixture.spark().read().parquet(glob);
  }

  /** The Koku daily rows of a table. */
  Dataset<Row> daily(OcpTable table) {
    return SparkFixture.spark().read().parquet(root + "/data/parquet/daily/org1234567/OCP/" + table.kokuFolder() + "/*/*/*/*.parquet");
  }

  /** Row count (under key "rows") and sums of the given columns, in one Spark job. */
  static Map<String, Double> countAndSums(Dataset<Row> rows, List<String> columns) {
    Column[] aggregates = columns.stream().map(functions::sum).toArray(Column[]::new);
    Row row = rows.agg(functions.count(functions.lit(1)), aggregates).first();
    Map<String, Double> result = new LinkedHashMap<>();
    result.put("rows", (double) row.getLong(0));
    for (int i = 0; i < columns.size(); i++) {
      result.put(columns.get(i), row.isNullAt(i + 1) ? 0.0 : row.getDouble(i + 1));
    }
    return result;
  }

  /** The names of a table's metric (double) columns. */
  static List<String> metrics(OcpTable table) {
    return table.columns().stream().filter(c -> c.type() == ColumnType.DOUBLE).map(TableColumn::name).toList();
  }
}
