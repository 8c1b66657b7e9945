package dev.ocpsummary.datagen;

import static dev.ocpsummary.source.InputColumns.*;
import static dev.ocpsummary.summary.SummaryColumns.*;

import dev.ocpsummary.datagen.Workload.Claim;
import dev.ocpsummary.datagen.Workload.Namespace;
import dev.ocpsummary.datagen.Workload.Node;
import dev.ocpsummary.datagen.Workload.Pod;
import dev.ocpsummary.datagen.Workload.Segment;
import dev.ocpsummary.datagen.Workload.Volume;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Computes {@link ExpectedTotals} from a workload's parameters: every total is a per-entity constant
 * (the hourly value nise writes) times the entity's number of slots, summed over entities; row counts
 * are distinct keys over entities (specs/data-gen.md E.1–E.3, specs/aggregation.md C–E). Values nise
 * draws per row make the totals they feed undetermined ({@code NaN}), with the reason listed.
 *
 * <p>The summary is modelled with default settings: every label key enabled, no cost category.
 */
final class ExpectedCalculator {

  private static final double GIB = UsageRows.BYTES_PER_GIB;
  private static final double HOUR = UsageRows.SECONDS_PER_HOUR;
  private static final String API_SERVER_NAMESPACE = "openshift-kube-apiserver";

  private final Workload workload;
  private final OutputTarget target;
  private final long seed;
  private final Set<String> undetermined = new LinkedHashSet<>();

  private ExpectedCalculator(Workload workload, OutputTarget target, long seed) {
    this.workload = workload;
    this.target = target;
    this.seed = seed;
  }

  static ExpectedTotals compute(Workload workload, OutputTarget target, long seed) {
    return new ExpectedCalculator(workload, target, seed).compute();
  }

  private record PodDay(double seconds, double cpuUsage, double memUsage) {}

  private PodDay podDay(Pod pod, LocalDate day) {
    OptionalDouble cpu = UsageRows.clamp(pod.cpuUsage().on(day), pod.cpuLimit());
    OptionalDouble memory = UsageRows.clamp(pod.memUsageGib().on(day), pod.memLimitGib());
    if (pod.podSeconds() == null) {
      undetermined.add("pod " + pod.namespace() + "/" + pod.name() + ": pod_seconds not given, drawn per row (all pod measures)");
    }
    if (cpu.isEmpty()) {
      undetermined.add("pod " + pod.namespace() + "/" + pod.name() + ": cpu_usage not given for " + day + ", drawn per row");
    }
    if (memory.isEmpty()) {
      undetermined.add("pod " + pod.namespace() + "/" + pod.name() + ": mem_usage_gig not given for " + day + ", drawn per row");
    }
    return new PodDay(
        pod.podSeconds() == null ? Double.NaN : pod.podSeconds(),
        cpu.orElse(Double.NaN),
        memory.orElse(Double.NaN));
  }

  private ExpectedTotals compute() {
    Map<OcpTable, ExpectedFiles.TableCounts> tables = new EnumMap<>(OcpTable.class);
    for (OcpTable table : OcpTable.values()) {
      tables.put(table, ExpectedFiles.of(table, workload, target));
    }
    Map<String, Double> podSums = zeros(OcpTable.POD_USAGE);
    Map<String, Double> storageSums = zeros(OcpTable.STORAGE_USAGE);

    Map<String, Map<String, String>> namespaceLabels = new HashMap<>();
    Map<String, String> roles = roles();

    Map<String, Double> podTotals = zeroTotals(ExpectedSummary.POD_TOTALS);
    Map<String, Double> unallocatedTotals = zeroTotals(ExpectedSummary.UNALLOCATED_TOTALS);
    Map<String, Double> storageTotals = zeroTotals(ExpectedSummary.STORAGE_TOTALS);
    Map<String, Long> unallocatedByNamespace = new TreeMap<>();
    Map<LocalDate, Map<String, Double>> clusterCapacity = new LinkedHashMap<>();
    Set<String> podNamespaces = new TreeSet<>();
    Set<String> storageNamespaces = new TreeSet<>();
    long podRows = 0;
    long storageRows = 0;
    long unallocatedRows = 0;

    for (LocalDate day : workload.days()) {
      int daysInMonth = YearMonth.from(day).lengthOfMonth();
      Map<String, Node> nodes = new LinkedHashMap<>();
      Map<String, boolean[]> nodeHours = new HashMap<>();
      Map<String, double[]> podsOnNode = new HashMap<>();
      Set<List<Object>> podGroups = new HashSet<>();
      Map<List<String>, Set<Node>> podNodes = new HashMap<>();
      namespaceLabels.clear();

      for (Segment segment : workload.segments()) {
        int slots = segment.slotsOn(day);
        if (slots == 0) {
          continue;
        }
        for (Namespace namespace : segment.namespaces()) {
          namespaceLabels.putIfAbsent(namespace.name(), KokuLabels.parse(namespace.labels()));
        }
        for (int hour = 0; hour < 24; hour++) {
          if (segment.covers(day.atTime(hour, 0))) {
            for (Pod pod : segment.pods()) {
              nodeHours.computeIfAbsent(pod.node().name(), n -> new boolean[24])[hour] = true;
            }
          }
        }
      }
      for (Segment segment : workload.segments()) {
        int slots = segment.slotsOn(day);
        if (slots == 0) {
          continue;
        }
        for (Pod pod : segment.pods()) {
          PodDay values = podDay(pod, day);
          double[] perRow = UsageRows.podMetrics(pod, values.seconds(), values.cpuUsage(), values.memUsage());
          addPodSums(podSums, perRow, pod.node(), slots);
          // seconds and byte-seconds here; divided into hours and GiB-hours once, at the end
          double[] seconds = {
            slots * perRow[0], slots * perRow[1], slots * perRow[6], slots * perRow[2],
            slots * perRow[3], slots * perRow[4], slots * perRow[7], slots * perRow[5]
          };
          for (int i = 0; i < seconds.length; i++) {
            podTotals.merge(ExpectedSummary.POD_TOTALS.get(i), seconds[i], Double::sum);
          }
          double[] onNode = podsOnNode.computeIfAbsent(pod.node().name(), n -> new double[6]);
          onNode[0] += seconds[0];
          onNode[1] += seconds[1];
          onNode[2] += seconds[2];
          onNode[3] += seconds[4];
          onNode[4] += seconds[5];
          onNode[5] += seconds[6];
          nodes.putIfAbsent(pod.node().name(), pod.node());
          Map<String, String> merged = new TreeMap<>(KokuLabels.parse(pod.node().labels()));
          merged.putAll(namespaceLabels.getOrDefault(pod.namespace(), Map.of()));
          merged.putAll(KokuLabels.parse(pod.labels()));
          podGroups.add(List.of(pod.namespace(), pod.node().name(), merged));
          podNamespaces.add(pod.namespace());
          podNodes.computeIfAbsent(List.of(pod.namespace(), pod.name()), k -> new LinkedHashSet<>()).add(pod.node());
        }
      }
      podRows += podGroups.size();

      double clusterCpu = 0;
      double clusterMemory = 0;
      for (Node node : nodes.values()) {
        int hours = count(nodeHours.get(node.name()));
        double cpuSeconds = hours * (node.cpuCores() * HOUR);
        double memoryByteSeconds = hours * (node.memoryGib() * GIB * HOUR);
        clusterCpu += cpuSeconds;
        clusterMemory += memoryByteSeconds;
        double[] used = podsOnNode.get(node.name());
        unallocatedTotals.merge(POD_USAGE_CPU_CORE_HOURS, cpuSeconds - used[0], Double::sum);
        unallocatedTotals.merge(POD_REQUEST_CPU_CORE_HOURS, cpuSeconds - used[1], Double::sum);
        unallocatedTotals.merge(POD_EFFECTIVE_USAGE_CPU_CORE_HOURS, cpuSeconds - used[2], Double::sum);
        unallocatedTotals.merge(POD_USAGE_MEMORY_GIGABYTE_HOURS, memoryByteSeconds - used[3], Double::sum);
        unallocatedTotals.merge(POD_REQUEST_MEMORY_GIGABYTE_HOURS, memoryByteSeconds - used[4], Double::sum);
        unallocatedTotals.merge(POD_EFFECTIVE_USAGE_MEMORY_GIGABYTE_HOURS, memoryByteSeconds - used[5], Double::sum);
        unallocatedByNamespace.merge(String.valueOf(unallocatedNamespace(roles.get(node.name()))), 1L, Long::sum);
        unallocatedRows++;
      }
      Map<String, Double> capacity = new LinkedHashMap<>();
      capacity.put(CLUSTER_CAPACITY_CPU_CORE_HOURS, clusterCpu / HOUR);
      capacity.put(CLUSTER_CAPACITY_MEMORY_GIGABYTE_HOURS, clusterMemory / HOUR / GIB);
      if (!nodes.isEmpty()) {
        clusterCapacity.put(day, capacity);
      }

      StorageDay storage = new StorageDay(day, daysInMonth, podNodes, namespaceLabels, storageSums);
      storage.compute();
      storageRows += storage.groups.size();
      for (double[] measures : storage.groups.values()) {
        storageTotals.merge(PVC_CAPACITY_GIGABYTE, measures[0], Double::sum);
        storageTotals.merge(PVC_CAPACITY_GIGABYTE_MONTHS, measures[1], Double::sum);
        storageTotals.merge(VOLUME_REQUEST_STORAGE_GIGABYTE_MONTHS, measures[2], Double::sum);
        storageTotals.merge(PVC_USAGE_GIGABYTE_MONTHS, measures[3], Double::sum);
      }
      storage.groups.keySet().forEach(key -> storageNamespaces.add((String) key.get(0)));
    }

    toHours(podTotals);
    toHours(unallocatedTotals);
    Map<OcpTable, Map<String, Double>> rawSums = new EnumMap<>(OcpTable.class);
    rawSums.put(OcpTable.POD_USAGE, podSums);
    rawSums.put(OcpTable.STORAGE_USAGE, storageSums);
    List<LocalDate> days = workload.days();
    ExpectedSummary summary =
        new ExpectedSummary(
            podRows,
            storageRows,
            unallocatedRows,
            podTotals,
            unallocatedTotals,
            unallocatedByNamespace,
            storageTotals,
            clusterCapacity,
            List.copyOf(podNamespaces),
            List.copyOf(storageNamespaces));
    return new ExpectedTotals(
        workload.description(),
        target,
        seed,
        days.isEmpty() ? null : days.get(0),
        days.isEmpty() ? null : days.get(days.size() - 1),
        tables,
        rawSums,
        summary,
        perEntity(),
        List.copyOf(undetermined));
  }

  /** One day of storage: rows per summary group (specs/aggregation.md D), and raw sums. */
  private final class StorageDay {
    final LocalDate day;
    final int daysInMonth;
    final Map<List<String>, Set<Node>> podNodes;
    final Map<String, Map<String, String>> namespaceLabels;
    final Map<String, Double> sums;
    /** group key -> capacity GiB (max), capacity, request, usage GiB-months. */
    final Map<List<Object>, double[]> groups = new LinkedHashMap<>();

    StorageDay(
        LocalDate day,
        int daysInMonth,
        Map<List<String>, Set<Node>> podNodes,
        Map<String, Map<String, String>> namespaceLabels,
        Map<String, Double> sums) {
      this.day = day;
      this.daysInMonth = daysInMonth;
      this.podNodes = podNodes;
      this.namespaceLabels = namespaceLabels;
      this.sums = sums;
    }

    private Set<Node> matched(String namespace, String pod) {
      return podNodes.getOrDefault(List.of(namespace, pod), Set.of());
    }

    void compute() {
      Map<String, Set<String>> nodeCount = new HashMap<>();
      for (Segment segment : workload.segments()) {
        if (segment.slotsOn(day) == 0) {
          continue;
        }
        for (Volume volume : segment.volumes()) {
          for (Claim claim : volume.claims()) {
            for (Node node : matched(volume.namespace(), nz(claim.podName()))) {
              nodeCount.computeIfAbsent(volume.name(), v -> new HashSet<>()).add(node.name());
            }
          }
        }
      }
      for (Segment segment : workload.segments()) {
        int slots = segment.slotsOn(day);
        if (slots == 0) {
          continue;
        }
        for (Volume volume : segment.volumes()) {
          int divisor = Math.max(1, nodeCount.getOrDefault(volume.name(), Set.of()).size());
          if (volume.claims().isEmpty()) {
            double capacityBytes = volume.requestGib() * GIB;
            addSums(slots, capacityBytes, capacityBytes * HOUR, 0.0, 0.0);
            add(slots, "", null, "", volume, Map.of(), capacityBytes, 0.0, 0.0, divisor);
            continue;
          }
          for (Claim claim : volume.claims()) {
            OptionalDouble usage = UsageRows.clamp(claim.usageGib().on(day), claim.capacityGib());
            if (usage.isEmpty()) {
              undetermined.add("claim " + volume.namespace() + "/" + claim.name() + ": volume_claim_usage_gig not given for " + day + ", drawn per row");
            }
            double capacityBytes = claim.capacityGib() * GIB;
            double requestByteSeconds = volume.requestGib() * GIB * HOUR;
            double usageByteSeconds = usage.orElse(Double.NaN) * GIB * HOUR;
            addSums(slots, capacityBytes, capacityBytes * HOUR, requestByteSeconds, usageByteSeconds);
            Set<Node> nodes = matched(volume.namespace(), nz(claim.podName()));
            Map<String, String> claimLabels = KokuLabels.parse(claim.labels());
            if (nodes.isEmpty()) {
              add(slots, volume.namespace(), null, claim.name(), volume, claimLabels, capacityBytes, requestByteSeconds, usageByteSeconds, divisor);
            }
            for (Node node : nodes) {
              add(slots, volume.namespace(), node, claim.name(), volume, claimLabels, capacityBytes, requestByteSeconds, usageByteSeconds, divisor);
            }
          }
        }
      }
    }

    private void addSums(int slots, double capacityBytes, double capacityByteSeconds, double request, double usage) {
      sums.merge(PVC_CAPACITY_BYTES, slots * capacityBytes, Double::sum);
      sums.merge(PVC_CAPACITY_BYTE_SECONDS, slots * capacityByteSeconds, Double::sum);
      sums.merge(VOLUME_REQUEST_STORAGE_BYTE_SECONDS, slots * request, Double::sum);
      sums.merge(PVC_USAGE_BYTE_SECONDS, slots * usage, Double::sum);
    }

    private void add(
        int slots,
        String namespace,
        Node node,
        String claim,
        Volume volume,
        Map<String, String> claimLabels,
        double capacityBytes,
        double requestByteSeconds,
        double usageByteSeconds,
        int divisor) {
      Map<String, String> labels = new TreeMap<>();
      if (node != null) {
        labels.putAll(KokuLabels.parse(node.labels()));
      }
      labels.putAll(namespaceLabels.getOrDefault(namespace, Map.of()));
      labels.putAll(KokuLabels.parse(volume.labels()));
      labels.putAll(claimLabels);
      List<Object> key =
          java.util.Arrays.asList(
              namespace,
              node == null ? null : node.name(),
              node == null ? null : node.resourceId(),
              claim,
              volume.name(),
              nz(volume.storageClass()),
              nz(volume.csiVolumeHandle()),
              labels);
      double monthSeconds = 86_400.0 * daysInMonth;
      double[] measures = groups.computeIfAbsent(key, k -> new double[4]);
      measures[0] = Math.max(measures[0], capacityBytes / GIB);
      measures[1] += slots * capacityBytes * HOUR / monthSeconds / GIB;
      measures[2] += slots * requestByteSeconds / divisor / monthSeconds / GIB;
      measures[3] += slots * usageByteSeconds / divisor / monthSeconds / GIB;
    }
  }

  private static void addPodSums(Map<String, Double> sums, double[] perRow, Node node, int slots) {
    sums.merge(POD_USAGE_CPU_CORE_SECONDS, slots * perRow[0], Double::sum);
    sums.merge(POD_REQUEST_CPU_CORE_SECONDS, slots * perRow[1], Double::sum);
    sums.merge(POD_LIMIT_CPU_CORE_SECONDS, slots * perRow[2], Double::sum);
    sums.merge(POD_USAGE_MEMORY_BYTE_SECONDS, slots * perRow[3], Double::sum);
    sums.merge(POD_REQUEST_MEMORY_BYTE_SECONDS, slots * perRow[4], Double::sum);
    sums.merge(POD_LIMIT_MEMORY_BYTE_SECONDS, slots * perRow[5], Double::sum);
    sums.merge(POD_EFFECTIVE_USAGE_CPU_CORE_SECONDS, slots * perRow[6], Double::sum);
    sums.merge(POD_EFFECTIVE_USAGE_MEMORY_BYTE_SECONDS, slots * perRow[7], Double::sum);
    sums.merge(dev.ocpsummary.source.InputColumns.NODE_CAPACITY_CPU_CORES, slots * node.cpuCores(), Double::sum);
    sums.merge(NODE_CAPACITY_CPU_CORE_SECONDS, slots * (node.cpuCores() * HOUR), Double::sum);
    sums.merge(NODE_CAPACITY_MEMORY_BYTES, slots * (node.memoryGib() * GIB), Double::sum);
    sums.merge(NODE_CAPACITY_MEMORY_BYTE_SECONDS, slots * (node.memoryGib() * GIB * HOUR), Double::sum);
  }

  /**
   * Node roles as Koku derives them over the window (specs/aggregation.md E.1): master if a pod of
   * the node runs in {@code openshift-kube-apiserver}, else infra if its labels say {@code
   * node_role_kubernetes_io: infra}, else worker. Every generated node has node-label rows.
   */
  private Map<String, String> roles() {
    Map<String, String> roles = new HashMap<>();
    Set<String> masters = new HashSet<>();
    Set<String> infra = new HashSet<>();
    for (Segment segment : workload.segments()) {
      for (Pod pod : segment.pods()) {
        if (pod.namespace().equals(API_SERVER_NAMESPACE)) {
          masters.add(pod.node().name());
        }
      }
      for (Node node : segment.nodes()) {
        if ("infra".equals(KokuLabels.parse(node.labels()).get("node_role_kubernetes_io"))) {
          infra.add(node.name());
        }
        roles.put(node.name(), "worker");
      }
    }
    infra.forEach(node -> roles.put(node, "infra"));
    masters.forEach(node -> roles.put(node, "master"));
    return roles;
  }

  static String unallocatedNamespace(String role) {
    if (role == null) {
      return null;
    }
    return role.equals("master") || role.equals("infra") ? "Platform unallocated" : "Worker unallocated";
  }

  /** Distinct per-entity constants per full day, with how many entities share each. */
  private Map<String, List<Map<String, Object>>> perEntity() {
    Map<Map<String, Object>, Integer> pods = new LinkedHashMap<>();
    Map<Map<String, Object>, Integer> nodes = new LinkedHashMap<>();
    Map<Map<String, Object>, Integer> claims = new LinkedHashMap<>();
    Set<String> seenNodes = new HashSet<>();
    for (Segment segment : workload.segments()) {
      LocalDate first = segment.start().toLocalDate();
      for (Pod pod : segment.pods()) {
        PodDay values = podDay(pod, first);
        double[] perRow = UsageRows.podMetrics(pod, values.seconds(), values.cpuUsage(), values.memUsage());
        Map<String, Object> constants = new LinkedHashMap<>();
        constants.put("pod_seconds", nan(values.seconds()));
        constants.put("cpu_usage_core_hours", nan(24 * perRow[0] / HOUR));
        constants.put("cpu_request_core_hours", nan(24 * perRow[1] / HOUR));
        constants.put("cpu_effective_usage_core_hours", nan(24 * perRow[6] / HOUR));
        constants.put("cpu_limit_core_hours", nan(24 * perRow[2] / HOUR));
        constants.put("memory_usage_gigabyte_hours", nan(24 * perRow[3] / HOUR / GIB));
        constants.put("memory_request_gigabyte_hours", nan(24 * perRow[4] / HOUR / GIB));
        constants.put("memory_effective_usage_gigabyte_hours", nan(24 * perRow[7] / HOUR / GIB));
        constants.put("memory_limit_gigabyte_hours", nan(24 * perRow[5] / HOUR / GIB));
        pods.merge(constants, 1, Integer::sum);
      }
      for (Node node : segment.nodes()) {
        if (seenNodes.add(node.name())) {
          Map<String, Object> constants = new LinkedHashMap<>();
          constants.put("cpu_cores", node.cpuCores());
          constants.put("memory_gigabytes", node.memoryGib());
          constants.put("capacity_cpu_core_hours", 24 * node.cpuCores());
          constants.put("capacity_memory_gigabyte_hours", 24 * node.memoryGib());
          nodes.merge(constants, 1, Integer::sum);
        }
      }
      for (Volume volume : segment.volumes()) {
        for (Claim claim : volume.claims()) {
          Map<String, Object> constants = new LinkedHashMap<>();
          constants.put("capacity_gigabytes", claim.capacityGib());
          constants.put("request_gigabytes", volume.requestGib());
          constants.put("usage_gigabytes", nan(UsageRows.clamp(claim.usageGib().on(first), claim.capacityGib()).orElse(Double.NaN)));
          constants.put("gigabyte_months_per_day", "value / days in the month");
          claims.merge(constants, 1, Integer::sum);
        }
      }
    }
    Map<String, List<Map<String, Object>>> result = new LinkedHashMap<>();
    result.put("pod_day", withCounts(pods, "pods"));
    result.put("node_day", withCounts(nodes, "nodes"));
    result.put("claim_day", withCounts(claims, "claims"));
    return result;
  }

  private static List<Map<String, Object>> withCounts(Map<Map<String, Object>, Integer> profiles, String countKey) {
    List<Map<String, Object>> list = new ArrayList<>();
    profiles.forEach(
        (constants, count) -> {
          Map<String, Object> entry = new LinkedHashMap<>();
          entry.put(countKey, count);
          entry.putAll(constants);
          list.add(entry);
        });
    return list;
  }

  private static Object nan(double value) {
    return Double.isNaN(value) ? null : value;
  }

  private static Map<String, Double> zeros(OcpTable table) {
    Map<String, Double> sums = new LinkedHashMap<>();
    for (TableColumn column : table.columns()) {
      if (column.type() == ColumnType.DOUBLE) {
        sums.put(column.name(), 0.0);
      }
    }
    return sums;
  }

  private static Map<String, Double> zeroTotals(List<String> names) {
    Map<String, Double> totals = new LinkedHashMap<>();
    names.forEach(n -> totals.put(n, 0.0));
    return totals;
  }

  /** Seconds to hours, byte-seconds to GiB-hours, as the summary converts them. */
  private static void toHours(Map<String, Double> totals) {
    totals.replaceAll((name, value) -> name.contains("memory") ? value / HOUR / GIB : value / HOUR);
  }

  private static int count(boolean[] hours) {
    int n = 0;
    for (boolean h : hours) {
      n += h ? 1 : 0;
    }
    return n;
  }

  private static String nz(String value) {
    return Objects.requireNonNullElse(value, "");
  }
}
