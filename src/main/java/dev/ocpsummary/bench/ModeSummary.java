package dev.ocpsummary.bench;

import java.util.Map;
import java.util.Set;

/**
 * One mode at one scale: statistics of every {@link Metric} over the measured (non-warm-up), passed
 * {@value BenchRun#FIXED_HEAP} runs, with the failures counted beside them, and the smallest viable
 * heap from the {@value BenchRun#HEAP_SWEEP} runs.
 *
 * @param passed measured fixed-heap runs that passed (the statistics' n)
 * @param failed measured fixed-heap runs that failed (shown, not in the statistics)
 * @param warmups fixed-heap warm-ups (excluded)
 * @param heapsMib the -Xmx values of the fixed-heap runs (one, in a well-run series)
 * @param stats per metric, over the passed runs that have it; a metric without values is absent
 * @param minViableHeap from the heap sweep; null when the sweep did not run this (scale, mode)
 */
public record ModeSummary(
    String scale,
    String mode,
    int passed,
    int failed,
    int warmups,
    Set<Integer> heapsMib,
    Map<Metric, Stats> stats,
    MinViableHeap minViableHeap) {

  /** The metric's statistics, or null. */
  public Stats stat(Metric metric) {
    return stats.get(metric);
  }

  /** The metric's median, or null. */
  public Double median(Metric metric) {
    Stats s = stats.get(metric);
    return s == null ? null : s.median();
  }
}
