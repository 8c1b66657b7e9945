package dev.ocpsummary.summary;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;

import dev.ocpsummary.source.InputColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/**
 * The day and the hour of an hourly row's {@code interval_start}, a timestamp without time zone
 * read as UTC, computed from its epoch seconds by integer arithmetic.
 *
 * <p>Spark's {@code to_date} and {@code hour} convert every value to a calendar date-time first,
 * about a second of CPU over two million hourly rows. The arithmetic gives the same day and hour for
 * every value, before 1970 too, and does not depend on the session's time zone.
 */
public final class IntervalStart {

  private static final long SECONDS_PER_DAY = 86_400;
  private static final long SECONDS_PER_HOUR = 3_600;

  /** The UTC day of {@code interval_start}, as a date. */
  public static Column day() {
    Column seconds = epochSeconds();
    Column days = seconds.minus(pmod(seconds, lit(SECONDS_PER_DAY))).divide(SECONDS_PER_DAY).cast("int");
    return functions.date_from_unix_date(days);
  }

  /** The UTC hour of {@code interval_start}, 0 to 23. */
  public static Column hourOfDay() {
    return functions.floor(pmod(epochSeconds(), lit(SECONDS_PER_DAY)).divide(SECONDS_PER_HOUR)).cast("int");
  }

  /** Seconds since 1970-01-01T00:00 (unix_timestamp reads a timestamp without time zone as UTC). */
  private static Column epochSeconds() {
    return functions.unix_timestamp(col(InputColumns.INTERVAL_START));
  }

  private IntervalStart() {}
}
