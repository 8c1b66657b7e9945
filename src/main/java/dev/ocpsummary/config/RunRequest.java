package dev.ocpsummary.config;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.time.YearMonth;

/**
 * What one run summarises: a source (the provider UUID of one cluster) and an inclusive window of UTC
 * days. Validated on construction: the source is a UUID and the window is not inverted.
 */
public record RunRequest(String sourceUuid, LocalDate start, LocalDate end) {

  public RunRequest {
    try {
      sourceUuid = UUID.fromString(sourceUuid).toString();
    } catch (IllegalArgumentException e) {
      throw new SettingsException("--source '" + sourceUuid + "' is not a UUID");
    }
    if (end.isBefore(start)) {
      throw new SettingsException(
          "--end " + end + " is before --start " + start + " (the window is inclusive: use the same day for one day)");
    }
  }

  /** The months the window touches, oldest first. */
  public List<YearMonth> months() {
    List<YearMonth> months = new ArrayList<>();
    for (YearMonth m = YearMonth.from(start); !m.isAfter(YearMonth.from(end)); m = m.plusMonths(1)) {
      months.add(m);
    }
    return months;
  }

  /** The days of the window, oldest first. */
  public List<LocalDate> days() {
    return start.datesUntil(end.plusDays(1)).toList();
  }

  @Override
  public String toString() {
    return "source " + sourceUuid + ", " + start.format(DateTimeFormatter.ISO_LOCAL_DATE) + " .. " + end;
  }
}
