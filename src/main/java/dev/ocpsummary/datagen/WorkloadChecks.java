package dev.ocpsummary.datagen;

import dev.ocpsummary.datagen.Workload.Namespace;
import dev.ocpsummary.datagen.Workload.Node;
import dev.ocpsummary.datagen.Workload.Pod;
import dev.ocpsummary.datagen.Workload.Segment;
import dev.ocpsummary.source.InputException;
import java.util.List;

/**
 * Refuses workloads whose summary would be ambiguous: a node or namespace described differently by
 * two generators that run at the same time (its capacity or labels in an hour would depend on which
 * row is read), or a pod that nise would put on two nodes at once.
 */
final class WorkloadChecks {

  private WorkloadChecks() {}

  static void consistent(String file, List<Segment> segments) {
    for (int a = 0; a < segments.size(); a++) {
      for (int b = a; b < segments.size(); b++) {
        Segment first = segments.get(a);
        Segment second = segments.get(b);
        boolean overlap = first.start().isBefore(second.end()) && second.start().isBefore(first.end());
        if (!overlap) {
          continue;
        }
        for (Node x : nodes(first)) {
          for (Node y : nodes(second)) {
            if (x != y && x.name().equals(y.name()) && !x.equals(y)) {
              throw new InputException(
                  file + ": node '" + x.name() + "' is described twice at the same time (generators " + (first.generator() + 1)
                      + " and " + (second.generator() + 1) + ") with different cpu_cores, memory_gig, resource_id or node_labels");
            }
          }
        }
        for (Namespace x : first.namespaces()) {
          for (Namespace y : second.namespaces()) {
            if (a != b && x.name().equals(y.name()) && !x.labels().equals(y.labels())) {
              throw new InputException(
                  file + ": namespace '" + x.name() + "' has different namespace_labels in generators " + (first.generator() + 1)
                      + " and " + (second.generator() + 1) + " at the same time");
            }
          }
        }
        if (a != b) {
          for (Pod x : first.pods()) {
            for (Pod y : second.pods()) {
              if (x.name().equals(y.name()) && x.namespace().equals(y.namespace())) {
                throw new InputException(
                    file + ": pod '" + x.namespace() + "/" + x.name() + "' runs in generators " + (first.generator() + 1) + " and "
                        + (second.generator() + 1) + " at the same time");
              }
            }
          }
        }
      }
    }
  }

  private static List<Node> nodes(Segment segment) {
    return segment.nodes();
  }
}
