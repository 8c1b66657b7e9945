package dev.ocpsummary.sink;

import dev.ocpsummary.summary.SummaryColumns;
import dev.ocpsummary.summary.SummaryColumns.OutputColumn;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Builds summary rows in {@link SummaryColumns#ALL} order for the sink tests: a Pod row of one day
 * with plausible defaults, any column of which can be replaced by name.
 */
final class SummaryRowBuilder {

  static final String SOURCE = "6795d5e6-951c-4382-a8d3-390515d7ec0d";
  static final String OTHER_SOURCE = "0b7b2e1c-4f7a-4bd4-9f31-2f1f2a8c6d10";

  private static final List<String> NAMES = SummaryColumns.ALL.stream().map(OutputColumn::name).toList();

  private final Object[] values = new Object[NAMES.size()];

  private SummaryRowBuilder() {}

  /** A Pod row of {@link #SOURCE} for the day (as {@link java.sql.Date}, the Spark default). */
  static SummaryRowBuilder pod(LocalDate day) {
    return new SummaryRowBuilder()
        .set(SummaryColumns.REPORT_PERIOD_ID, 1)
        .set(SummaryColumns.CLUSTER_ID, "my-cluster")
        .set(SummaryColumns.CLUSTER_ALIAS, "My Cluster")
        .set(SummaryColumns.DATA_SOURCE, SummaryColumns.DATA_SOURCE_POD)
        .set(SummaryColumns.USAGE_START, Date.valueOf(day))
        .set(SummaryColumns.USAGE_END, Date.valueOf(day))
        .set(SummaryColumns.NAMESPACE, "web")
        .set(SummaryColumns.NODE, "node-1")
        .set(SummaryColumns.RESOURCE_ID, "i-0001")
        .set(SummaryColumns.POD_LABELS, "{\"app\": \"web\"}")
        .set(SummaryColumns.POD_USAGE_CPU_CORE_HOURS, 1.5)
        .set(SummaryColumns.POD_REQUEST_CPU_CORE_HOURS, 2.0)
        .set(SummaryColumns.POD_EFFECTIVE_USAGE_CPU_CORE_HOURS, 2.0)
        .set(SummaryColumns.POD_LIMIT_CPU_CORE_HOURS, 4.0)
        .set(SummaryColumns.POD_USAGE_MEMORY_GIGABYTE_HOURS, 3.25)
        .set(SummaryColumns.POD_REQUEST_MEMORY_GIGABYTE_HOURS, 4.0)
        .set(SummaryColumns.POD_EFFECTIVE_USAGE_MEMORY_GIGABYTE_HOURS, 4.0)
        .set(SummaryColumns.POD_LIMIT_MEMORY_GIGABYTE_HOURS, 8.0)
        .set(SummaryColumns.NODE_CAPACITY_CPU_CORES, 8.0)
        .set(SummaryColumns.NODE_CAPACITY_CPU_CORE_HOURS, 192.0)
        .set(SummaryColumns.NODE_CAPACITY_MEMORY_GIGABYTES, 32.0)
        .set(SummaryColumns.NODE_CAPACITY_MEMORY_GIGABYTE_HOURS, 768.0)
        .set(SummaryColumns.CLUSTER_CAPACITY_CPU_CORE_HOURS, 384.0)
        .set(SummaryColumns.CLUSTER_CAPACITY_MEMORY_GIGABYTE_HOURS, 1536.0)
        .set(SummaryColumns.ALL_LABELS, "{\"app\": \"web\"}")
        .set(SummaryColumns.SOURCE_UUID, SOURCE)
        .set(SummaryColumns.INFRASTRUCTURE_USAGE_COST, SummaryColumns.ZERO_INFRASTRUCTURE_COST);
  }

  /** A row with every column NULL. */
  static SummaryRowBuilder empty() {
    return new SummaryRowBuilder();
  }

  SummaryRowBuilder set(String column, Object value) {
    int index = NAMES.indexOf(column);
    if (index < 0) {
      throw new IllegalArgumentException("no summary column " + column);
    }
    values[index] = value;
    return this;
  }

  /** Sets usage_start and usage_end. */
  SummaryRowBuilder day(LocalDate day) {
    return set(SummaryColumns.USAGE_START, Date.valueOf(day)).set(SummaryColumns.USAGE_END, Date.valueOf(day));
  }

  Row build() {
    return RowFactory.create(values.clone());
  }

  static int index(String column) {
    return NAMES.indexOf(column);
  }
}
