package dev.ocpsummary.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ocpsummary.source.InputColumns;
import dev.ocpsummary.testing.SparkFixture;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The day and hour of interval_start by arithmetic agree with the calendar, whatever the session's time zone. */
class IntervalStartTest {

  private final SparkSession spark = SparkFixture.spark();

  @Test
  void dayAndHourAreTheCalendarDayAndHourOfTheTimestamp() {
    List<LocalDateTime> starts =
        List.of(
            LocalDateTime.of(2025, 10, 1, 0, 0),
            LocalDateTime.of(2025, 10, 1, 23, 59, 59),
            LocalDateTime.of(2024, 2, 29, 12, 30),
            LocalDateTime.of(2025, 3, 9, 2, 30), // no such hour in New York
            LocalDateTime.of(1970, 1, 1, 0, 0),
            LocalDateTime.of(1969, 12, 31, 22, 30));

    List<String> expected =
        starts.stream().map(t -> t.toLocalDate() + " " + t.getHour()).toList();
    assertEquals(expected, dayAndHour(starts));

    String zone = spark.conf().get("spark.sql.session.timeZone");
    spark.conf().set("spark.sql.session.timeZone", "America/New_York");
    try {
      assertEquals(expected, dayAndHour(starts));
    } finally {
      spark.conf().set("spark.sql.session.timeZone", zone);
    }
  }

  @Test
  void everyHourOfAYearGivesTheSameDayAndHourAsSparksCalendarFunctions() {
    List<LocalDateTime> hours = new ArrayList<>();
    for (LocalDateTime t = LocalDateTime.of(2024, 1, 1, 0, 0); t.getYear() < 2025; t = t.plusMinutes(59)) {
      hours.add(t);
    }
    Dataset<Row> rows = intervalStarts(hours);
    long differing =
        rows.where(
                IntervalStart.day()
                    .notEqual(functions.to_date(functions.col(InputColumns.INTERVAL_START)))
                    .or(IntervalStart.hourOfDay().notEqual(functions.hour(functions.col(InputColumns.INTERVAL_START)))))
            .count();
    assertEquals(0, differing);
  }

  private List<String> dayAndHour(List<LocalDateTime> starts) {
    return intervalStarts(starts)
        .select(functions.concat_ws(" ", IntervalStart.day().cast("string"), IntervalStart.hourOfDay().cast("string")))
        .collectAsList()
        .stream()
        .map(row -> row.getString(0))
        .toList();
  }

  private Dataset<Row> intervalStarts(List<LocalDateTime> starts) {
    StructType schema = new StructType().add(InputColumns.INTERVAL_START, DataTypes.TimestampNTZType);
    List<Row> rows = starts.stream().map(t -> RowFactory.create(t)).toList();
    return spark.createDataFrame(rows, schema);
  }
}
