package dev.ocpsummary.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code summary.csv}: one line per scale and mode with the counts, the smallest viable heap and
 * median, min and max of every {@link Metric}; empty cells where there is no value. Numbers are
 * unrounded and ungrouped, for spreadsheets and notebooks.
 */
final class SummaryCsv {

  private SummaryCsv() {}

  static String render(RunStatistics stats) {
    List<String> header =
        new ArrayList<>(List.of(
            "scale", "mode", "input_rows", "input_bytes", "output_rows", "passed", "failed", "warmups", "min_viable_heap_mib",
            "min_viable_heap_found", "largest_heap_tried_mib"));
    for (Metric metric : Metric.values()) {
      header.add(metric.key() + "_median");
      header.add(metric.key() + "_min");
      header.add(metric.key() + "_max");
    }
    StringBuilder csv = new StringBuilder(String.join(",", header)).append('\n');
    for (ScaleInfo scale : stats.scales()) {
      for (String mode : BenchRun.MODES) {
        ModeSummary s = stats.summary(scale.name(), mode);
        MinViableHeap heap = s.minViableHeap();
        List<String> cells =
            new ArrayList<>(List.of(
                quote(scale.name()), mode, String.valueOf(scale.inputRows()), String.valueOf(scale.inputBytes()),
                scale.outputRows() == null ? "" : String.valueOf(scale.outputRows()), String.valueOf(s.passed()),
                String.valueOf(s.failed()), String.valueOf(s.warmups()),
                heap == null || !heap.found() ? "" : String.valueOf(heap.heapMib()),
                heap == null ? "" : String.valueOf(heap.found()),
                heap == null ? "" : String.valueOf(heap.largestTriedMib())));
        for (Metric metric : Metric.values()) {
          Stats st = s.stat(metric);
          cells.add(st == null ? "" : Fmt.plain(st.median()));
          cells.add(st == null ? "" : Fmt.plain(st.min()));
          cells.add(st == null ? "" : Fmt.plain(st.max()));
        }
        csv.append(String.join(",", cells)).append('\n');
      }
    }
    return csv.toString();
  }

  private static String quote(String text) {
    return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
  }
}
