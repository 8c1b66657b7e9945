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

  Map<String, Long> millis() {
    return Map.copyOf(millis);
  }

  Map<String, Long> orderedMillis() {
    return new LinkedHashMap<>(millis);
  }
}
