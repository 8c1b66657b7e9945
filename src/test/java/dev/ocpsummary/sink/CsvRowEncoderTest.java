package dev.ocpsummary.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocpsummary.summary.SummaryColumns;
import java.time.LocalDate;
import java.util.Arrays;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

class CsvRowEncoderTest {

  private final CsvRowEncoder encoder = new CsvRowEncoder();

  /** The expected line: every field empty (NULL) except the given column → text pairs. */
  private static String line(Object... columnAndField) {
    String[] fields = new String[SummaryColumns.ALL.size()];
    Arrays.fill(fields, "");
    for (int i = 0; i < columnAndField.length; i += 2) {
      fields[SummaryRowBuilder.index((String) columnAndField[i])] = (String) columnAndField[i + 1];
    }
    return String.join(",", fields) + "\n";
  }

  @Test
  void allNullRowIsEmptyUnquotedFields() {
    assertEquals(line(), encoder.encode(SummaryRowBuilder.empty().build()));
    assertEquals(",".repeat(SummaryColumns.ALL.size() - 1) + "\n", encoder.encode(SummaryRowBuilder.empty().build()));
  }

  @Test
  void textIsQuotedWithQuotesDoubledAndEmptyStringStaysDistinctFromNull() {
    String encoded =
        encoder.encode(
            SummaryRowBuilder.empty()
                .set(SummaryColumns.NAMESPACE, "")
                .set(SummaryColumns.NODE, "say \"hi\", then\nleave")
                .set(SummaryColumns.POD_LABELS, "{\"a\": \"b\"}")
                .set(SummaryColumns.SOURCE_UUID, SummaryRowBuilder.SOURCE)
                .build());
    assertEquals(
        line(
            SummaryColumns.NAMESPACE, "\"\"",
            SummaryColumns.NODE, "\"say \"\"hi\"\", then\nleave\"",
            SummaryColumns.POD_LABELS, "\"{\"\"a\"\": \"\"b\"\"}\"",
            SummaryColumns.SOURCE_UUID, "\"" + SummaryRowBuilder.SOURCE + "\""),
        encoded);
  }

  @Test
  void numbersArePlainDecimalsThatReadBackAsTheSameDouble() {
    String column = SummaryColumns.POD_USAGE_CPU_CORE_HOURS;
    assertEquals(line(column, "0.1"), encodeNumber(0.1));
    assertEquals(line(column, "10000000"), encodeNumber(1e7));
    assertEquals(line(column, "123456789012.5"), encodeNumber(123456789012.5));
    assertEquals(line(column, "0.00000015"), encodeNumber(1.5e-7));
    assertEquals(line(column, "0.3333333333333333"), encodeNumber(1.0 / 3));
    assertEquals(line(column, "0.0"), encodeNumber(0.0));
    assertEquals(line(column, "0.0"), encodeNumber(-0.0));
    assertEquals(line(column, "-2.5"), encodeNumber(-2.5));
    // far below numeric(33,15)'s resolution the exponent form is shorter; PostgreSQL reads it too
    assertEquals(line(column, "1.0E-25"), encodeNumber(1e-25));
  }

  @Test
  void datesAreIsoWhetherSqlDatesOrLocalDates() {
    String encoded =
        encoder.encode(
            SummaryRowBuilder.empty()
                .set(SummaryColumns.USAGE_START, java.sql.Date.valueOf("2024-02-29"))
                .set(SummaryColumns.USAGE_END, LocalDate.of(2024, 2, 29))
                .set(SummaryColumns.REPORT_PERIOD_ID, 42)
                .set(SummaryColumns.COST_CATEGORY_ID, -1)
                .build());
    assertEquals(
        line(
            SummaryColumns.USAGE_START, "2024-02-29",
            SummaryColumns.USAGE_END, "2024-02-29",
            SummaryColumns.REPORT_PERIOD_ID, "42",
            SummaryColumns.COST_CATEGORY_ID, "-1"),
        encoded);
  }

  @Test
  void nonFiniteNumbersAreRejectedNamingTheColumnAndLeaveTheBufferUntouched() {
    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      StringBuilder buffer = new StringBuilder("previous\n");
      SinkException e =
          assertThrows(
              SinkException.class,
              () ->
                  encoder.append(
                      SummaryRowBuilder.pod(LocalDate.of(2024, 1, 1))
                          .set(SummaryColumns.NODE_CAPACITY_MEMORY_GIGABYTES, bad)
                          .build(),
                      buffer));
      assertEquals(
          "column node_capacity_memory_gigabytes has the non-finite value " + bad, e.getMessage());
      assertEquals("previous\n", buffer.toString());
    }
  }

  @Test
  void valuesOfTheWrongTypeOrRowsOfTheWrongWidthAreRejected() {
    SinkException wrongType =
        assertThrows(
            SinkException.class,
            () -> encoder.encode(SummaryRowBuilder.empty().set(SummaryColumns.NAMESPACE, 12).build()));
    assertTrue(wrongType.getMessage().contains("column namespace"), wrongType.getMessage());
    SinkException wrongWidth =
        assertThrows(SinkException.class, () -> encoder.encode(RowFactory.create("only", "two")));
    assertEquals(
        "the row has 2 fields, the summary has " + SummaryColumns.ALL.size() + " columns", wrongWidth.getMessage());
  }

  private String encodeNumber(double value) {
    return encoder.encode(
        SummaryRowBuilder.empty().set(SummaryColumns.POD_USAGE_CPU_CORE_HOURS, value).build());
  }
}
