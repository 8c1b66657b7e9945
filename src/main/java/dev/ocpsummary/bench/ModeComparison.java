package dev.ocpsummary.bench;

/**
 * ITERATE against CACHE at one scale: ratios ITERATE / CACHE of the medians (below 1 = ITERATE
 * lower), and a verdict from the min–max ranges of wall time and peak RSS.
 *
 * <p>The verdict says what ITERATE is, compared with CACHE: <b>faster</b> (its wall-time range lies
 * entirely below CACHE's), <b>smaller</b> (its peak-RSS range lies entirely below CACHE's),
 * <b>both</b>, <b>neither</b> (at least one range is disjoint, none in ITERATE's favour), or <b>not
 * significant</b> (both ranges overlap). Ranges, not medians, because with a handful of runs only
 * disjoint ranges say more than noise.
 *
 * @param wallRatio ratio of wall-time medians, or null when a mode has no passed run
 * @param pipelineRatio ratio of pipeline-time medians
 * @param peakRssRatio ratio of peak-RSS medians
 * @param heapPeakRatio ratio of heap-peak medians
 * @param minViableHeapRatio ratio of the smallest viable heaps (both found), or null
 * @param time how the wall-time ranges compare
 * @param memory how the peak-RSS ranges compare
 */
public record ModeComparison(
    ScaleInfo scale,
    Double wallRatio,
    Double pipelineRatio,
    Double peakRssRatio,
    Double heapPeakRatio,
    Double minViableHeapRatio,
    Signal time,
    Signal memory) {

  /** How ITERATE's min–max range of a measure lies against CACHE's. */
  public enum Signal {
    ITERATE_LOWER("ITERATE lower"),
    ITERATE_HIGHER("ITERATE higher"),
    OVERLAP("ranges overlap"),
    NO_DATA("no data");

    private final String text;

    Signal(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }

    static Signal of(Stats iterate, Stats cache) {
      if (iterate == null || cache == null) {
        return NO_DATA;
      }
      if (iterate.entirelyBelow(cache)) {
        return ITERATE_LOWER;
      }
      if (cache.entirelyBelow(iterate)) {
        return ITERATE_HIGHER;
      }
      return OVERLAP;
    }
  }

  static ModeComparison of(ScaleInfo scale, ModeSummary cache, ModeSummary iterate) {
    return new ModeComparison(
        scale,
        ratio(iterate.median(Metric.WALL), cache.median(Metric.WALL)),
        ratio(iterate.median(Metric.PIPELINE), cache.median(Metric.PIPELINE)),
        ratio(iterate.median(Metric.PEAK_RSS), cache.median(Metric.PEAK_RSS)),
        ratio(iterate.median(Metric.HEAP_PEAK), cache.median(Metric.HEAP_PEAK)),
        ratio(heap(iterate.minViableHeap()), heap(cache.minViableHeap())),
        Signal.of(iterate.stat(Metric.WALL), cache.stat(Metric.WALL)),
        Signal.of(iterate.stat(Metric.PEAK_RSS), cache.stat(Metric.PEAK_RSS)));
  }

  /** faster / smaller / both / neither / not significant / no data; see the class comment. */
  public String verdict() {
    if (time == Signal.NO_DATA || memory == Signal.NO_DATA) {
      return "no data";
    }
    boolean faster = time == Signal.ITERATE_LOWER;
    boolean smaller = memory == Signal.ITERATE_LOWER;
    if (faster && smaller) {
      return "both";
    }
    if (faster) {
      return "faster";
    }
    if (smaller) {
      return "smaller";
    }
    if (time == Signal.OVERLAP && memory == Signal.OVERLAP) {
      return "not significant";
    }
    return "neither";
  }

  private static Double heap(MinViableHeap heap) {
    return heap == null || !heap.found() ? null : heap.heapMib().doubleValue();
  }

  private static Double ratio(Double iterate, Double cache) {
    if (iterate == null || cache == null || cache == 0) {
      return null;
    }
    return iterate / cache;
  }
}
