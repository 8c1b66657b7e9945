package dev.ocpsummary.sink;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The counts and timings of one summarize run, as {@link RunRecorder} stores them in {@code
 * summary_runs}.
 *
 * <p>The maps are copied (keeping their iteration order) and cannot be modified; a null map is
 * read as empty. Keys must not be null.
 *
 * @param inputRows rows read from the input files
 * @param outputRows rows written to the summary table
 * @param rowsByDataSource written rows per {@code data_source} ({@code Pod}, {@code Storage})
 * @param phaseMillis wall-clock milliseconds per phase of the run, in the order the phases ran
 */
public record RunSummary(
    long inputRows, long outputRows, Map<String, Long> rowsByDataSource, Map<String, Long> phaseMillis) {

  public RunSummary {
    rowsByDataSource = frozenCopy(rowsByDataSource);
    phaseMillis = frozenCopy(phaseMillis);
  }

  /** A summary with no rows and no phases, for runs that failed before counting anything. */
  public static RunSummary empty() {
    return new RunSummary(0, 0, Map.of(), Map.of());
  }

  private static Map<String, Long> frozenCopy(Map<String, Long> map) {
    if (map == null || map.isEmpty()) {
      return Map.of();
    }
    Map<String, Long> copy = new LinkedHashMap<>();
    map.forEach(
        (key, value) -> {
          if (key == null) {
            throw new IllegalArgumentException("a run summary map has a null key");
          }
          copy.put(key, value);
        });
    return Collections.unmodifiableMap(copy);
  }
}
