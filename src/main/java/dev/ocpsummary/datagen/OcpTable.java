package dev.ocpsummary.datagen;

import static dev.ocpsummary.datagen.TableColumn.number;
import static dev.ocpsummary.datagen.TableColumn.text;
import static dev.ocpsummary.datagen.TableColumn.timestamp;
import static dev.ocpsummary.source.InputColumns.*;

import dev.ocpsummary.source.ReportType;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The four OCP reports the generator writes, with everything that names them (nise's CSV report type,
 * Koku's report-type folder, the POC's folder) and their columns in the order Koku writes them
 * (specs/data-gen.md A.1–A.4, A.7): the nise CSV header, plus, for pod usage, the two effective-usage
 * columns Koku appends. Metric columns are doubles, the four time columns naive timestamps,
 * everything else strings.
 */
public enum OcpTable {
  POD_USAGE(
      ReportType.POD_USAGE,
      "ocp_pod_usage",
      "openshift_pod_usage_line_items",
      List.of(
          timestamp(REPORT_PERIOD_START),
          timestamp(REPORT_PERIOD_END),
          timestamp(INTERVAL_START),
          timestamp(INTERVAL_END),
          text(POD),
          text(NAMESPACE),
          text(NODE),
          text(RESOURCE_ID),
          number(POD_USAGE_CPU_CORE_SECONDS),
          number(POD_REQUEST_CPU_CORE_SECONDS),
          number(POD_LIMIT_CPU_CORE_SECONDS),
          number(POD_USAGE_MEMORY_BYTE_SECONDS),
          number(POD_REQUEST_MEMORY_BYTE_SECONDS),
          number(POD_LIMIT_MEMORY_BYTE_SECONDS),
          number(NODE_CAPACITY_CPU_CORES),
          number(NODE_CAPACITY_CPU_CORE_SECONDS),
          number(NODE_CAPACITY_MEMORY_BYTES),
          number(NODE_CAPACITY_MEMORY_BYTE_SECONDS),
          text(POD_LABELS),
          number(POD_EFFECTIVE_USAGE_CPU_CORE_SECONDS),
          number(POD_EFFECTIVE_USAGE_MEMORY_BYTE_SECONDS)),
      List.of(POD_LABELS)),
  STORAGE_USAGE(
      ReportType.STORAGE_USAGE,
      "ocp_storage_usage",
      "openshift_storage_usage_line_items_daily",
      List.of(
          timestamp(REPORT_PERIOD_START),
          timestamp(REPORT_PERIOD_END),
          timestamp(INTERVAL_START),
          timestamp(INTERVAL_END),
          text(NAMESPACE),
          text(POD),
          text(NODE),
          text(PERSISTENTVOLUMECLAIM),
          text(PERSISTENTVOLUME),
          text(STORAGECLASS),
          text(CSI_DRIVER),
          text(CSI_VOLUME_HANDLE),
          number(PVC_CAPACITY_BYTES),
          number(PVC_CAPACITY_BYTE_SECONDS),
          number(VOLUME_REQUEST_STORAGE_BYTE_SECONDS),
          number(PVC_USAGE_BYTE_SECONDS),
          text(PERSISTENTVOLUME_LABELS),
          text(PERSISTENTVOLUMECLAIM_LABELS)),
      List.of(PERSISTENTVOLUME_LABELS, PERSISTENTVOLUMECLAIM_LABELS)),
  NODE_LABELS(
      ReportType.NODE_LABELS,
      "ocp_node_label",
      "openshift_node_labels_line_items",
      List.of(
          timestamp(REPORT_PERIOD_START),
          timestamp(REPORT_PERIOD_END),
          timestamp(INTERVAL_START),
          timestamp(INTERVAL_END),
          text(NODE),
          text(dev.ocpsummary.source.InputColumns.NODE_LABELS)),
      List.of(dev.ocpsummary.source.InputColumns.NODE_LABELS)),
  NAMESPACE_LABELS(
      ReportType.NAMESPACE_LABELS,
      "ocp_namespace_label",
      "openshift_namespace_labels_line_items",
      List.of(
          timestamp(REPORT_PERIOD_START),
          timestamp(REPORT_PERIOD_END),
          timestamp(INTERVAL_START),
          timestamp(INTERVAL_END),
          text(NAMESPACE),
          text(dev.ocpsummary.source.InputColumns.NAMESPACE_LABELS)),
      List.of(dev.ocpsummary.source.InputColumns.NAMESPACE_LABELS));

  /** The column the POC layout appends to every table. */
  public static final String CLUSTER_ID = "cluster_id";

  private final ReportType reportType;
  private final String niseReportType;
  private final String pocFolder;
  private final List<TableColumn> columns;
  private final List<String> labelColumns;

  OcpTable(ReportType reportType, String niseReportType, String pocFolder, List<TableColumn> columns, List<String> labelColumns) {
    this.reportType = reportType;
    this.niseReportType = niseReportType;
    this.pocFolder = pocFolder;
    this.columns = columns;
    this.labelColumns = labelColumns;
  }

  /** Koku's {@code report_type} folder, e.g. {@code pod_usage}. */
  public String kokuFolder() {
    return reportType.folder();
  }

  /** nise's report type, the suffix of its CSV file names, e.g. {@code ocp_pod_usage}. */
  public String niseReportType() {
    return niseReportType;
  }

  /** The POC layout's per-day folder, e.g. {@code openshift_pod_usage_line_items}. */
  public String pocFolder() {
    return pocFolder;
  }

  /** The raw (hourly) columns in Koku's order. */
  public List<TableColumn> columns() {
    return columns;
  }

  /** The columns of a nise CSV report: every raw column but the ones Koku adds. */
  public List<TableColumn> niseCsvColumns() {
    return this == POD_USAGE ? columns.subList(0, columns.size() - 2) : columns;
  }

  /** Columns holding labels: pipe strings in nise CSV, JSON text in Koku Parquet. */
  public List<String> labelColumns() {
    return labelColumns;
  }

  public int index(String column) {
    return IntStream.range(0, columns.size())
        .filter(i -> columns.get(i).name().equals(column))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(column + " is not a column of " + this));
  }
}
