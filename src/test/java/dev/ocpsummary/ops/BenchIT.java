package dev.ocpsummary.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocpsummary.config.DatabaseSettings;
import dev.ocpsummary.testing.PostgresFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench --scales small --runs 1} end to end through the launcher, as a user runs it: the
 * S3Proxy process, {@code summarize} children per mode, sampling, validation, and the report, charts
 * and threshold file made from what was measured.
 */
class BenchIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void measuresBothModesOnTheSmallScaleAndReportsWhatItMeasured() throws Exception {
    DatabaseSettings database = PostgresFixture.freshSchema(BenchIT.class);
    Path out = dir.resolve("bench");
    Map<String, String> env = ChildProcess.inheritedEnvironment();
    env.put("OCP_SUMMARY_HOME", dir.resolve("home").toString());
    env.put("POSTGRES_URL", database.jdbcUrl());
    env.put("POSTGRES_USER", database.user());
    env.put("POSTGRES_SCHEMA", database.schema());
    env.put("OCP_SUMMARY_DRIVER_MEMORY", "768m");
    List<String> command =
        List.of(
            ProjectBuild.root().resolve("submit/ocp-summary").toString(), "bench",
            "--scales", "small", "--runs", "1", "--warmups", "0", "--heap", "1024", "--out", out.toString());
    ChildProcess.Result result = ChildProcess.run(command, env, ProjectBuild.root(), dir.resolve("bench.log"), Duration.ofMinutes(8));
    assertEquals(0, result.exitCode(), result.tail());
    assertTrue(result.output().contains("[  1/2] small"), result.tail());
    assertTrue(result.output().contains("[  2/2] small"), result.tail());

    Path runDir = onlyRunFolder(out);
    List<JsonNode> runs = new ArrayList<>();
    for (String line : Files.readAllLines(runDir.resolve("runs.jsonl"))) {
      runs.add(JSON.readTree(line));
    }
    assertEquals(2, runs.size(), "one run per mode");
    Set<String> modes = new TreeSet<>();
    for (JsonNode run : runs) {
      modes.add(run.path("mode").asText());
      assertEquals("small", run.path("scale").asText());
      assertEquals(0, run.path("exit_code").asInt(), run.toString());
      assertTrue(run.path("passed").asBoolean(), run.toString());
      assertEquals("passed", run.path("validation").asText(), run.toString());
      assertEquals(1024, run.path("heap_mib").asInt());
      // small: 10 pods, 2 PVCs, 2 nodes, 2 namespaces, 96 hours -> (10 + 2 + 2 + 2) x 96 input rows
      assertEquals(1536, run.path("input_rows").asLong(), run.toString());
      assertEquals(56, run.path("output_rows").asLong(), "40 Pod + 8 Storage + 8 unallocated rows");
      assertTrue(run.path("wall_s").asDouble() > run.path("pipeline_s").asDouble(), "wall includes JVM and Spark start");
      assertTrue(run.path("peak_rss_mib").asDouble() > 100, "a Spark JVM is larger than 100 MiB: " + run);
      assertTrue(run.path("cpu_s").asDouble() > 0, run.toString());
    }
    assertEquals(Set.of("cache", "iterate"), modes);

    String report = Files.readString(runDir.resolve("COMPARISON_REPORT.md"));
    for (JsonNode run : runs) {
      String wall = String.format("%.2f", run.path("wall_s").asDouble());
      assertTrue(report.contains(wall), "the report shows the measured wall time " + wall + " of " + run.path("mode"));
    }
    Path charts = runDir.resolve("charts");
    List<Path> pngs;
    try (Stream<Path> files = Files.list(charts)) {
      pngs = files.filter(p -> p.toString().endsWith(".png")).toList();
    }
    assertTrue(pngs.size() >= 3, "time, RSS and heap charts: " + pngs);
    for (Path png : pngs) {
      byte[] head = Arrays.copyOf(Files.readAllBytes(png), 8);
      assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, head, png.toString());
      assertTrue(report.contains("charts/" + png.getFileName()), "the report embeds " + png.getFileName());
    }
    JsonNode threshold = JSON.readTree(runDir.resolve("threshold.json").toFile());
    assertEquals(1024, threshold.path("budget_heap_mib").asInt(), "the budget defaults to the measured heap: " + threshold);
    assertTrue(threshold.path("threshold_rows").isNull(), "one scale without a heap sweep gives no fit: " + threshold);
    assertFalse(threshold.path("measured").asBoolean(), "and says it holds no measurement: " + threshold);
    assertTrue(report.contains("No recommendation derived"), "the report says why there is no threshold");
    assertEquals(56L, PostgresFixture.value(database, "SELECT count(*) FROM reporting_ocpusagelineitem_daily_summary"));
  }

  private static Path onlyRunFolder(Path out) throws Exception {
    try (Stream<Path> folders = Files.list(out)) {
      List<Path> runs = folders.filter(p -> p.getFileName().toString().matches("\\d{8}-\\d{6}")).toList();
      assertEquals(1, runs.size(), "one run folder in " + out + ": " + runs);
      return runs.get(0);
    }
  }
}
