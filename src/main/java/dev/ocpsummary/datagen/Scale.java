package dev.ocpsummary.datagen;

import java.util.Optional;

/**
 * A benchmark scale preset (specs/data-gen.md D.2, D.3), read from {@code data-gen/scales/NAME.yml}.
 *
 * @param name the preset's name ({@code small}, {@code poc-20k}, …)
 * @param topology how entities are laid out: the seed ladder's or the POC's
 * @param pods pods P
 * @param namespaces namespaces NS (the POC topology has one per node)
 * @param nodes nodes N
 * @param days days D, from the start date
 * @param labels {@code unique}: every pod has a label naming it, so Pod rows = pods × days;
 *     {@code shared}: pods of one (namespace, node) share their labels
 * @param node every node's size
 * @param pod every pod's profile
 * @param storage one PV with one PVC per {@code pvcEvery} pods of a namespace, if present
 */
public record Scale(
    String name,
    Topology topology,
    int pods,
    int namespaces,
    int nodes,
    int days,
    LabelMode labels,
    NodeSize node,
    PodProfile pod,
    Optional<StorageProfile> storage) {

  /** Entity layout of a ladder. */
  public enum Topology {
    /** Namespaces {@code namespace-i}, pods {@code pod-i-j} spread round-robin over nodes {@code node-n}. */
    SEED,
    /** Nodes {@code node-NNN} each with one namespace {@code benchmark-NNN} of pods {@code app-NNN-MMMM}. */
    POC
  }

  /** Whether each pod gets a label of its own. */
  public enum LabelMode {
    UNIQUE,
    SHARED
  }

  public record NodeSize(double cpuCores, double memoryGib) {}

  public record PodProfile(
      double cpuRequest, double cpuLimit, double cpuUsage, double memRequestGib, double memLimitGib, double memUsageGib, double podSeconds) {}

  public record StorageProfile(
      int pvcEvery, double volumeRequestGib, double capacityGib, double usageGib, String storageClass, String csiDriver) {}
}
