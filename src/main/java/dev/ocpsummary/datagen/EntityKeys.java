package dev.ocpsummary.datagen;

import dev.ocpsummary.datagen.Workload.Claim;
import dev.ocpsummary.datagen.Workload.Namespace;
import dev.ocpsummary.datagen.Workload.Node;
import dev.ocpsummary.datagen.Workload.Pod;
import dev.ocpsummary.datagen.Workload.Segment;
import dev.ocpsummary.datagen.Workload.Volume;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys Koku's daily files group a segment's rows by (without the day), one per row of a slot,
 * in the order {@link UsageRows} emits them: what makes two raw rows fall into one daily row.
 */
final class EntityKeys {

  private EntityKeys() {}

  static List<List<String>> of(OcpTable table, Segment segment) {
    List<List<String>> keys = new ArrayList<>();
    switch (table) {
      case POD_USAGE -> {
        for (Pod pod : segment.pods()) {
          keys.add(List.of(pod.namespace(), pod.node().name(), pod.name(), KokuLabels.toJson(pod.labels())));
        }
      }
      case STORAGE_USAGE -> {
        for (Volume volume : segment.volumes()) {
          String pv = KokuLabels.toJson(volume.labels());
          if (volume.claims().isEmpty()) {
            keys.add(List.of("", "", "", "", volume.name(), nz(volume.storageClass()), nz(volume.csiDriver()), nz(volume.csiVolumeHandle()), pv, "{}"));
          }
          for (Claim claim : volume.claims()) {
            keys.add(
                List.of(
                    volume.namespace(), volume.node().name(), nz(claim.podName()), claim.name(), volume.name(),
                    nz(volume.storageClass()), nz(volume.csiDriver()), nz(volume.csiVolumeHandle()), pv,
                    KokuLabels.toJson(claim.labels())));
          }
        }
      }
      case NODE_LABELS -> {
        for (Node node : segment.nodes()) {
          keys.add(List.of(node.name(), KokuLabels.toJson(node.labels())));
        }
      }
      case NAMESPACE_LABELS -> {
        for (Namespace namespace : segment.namespaces()) {
          keys.add(List.of(namespace.name(), KokuLabels.toJson(namespace.labels())));
        }
      }
    }
    return keys;
  }

  private static String nz(String value) {
    return value == null ? "" : value;
  }
}
