package dev.ocpsummary.datagen;

import static dev.ocpsummary.summary.SummaryColumns.*;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What {@code summarize} must write for the generated window, with default settings (every label key
 * enabled, no cost categories). Totals are sums over rows; a {@code NaN} total is undetermined
 * because it depends on values drawn per row.
 *
 * @param podRows Pod rows that are not unallocated: distinct (day, namespace, node, merged labels)
 * @param storageRows Storage rows
 * @param unallocatedRows unallocated rows: one per node and day the node has Pod rows
 * @param podTotals sums over Pod rows of the eight pod measures (core-hours, GiB-hours)
 * @param unallocatedTotals sums over unallocated rows of the six measures they carry
 * @param unallocatedRowsByNamespace unallocated rows per namespace ({@code Platform unallocated},
 *     {@code Worker unallocated}, or {@code null} when a node has no role)
 * @param storageTotals sums over Storage rows of capacity GiB, capacity, request and usage GiB-months
 * @param clusterCapacityPerDay per day: cluster capacity core-hours and GiB-hours
 * @param podNamespaces distinct namespaces of Pod rows; {@code storageNamespaces} those of Storage rows
 */
public record ExpectedSummary(
    long podRows,
    long storageRows,
    long unallocatedRows,
    Map<String, Double> podTotals,
    Map<String, Double> unallocatedTotals,
    Map<String, Long> unallocatedRowsByNamespace,
    Map<String, Double> storageTotals,
    Map<LocalDate, Map<String, Double>> clusterCapacityPerDay,
    List<String> podNamespaces,
    List<String> storageNamespaces) {

  /** The measures of {@link #podTotals()}: the eight pod measures, in their summary column order. */
  public static final List<String> POD_TOTALS = POD_MEASURES;

  /** The measures of {@link #unallocatedTotals()}: usage, request and effective usage, CPU and memory. */
  public static final List<String> UNALLOCATED_TOTALS =
      List.of(
          POD_USAGE_CPU_CORE_HOURS,
          POD_REQUEST_CPU_CORE_HOURS,
          POD_EFFECTIVE_USAGE_CPU_CORE_HOURS,
          POD_USAGE_MEMORY_GIGABYTE_HOURS,
          POD_REQUEST_MEMORY_GIGABYTE_HOURS,
          POD_EFFECTIVE_USAGE_MEMORY_GIGABYTE_HOURS);

  /** The measures of {@link #storageTotals()}. */
  public static final List<String> STORAGE_TOTALS =
      List.of(PVC_CAPACITY_GIGABYTE, PVC_CAPACITY_GIGABYTE_MONTHS, VOLUME_REQUEST_STORAGE_GIGABYTE_MONTHS, PVC_USAGE_GIGABYTE_MONTHS);

  /** Rows per {@code data_source}: unallocated rows are {@code Pod} rows, as in Koku. */
  public Map<String, Long> rowsByDataSource() {
    return Map.of(DATA_SOURCE_POD, podRows + unallocatedRows, DATA_SOURCE_STORAGE, storageRows);
  }
}
