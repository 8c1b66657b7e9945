package dev.ocpsummary.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocpsummary.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench --report RUN_DIR} on the files of a committed benchmark: it writes the same report
 * again (apart from its time of writing), runs nothing, and refuses a folder without runs.
 */
class BenchReportOptionTest {

  private static final Path COMMITTED = Path.of("docs/benchmarks/20261124-220549");

  @TempDir Path runDir;

  @Test
  void rewritesTheReportOfARunFolderFromItsFiles() throws Exception {
    Files.copy(COMMITTED.resolve("runs.jsonl"), runDir.resolve("runs.jsonl"));
    Files.copy(COMMITTED.resolve("environment.json"), runDir.resolve("environment.json"));

    CliRun result = bench("--report", runDir.toString());

    assertEquals(0, result.code(), result.err());
    Path report = runDir.resolve("COMPARISON_REPORT.md");
    assertEquals("report: " + report.toAbsolutePath() + "\n", result.out());
    assertEquals(withoutTimeOfWriting(COMMITTED.resolve("COMPARISON_REPORT.md")), withoutTimeOfWriting(report));
    assertEquals(
        Files.readString(COMMITTED.resolve("summary.csv")), Files.readString(runDir.resolve("summary.csv")));
    for (String chart : List.of("peak_rss_vs_rows.png", "phases.png", "time_vs_memory.png", "time_vs_rows.png")) {
      assertTrue(Files.size(runDir.resolve("charts").resolve(chart)) > 0, chart);
    }
    assertTrue(Files.readString(runDir.resolve("threshold.json")).contains("\"budget_heap_mib\" : 2048"));
    assertFalse(Files.exists(runDir.resolve("work")), "nothing was run");
  }

  @Test
  void aFolderWithoutRunsIsAUsageError() {
    CliRun result = bench("--report", runDir.toString());

    assertEquals(2, result.code());
    assertEquals("ocp-summary bench: error: --report " + runDir + ": no runs.jsonl in that folder", result.firstErrorLine());
  }

  @Test
  void reportTakesNoOtherOption() throws Exception {
    Files.copy(COMMITTED.resolve("runs.jsonl"), runDir.resolve("runs.jsonl"));

    CliRun result = bench("--report", runDir.toString(), "--scales", "small");

    assertEquals(2, result.code());
    assertEquals("ocp-summary bench: error: --report rewrites a report and takes no other option", result.firstErrorLine());
    assertFalse(Files.exists(runDir.resolve("COMPARISON_REPORT.md")));
  }

  private static String withoutTimeOfWriting(Path report) throws Exception {
    return Files.readString(report).replaceFirst("Generated at \\S+ from", "Generated at (time) from");
  }

  private static CliRun bench(String... options) {
    return CliRun.command(Map.of(), "bench", options);
  }
}
