package dev.ocpsummary.testing;

import dev.ocpsummary.config.CostCategoryPattern;
import dev.ocpsummary.source.ReportType;
import dev.ocpsummary.summary.SummaryInputs;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** In-memory {@link SummaryInputs} from hourly rows, for transformation tests. */
public final class SummaryInputsBuilder {

  private final List<Row> pods = new ArrayList<>();
  private final List<Row> storage = new ArrayList<>();
  private final List<Row> nodeLabels = new ArrayList<>();
  private final List<Row> namespaceLabels = new ArrayList<>();
  private final List<CostCategoryPattern> patterns = new ArrayList<>();

  public SummaryInputsBuilder pods(List<Row> rows) {
    pods.addAll(rows);
    return this;
  }

  public SummaryInputsBuilder storage(List<Row> rows) {
    storage.addAll(rows);
    return this;
  }

  public SummaryInputsBuilder nodeLabels(List<Row> rows) {
    nodeLabels.addAll(rows);
    return this;
  }

  public SummaryInputsBuilder namespaceLabels(List<Row> rows) {
    namespaceLabels.addAll(rows);
    return this;
  }

  public SummaryInputsBuilder costCategories(List<CostCategoryPattern> list) {
    patterns.addAll(list);
    return this;
  }

  public SummaryInputs build() {
    SparkSession spark = SparkFixture.spark();
    return new SummaryInputs(
        spark.createDataFrame(pods, ReportType.POD_USAGE.schema()),
        spark.createDataFrame(storage, ReportType.STORAGE_USAGE.schema()),
        spark.createDataFrame(nodeLabels, ReportType.NODE_LABELS.schema()),
        spark.createDataFrame(namespaceLabels, ReportType.NAMESPACE_LABELS.schema()),
        patterns);
  }
}
