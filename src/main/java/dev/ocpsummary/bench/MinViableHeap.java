package dev.ocpsummary.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The smallest driver heap a mode needs at a scale, from the {@value BenchRun#HEAP_SWEEP} runs.
 *
 * <p>The rule: the smallest tried heap H such that every run at H and at every larger tried heap
 * passed. A heap counts as passing only when all of its (measured) runs passed, so a flaky heap is
 * not viable. When the largest tried heap failed, or nothing passed, there is no such H and the
 * result is "not found ≤ the largest tried heap" (a lower bound, not a value). A failure above a
 * passing heap is reported as non-monotonic, because it makes the sweep's answer less certain.
 *
 * @param heapMib the smallest viable heap, or null when not found
 * @param largestTriedMib the largest heap the sweep tried
 * @param heapsTried distinct heaps tried
 * @param nonMonotonic a heap failed although a smaller one passed
 */
public record MinViableHeap(Integer heapMib, int largestTriedMib, int heapsTried, boolean nonMonotonic) {

  public static final String RULE =
      "the smallest tried -Xmx at which this and every larger tried heap passed (all runs at a heap must"
          + " pass); \"not found ≤ X\" when even the largest tried heap X failed";

  /** The result for one (scale, mode) from its sweep runs (warm-ups ignored); null when there are none. */
  public static MinViableHeap of(List<BenchRun> sweepRuns) {
    TreeMap<Integer, Boolean> passedByHeap =
        sweepRuns.stream()
            .filter(BenchRun::measured)
            .collect(Collectors.toMap(BenchRun::heapMib, BenchRun::passed, Boolean::logicalAnd, TreeMap::new));
    if (passedByHeap.isEmpty()) {
      return null;
    }
    Integer viable = null;
    boolean seenFailureAbove = false;
    boolean nonMonotonic = false;
    // Walk down from the largest heap: the answer is the end of the unbroken run of passes at the top.
    for (Map.Entry<Integer, Boolean> heap : passedByHeap.descendingMap().entrySet()) {
      if (heap.getValue()) {
        if (!seenFailureAbove) {
          viable = heap.getKey();
        } else {
          nonMonotonic = true;
        }
      } else {
        seenFailureAbove = true;
      }
    }
    int largest = passedByHeap.lastKey();
    return new MinViableHeap(viable, largest, passedByHeap.size(), nonMonotonic);
  }

  public boolean found() {
    return heapMib != null;
  }

  /** {@code 768 MiB} or {@code not found ≤ 4,096 MiB}, with a mark when non-monotonic. */
  public String describe() {
    String text = found() ? Fmt.integer(heapMib) + " MiB" : "not found ≤ " + Fmt.integer(largestTriedMib) + " MiB";
    return nonMonotonic ? text + " (non-monotonic)" : text;
  }
}
