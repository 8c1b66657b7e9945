package dev.ocpsummary.datagen;

import static dev.ocpsummary.datagen.SummaryCheck.UNALLOCATED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocpsummary.testing.CliRun;
import dev.ocpsummary.testing.PostgresFixture;
import dev.ocpsummary.testing.SparkFixture;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 20 scenarios of data-gen/scenarios/ end to end: each manifest is generated, summarized (with the
 * scenario's summarize.conf when it has one) as a source of its own, and the summary is checked
 * against the outcome worked out by hand beside the manifest: rows per kind, unallocated rows per
 * namespace, every total, and the listed rows column by column.
 */
class ScenariosSummaryTest {

  private static final Set<String> LABEL_COLUMNS = Set.of("pod_labels", "volume_labels", "all_labels");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path work;
  private static SummaryCheck check;
  private static final Map<String, String> SOURCES = new HashMap<>();
  private static final Map<String, String> FAILED_RUNS = new HashMap<>();

  static List<ScenarioOutcome> scenarios() {
    return ScenarioOutcome.all();
  }

  @BeforeAll
  static void generateAndSummarizeEveryScenario() {
    check = new SummaryCheck(PostgresFixture.freshSchema(ScenariosSummaryTest.class), work.resolve("home"));
    int n = 0;
    for (ScenarioOutcome scenario : scenarios()) {
      String source = new UUID(0xdada, ++n).toString();
      SOURCES.put(scenario.name(), source);
      ExpectedTotals expected =
          Generator.generate(
              SparkFixture.spark(),
              scenario.manifest(),
              work.resolve(scenario.name()).toString(),
              GenerateOptions.defaults().withIds(source, "test-cluster-001", "org1234567"));
      List<String> args =
          new ArrayList<>(
              List.of(
                  "summarize", "--input", expected.target().root(), "--source", source, "--start", expected.start().toString(),
                  "--end", expected.end().toString(), "--cluster-id", "test-cluster-001"));
      scenario.config().ifPresent(config -> args.addAll(List.of("--config", config.toString())));
      CliRun result = check.run(args.toArray(String[]::new));
      if (result.code() != 0) {
        FAILED_RUNS.put(scenario.name(), result.err());
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void summaryEqualsTheHandWorkedOutcome(ScenarioOutcome scenario) throws Exception {
    assertNull(FAILED_RUNS.get(scenario.name()), "summarize failed");
    String source = SOURCES.get(scenario.name());
    assertEquals(scenario.rows("pod"), check.count(source, "data_source = 'Pod' AND NOT (" + UNALLOCATED + ")"), "Pod rows");
    assertEquals(scenario.rows("storage"), check.count(source, "data_source = 'Storage'"), "Storage rows");
    assertEquals(scenario.rows("unallocated"), check.count(source, "data_source = 'Pod' AND (" + UNALLOCATED + ")"), "unallocated rows");
    for (Map.Entry<String, Object> entry : scenario.section("unallocated_by_namespace").entrySet()) {
      assertEquals(((Number) entry.getValue()).longValue(), check.count(source, "namespace = '" + entry.getKey() + "'"), entry.getKey());
    }
    totals(scenario, source, "pod_totals", "data_source = 'Pod' AND NOT (" + UNALLOCATED + ")");
    totals(scenario, source, "unallocated_totals", "data_source = 'Pod' AND (" + UNALLOCATED + ")");
    totals(scenario, source, "storage_totals", "data_source = 'Storage'");
    for (Map<String, Map<String, Object>> row : scenario.expectedRows()) {
      expectRow(source, row.get("match"), row.get("values"));
    }
  }

  private static void totals(ScenarioOutcome scenario, String source, String section, String where) {
    Map<String, Object> want = scenario.section(section);
    if (want.isEmpty()) {
      return;
    }
    List<String> columns = List.copyOf(want.keySet());
    double[] sums = check.sums(source, where, columns);
    for (int i = 0; i < columns.size(); i++) {
      SummaryCheck.assertClose(ScenarioOutcome.number(want.get(columns.get(i))), sums[i], section + " " + columns.get(i));
    }
  }

  private static void expectRow(String source, Map<String, Object> match, Map<String, Object> values) throws Exception {
    StringBuilder where = new StringBuilder("source_uuid = ?::uuid");
    List<Object> parameters = new ArrayList<>(List.of(source));
    for (Map.Entry<String, Object> condition : match.entrySet()) {
      String column = condition.getKey();
      Object value = condition.getValue();
      if (value == null) {
        where.append(" AND ").append(column).append(" IS NULL");
      } else if (LABEL_COLUMNS.contains(column)) {
        where.append(" AND ").append(column).append(" = ?::jsonb");
        parameters.add(JSON.writeValueAsString(value));
      } else if (column.equals("usage_start")) {
        where.append(" AND usage_start = ?::date");
        parameters.add(value.toString());
      } else {
        where.append(" AND ").append(column).append(" = ?");
        parameters.add(value);
      }
    }
    List<Map<String, Object>> rows =
        check.rows("SELECT * FROM " + SummaryCheck.TABLE + " WHERE " + where, parameters.toArray());
    assertEquals(1, rows.size(), "rows matching " + match);
    Map<String, Object> row = rows.get(0);
    for (Map.Entry<String, Object> value : values.entrySet()) {
      String column = value.getKey();
      Object want = value.getValue();
      Object got = row.get(column);
      String what = match + " " + column;
      if (want == null) {
        assertNull(got, what);
      } else if (LABEL_COLUMNS.contains(column)) {
        assertTrue(got != null, what + " is NULL");
        assertEquals(want, JSON.readValue(got.toString(), Map.class), what);
      } else if (want instanceof Number number) {
        double actual = got instanceof BigDecimal decimal ? decimal.doubleValue() : ((Number) got).doubleValue();
        SummaryCheck.assertClose(number.doubleValue(), actual, what);
      } else {
        assertEquals(want.toString(), String.valueOf(got), what);
      }
    }
  }
}
