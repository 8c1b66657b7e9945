package dev.ocpsummary.datagen;

import java.time.LocalDate;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A nise usage map ({@code cpu_usage}, {@code mem_usage_gig}, {@code volume_claim_usage_gig}): entries
 * keyed by {@code full_period} (a {@code null} date) or a date, each an hourly rate (cores or GiB).
 * For a row's date the first entry that is {@code full_period} or that date wins, as in nise. An
 * entry without a value, or no matching entry, means "not given": the generator then draws a value per
 * row as nise does. Unlike nise, a value of zero is kept as zero.
 */
public record UsageSchedule(List<Entry> entries) {

  /** One entry of the map: {@code date == null} for {@code full_period}; {@code value == null} when blank. */
  public record Entry(LocalDate date, Double value) {}

  public static final UsageSchedule NOT_GIVEN = new UsageSchedule(List.of());

  public UsageSchedule {
    entries = List.copyOf(entries);
  }

  public static UsageSchedule fullPeriod(double value) {
    return new UsageSchedule(List.of(new Entry(null, value)));
  }

  /** The rate for rows of {@code day}, or empty when it is drawn per row. */
  public OptionalDouble on(LocalDate day) {
    for (Entry entry : entries) {
      if (entry.date() == null || entry.date().equals(day)) {
        return entry.value() == null ? OptionalDouble.empty() : OptionalDouble.of(entry.value());
      }
    }
    return OptionalDouble.empty();
  }
}
