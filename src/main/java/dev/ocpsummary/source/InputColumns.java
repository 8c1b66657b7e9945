package dev.ocpsummary.source;

/** Column names of the hourly OCP usage reports, as Koku writes them to Parquet. */
public final class InputColumns {

  public static final String REPORT_PERIOD_START = "report_period_start";
  public static final String REPORT_PERIOD_END = "report_period_end";
  public static final String INTERVAL_START = "interval_start";
  public static final String INTERVAL_END = "interval_end";

  public static final String POD = "pod";
  public static final String NAMESPACE = "namespace";
  public static final String NODE = "node";
  public static final String RESOURCE_ID = "resource_id";
  public static final String NODE_ROLE = "node_role";
  public static final String POD_LABELS = "pod_labels";

  public static final String POD_USAGE_CPU_CORE_SECONDS = "pod_usage_cpu_core_seconds";
  public static final String POD_REQUEST_CPU_CORE_SECONDS = "pod_request_cpu_core_seconds";
  public static final String POD_LIMIT_CPU_CORE_SECONDS = "pod_limit_cpu_core_seconds";
  public static final String POD_EFFECTIVE_USAGE_CPU_CORE_SECONDS = "pod_effective_usage_cpu_core_seconds";
  public static final String POD_USAGE_MEMORY_BYTE_SECONDS = "pod_usage_memory_byte_seconds";
  public static final String POD_REQUEST_MEMORY_BYTE_SECONDS = "pod_request_memory_byte_seconds";
  public static final String POD_LIMIT_MEMORY_BYTE_SECONDS = "pod_limit_memory_byte_seconds";
  public static final String POD_EFFECTIVE_USAGE_MEMORY_BYTE_SECONDS =
      "pod_effective_usage_memory_byte_seconds";
  public static final String NODE_CAPACITY_CPU_CORES = "node_capacity_cpu_cores";
  public static final String NODE_CAPACITY_CPU_CORE_SECONDS = "node_capacity_cpu_core_seconds";
  public static final String NODE_CAPACITY_MEMORY_BYTES = "node_capacity_memory_bytes";
  public static final String NODE_CAPACITY_MEMORY_BYTE_SECONDS = "node_capacity_memory_byte_seconds";

  public static final String PERSISTENTVOLUMECLAIM = "persistentvolumeclaim";
  public static final String PERSISTENTVOLUME = "persistentvolume";
  public static final String STORAGECLASS = "storageclass";
  public static final String CSI_DRIVER = "csi_driver";
  public static final String CSI_VOLUME_HANDLE = "csi_volume_handle";
  public static final String PVC_CAPACITY_BYTES = "persistentvolumeclaim_capacity_bytes";
  public static final String PVC_CAPACITY_BYTE_SECONDS = "persistentvolumeclaim_capacity_byte_seconds";
  public static final String VOLUME_REQUEST_STORAGE_BYTE_SECONDS = "volume_request_storage_byte_seconds";
  public static final String PVC_USAGE_BYTE_SECONDS = "persistentvolumeclaim_usage_byte_seconds";
  public static final String PERSISTENTVOLUME_LABELS = "persistentvolume_labels";
  public static final String PERSISTENTVOLUMECLAIM_LABELS = "persistentvolumeclaim_labels";

  public static final String NODE_LABELS = "node_labels";
  public static final String NAMESPACE_LABELS = "namespace_labels";

  private InputColumns() {}
}
