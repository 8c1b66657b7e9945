package dev.ocpsummary.datagen;

import dev.ocpsummary.datagen.Workload.Claim;
import dev.ocpsummary.datagen.Workload.Namespace;
import dev.ocpsummary.datagen.Workload.Node;
import dev.ocpsummary.datagen.Workload.Pod;
import dev.ocpsummary.datagen.Workload.Segment;
import dev.ocpsummary.datagen.Workload.Volume;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the workload of a {@link Scale} preset: the same entities a generated nise manifest would
 * declare (specs/data-gen.md D.2, D.3), without writing the manifest (the 2m manifest is ~40 MB of
 * YAML). Every value is given, so nothing is random and every total has a closed form.
 *
 * <ul>
 *   <li>seed topology: nodes {@code node-n} with resource id {@code node-n-resource-id}; namespace i
 *       holds ⌊P/NS⌋ pods, the first {@code P mod NS} namespaces one more; pod {@code pod-i-j}
 *       (j from 1) runs on node {@code node-(((j-1) mod N) + 1)}; labels {@code
 *       label_app:benchmark|label_tier:backend|label_namespace:namespace-i}, plus {@code
 *       label_pod:pod-i-j} in unique label mode.
 *   <li>POC topology: node {@code node-NNN} (resource id {@code i-benchmarkNNNNN}) holds namespace
 *       {@code benchmark-NNN} with pods {@code app-NNN-MMMM}, labels {@code
 *       app:benchmark|tier:web|node:…|pod:…} (without the pod in shared mode); no volumes unless the
 *       preset asks for them.
 *   <li>storage: pods with in-namespace index j ≡ 1 (mod pvc_every) get a PV {@code pv-POD} with one
 *       PVC {@code pvc-POD} bound to the pod, on the pod's node.
 *   <li>nise prepends {@code i-} to every resource id; so does this.
 * </ul>
 */
final class ScaleWorkloads {

  private ScaleWorkloads() {}

  static Workload of(Scale scale, LocalDate start, int days) {
    List<Node> nodes = new ArrayList<>();
    List<Namespace> namespaces = new ArrayList<>();
    List<Pod> pods = new ArrayList<>();
    List<Volume> volumes = new ArrayList<>();
    boolean poc = scale.topology() == Scale.Topology.POC;
    for (int n = 1; n <= scale.nodes(); n++) {
      String name = poc ? String.format("node-%03d", n) : "node-" + n;
      String resourceId = poc ? String.format("i-benchmark%05d", n) : "node-" + n + "-resource-id";
      nodes.add(new Node(name, "i-" + resourceId, scale.node().cpuCores(), scale.node().memoryGib(), ""));
    }
    int groups = poc ? scale.nodes() : scale.namespaces();
    for (int i = 1; i <= groups; i++) {
      String namespace = poc ? String.format("benchmark-%03d", i) : "namespace-" + i;
      namespaces.add(new Namespace(namespace, ""));
      int count = scale.pods() / groups + (i <= scale.pods() % groups ? 1 : 0);
      for (int j = 1; j <= count; j++) {
        Node node = poc ? nodes.get(i - 1) : nodes.get((j - 1) % scale.nodes());
        String name = poc ? String.format("app-%03d-%04d", i, j) : "pod-" + i + "-" + j;
        String labels =
            poc
                ? "app:benchmark|tier:web|node:" + node.name() + (scale.labels() == Scale.LabelMode.UNIQUE ? "|pod:" + name : "")
                : "label_app:benchmark|label_tier:backend|label_namespace:" + namespace
                    + (scale.labels() == Scale.LabelMode.UNIQUE ? "|label_pod:" + name : "");
        Pod pod = pod(scale.pod(), name, namespace, node, labels);
        pods.add(pod);
        if (scale.storage().isPresent() && (j - 1) % scale.storage().get().pvcEvery() == 0) {
          volumes.add(volume(scale.storage().get(), pod));
        }
      }
    }
    List<Segment> segments = new ArrayList<>();
    LocalDateTime end = start.plusDays(days).atStartOfDay();
    for (LocalDateTime from = start.atStartOfDay(); from.isBefore(end); ) {
      LocalDateTime monthEnd = from.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay();
      LocalDateTime to = monthEnd.isBefore(end) ? monthEnd : end;
      segments.add(new Segment(0, from, to, nodes, namespaces, pods, volumes));
      from = to;
    }
    return new Workload("scale " + scale.name(), segments);
  }

  private static Pod pod(Scale.PodProfile profile, String name, String namespace, Node node, String labels) {
    double cpuLimit = Math.min(profile.cpuLimit(), node.cpuCores());
    double memLimit = Math.min(profile.memLimitGib(), node.memoryGib());
    return new Pod(
        name,
        namespace,
        node,
        Math.min(profile.cpuRequest(), cpuLimit),
        cpuLimit,
        UsageSchedule.fullPeriod(profile.cpuUsage()),
        Math.min(profile.memRequestGib(), memLimit),
        memLimit,
        UsageSchedule.fullPeriod(profile.memUsageGib()),
        profile.podSeconds(),
        labels);
  }

  private static Volume volume(Scale.StorageProfile storage, Pod pod) {
    Claim claim =
        new Claim("pvc-" + pod.name(), pod.name(), "label_pvc:pvc-" + pod.name(), storage.capacityGib(), UsageSchedule.fullPeriod(storage.usageGib()));
    return new Volume(
        "pv-" + pod.name(),
        pod.namespace(),
        pod.node(),
        storage.storageClass(),
        storage.csiDriver(),
        "vol-" + pod.name(),
        storage.volumeRequestGib(),
        "label_app:benchmark|label_volume:pv-" + pod.name(),
        List.of(claim));
  }
}
