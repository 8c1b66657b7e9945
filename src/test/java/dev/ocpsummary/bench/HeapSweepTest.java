package dev.ocpsummary.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class HeapSweepTest {

  private final HeapSweep sweep = new HeapSweep(512, 6144, 128);

  @Test
  void findsTheSmallestPassingHeapOnTheGridWithFewRuns() {
    List<Integer> tried = new ArrayList<>();
    OptionalInt smallest = sweep.smallestPassing(2048, heap -> {
      tried.add(heap);
      return heap >= 1100;
    });
    assertEquals(OptionalInt.of(1152), smallest, "1152 = 512 + 5 x 128 is the first grid heap >= 1100");
    assertTrue(tried.size() <= 4, "bisection between 384 and 2048 needs at most 4 runs, tried " + tried);
    assertTrue(tried.stream().noneMatch(h -> h == 2048), "the known passing heap is not run again");
  }

  @Test
  void theFloorItselfCanBeTheAnswer() {
    assertEquals(OptionalInt.of(512), sweep.smallestPassing(2048, heap -> true));
  }

  @Test
  void withoutAKnownPassTheCeilingIsTriedFirst() {
    List<Integer> tried = new ArrayList<>();
    assertEquals(OptionalInt.of(4096), sweep.smallestPassing(0, heap -> {
      tried.add(heap);
      return heap >= 4000;
    }));
    assertEquals(6144, tried.get(0));
  }

  @Test
  void nothingPassesUpToTheCeiling() {
    List<Integer> tried = new ArrayList<>();
    assertEquals(OptionalInt.empty(), sweep.smallestPassing(0, heap -> {
      tried.add(heap);
      return false;
    }));
    assertEquals(List.of(6144), tried);
  }

  @Test
  void rejectsAnEmptyRange() {
    assertThrows(IllegalArgumentException.class, () -> new HeapSweep(1024, 512, 128));
    assertThrows(IllegalArgumentException.class, () -> new HeapSweep(512, 1024, 0));
  }
}
