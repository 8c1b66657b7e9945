package dev.ocpsummary.datagen;

import dev.ocpsummary.datagen.Workload.Claim;
import dev.ocpsummary.datagen.Workload.Node;
import dev.ocpsummary.datagen.Workload.Pod;
import dev.ocpsummary.datagen.Workload.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What nise invents for a node that declares no namespaces (specs/data-gen.md B.1, B.2), in nise's
 * ranges and seeded: 2–12 namespaces {@code <word>_<ci|qa|prod|proj|dev|staging>} with 2–20 pods each
 * (limits, requests and labels drawn once; usage and {@code pod_seconds} drawn per row) and 1–3
 * volumes each with one claim on one of its pods. Invented namespaces get no namespace-label rows,
 * as in nise; no virtual machines are invented. Such data are noise, not for verification.
 */
final class InventedEntities {

  private static final String[] SUFFIXES = {"ci", "qa", "prod", "proj", "dev", "staging"};
  private static final String[] LABEL_KEYS = {"environment", "app", "organization", "market", "version"};

  private InventedEntities() {}

  static void add(Node node, SplittableRandom random, List<Pod> pods, List<Volume> volumes) {
    int namespaces = RowRandom.randint(random, 2, 12);
    for (int n = 0; n < namespaces; n++) {
      String namespace = RowRandom.word(random) + "_" + SUFFIXES[random.nextInt(SUFFIXES.length)];
      List<Pod> created = new ArrayList<>();
      int count = RowRandom.randint(random, 2, 20);
      for (int p = 0; p < count; p++) {
        double cpuLimit = RowRandom.round(RowRandom.uniform(random, 0.02, node.cpuCores()), 5);
        double memLimit = RowRandom.round(RowRandom.uniform(random, Math.min(1.0, node.memoryGib()), node.memoryGib()), 2);
        StringBuilder labels = new StringBuilder();
        int items = RowRandom.randint(random, 2, LABEL_KEYS.length);
        for (int l = 0; l < items; l++) {
          labels.append(l == 0 ? "" : "|").append("label_").append(LABEL_KEYS[l]).append(':').append(RowRandom.word(random));
        }
        Pod pod =
            new Pod(
                RowRandom.word(random) + "_" + RowRandom.word(random),
                namespace,
                node,
                Math.min(RowRandom.round(RowRandom.uniform(random, 0.02, cpuLimit), 5), cpuLimit),
                cpuLimit,
                UsageSchedule.NOT_GIVEN,
                memLimit,
                memLimit,
                UsageSchedule.NOT_GIVEN,
                null,
                labels.toString());
        created.add(pod);
      }
      pods.addAll(created);
      int volumeCount = RowRandom.randint(random, 1, 3);
      for (int v = 0; v < volumeCount; v++) {
        double request = RowRandom.round(RowRandom.uniform(random, 25, 80), 2);
        Pod owner = created.get(random.nextInt(created.size()));
        double capacity = RowRandom.round(RowRandom.uniform(random, 2, request - 1), 2);
        Claim claim = new Claim(RowRandom.word(random), owner.name(), "label_app:" + RowRandom.word(random), capacity, UsageSchedule.NOT_GIVEN);
        volumes.add(
            new Volume(
                "pv-" + RowRandom.word(random) + RowRandom.word(random),
                namespace,
                node,
                "gp3-csi",
                "ebs.csi.aws.com",
                "vol-" + RowRandom.hex(random, 17),
                request,
                "",
                List.of(claim)));
      }
    }
  }
}
