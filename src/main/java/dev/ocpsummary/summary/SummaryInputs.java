package dev.ocpsummary.summary;

import dev.ocpsummary.config.CostCategoryPattern;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The hourly rows one summary is computed from, already restricted to the run's source and window:
 * pod usage, storage usage, node label rows and namespace label rows (all but pod usage may be
 * empty), and the cost category patterns.
 */
public record SummaryInputs(
    Dataset<Row> podUsage,
    Dataset<Row> storageUsage,
    Dataset<Row> nodeLabels,
    Dataset<Row> namespaceLabels,
    List<CostCategoryPattern> costCategoryPatterns) {

  public SummaryInputs {
    costCategoryPatterns = List.copyOf(costCategoryPatterns);
  }
}
