package dev.ocpsummary.datagen;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * The date forms nise accepts in a static report (specs/data-gen.md B.1): {@code YYYY-MM-DD}, a
 * date-time at a whole hour ({@code 2025-10-01 13:00[:00]}, {@code T} allowed), {@code today} and
 * {@code last_month} (relative to the UTC date of the run; they make the output depend on that date),
 * and for {@code end_date} a whole number of days after the start. Usage maps also accept nise's
 * month-first {@code M-D-YYYY} and {@code M/D/YYYY}.
 */
final class ManifestDates {

  private static final List<DateTimeFormatter> DATE_TIMES =
      List.of(
          DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]"),
          DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm[:ss]"));
  private static final List<DateTimeFormatter> MONTH_FIRST =
      List.of(DateTimeFormatter.ofPattern("M-d-yyyy"), DateTimeFormatter.ofPattern("M/d/yyyy"));

  private ManifestDates() {}

  /** A {@code start_date} / {@code end_date} value as a slot boundary. */
  static LocalDateTime instant(YamlTree value) {
    String text = value.text().strip();
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    if (text.equals("today")) {
      return today.atStartOfDay();
    }
    if (text.equals("last_month")) {
      return today.withDayOfMonth(1).minusMonths(1).atStartOfDay();
    }
    Optional<LocalDate> date = date(text);
    if (date.isPresent()) {
      return date.get().atStartOfDay();
    }
    for (DateTimeFormatter format : DATE_TIMES) {
      try {
        LocalDateTime time = LocalDateTime.parse(text, format);
        if (time.getMinute() != 0 || time.getSecond() != 0) {
          throw value.error("'" + text + "' is not at a whole hour; hourly slots start on the hour");
        }
        return time;
      } catch (DateTimeParseException e) {
        // try the next form
      }
    }
    throw value.error("'" + text + "' is not a date (YYYY-MM-DD, 'YYYY-MM-DD HH:00', today or last_month)");
  }

  /** A usage-map key's date. */
  static LocalDate usageDay(YamlTree key, String text) {
    Optional<LocalDate> date = date(text.strip());
    if (date.isPresent()) {
      return date.get();
    }
    for (DateTimeFormatter format : MONTH_FIRST) {
      try {
        return LocalDate.parse(text.strip(), format);
      } catch (DateTimeParseException e) {
        // try the next form
      }
    }
    throw key.error("usage key '" + text + "' is neither full_period nor a date");
  }

  private static Optional<LocalDate> date(String text) {
    try {
      return Optional.of(LocalDate.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
