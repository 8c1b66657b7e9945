package dev.ocpsummary.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one {@code bench} invocation measures.
 *
 * @param scales the scales, smallest first
 * @param modes the execution modes compared ({@code cache}, {@code iterate}), interleaved per run
 * @param runs measured runs per scale and mode in the fixed-heap series
 * @param warmups discarded runs per scale and mode before the measured ones
 * @param heapMib the driver heap of the fixed-heap series ({@code -Xmx})
 * @param heapSweep whether to search the smallest passing heap per scale and mode
 * @param sweep the heap sweep's floor, ceiling and step
 * @param budgetMib the memory budget the threshold is derived for
 * @param safety the share of the budget a mode may use (e.g. 0.8)
 * @param out the folder of the data (reused), the run folders and their work files
 * @param config the user's config file, layered under the benchmark's own settings
 * @param runLimit time limit of one fixed-heap run
 */
public record BenchOptions(
    List<String> scales,
    List<String> modes,
    int runs,
    int warmups,
    int heapMib,
    boolean heapSweep,
    HeapSweep sweep,
    int budgetMib,
    double safety,
    Path out,
    Optional<Path> config,
    Duration runLimit) {

  /** The eight seed scales, 1K to 2M input rows. */
  public static final List<String> DEFAULT_SCALES =
      List.of("small", "medium", "large", "xlarge", "xxlarge", "production-small", "production-medium", "production-large");

  /** The scales of the plan's three phases. */
  public static List<String> phaseScales(int phase) {
    return switch (phase) {
      case 1 -> List.of("small", "medium", "large");
      case 2 -> List.of("large", "xlarge", "xxlarge");
      case 3 -> List.of("production-small", "production-medium");
      default -> throw new IllegalArgumentException("--phase " + phase + ": the phases are 1, 2 and 3");
    };
  }

  public BenchOptions {
    scales = List.copyOf(scales);
    modes = List.copyOf(modes);
    if (scales.isEmpty() || modes.isEmpty()) {
      throw new IllegalArgumentException("a benchmark needs at least one scale and one mode");
    }
    if (runs < 1 || warmups < 0) {
      throw new IllegalArgumentException("--runs must be at least 1 and --warmups at least 0");
    }
  }
}
