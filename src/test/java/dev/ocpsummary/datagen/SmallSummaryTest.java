package dev.ocpsummary.datagen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocpsummary.testing.CliRun;
import dev.ocpsummary.testing.PostgresFixture;
import dev.ocpsummary.validate.Check;
import dev.ocpsummary.validate.ValidationReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code generate --scale small}, then {@code summarize} of what it wrote: the summary equals
 * expected.json's totals and row counts for every data_source (Pod rows, unallocated rows, Storage
 * rows), and the cluster capacity of every day, as the validation checks them; and the validation's
 * invariants hold. Both layouts: the Koku layout as a source of its own,
 * the POC layout (read with {@code input.layout = "poc"}) as another.
 */
class SmallSummaryTest {

  @TempDir static Path out;
  private static SummaryCheck check;
  private static ExpectedTotals expected;
  private static String source;
  private static ValidationReport report;
  private static final String POC_SOURCE = "00000000-0000-0000-0000-0000000000cc";

  @BeforeAll
  static void generateAndSummarize() {
    check = new SummaryCheck(PostgresFixture.freshSchema(SmallSummaryTest.class), out.resolve("home"));
    CliRun generated = check.run("generate", "--scale", "small", "--out", out.resolve("data").toString());
    assertEquals(0, generated.code(), generated.out() + generated.err());
    Scale small = Scales.load("small");
    expected =
        ExpectedCalculator.compute(
            ScaleWorkloads.of(small, GenerateOptions.DEFAULT_START, small.days()),
            OutputTarget.of(out.resolve("data").toString(), OutputLayout.KOKU),
            1L);
    source = expected.target().sourceUuid();
    check.summarize(expected);

    CliRun poc =
        check.run("generate", "--scale", "small", "--layout", "poc", "--source", POC_SOURCE, "--out", out.resolve("poc").toString());
    assertEquals(0, poc.code(), poc.out() + poc.err());
    try {
      Path config = out.resolve("poc.conf");
      java.nio.file.Files.writeString(config, "ocp-summary.input.layout = \"poc\"\n");
      CliRun summarized =
          check.run(
              "summarize", "--input", out.resolve("poc").toString(), "--source", POC_SOURCE, "--start", "2025-10-01", "--end", "2025-10-04",
              "--cluster-id", "test-cluster-001", "--config", config.toString());
      assertEquals(0, summarized.code(), summarized.out() + summarized.err());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    report = check.validate(expected, source);
  }

  /** The POC layout's summary equals the Koku layout's, row for row (the same data, another layout). */
  @Test
  void thePocLayoutGivesTheSameSummary() {
    String columns =
        "usage_start, data_source, namespace, node, pod_labels::text, volume_labels::text, persistentvolumeclaim, pod_usage_cpu_core_hours, "
            + "pod_request_memory_gigabyte_hours, node_capacity_cpu_core_hours, cluster_capacity_cpu_core_hours, "
            + "persistentvolumeclaim_capacity_gigabyte_months, volume_request_storage_gigabyte_months, persistentvolumeclaim_usage_gigabyte_months";
    String query = "SELECT " + columns + " FROM " + SummaryCheck.TABLE + " WHERE source_uuid = ?::uuid ORDER BY " + columns;
    List<Map<String, Object>> koku = check.rows(query, source);
    assertEquals(expected.summary().rowsByDataSource().values().stream().mapToLong(Long::longValue).sum(), koku.size());
    assertEquals(koku, check.rows(query, POC_SOURCE));
  }

  @Test
  void rowsPerDataSourceEqualExpected() {
    assertPassed("rows data_source=", 2);
    assertPassed("rows total", 1);
    assertPassed("rows kind=pod", 1);
  }

  @Test
  void podTotalsEqualExpected() {
    assertPassed("pod total ", ExpectedSummary.POD_TOTALS.size());
  }

  @Test
  void clusterCapacityOfEveryDayEqualsExpected() {
    assertEquals(4, expected.summary().clusterCapacityPerDay().size());
    assertPassed("capacity ", 2 * 4);
  }

  /** Needs the unallocated rows of the summary (the Storage issue). */
  @Test
  void unallocatedRowsAndTotalsEqualExpected() {
    assertPassed("rows kind=unallocated", 1);
    assertPassed("rows unallocated namespace=", expected.summary().unallocatedRowsByNamespace().size());
    assertPassed("unallocated total ", ExpectedSummary.UNALLOCATED_TOTALS.size());
  }

  /** Needs the Storage rows of the summary (the Storage issue). */
  @Test
  void storageRowsAndTotalsEqualExpected() {
    assertPassed("rows kind=storage", 1);
    assertPassed("storage total ", ExpectedSummary.STORAGE_TOTALS.size());
  }

  /** Every check of the validation, expected totals and invariants, for both layouts' sources. */
  @Test
  void bothSourcesPassTheWholeValidation() {
    assertTrue(report.passed(), report.render());
    assertEquals(List.of(), report.skipped());
    ValidationReport poc = check.validate(expected, POC_SOURCE);
    assertTrue(poc.passed(), poc.render());
    assertEquals(report.checks(), poc.checks());
  }

  /** The checks whose names start with {@code prefix}: exactly {@code count} of them, all passed. */
  private static void assertPassed(String prefix, int count) {
    List<Check> checks = report.checks().stream().filter(c -> c.name().startsWith(prefix)).toList();
    assertEquals(count, checks.size(), prefix + " checks in\n" + report.render());
    for (Check c : checks) {
      assertEquals(Check.Status.PASS, c.status(), c.describe() + "\n" + report.render());
    }
  }
}
