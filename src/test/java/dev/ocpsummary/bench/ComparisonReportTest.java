package dev.ocpsummary.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole report from hand-made runs (3 scales × 2 modes × 3 measured runs + warm-ups, one failed
 * run, a linear heap sweep): exact statistics, ratios, verdicts and threshold in the Markdown, the
 * threshold file AUTO reads, the CSV and the charts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComparisonReportTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T08:00:00Z"), ZoneOffset.UTC);
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private Path dir;
  private String markdown;

  @BeforeAll
  void writeTheReport(@TempDir Path runDir) throws Exception {
    dir = runDir;
    Path report = writeReport(dir, BenchRuns.threeScales(), BenchRuns.environment(4096, 0.8));
    assertEquals(dir.resolve("COMPARISON_REPORT.md"), report);
    markdown = Files.readString(report);
  }

  static Path writeReport(Path runDir, List<BenchRun> runs, Environment env) {
    runs.forEach(r -> RunsFile.append(runDir.resolve(RunsFile.FILE_NAME), r));
    env.write(runDir);
    return ComparisonReport.write(runDir, CLOCK);
  }

  @Test
  void environmentAndDataSetsComeFromTheFiles() {
    assertContains("| machine | Test CPU @ 2.0GHz, 2 cores, 7,951 MiB RAM |");
    assertContains("| Spark master | local[2] |");
    assertContains("| S3 server | S3Proxy 4.1.0 |");
    assertContains("| budget B (MiB) | 4,096 (budget_heap_mib of environment.json) |");
    assertContains("| spark.driver.maxResultSize | 1g |");
    assertContains("| runs | 43 (6 warm-ups, 7 failed) |");
    assertContains("| 10m | 10,000,000 | 500,000,000 | 50.0 | 416,666 |");
  }

  @Test
  void medianMinAndMaxOverMeasuredPassedRunsOnly() {
    // Warm-ups (99 s, 9,999 MiB) and the failed run stay out; failures are counted.
    assertContains("### 100k (100,000 input rows)");
    assertContains("| runs passed / failed (warm-ups excluded) | 3 / 0 | 3 / 0 |");
    assertContains("| runs passed / failed (warm-ups excluded) | 3 / 0 | 3 / 1 |");
    assertContains("| process wall time (incl. JVM + Spark start) (s) | 11.00 [10.00–12.00] | 21.00 [20.00–25.00] |");
    assertContains("| peak RSS (process tree) (MiB) | 950 [900–1,000] | 850 [800–990] |");
    assertContains("| smallest viable heap (heap sweep) | 300 MiB | 301 MiB |");
    assertContains("| Spark jobs | 6 [6–6] | 12 [12–12] |");
  }

  @Test
  void ratiosAndVerdictsPerScale() {
    assertContains("| 100k | 100,000 | 1.91 | 2.67 | 0.89 | 0.89 | 1.00 | ITERATE higher | ranges overlap | neither |");
    assertContains("| 1m | 1,000,000 | 1.86 | 2.12 | 0.50 | 0.50 | 0.26 | ITERATE higher | ITERATE lower | smaller |");
    assertContains("| 10m | 10,000,000 | 0.86 | 0.86 | 0.42 | 0.42 | 0.04 | ITERATE lower | ITERATE lower | both |");
    assertContains("from scale 10m (10,000,000 input rows) on, ITERATE is faster.");
  }

  @Test
  void ourCacheFiguresBesideTheNearestPocScale() {
    assertContains("| 100k | 100,000 | 100k | 101,766 | 11.00 | 15.60 | 110.0 | 153.3 | 950 | 839 | 9.73 | 8.44 |");
    assertContains("| 10m | 10,000,000 | 2m | 2,035,225 | 110.00 | 282.76 | 11.0 | 138.9 | 3,100 | 10,342 | 0.32 | 5.20 |");
    assertContains("matched by the **nearest** input rows, not equal ones");
  }

  @Test
  void theThresholdSectionStatesTheRuleTheFitAndTheRecommendation() {
    assertContains(ThresholdFit.RULE);
    assertContains("Budget B = 4,096 MiB (budget_heap_mib of environment.json), safety s = 0.8, s·B = 3,276.8 MiB.");
    assertContains("| cache | 3 | 200.0 | 1,000.00 | 1.0000 | 1,000.00 to 1,000.00 | 3,076,800 |");
    assertContains("| iterate | 3 | 300.0 | 10.00 | 1.0000 | 10.00 to 10.00 | 297,680,000 |");
    assertContains("**Recommendation.** Switch to ITERATE above 3,076,800 input rows (≈ 146.7 MiB of Parquet).");
    assertContains("- threshold_rows: 3,076,800\n");
    assertContains("- threshold_bytes: 153,840,000");
    assertContains("- extrapolated: no\n");
    assertContains("- time crossover: 10m (10,000,000 input rows)\n");
  }

  @Test
  void failedRunsAreListedWithTheirReasons() {
    assertContains("### Failed runs (7)");
    assertContains("| fixed-heap | 1m | iterate | 4 | no | 4,096 | 1 | skipped | java.lang.OutOfMemoryError: Java heap space \\| in day 3 |");
    assertContains("| heap-sweep | 100k | cache | 3 | no | 200 | 1 | skipped | java.lang.OutOfMemoryError: Java heap space |");
    assertContains("### All runs (43, in recording order)");
  }

  @Test
  void theThresholdFileCarriesTheRecommendationForAuto() throws Exception {
    JsonNode json = new ObjectMapper().readTree(dir.resolve("threshold.json").toFile());

    assertTrue(json.get("measured").asBoolean());
    assertEquals(3_076_800L, json.get("threshold_rows").asLong());
    assertEquals(153_840_000L, json.get("threshold_bytes").asLong());
    assertEquals(4096, json.get("budget_heap_mib").asInt());
    assertEquals(0.8, json.get("safety").asDouble());
    assertEquals(ThresholdFit.RULE, json.get("rule").asText());
    assertEquals(200, json.at("/fit/cache/a").asDouble(), 1e-6);
    assertEquals(0.001, json.at("/fit/cache/b").asDouble(), 1e-12);
    assertEquals(3, json.at("/fit/iterate/n").asInt());
    assertEquals(10_000_000L, json.get("tested_max_rows").asLong());
    assertEquals("10m", json.at("/time_crossover/scale").asText());
    assertEquals("4.2.0", json.get("spark_version").asText());
    assertEquals("Test CPU @ 2.0GHz, 2 cores, 7,951 MiB RAM", json.get("machine").asText());
    assertEquals("2026-03-02T08:00:00Z", json.get("generated_at").asText());
  }

  @Test
  void theCsvHasOneLinePerScaleAndMode() throws Exception {
    List<String> lines = Files.readAllLines(dir.resolve("summary.csv"));

    assertEquals(7, lines.size());
    assertTrue(lines.get(0).startsWith("scale,mode,input_rows,input_bytes,output_rows,passed,failed,warmups,min_viable_heap_mib,"
        + "min_viable_heap_found,largest_heap_tried_mib,wall_s_median,wall_s_min,wall_s_max,pipeline_s_median"), lines.get(0));
    assertTrue(lines.get(4).startsWith("1m,iterate,1000000,50000000,41666,3,1,1,310,true,822,41.0,40.0,45.0,"), lines.get(4));
  }

  @Test
  void chartsAreNonEmptyPngsEmbeddedByRelativePath() throws Exception {
    for (String chart : List.of("time_vs_rows.png", "peak_rss_vs_rows.png", "min_heap_vs_rows.png", "time_vs_memory.png", "phases.png")) {
      Path png = dir.resolve("charts").resolve(chart);
      assertTrue(Files.size(png) > 1000, chart + " has " + Files.size(png) + " bytes");
      try (InputStream in = Files.newInputStream(png)) {
        assertArrayEquals(PNG_SIGNATURE, in.readNBytes(8), chart);
      }
      assertContains("](charts/" + chart + ")");
    }
  }

  @Test
  void equalHeapSlopesRecommendCacheAtEverySize(@TempDir Path other) throws Exception {
    List<BenchRun> runs = new ArrayList<>(BenchRuns.threeScales().stream().filter(r -> r.series().equals(BenchRun.FIXED_HEAP)).toList());
    runs.addAll(BenchRuns.linearSweep(0.001, BenchRuns.ROWS_100K, BenchRuns.ROWS_1M, BenchRuns.ROWS_10M));

    String text = Files.readString(writeReport(other, runs, BenchRuns.environment(null, null)));

    assertTrue(text.contains("**Recommendation.** Never switch: use cache at every size. ITERATE's heap slope 1,000.00 MiB"), text);
    assertTrue(text.contains("- threshold_rows: null\n"), text);
    assertTrue(text.contains("Budget B = 4,096 MiB (the fixed-heap series' -Xmx (environment.json names no budget)), safety s = 0.8"), text);
    JsonNode json = new ObjectMapper().readTree(other.resolve("threshold.json").toFile());
    assertTrue(json.get("threshold_rows").isNull());
    assertTrue(json.get("measured").asBoolean());
  }

  private void assertContains(String expected) {
    assertTrue(markdown.contains(expected), () -> "missing:\n" + expected + "\nin:\n" + markdown);
  }
}
