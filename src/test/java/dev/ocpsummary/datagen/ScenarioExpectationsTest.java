package dev.ocpsummary.datagen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For each of the 20 scenarios, the expected.json the generator computes from the manifest agrees with
 * the outcome worked out by hand beside it: row counts and every total. No Spark, no database: it
 * checks the generator's closed form against an independent derivation.
 */
class ScenarioExpectationsTest {

  static List<ScenarioOutcome> scenarios() {
    return ScenarioOutcome.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void generatorsClosedFormEqualsTheHandWorkedOutcome(ScenarioOutcome scenario) {
    Workload workload = NiseManifest.read(scenario.manifest(), GenerateOptions.DEFAULT_START, 1, 1L);
    ExpectedTotals expected = ExpectedCalculator.compute(workload, OutputTarget.of("/nowhere", OutputLayout.KOKU), 1L);

    assertEquals(List.of(), expected.undetermined());
    assertEquals(scenario.rows("pod"), expected.summary().podRows(), "Pod rows");
    assertEquals(scenario.rows("storage"), expected.summary().storageRows(), "Storage rows");
    assertEquals(scenario.rows("unallocated"), expected.summary().unallocatedRows(), "unallocated rows");
    Map<String, Object> byNamespace = scenario.section("unallocated_by_namespace");
    byNamespace.forEach((namespace, count) -> assertEquals(((Number) count).longValue(), expected.summary().unallocatedRowsByNamespace().get(namespace), namespace));
    assertEquals(byNamespace.size(), expected.summary().unallocatedRowsByNamespace().size());
    compare(scenario.section("pod_totals"), expected.summary().podTotals(), "pod");
    compare(scenario.section("unallocated_totals"), expected.summary().unallocatedTotals(), "unallocated");
    if (!scenario.section("storage_totals").isEmpty()) {
      compare(scenario.section("storage_totals"), expected.summary().storageTotals(), "storage");
    }
  }

  private static void compare(Map<String, Object> want, Map<String, Double> got, String what) {
    assertEquals(want.keySet(), got.keySet(), what);
    want.forEach((measure, value) -> {
      double expected = ScenarioOutcome.number(value);
      assertEquals(expected, got.get(measure), Math.max(1e-8, Math.abs(expected) * 1e-9), what + " " + measure);
    });
  }
}
