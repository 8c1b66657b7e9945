package dev.ocpsummary.datagen;

import dev.ocpsummary.datagen.Workload.Segment;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rows and files per table, from the workload's counts alone (specs/data-gen.md D.1, D.2, E.1): raw
 * rows per day are Σ over segments of slots × rows per slot; the Koku layout cuts a day's rows into
 * files of at most {@code maxRowsPerFile} rows in emission order, and a file's daily rows are the
 * distinct daily keys among the rows it holds, found from the row positions, never from written rows.
 */
final class ExpectedFiles {

  /** Counts of one table. */
  record TableCounts(long rawRows, long dailyRows, int rawFiles, int dailyFiles, Map<LocalDate, Long> rawRowsPerDay, List<Long> rawRowsPerFile) {}

  private ExpectedFiles() {}

  static TableCounts of(OcpTable table, Workload workload, OutputTarget target) {
    Map<LocalDate, Long> perDay = new LinkedHashMap<>();
    List<Long> perFile = new ArrayList<>();
    long raw = 0;
    long daily = 0;
    int dailyFiles = 0;
    List<List<List<String>>> keys = new ArrayList<>();
    for (Segment segment : workload.segments()) {
      keys.add(EntityKeys.of(table, segment));
    }
    for (LocalDate day : workload.days()) {
      List<List<Integer>> slots = new ArrayList<>();
      long rows = 0;
      for (int hour = 0; hour < 24; hour++) {
        List<Integer> active = new ArrayList<>();
        for (int s = 0; s < workload.segments().size(); s++) {
          if (workload.segments().get(s).covers(day.atTime(hour, 0)) && !keys.get(s).isEmpty()) {
            active.add(s);
            rows += keys.get(s).size();
          }
        }
        slots.add(active);
      }
      if (rows == 0) {
        continue;
      }
      perDay.put(day, rows);
      raw += rows;
      long chunk = target.layout() == OutputLayout.KOKU ? target.maxRowsPerFile() : rows;
      for (long from = 0; from < rows; from += chunk) {
        long to = Math.min(rows, from + chunk);
        perFile.add(to - from);
        if (target.layout() == OutputLayout.KOKU) {
          daily += distinctKeys(slots, keys, from, to);
          dailyFiles++;
        }
      }
    }
    return new TableCounts(raw, daily, perFile.size(), dailyFiles, perDay, perFile);
  }

  /** Distinct daily keys among a day's rows {@code [from, to)}. */
  private static int distinctKeys(List<List<Integer>> slots, List<List<List<String>>> keys, long from, long to) {
    Set<List<String>> distinct = new HashSet<>();
    Set<Integer> whole = new HashSet<>();
    long position = 0;
    for (List<Integer> active : slots) {
      for (int segment : active) {
        List<List<String>> segmentKeys = keys.get(segment);
        long start = position;
        long end = position + segmentKeys.size();
        position = end;
        long a = Math.max(start, from);
        long b = Math.min(end, to);
        if (a >= b) {
          continue;
        }
        if (a == start && b == end) {
          if (whole.add(segment)) {
            distinct.addAll(segmentKeys);
          }
        } else {
          distinct.addAll(segmentKeys.subList((int) (a - start), (int) (b - start)));
        }
      }
    }
    return distinct.size();
  }
}
