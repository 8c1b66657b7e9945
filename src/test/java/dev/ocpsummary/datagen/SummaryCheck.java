package dev.ocpsummary.datagen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ocpsummary.config.DatabaseSettings;
import dev.ocpsummary.sink.SummaryDatabase;
import dev.ocpsummary.testing.CliRun;
import dev.ocpsummary.testing.PostgresFixture;
import dev.ocpsummary.validate.RowKind;
import dev.ocpsummary.validate.SummaryValidation;
import dev.ocpsummary.validate.Tolerance;
import dev.ocpsummary.validate.ValidationReport;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code summarize} through the CLI entry point into a test schema and reads the result back;
 * comparisons with expected.json go through the main code's {@link SummaryValidation}.
 */
final class SummaryCheck {

  static final String TABLE = "reporting_ocpusagelineitem_daily_summary";
  /** Unallocated rows, as the validation tells them apart (data_source Pod without pod_labels). */
  static final String UNALLOCATED = RowKind.UNALLOCATED.predicate();

  private final DatabaseSettings database;
  private final Path home;

  SummaryCheck(DatabaseSettings database, Path home) {
    this.database = database;
    this.home = home;
  }

  /** Runs a command; returns exit code and output. */
  CliRun run(String... args) {
    Map<String, String> environment =
        Map.of(
            "POSTGRES_URL", database.jdbcUrl(),
            "POSTGRES_USER", database.user(),
            "POSTGRES_SCHEMA", database.schema(),
            "OCP_SUMMARY_HOME", home.toString());
    return CliRun.of(environment, args);
  }

  /** summarize the window expected.json names; fails the test on a non-zero exit. */
  void summarize(ExpectedTotals expected, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "summarize", "--input", expected.target().root(), "--source", expected.target().sourceUuid(),
                "--start", expected.start().toString(), "--end", expected.end().toString(),
                "--cluster-id", expected.target().clusterId()));
    args.addAll(List.of(more));
    CliRun result = run(args.toArray(String[]::new));
    assertEquals(0, result.code(), result.out() + result.err());
  }

  long count(String source, String where) {
    return (Long) PostgresFixture.value(database, "SELECT count(*) FROM " + TABLE + " WHERE source_uuid = ?::uuid AND (" + where + ")", source);
  }

  /** Sums of columns over the rows matching {@code where}; NULL sums read as NaN. */
  double[] sums(String source, String where, List<String> columns) {
    String select = String.join(", ", columns.stream().map(c -> "sum(" + c + ") AS " + c).toList());
    Map<String, Object> row =
        PostgresFixture.rows(database, "SELECT " + select + " FROM " + TABLE + " WHERE source_uuid = ?::uuid AND (" + where + ")", source).get(0);
    return row.values().stream().mapToDouble(v -> v == null ? Double.NaN : ((BigDecimal) v).doubleValue()).toArray();
  }

  List<Map<String, Object>> rows(String sql, Object... parameters) {
    return PostgresFixture.rows(database, sql, parameters);
  }

  /** The summary of a source for expected.json's window, validated against it. */
  ValidationReport validate(ExpectedTotals expected, String source) {
    return SummaryValidation.run(new SummaryDatabase(database), expected.summary(), source, expected.start(), expected.end());
  }

  static void assertClose(double expected, double actual, String what) {
    assertEquals(expected, actual, Tolerance.allowed(expected), what);
  }
}
