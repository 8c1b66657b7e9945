package dev.ocpsummary.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * The statistics of a benchmark's runs: the scales (ordered by input rows), a {@link ModeSummary}
 * per scale and mode, a {@link ModeComparison} per scale, and the time crossover. Pure: everything
 * comes from the runs given.
 */
public final class RunStatistics {

  /** The rule of {@link #timeCrossover()}, as the report states it. */
  public static final String CROSSOVER_RULE =
      "the smallest scale from which on (it and every larger scale with data in both modes) ITERATE's"
          + " slowest fixed-heap run is faster than CACHE's fastest";

  private final List<BenchRun> runs;
  private final List<ScaleInfo> scales;
  private final Map<String, Map<String, ModeSummary>> summaries;
  private final List<ModeComparison> comparisons;

  private RunStatistics(
      List<BenchRun> runs, List<ScaleInfo> scales, Map<String, Map<String, ModeSummary>> summaries,
      List<ModeComparison> comparisons) {
    this.runs = runs;
    this.scales = scales;
    this.summaries = summaries;
    this.comparisons = comparisons;
  }

  public static RunStatistics of(List<BenchRun> runs) {
    List<ScaleInfo> scales = scales(runs);
    Map<String, Map<String, ModeSummary>> summaries = new LinkedHashMap<>();
    List<ModeComparison> comparisons = new ArrayList<>();
    for (ScaleInfo scale : scales) {
      Map<String, ModeSummary> byMode = new LinkedHashMap<>();
      for (String mode : BenchRun.MODES) {
        byMode.put(mode, summary(scale.name(), mode, runs));
      }
      summaries.put(scale.name(), byMode);
      comparisons.add(ModeComparison.of(scale, byMode.get(BenchRun.CACHE), byMode.get(BenchRun.ITERATE)));
    }
    return new RunStatistics(List.copyOf(runs), List.copyOf(scales), summaries, List.copyOf(comparisons));
  }

  /** Every run, in file order. */
  public List<BenchRun> runs() {
    return runs;
  }

  /** The scales, smallest input first. */
  public List<ScaleInfo> scales() {
    return scales;
  }

  public ModeSummary summary(String scale, String mode) {
    return summaries.get(scale).get(mode);
  }

  /** One per scale, in scale order. */
  public List<ModeComparison> comparisons() {
    return comparisons;
  }

  /** The largest scale, or empty without runs. */
  public Optional<ScaleInfo> largestScale() {
    return scales.isEmpty() ? Optional.empty() : Optional.of(scales.get(scales.size() - 1));
  }

  /** The scale where ITERATE becomes faster for good, by {@link #CROSSOVER_RULE}; empty if none. */
  public Optional<ScaleInfo> timeCrossover() {
    ScaleInfo from = null;
    for (ModeComparison c : comparisons) {
      if (c.time() == ModeComparison.Signal.NO_DATA) {
        continue;
      }
      if (c.time() == ModeComparison.Signal.ITERATE_LOWER) {
        from = from == null ? c.scale() : from;
      } else {
        from = null;
      }
    }
    return Optional.ofNullable(from);
  }

  /** Runs that did not pass, warm-ups and sweeps included, in file order. */
  public List<BenchRun> failedRuns() {
    return runs.stream().filter(r -> !r.passed()).toList();
  }

  private static List<ScaleInfo> scales(List<BenchRun> runs) {
    Map<String, List<BenchRun>> byScale = runs.stream().collect(Collectors.groupingBy(BenchRun::scale, LinkedHashMap::new, Collectors.toList()));
    return byScale.entrySet().stream()
        .map(e -> new ScaleInfo(e.getKey(), max(e.getValue(), BenchRun::inputRows), max(e.getValue(), BenchRun::inputBytes), outputRows(e.getValue())))
        .sorted(Comparator.comparingLong(ScaleInfo::inputRows).thenComparing(ScaleInfo::name))
        .toList();
  }

  private static long max(List<BenchRun> runs, ToLongFunction<BenchRun> value) {
    return runs.stream().mapToLong(value).max().orElse(0);
  }

  private static Long outputRows(List<BenchRun> runs) {
    Stats s = Stats.of(runs.stream().filter(BenchRun::passed).map(BenchRun::outputRows).filter(Objects::nonNull).map(Long::doubleValue).toList());
    return s == null ? null : Math.round(s.median());
  }

  private static ModeSummary summary(String scale, String mode, List<BenchRun> runs) {
    List<BenchRun> fixed =
        runs.stream()
            .filter(r -> r.scale().equals(scale) && r.mode().equals(mode) && r.series().equals(BenchRun.FIXED_HEAP))
            .toList();
    List<BenchRun> measuredPassed = fixed.stream().filter(r -> r.measured() && r.passed()).toList();
    Map<Metric, Stats> stats = new EnumMap<>(Metric.class);
    for (Metric metric : Metric.values()) {
      Stats s = Stats.of(measuredPassed.stream().map(metric::of).toList());
      if (s != null) {
        stats.put(metric, s);
      }
    }
    MinViableHeap minHeap =
        MinViableHeap.of(
            runs.stream()
                .filter(r -> r.scale().equals(scale) && r.mode().equals(mode) && r.series().equals(BenchRun.HEAP_SWEEP))
                .toList());
    return new ModeSummary(
        scale,
        mode,
        measuredPassed.size(),
        (int) fixed.stream().filter(r -> r.measured() && !r.passed()).count(),
        (int) fixed.stream().filter(BenchRun::warmup).count(),
        fixed.stream().map(BenchRun::heapMib).collect(Collectors.toCollection(TreeSet::new)),
        stats,
        minHeap);
  }
}
