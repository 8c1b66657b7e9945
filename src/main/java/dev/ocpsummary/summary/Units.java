package dev.ocpsummary.summary;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/**
 * Unit conversions of the summary, in the arithmetic order Koku's SQL uses (divide by 3600 first,
 * then scale bytes by 2^-30), so that doubles round the same way. GiB is binary: 2^30 bytes.
 */
public final class Units {

  public static final double SECONDS_PER_HOUR = 3600.0;
  public static final double GIB_PER_BYTE = Math.scalb(1.0, -30);

  /** core-seconds (or any seconds) to hours. */
  public static Column secondsToHours(Column seconds) {
    return seconds.divide(SECONDS_PER_HOUR);
  }

  /** byte-seconds to GiB-hours. */
  public static Column byteSecondsToGibHours(Column byteSeconds) {
    return byteSeconds.divide(SECONDS_PER_HOUR).multiply(GIB_PER_BYTE);
  }

  /** bytes to GiB. */
  public static Column bytesToGib(Column bytes) {
    return bytes.multiply(GIB_PER_BYTE);
  }

  /** Trino's {@code greatest}: NULL when either operand is NULL (Spark's skips NULLs). */
  public static Column greatestOrNull(Column a, Column b) {
    return functions.when(a.isNull().or(b.isNull()), functions.lit(null).cast("double"))
        .otherwise(functions.greatest(a, b));
  }

  private Units() {}
}
