package dev.ocpsummary.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The smallest viable heap: the bottom of the unbroken run of passing heaps at the top. */
class MinViableHeapTest {

  private static BenchRun at(int heap, boolean passed) {
    return BenchRuns.sweep("1m", BenchRuns.ROWS_1M, BenchRun.CACHE, 1, heap, passed);
  }

  @Test
  void theSmallestHeapFromWhichEveryLargerOnePassed() {
    MinViableHeap heap = MinViableHeap.of(List.of(at(2048, true), at(512, false), at(1024, true), at(768, true), at(640, false)));

    assertEquals(768, heap.heapMib());
    assertEquals(2048, heap.largestTriedMib());
    assertEquals(5, heap.heapsTried());
    assertFalse(heap.nonMonotonic());
    assertEquals("768 MiB", heap.describe());
  }

  @Test
  void aFailureAboveAPassEndsTheRunAndIsFlagged() {
    MinViableHeap heap = MinViableHeap.of(List.of(at(2048, true), at(1024, false), at(768, true)));

    assertEquals(2048, heap.heapMib());
    assertTrue(heap.nonMonotonic());
    assertEquals("2,048 MiB (non-monotonic)", heap.describe());
  }

  @Test
  void aHeapWithOneFailedRepeatIsNotViable() {
    MinViableHeap heap = MinViableHeap.of(List.of(at(2048, true), at(1024, true), at(1024, false)));

    assertEquals(2048, heap.heapMib());
  }

  @Test
  void nothingPassingIsNotFoundBelowTheLargestTried() {
    MinViableHeap heap = MinViableHeap.of(List.of(at(4096, false), at(2048, false)));

    assertNull(heap.heapMib());
    assertEquals("not found ≤ 4,096 MiB", heap.describe());
    assertNull(MinViableHeap.of(List.of()));
  }
}
