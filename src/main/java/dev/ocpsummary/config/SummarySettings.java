package dev.ocpsummary.config;

import java.util.List;
import java.util.Optional;

/**
 * How rows are labelled and categorised.
 *
 * @param enabledTagKeys the label keys kept; empty means every key is kept. {@code vm_kubevirt_io_name}
 *     is always kept whatever this says.
 * @param enabledTagKeysFromTable take the enabled keys from Koku's {@code reporting_enabledtagkeys}
 *     table in the summary schema instead of {@code enabledTagKeys}
 * @param costCategories namespace patterns used when the database has no Koku cost-category table
 * @param reportPeriodId report_period_id written on every row, if any
 */
public record SummarySettings(
    Optional<List<String>> enabledTagKeys,
    boolean enabledTagKeysFromTable,
    List<CostCategoryPattern> costCategories,
    Optional<Integer> reportPeriodId) {

  public SummarySettings {
    enabledTagKeys = enabledTagKeys.map(List::copyOf);
    costCategories = List.copyOf(costCategories);
  }

  /** Every label key kept (the default). */
  public static SummarySettings allKeys() {
    return new SummarySettings(Optional.empty(), false, List.of(), Optional.empty());
  }

  public SummarySettings withEnabledTagKeys(List<String> keys) {
    return new SummarySettings(Optional.of(keys), false, costCategories, reportPeriodId);
  }

  public SummarySettings withCostCategories(List<CostCategoryPattern> patterns) {
    return new SummarySettings(enabledTagKeys, enabledTagKeysFromTable, patterns, reportPeriodId);
  }
}
