package dev.ocpsummary.datagen;

import static dev.ocpsummary.source.InputColumns.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.io.api.Binary;

/**
 * Koku's daily file of one raw file (specs/data-gen.md A.1–A.4): the raw rows grouped by the report's
 * keys and the day of {@code interval_start} (midnight), with max or sum per column, in Koku's column
 * order, sorted by the group keys as pandas sorts them. Holds one entry per group of the raw file it
 * aggregates, so its memory is bounded by the raw file's row limit.
 */
final class DailyAggregator {

  private static final long MILLIS_PER_DAY = 86_400_000L;

  private enum Rule {
    KEY,
    DAY,
    MAX,
    SUM,
    NULL
  }

  private record Output(TableColumn column, Rule rule, int source) {}

  private final List<Output> outputs;
  private final int[] keyPositions;
  private final Map<List<Object>, Object[]> groups = new HashMap<>();

  private DailyAggregator(List<Output> outputs) {
    this.outputs = outputs;
    this.keyPositions =
        java.util.stream.IntStream.range(0, outputs.size())
            .filter(i -> outputs.get(i).rule() == Rule.KEY || outputs.get(i).rule() == Rule.DAY)
            .toArray();
  }

  static DailyAggregator of(OcpTable table) {
    return new DailyAggregator(plan(table));
  }

  /** The daily file's columns, in Koku's order. */
  static List<TableColumn> columns(OcpTable table) {
    return plan(table).stream().map(Output::column).toList();
  }

  void add(Object[] raw) {
    Object[] key = new Object[keyPositions.length];
    for (int k = 0; k < keyPositions.length; k++) {
      key[k] = sourceValue(outputs.get(keyPositions[k]), raw);
    }
    List<Object> groupKey = Arrays.asList(key);
    Object[] aggregate = groups.get(groupKey);
    if (aggregate == null) {
      aggregate = new Object[outputs.size()];
      for (int i = 0; i < outputs.size(); i++) {
        aggregate[i] = sourceValue(outputs.get(i), raw);
      }
      groups.put(groupKey, aggregate);
      return;
    }
    for (int i = 0; i < outputs.size(); i++) {
      Output output = outputs.get(i);
      Object value = raw[output.source() < 0 ? 0 : output.source()];
      switch (output.rule()) {
        case SUM -> aggregate[i] = sum((Double) aggregate[i], (Double) value);
        case MAX -> aggregate[i] = max(aggregate[i], value);
        default -> {}
      }
    }
  }

  boolean isEmpty() {
    return groups.isEmpty();
  }

  /** The daily rows, sorted by the group keys. */
  List<Object[]> rows() {
    List<Object[]> rows = new ArrayList<>(groups.values());
    rows.sort(
        (a, b) -> {
          for (int position : keyPositions) {
            int order = compareCells(a[position], b[position]);
            if (order != 0) {
              return order;
            }
          }
          return 0;
        });
    return rows;
  }

  /** Strings compare as unsigned UTF-8 bytes, i.e. in code point order, as Python sorts them. */
  static int compareCells(Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : 1) : -1;
    }
    if (a instanceof Binary x && b instanceof Binary y) {
      return unsignedBytes(x, y);
    }
    return Long.compare((Long) a, (Long) b);
  }

  private static int unsignedBytes(Binary x, Binary y) {
    byte[] a = x.getBytesUnsafe();
    byte[] b = y.getBytesUnsafe();
    int n = Math.min(a.length, b.length);
    for (int i = 0; i < n; i++) {
      int order = Integer.compare(a[i] & 0xff, b[i] & 0xff);
      if (order != 0) {
        return order;
      }
    }
    return Integer.compare(a.length, b.length);
  }

  private static Object sourceValue(Output output, Object[] raw) {
    return switch (output.rule()) {
      case NULL -> null;
      case DAY -> Math.floorDiv((Long) raw[output.source()], MILLIS_PER_DAY) * MILLIS_PER_DAY;
      default -> raw[output.source()];
    };
  }

  private static Double sum(Double a, Double b) {
    if (a == null) {
      return b;
    }
    return b == null ? a : a + b;
  }

  private static Object max(Object a, Object b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    if (a instanceof Double x) {
      return Math.max(x, (Double) b);
    }
    return compareCells(a, b) >= 0 ? a : b;
  }

  private static List<Output> plan(OcpTable table) {
    List<Output> plan = new ArrayList<>();
    switch (table) {
      case POD_USAGE -> {
        keys(plan, table, NAMESPACE, NODE, POD, POD_LABELS);
        day(plan, table);
        max(plan, table, REPORT_PERIOD_START, REPORT_PERIOD_END, RESOURCE_ID);
        sum(plan, table, POD_USAGE_CPU_CORE_SECONDS, POD_REQUEST_CPU_CORE_SECONDS, POD_EFFECTIVE_USAGE_CPU_CORE_SECONDS,
            POD_LIMIT_CPU_CORE_SECONDS, POD_USAGE_MEMORY_BYTE_SECONDS, POD_REQUEST_MEMORY_BYTE_SECONDS,
            POD_EFFECTIVE_USAGE_MEMORY_BYTE_SECONDS, POD_LIMIT_MEMORY_BYTE_SECONDS);
        max(plan, table, NODE_CAPACITY_CPU_CORES);
        sum(plan, table, NODE_CAPACITY_CPU_CORE_SECONDS);
        max(plan, table, NODE_CAPACITY_MEMORY_BYTES);
        sum(plan, table, NODE_CAPACITY_MEMORY_BYTE_SECONDS);
        // nise has no node_role; Koku adds it to daily pod files as an all-null string column
        plan.add(new Output(TableColumn.text(NODE_ROLE), Rule.NULL, -1));
      }
      case STORAGE_USAGE -> {
        keys(plan, table, NAMESPACE, NODE, POD, PERSISTENTVOLUMECLAIM, PERSISTENTVOLUME, STORAGECLASS, CSI_DRIVER,
            CSI_VOLUME_HANDLE, PERSISTENTVOLUME_LABELS, PERSISTENTVOLUMECLAIM_LABELS);
        day(plan, table);
        max(plan, table, REPORT_PERIOD_START, REPORT_PERIOD_END, PVC_CAPACITY_BYTES);
        sum(plan, table, PVC_CAPACITY_BYTE_SECONDS, VOLUME_REQUEST_STORAGE_BYTE_SECONDS, PVC_USAGE_BYTE_SECONDS);
      }
      case NODE_LABELS -> {
        keys(plan, table, NODE, dev.ocpsummary.source.InputColumns.NODE_LABELS);
        day(plan, table);
        max(plan, table, REPORT_PERIOD_START, REPORT_PERIOD_END);
      }
      case NAMESPACE_LABELS -> {
        keys(plan, table, NAMESPACE, dev.ocpsummary.source.InputColumns.NAMESPACE_LABELS);
        day(plan, table);
        max(plan, table, REPORT_PERIOD_START, REPORT_PERIOD_END);
      }
    }
    return plan;
  }

  private static void keys(List<Output> plan, OcpTable table, String... columns) {
    add(plan, table, Rule.KEY, columns);
  }

  private static void day(List<Output> plan, OcpTable table) {
    add(plan, table, Rule.DAY, INTERVAL_START);
  }

  private static void max(List<Output> plan, OcpTable table, String... columns) {
    add(plan, table, Rule.MAX, columns);
  }

  private static void sum(List<Output> plan, OcpTable table, String... columns) {
    add(plan, table, Rule.SUM, columns);
  }

  private static void add(List<Output> plan, OcpTable table, Rule rule, String... columns) {
    for (String column : columns) {
      int source = table.index(column);
      plan.add(new Output(table.columns().get(source), rule, source));
    }
  }

}
