package dev.ocpsummary.summary;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * The columns of Koku's {@code reporting_ocpusagelineitem_daily_summary} that this job writes, in the
 * order every summary Dataset carries them and the sink copies them.
 *
 * <p>Each column has a Spark type (what the transforms produce) and a {@link Kind} that tells the sink
 * how to encode it for PostgreSQL. The generated {@code uuid} primary key is not listed: the database
 * fills it.
 */
public final class SummaryColumns {

  /** How a column is encoded when it is copied into PostgreSQL. */
  public enum Kind {
    INTEGER,
    TEXT,
    DATE,
    NUMERIC,
    JSONB,
    UUID
  }

  /** One output column: its name, the Spark type the transforms give it, and its database encoding. */
  public record OutputColumn(String name, DataType sparkType, Kind kind) {}

  public static final String REPORT_PERIOD_ID = "report_period_id";
  public static final String CLUSTER_ID = "cluster_id";
  public static final String CLUSTER_ALIAS = "cluster_alias";
  public static final String DATA_SOURCE = "data_source";
  public static final String USAGE_START = "usage_start";
  public static final String USAGE_END = "usage_end";
  public static final String NAMESPACE = "namespace";
  public static final String NODE = "node";
  public static final String RESOURCE_ID = "resource_id";
  public static final String POD_LABELS = "pod_labels";
  public static final String POD_USAGE_CPU_CORE_HOURS = "pod_usage_cpu_core_hours";
  public static final String POD_REQUEST_CPU_CORE_HOURS = "pod_request_cpu_core_hours";
  public static final String POD_EFFECTIVE_USAGE_CPU_CORE_HOURS = "pod_effective_usage_cpu_core_hours";
  public static final String POD_LIMIT_CPU_CORE_HOURS = "pod_limit_cpu_core_hours";
  public static final String POD_USAGE_MEMORY_GIGABYTE_HOURS = "pod_usage_memory_gigabyte_hours";
  public static final String POD_REQUEST_MEMORY_GIGABYTE_HOURS = "pod_request_memory_gigabyte_hours";
  public static final String POD_EFFECTIVE_USAGE_MEMORY_GIGABYTE_HOURS =
      "pod_effective_usage_memory_gigabyte_hours";
  public static final String POD_LIMIT_MEMORY_GIGABYTE_HOURS = "pod_limit_memory_gigabyte_hours";
  public static final String NODE_CAPACITY_CPU_CORES = "node_capacity_cpu_cores";
  public static final String NODE_CAPACITY_CPU_CORE_HOURS = "node_capacity_cpu_core_hours";
  public static final String NODE_CAPACITY_MEMORY_GIGABYTES = "node_capacity_memory_gigabytes";
  public static final String NODE_CAPACITY_MEMORY_GIGABYTE_HOURS = "node_capacity_memory_gigabyte_hours";
  public static final String CLUSTER_CAPACITY_CPU_CORE_HOURS = "cluster_capacity_cpu_core_hours";
  public static final String CLUSTER_CAPACITY_MEMORY_GIGABYTE_HOURS =
      "cluster_capacity_memory_gigabyte_hours";
  public static final String PERSISTENTVOLUMECLAIM = "persistentvolumeclaim";
  public static final String PERSISTENTVOLUME = "persistentvolume";
  public static final String STORAGECLASS = "storageclass";
  public static final String VOLUME_LABELS = "volume_labels";
  public static final String ALL_LABELS = "all_labels";
  public static final String PVC_CAPACITY_GIGABYTE = "persistentvolumeclaim_capacity_gigabyte";
  public static final String PVC_CAPACITY_GIGABYTE_MONTHS =
      "persistentvolumeclaim_capacity_gigabyte_months";
  public static final String VOLUME_REQUEST_STORAGE_GIGABYTE_MONTHS =
      "volume_request_storage_gigabyte_months";
  public static final String PVC_USAGE_GIGABYTE_MONTHS = "persistentvolumeclaim_usage_gigabyte_months";
  public static final String SOURCE_UUID = "source_uuid";
  public static final String INFRASTRUCTURE_USAGE_COST = "infrastructure_usage_cost";
  public static final String COST_CATEGORY_ID = "cost_category_id";

  /** The values of {@link #DATA_SOURCE}. */
  public static final String DATA_SOURCE_POD = "Pod";

  public static final String DATA_SOURCE_STORAGE = "Storage";

  /**
   * The kind of a summary row as reports count them: its data_source, except that unallocated
   * capacity rows (data_source Pod, but no pod_labels) count as {@value #ROW_KIND_UNALLOCATED}.
   */
  public static final String ROW_KIND_UNALLOCATED = "Unallocated";

  /** Koku's infrastructure_usage_cost for Pod and Storage rows (the cost model fills it later). */
  public static final String ZERO_INFRASTRUCTURE_COST =
      "{\"cpu\": 0.000000000, \"memory\": 0.000000000, \"storage\": 0.000000000}";

  /** The eight pod measures of Pod (and unallocated) rows. */
  public static final List<String> POD_MEASURES =
      List.of(
          POD_USAGE_CPU_CORE_HOURS,
          POD_REQUEST_CPU_CORE_HOURS,
          POD_EFFECTIVE_USAGE_CPU_CORE_HOURS,
          POD_LIMIT_CPU_CORE_HOURS,
          POD_USAGE_MEMORY_GIGABYTE_HOURS,
          POD_REQUEST_MEMORY_GIGABYTE_HOURS,
          POD_EFFECTIVE_USAGE_MEMORY_GIGABYTE_HOURS,
          POD_LIMIT_MEMORY_GIGABYTE_HOURS);

  /** The node and cluster capacity columns of Pod rows, which unallocated rows carry too. */
  public static final List<String> CAPACITY_MEASURES =
      List.of(
          NODE_CAPACITY_CPU_CORES,
          NODE_CAPACITY_CPU_CORE_HOURS,
          NODE_CAPACITY_MEMORY_GIGABYTES,
          NODE_CAPACITY_MEMORY_GIGABYTE_HOURS,
          CLUSTER_CAPACITY_CPU_CORE_HOURS,
          CLUSTER_CAPACITY_MEMORY_GIGABYTE_HOURS);

  /** Every written column, in table and COPY order. */
  public static final List<OutputColumn> ALL =
      List.of(
          col(REPORT_PERIOD_ID, DataTypes.IntegerType, Kind.INTEGER),
          col(CLUSTER_ID, DataTypes.StringType, Kind.TEXT),
          col(CLUSTER_ALIAS, DataTypes.StringType, Kind.TEXT),
          col(DATA_SOURCE, DataTypes.StringType, Kind.TEXT),
          col(USAGE_START, DataTypes.DateType, Kind.DATE),
          col(USAGE_END, DataTypes.DateType, Kind.DATE),
          col(NAMESPACE, DataTypes.StringType, Kind.TEXT),
          col(NODE, DataTypes.StringType, Kind.TEXT),
          col(RESOURCE_ID, DataTypes.StringType, Kind.TEXT),
          col(POD_LABELS, DataTypes.StringType, Kind.JSONB),
          col(POD_USAGE_CPU_CORE_HOURS, DataTypes.DoubleType, Kind.NUMERIC),
          col(POD_REQUEST_CPU_CORE_HOURS, DataTypes.DoubleType, Kind.NUMERIC),
          col(POD_EFFECTIVE_USAGE_CPU_CORE_HOURS, DataTypes.DoubleType, Kind.NUMERIC),
          col(POD_LIMIT_CPU_CORE_HOURS, DataTypes.DoubleType, Kind.NUMERIC),
          col(POD_USAGE_MEMORY_GIGABYTE_HOURS, DataTypes.DoubleType, Kind.NUMERIC),
          col(POD_REQUEST_MEMORY_GIGABYTE_HOURS, DataTypes.DoubleType, Kind.NUMERIC),
          col(POD_EFFECTIVE_USAGE_MEMORY_GIGABYTE_HOURS, DataTypes.DoubleType, Kind.NUMERIC),
          col(POD_LIMIT_MEMORY_GIGABYTE_HOURS, DataTypes.DoubleType, Kind.NUMERIC),
          col(NODE_CAPACITY_CPU_CORES, DataTypes.DoubleType, Kind.NUMERIC),
          col(NODE_CAPACITY_CPU_CORE_HOURS, DataTypes.DoubleType, Kind.NUMERIC),
          col(NODE_CAPACITY_MEMORY_GIGABYTES, DataTypes.DoubleType, Kind.NUMERIC),
          col(NODE_CAPACITY_MEMORY_GIGABYTE_HOURS, DataTypes.DoubleType, Kind.NUMERIC),
          col(CLUSTER_CAPACITY_CPU_CORE_HOURS, DataTypes.DoubleType, Kind.NUMERIC),
          col(CLUSTER_CAPACITY_MEMORY_GIGABYTE_HOURS, DataTypes.DoubleType, Kind.NUMERIC),
          col(PERSISTENTVOLUMECLAIM, DataTypes.StringType, Kind.TEXT),
          col(PERSISTENTVOLUME, DataTypes.StringType, Kind.TEXT),
          col(STORAGECLASS, DataTypes.StringType, Kind.TEXT),
          col(VOLUME_LABELS, DataTypes.StringType, Kind.JSONB),
          col(ALL_LABELS, DataTypes.StringType, Kind.JSONB),
          col(PVC_CAPACITY_GIGABYTE, DataTypes.DoubleType, Kind.NUMERIC),
          col(PVC_CAPACITY_GIGABYTE_MONTHS, DataTypes.DoubleType, Kind.NUMERIC),
          col(VOLUME_REQUEST_STORAGE_GIGABYTE_MONTHS, DataTypes.DoubleType, Kind.NUMERIC),
          col(PVC_USAGE_GIGABYTE_MONTHS, DataTypes.DoubleType, Kind.NUMERIC),
          col(SOURCE_UUID, DataTypes.StringType, Kind.UUID),
          col(INFRASTRUCTURE_USAGE_COST, DataTypes.StringType, Kind.JSONB),
          col(COST_CATEGORY_ID, DataTypes.IntegerType, Kind.INTEGER));

  private static final int DATA_SOURCE_INDEX = indexOf(DATA_SOURCE);
  private static final int POD_LABELS_INDEX = indexOf(POD_LABELS);

  /** The position of a column in {@link #ALL} (and in every summary row). */
  public static int indexOf(String name) {
    for (int i = 0; i < ALL.size(); i++) {
      if (ALL.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("not a summary column: " + name);
  }

  /** {@code Pod}, {@code Storage} or {@value #ROW_KIND_UNALLOCATED} for a row in {@link #ALL} order. */
  public static String rowKind(Row row) {
    String dataSource = row.getString(DATA_SOURCE_INDEX);
    return DATA_SOURCE_POD.equals(dataSource) && row.isNullAt(POD_LABELS_INDEX) ? ROW_KIND_UNALLOCATED : dataSource;
  }

  /** The column names of {@link #ALL}, comma-separated, for SQL statements. */
  public static String nameList() {
    return ALL.stream().map(OutputColumn::name).collect(Collectors.joining(", "));
  }

  /**
   * Selects the output columns in table order, cast to their output types; a column the input lacks
   * becomes a typed NULL. Row kinds that fill only some columns (Pod, Storage, unallocated) pass
   * through this before they are unioned and written.
   */
  public static Dataset<Row> conformToOutput(Dataset<Row> rows) {
    List<String> present = List.of(rows.columns());
    Column[] selected =
        ALL.stream()
            .map(
                c ->
                    (present.contains(c.name())
                            ? rows.col(c.name()).cast(c.sparkType())
                            : functions.lit(null).cast(c.sparkType()))
                        .as(c.name()))
            .toArray(Column[]::new);
    return rows.select(selected);
  }

  private static OutputColumn col(String name, DataType type, Kind kind) {
    return new OutputColumn(name, type, kind);
  }

  private SummaryColumns() {}
}
