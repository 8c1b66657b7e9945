package dev.ocpsummary.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How long a run waits for another run of the same source that is writing it ({@code
 * database.lock-wait}): for ever ({@code wait}, the default: runs of a source take turns), not at
 * all ({@code fail}), or at most a duration. A run that stops waiting fails with one line naming the
 * source, and leaves the summary table as it was.
 *
 * @param limit the longest wait; null means no limit
 */
public record LockWait(Duration limit) implements Serializable {

  public LockWait {
    if (limit != null && limit.isNegative()) {
      throw new IllegalArgumentException("a lock wait cannot be negative: " + limit);
    }
  }

  /** Wait as long as the other run writes. */
  public static LockWait forever() {
    return new LockWait(null);
  }

  /** Do not wait: fail at once if another run holds the source. */
  public static LockWait failAtOnce() {
    return new LockWait(Duration.ZERO);
  }

  /** Wait at most {@code limit}, then fail. */
  public static LockWait atMost(Duration limit) {
    return new LockWait(Objects.requireNonNull(limit, "limit"));
  }

  public boolean waitsForever() {
    return limit == null;
  }

  public boolean failsAtOnce() {
    return limit != null && limit.isZero();
  }

  /** The setting as a config file spells it: {@code wait}, {@code fail} or a duration ({@code 30s}, {@code 1500ms}). */
  public String describe() {
    if (waitsForever()) {
      return "wait";
    }
    if (failsAtOnce()) {
      return "fail";
    }
    long millis = limit.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }

  @Override
  public String toString() {
    return describe();
  }
}
