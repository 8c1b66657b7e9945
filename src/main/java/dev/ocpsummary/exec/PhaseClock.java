package dev.ocpsummary.exec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Wall-clock milliseconds per named phase of a run, in the order the phases ran. */
final class PhaseClock {

  private final Map<String, Long> millis = new LinkedHashMap<>();

  <T> T time(String phase, Supplier<T> work) {
    long started = System.nanoTime();
    try {
      return work.get();
    } finally {
      millis.merge(phase, (System.nanoTime() - started) / 1_000_000, Long::sum);
    }
  }

  /** Adds time measured elsewhere to a phase (ITERATE splits one streaming loop into phases). */
  void add(String phase, long nanos) {
    millis.merge(phase, nanos / 1_000_000, Long::sum);
  }

  /** The phase's milliseconds so far, 0 if it has not run. */
  long millisOf(String phase) {
    return millis.getOrDefault(phase, 0L);
  }

  Map<String, Long> millis() {
    return Map.copyOf(millis);
  }

  Map<String, Long> orderedMillis() {
    return new LinkedHashMap<>(millis);
  }
}
