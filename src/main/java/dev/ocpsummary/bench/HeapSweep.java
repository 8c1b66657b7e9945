package dev.ocpsummary.bench;

import java.util.OptionalInt;
import java.util.function.IntPredicate;

/**
 * The smallest driver heap at which a run still succeeds, by bisection over multiples of a step
 * between a floor and a ceiling, assuming success is monotone in the heap (a run that passes at some
 * heap passes at every larger one). The floor is Spark's own minimum in local mode: below about
 * 450 MiB of usable heap the driver refuses to start whatever the data.
 *
 * @param floorMib the smallest heap tried
 * @param ceilingMib the largest heap tried
 * @param stepMib the resolution: the answer is a multiple of it (from the floor)
 */
public record HeapSweep(int floorMib, int ceilingMib, int stepMib) {

  public HeapSweep {
    if (stepMib <= 0 || floorMib <= 0 || ceilingMib < floorMib) {
      throw new IllegalArgumentException("heap sweep needs 0 < floor <= ceiling and a positive step");
    }
  }

  /**
   * Finds the smallest passing heap.
   *
   * @param knownPassMib a heap already known to pass (e.g. the fixed-heap series), or 0 for none
   * @param passes runs the job at a heap (MiB) and says whether it passed
   * @return the smallest passing heap, or empty if even the ceiling fails
   */
  OptionalInt smallestPassing(int knownPassMib, IntPredicate passes) {
    int fail = floorMib - stepMib;
    int pass;
    if (knownPassMib >= floorMib && knownPassMib <= ceilingMib) {
      pass = knownPassMib;
    } else if (passes.test(ceilingMib)) {
      pass = ceilingMib;
    } else {
      return OptionalInt.empty();
    }
    while (pass - fail > stepMib) {
      int middle = align(fail + (pass - fail) / 2);
      if (middle <= fail || middle >= pass) {
        break;
      }
      if (passes.test(middle)) {
        pass = middle;
      } else {
        fail = middle;
      }
    }
    return OptionalInt.of(pass);
  }

  /** Rounds a heap down to the step grid anchored at the floor (never below the floor). */
  private int align(int mib) {
    if (mib <= floorMib) {
      return floorMib;
    }
    return floorMib + ((mib - floorMib) / stepMib) * stepMib;
  }
}
