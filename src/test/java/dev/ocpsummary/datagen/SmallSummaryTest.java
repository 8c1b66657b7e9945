package dev.ocpsummary.datagen;

import static dev.ocpsummary.datagen.SummaryCheck.UNALLOCATED;
import static dev.ocpsummary.datagen.SummaryCheck.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ocpsummary.testing.PostgresFixture;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code generate --scale small}, then {@code summarize} of what it wrote: the summary equals
 * expected.json's totals and row counts for every data_source (Pod rows, unallocated rows, Storage
 * rows), and the cluster capacity of every day. Both layouts: the Koku layout as a source of its own,
 * the POC layout (read with {@code input.layout = "poc"}) as another.
 */
class SmallSummaryTest {

  @TempDir static Path out;
  private static SummaryCheck check;
  private static ExpectedTotals expected;
  private static String source;
  private static final String POC_SOURCE = "00000000-0000-0000-0000-0000000000cc";

  @BeforeAll
  static void generateAndSummarize() {
    check = new SummaryCheck(PostgresFixture.freshSchema(SmallSummaryTest.class), out.resolve("home"));
    SummaryCheck.Result generated = check.run("generate", "--scale", "small", "--out", out.resolve("data").toString());
    assertEquals(0, generated.code(), generated.out() + generated.err());
    Scale small = Scales.load("small");
    expected =
        ExpectedCalculator.compute(
            ScaleWorkloads.of(small, GenerateOptions.DEFAULT_START, small.days()),
            OutputTarget.of(out.resolve("data").toString(), OutputLayout.KOKU),
            1L);
    source = expected.target().sourceUuid();
    check.summarize(expected);

    SummaryCheck.Result poc =
        check.run("generate", "--scale", "small", "--layout", "poc", "--source", POC_SOURCE, "--out", out.resolve("poc").toString());
    assertEquals(0, poc.code(), poc.out() + poc.err());
    try {
      Path config = out.resolve("poc.conf");
      java.nio.file.Files.writeString(config, "ocp-summary.input.layout = \"poc\"\n");
      SummaryCheck.Result summarized =
          check.run(
              "summarize", "--input", out.resolve("poc").toString(), "--source", POC_SOURCE, "--start", "2025-10-01", "--end", "2025-10-04",
              "--cluster-id", "test-cluster-001", "--config", config.toString());
      assertEquals(0, summarized.code(), summarized.out() + summarized.err());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
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
    assertEquals(expected.summary().rowsByDataSource().get("Pod"), check.count(source, "data_source = 'Pod'"));
    assertEquals(expected.summary().rowsByDataSource().get("Storage"), check.count(source, "data_source = 'Storage'"));
    assertEquals(expected.summary().podRows(), check.count(source, "data_source = 'Pod' AND NOT (" + UNALLOCATED + ")"));
  }

  @Test
  void podTotalsEqualExpected() {
    double[] sums = check.sums(source, "data_source = 'Pod' AND NOT (" + UNALLOCATED + ")", ExpectedSummary.POD_TOTALS);
    for (int i = 0; i < sums.length; i++) {
      String measure = ExpectedSummary.POD_TOTALS.get(i);
      assertClose(expected.summary().podTotals().get(measure), sums[i], measure);
    }
  }

  @Test
  void clusterCapacityOfEveryDayEqualsExpected() {
    List<Map<String, Object>> days =
        check.rows(
            "SELECT usage_start, max(cluster_capacity_cpu_core_hours) AS cpu, max(cluster_capacity_memory_gigabyte_hours) AS memory FROM "
                + SummaryCheck.TABLE + " WHERE data_source = 'Pod' GROUP BY usage_start ORDER BY usage_start");
    assertEquals(expected.summary().clusterCapacityPerDay().size(), days.size());
    for (Map<String, Object> day : days) {
      Map<String, Double> want = expected.summary().clusterCapacityPerDay().get((LocalDate) day.get("usage_start"));
      assertClose(want.get("cluster_capacity_cpu_core_hours"), ((BigDecimal) day.get("cpu")).doubleValue(), "cpu " + day);
      assertClose(want.get("cluster_capacity_memory_gigabyte_hours"), ((BigDecimal) day.get("memory")).doubleValue(), "memory " + day);
    }
  }

  /** Needs the unallocated rows of the summary (the Storage issue). */
  @Test
  void unallocatedRowsAndTotalsEqualExpected() {
    assertEquals(expected.summary().unallocatedRows(), check.count(source, "data_source = 'Pod' AND (" + UNALLOCATED + ")"));
    assertEquals(expected.summary().unallocatedRowsByNamespace().get("Worker unallocated"), check.count(source, "namespace = 'Worker unallocated'"));
    double[] sums = check.sums(source, "data_source = 'Pod' AND (" + UNALLOCATED + ")", ExpectedSummary.UNALLOCATED_TOTALS);
    for (int i = 0; i < sums.length; i++) {
      String measure = ExpectedSummary.UNALLOCATED_TOTALS.get(i);
      assertClose(expected.summary().unallocatedTotals().get(measure), sums[i], "unallocated " + measure);
    }
  }

  /** Needs the Storage rows of the summary (the Storage issue). */
  @Test
  void storageRowsAndTotalsEqualExpected() {
    assertEquals(expected.summary().storageRows(), check.count(source, "data_source = 'Storage'"));
    double[] sums = check.sums(source, "data_source = 'Storage'", ExpectedSummary.STORAGE_TOTALS);
    for (int i = 0; i < sums.length; i++) {
      String measure = ExpectedSummary.STORAGE_TOTALS.get(i);
      assertClose(expected.summary().storageTotals().get(measure), sums[i], "storage " + measure);
    }
  }
}
