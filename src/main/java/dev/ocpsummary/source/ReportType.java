package dev.ocpsummary.source;

import static dev.ocpsummary.source.InputColumns.*;

import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The OCP report types the summary reads, with the folder name Koku gives each and the explicit
 * schema it is read with. Pod usage is required; storage usage and the label reports are optional. Only the columns the summary uses are read; a required column missing from
 * a file is an error, an optional one reads as NULL.
 */
public enum ReportType {
  POD_USAGE(
      "pod_usage",
      "openshift_pod_usage_line_items",
      true,
      List.of(
          required(INTERVAL_START, DataTypes.TimestampNTZType),
          optional(POD, DataTypes.StringType),
          required(NAMESPACE, DataTypes.StringType),
          required(NODE, DataTypes.StringType),
          required(RESOURCE_ID, DataTypes.StringType),
          optional(NODE_ROLE, DataTypes.StringType),
          required(POD_USAGE_CPU_CORE_SECONDS, DataTypes.DoubleType),
          required(POD_REQUEST_CPU_CORE_SECONDS, DataTypes.DoubleType),
          required(POD_LIMIT_CPU_CORE_SECONDS, DataTypes.DoubleType),
          optional(POD_EFFECTIVE_USAGE_CPU_CORE_SECONDS, DataTypes.DoubleType),
          required(POD_USAGE_MEMORY_BYTE_SECONDS, DataTypes.DoubleType),
          required(POD_REQUEST_MEMORY_BYTE_SECONDS, DataTypes.DoubleType),
          required(POD_LIMIT_MEMORY_BYTE_SECONDS, DataTypes.DoubleType),
          optional(POD_EFFECTIVE_USAGE_MEMORY_BYTE_SECONDS, DataTypes.DoubleType),
          required(NODE_CAPACITY_CPU_CORES, DataTypes.DoubleType),
          required(NODE_CAPACITY_CPU_CORE_SECONDS, DataTypes.DoubleType),
          required(NODE_CAPACITY_MEMORY_BYTES, DataTypes.DoubleType),
          required(NODE_CAPACITY_MEMORY_BYTE_SECONDS, DataTypes.DoubleType),
          required(POD_LABELS, DataTypes.StringType))),
  STORAGE_USAGE(
      "storage_usage",
      // the POC's folder name says daily, but it holds hourly rows
      "openshift_storage_usage_line_items_daily",
      false,
      List.of(
          required(INTERVAL_START, DataTypes.TimestampNTZType),
          required(NAMESPACE, DataTypes.StringType),
          required(POD, DataTypes.StringType),
          required(PERSISTENTVOLUMECLAIM, DataTypes.StringType),
          required(PERSISTENTVOLUME, DataTypes.StringType),
          required(STORAGECLASS, DataTypes.StringType),
          optional(CSI_VOLUME_HANDLE, DataTypes.StringType),
          required(PVC_CAPACITY_BYTES, DataTypes.DoubleType),
          required(PVC_CAPACITY_BYTE_SECONDS, DataTypes.DoubleType),
          required(VOLUME_REQUEST_STORAGE_BYTE_SECONDS, DataTypes.DoubleType),
          required(PVC_USAGE_BYTE_SECONDS, DataTypes.DoubleType),
          required(PERSISTENTVOLUME_LABELS, DataTypes.StringType),
          required(PERSISTENTVOLUMECLAIM_LABELS, DataTypes.StringType))),
  NODE_LABELS(
      "node_labels",
      "openshift_node_labels_line_items",
      false,
      List.of(
          required(INTERVAL_START, DataTypes.TimestampNTZType),
          required(NODE, DataTypes.StringType),
          required(InputColumns.NODE_LABELS, DataTypes.StringType))),
  NAMESPACE_LABELS(
      "namespace_labels",
      "openshift_namespace_labels_line_items",
      false,
      List.of(
          required(INTERVAL_START, DataTypes.TimestampNTZType),
          required(NAMESPACE, DataTypes.StringType),
          required(InputColumns.NAMESPACE_LABELS, DataTypes.StringType)));

  /** A column read from a report: its name, its type, and whether files must contain it. */
  public record ReadColumn(String name, DataType type, boolean required) {}

  private final String folder;
  private final String pocFolder;
  private final boolean requiredReport;
  private final List<ReadColumn> columns;

  ReportType(String folder, String pocFolder, boolean requiredReport, List<ReadColumn> columns) {
    this.folder = folder;
    this.pocFolder = pocFolder;
    this.requiredReport = requiredReport;
    this.columns = columns;
  }

  /** Koku's {@code report_type} folder name. */
  public String folder() {
    return folder;
  }

  /** The table folder of the POC layout, below {@code day=DD/}. */
  public String pocFolder() {
    return pocFolder;
  }

  /** Whether a run fails when the report has no data for the window (labels are optional). */
  public boolean requiredReport() {
    return requiredReport;
  }

  public List<ReadColumn> columns() {
    return columns;
  }

  /** The explicit read schema; every field nullable, since optional columns read as NULL. */
  public StructType schema() {
    return new StructType(
        columns.stream()
            .map(c -> new StructField(c.name(), c.type(), true, org.apache.spark.sql.types.Metadata.empty()))
            .toArray(StructField[]::new));
  }

  private static ReadColumn required(String name, DataType type) {
    return new ReadColumn(name, type, true);
  }

  private static ReadColumn optional(String name, DataType type) {
    return new ReadColumn(name, type, false);
  }
}
