package dev.ocpsummary.datagen;

import dev.ocpsummary.source.ReportType;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * A small, fully deterministic cluster for end-to-end tests: three nodes, three namespaces, six pods,
 * two days of hourly rows with node, namespace and pod labels. Every pod has the same profile, so the
 * expected totals follow in closed form from the counts ({@link #expectedTotals()}), not from the rows.
 */
public final class DemoDataset {

  public static final String SOURCE_UUID = "00000000-0000-0000-0000-000000000001";
  public static final String CLUSTER_ID = "demo-cluster-001";
  public static final LocalDate START = LocalDate.of(2025, 10, 1);
  public static final int DAYS = 2;

  /** Per-pod profile (cores, GiB) for a full hour. */
  static final double CPU_USAGE = 0.25;
  static final double CPU_REQUEST = 0.5;
  static final double CPU_LIMIT = 1.0;
  static final double MEMORY_USAGE_GIB = 0.5;
  static final double MEMORY_REQUEST_GIB = 1.0;
  static final double MEMORY_LIMIT_GIB = 2.0;
  static final double POD_SECONDS = 3600.0;

  record Node(String name, String resourceId, double cores, double memoryGib, String labels) {}

  record Pod(String name, String namespace, Node node, String labels) {}

  static final Node MASTER = new Node("demo-master-0", "i-0a1b2c3d4e5f60001", 4, 16, "{\"node_role_kubernetes_io\": \"master\"}");
  static final Node WORKER_0 = new Node("demo-worker-0", "i-0a1b2c3d4e5f60002", 8, 32, "{\"node_role_kubernetes_io\": \"worker\"}");
  static final Node WORKER_1 = new Node("demo-worker-1", "i-0a1b2c3d4e5f60003", 8, 32, "{\"node_role_kubernetes_io\": \"worker\"}");
  static final List<Node> NODES = List.of(MASTER, WORKER_0, WORKER_1);

  static final Map<String, String> NAMESPACES =
      new java.util.TreeMap<>(Map.of(
          "openshift-kube-apiserver", "{\"openshift_io_run_level\": \"0\"}",
          "shop-frontend", "{\"team\": \"web\"}",
          "shop-backend", "{\"team\": \"payments\"}"));

  static final List<Pod> PODS =
      List.of(
          new Pod("kube-apiserver-0", "openshift-kube-apiserver", MASTER, "{\"app\": \"kube-apiserver\"}"),
          new Pod("frontend-0", "shop-frontend", WORKER_0, "{\"app\": \"frontend\"}"),
          new Pod("frontend-1", "shop-frontend", WORKER_0, "{\"app\": \"frontend\"}"),
          new Pod("backend-0", "shop-backend", WORKER_0, "{\"app\": \"backend\"}"),
          new Pod("backend-1", "shop-backend", WORKER_1, "{\"app\": \"backend\"}"),
          new Pod("backend-2", "shop-backend", WORKER_1, "{\"app\": \"backend\"}"));

  private DemoDataset() {}

  /** The last day of the data (inclusive). */
  public static LocalDate end() {
    return START.plusDays(DAYS - 1L);
  }

  /** The rows of one report for every hour of the data. */
  public static List<Row> rows(ReportType report) {
    List<Row> rows = new ArrayList<>();
    for (LocalDateTime hour = START.atStartOfDay(); hour.isBefore(START.plusDays(DAYS).atStartOfDay()); hour = hour.plusHours(1)) {
      switch (report) {
        case POD_USAGE -> {
          for (Pod pod : PODS) {
            rows.add(
                PodUsageRow.at(hour)
                    .pod(pod.namespace(), pod.name())
                    .node(pod.node().name(), pod.node().resourceId())
                    .cpu(CPU_USAGE, CPU_REQUEST, CPU_LIMIT, POD_SECONDS)
                    .memoryGib(MEMORY_USAGE_GIB, MEMORY_REQUEST_GIB, MEMORY_LIMIT_GIB, POD_SECONDS)
                    .nodeCapacity(pod.node().cores(), pod.node().memoryGib())
                    .labels(pod.labels())
                    .build());
          }
        }
        case NODE_LABELS -> {
          for (Node node : NODES) {
            rows.add(InputRows.nodeLabels(hour, node.name(), node.labels()));
          }
        }
        case NAMESPACE_LABELS -> {
          for (Map.Entry<String, String> ns : NAMESPACES.entrySet()) {
            rows.add(InputRows.namespaceLabels(hour, ns.getKey(), ns.getValue()));
          }
        }
      }
    }
    return rows;
  }

  /**
   * Totals the summary must produce, from the counts and the per-pod profile: core-hours and
   * GiB-hours over the Pod rows, and the cluster capacity per day.
   */
  public static Map<String, Double> expectedTotals() {
    double podHours = PODS.size() * DAYS * 24 * (POD_SECONDS / 3600.0);
    double clusterCores = NODES.stream().mapToDouble(Node::cores).sum();
    double clusterGib = NODES.stream().mapToDouble(Node::memoryGib).sum();
    return Map.of(
        "pod_usage_cpu_core_hours", podHours * CPU_USAGE,
        "pod_request_cpu_core_hours", podHours * CPU_REQUEST,
        "pod_effective_usage_cpu_core_hours", podHours * Math.max(CPU_USAGE, CPU_REQUEST),
        "pod_limit_cpu_core_hours", podHours * CPU_LIMIT,
        "pod_usage_memory_gigabyte_hours", podHours * MEMORY_USAGE_GIB,
        "pod_request_memory_gigabyte_hours", podHours * MEMORY_REQUEST_GIB,
        "pod_effective_usage_memory_gigabyte_hours", podHours * Math.max(MEMORY_USAGE_GIB, MEMORY_REQUEST_GIB),
        "pod_limit_memory_gigabyte_hours", podHours * MEMORY_LIMIT_GIB,
        "cluster_capacity_cpu_core_hours_per_day", 24 * clusterCores,
        "cluster_capacity_memory_gigabyte_hours_per_day", 24 * clusterGib);
  }

  /** Pod rows the summary must produce: one per (day, namespace, node, label set). */
  public static long expectedPodRows() {
    return PODS.stream().map(p -> p.namespace() + "|" + p.node().name() + "|" + p.labels()).distinct().count() * DAYS;
  }
}
