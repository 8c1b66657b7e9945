package dev.ocpsummary.datagen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocpsummary.datagen.Workload.Pod;
import dev.ocpsummary.datagen.Workload.Volume;
import dev.ocpsummary.source.InputException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading nise static-report YAML: nise's defaults and clamps, zeros kept, seeded draws, and errors naming key and line. */
class NiseManifestTest {

  private static final LocalDate START = LocalDate.of(2025, 10, 1);

  private static Workload parse(String yaml) {
    return NiseManifest.parse("m.yml", yaml, START, 1, 7L);
  }

  private static String oneNode(String nodeKeys, String podKeys) {
    return """
        generators:
          - OCPGenerator:
              start_date: 2025-10-01
              end_date: 2025-10-02
              nodes:
                - node:
                  node_name: n1
        %s
                  namespaces:
                    ns1:
                      pods:
                        - pod:
                          pod_name: p1
        %s
        """.formatted(nodeKeys.indent(10).stripTrailing(), podKeys.indent(18).stripTrailing());
  }

  @Test
  void clampsRequestsAndUsageToLimitsAndLimitsToTheNode() {
    Workload workload =
        parse(oneNode("cpu_cores: 4\nmemory_gig: 16\nresource_id: abc", "cpu_request: 5\ncpu_limit: 6\nmem_request_gig: 20\npod_seconds: 3600\ncpu_usage:\n  full_period: 9"));
    Pod pod = workload.segments().get(0).pods().get(0);
    assertEquals(4.0, pod.cpuLimit());
    assertEquals(4.0, pod.cpuRequest());
    assertEquals(16.0, pod.memLimitGib());
    assertEquals(16.0, pod.memRequestGib());
    assertEquals("i-abc", pod.node().resourceId());
    double[] metrics = UsageRows.podMetrics(pod, 3600, UsageRows.clamp(pod.cpuUsage().on(START), pod.cpuLimit()).getAsDouble(), 0);
    assertEquals(4.0 * 3600, metrics[0]);
  }

  @Test
  void zeroIsKeptAsZeroWhereNiseWouldDrawARandomValue() {
    Workload workload = parse(oneNode("cpu_cores: 4\nmemory_gig: 16", "cpu_request: 0\npod_seconds: 0\ncpu_usage:\n  full_period: 0\nmem_usage_gig:\n  full_period: 0"));
    Pod pod = workload.segments().get(0).pods().get(0);
    assertEquals(0.0, pod.cpuRequest());
    assertEquals(0.0, pod.podSeconds());
    assertEquals(0.0, pod.cpuUsage().on(START).getAsDouble());
    ExpectedTotals expected = ExpectedCalculator.compute(workload, OutputTarget.of("/x", OutputLayout.KOKU), 7L);
    assertEquals(List.of(), expected.undetermined());
    assertEquals(0.0, expected.summary().podTotals().get("pod_usage_cpu_core_hours"));
  }

  @Test
  void omittedValuesAreDrawnOnceFromTheSeedInNisesRanges() {
    String yaml = oneNode("", "");
    Pod first = parse(yaml).segments().get(0).pods().get(0);
    Pod again = parse(yaml).segments().get(0).pods().get(0);
    assertEquals(first, again);
    double cores = first.node().cpuCores();
    assertTrue(cores >= 2 && cores <= 16 && cores == Math.rint(cores), "cpu_cores " + cores);
    double memory = first.node().memoryGib();
    assertTrue(memory >= 2 && memory <= 8, "memory_gig " + memory);
    assertEquals(cores, first.cpuLimit());
    assertTrue(first.cpuRequest() >= 0.02 && first.cpuRequest() <= cores, "cpu_request " + first.cpuRequest());
    // nise's memory request default is 25-80 GiB, clamped to the limit, which a 2-8 GiB node makes the limit
    assertEquals(memory, first.memRequestGib());
    assertEquals(null, first.podSeconds());
    ExpectedTotals expected = ExpectedCalculator.compute(parse(yaml), OutputTarget.of("/x", OutputLayout.KOKU), 7L);
    assertTrue(expected.summary().podTotals().get("pod_usage_cpu_core_hours").isNaN());
    assertTrue(expected.undetermined().stream().anyMatch(u -> u.contains("pod_seconds not given")), expected.undetermined().toString());
    assertTrue(first.node().resourceId().matches("i-[0-9a-f]{17}"), first.node().resourceId());
  }

  @Test
  void claimsAreFittedIntoTheVolumeAsNiseDoes() {
    String yaml =
        """
        generators:
          - OCPGenerator:
              nodes:
                - node:
                  node_name: n1
                  namespaces:
                    ns1:
                      volumes:
                        - volume:
                          volume_name: pv1
                          csi_driver:
                          volume_claims:
                            - volume_claim:
                              volume_claim_name: c1
                              capacity_gig: 60
                            - volume_claim:
                              volume_claim_name: c2
                              capacity_gig: 39.5
                            - volume_claim:
                              volume_claim_name: c3
                              capacity_gig: 1
        """;
    Volume volume = parse(yaml).segments().get(0).volumes().get(0);
    // request defaults to 100 GiB; after 99.5 GiB no more than 1 GiB is left, so c3 is skipped
    assertEquals(100.0, volume.requestGib());
    assertEquals(List.of("c1", "c2"), volume.claims().stream().map(Workload.Claim::name).toList());
    assertEquals("", volume.csiDriver());
    assertEquals(LocalDateTime.of(2025, 10, 2, 0, 0), parse(yaml).segments().get(0).end());
  }

  @Test
  void aMonthBoundarySplitsAGeneratorIntoMonths() {
    Workload workload =
        parse(
            """
            generators:
              - OCPGenerator:
                  start_date: 2025-10-31 22:00
                  end_date: 2
                  nodes:
                    - node:
                      node_name: n1
                      namespaces:
                        ns1:
            """);
    assertEquals(2, workload.segments().size());
    assertEquals(LocalDateTime.of(2025, 11, 1, 0, 0), workload.segments().get(0).end());
    assertEquals(LocalDateTime.of(2025, 11, 2, 22, 0), workload.segments().get(1).end());
  }

  @Test
  void aBadValueNamesFileLineAndKey() {
    InputException error = assertThrows(InputException.class, () -> parse(oneNode("cpu_cores: four", "")));
    // line 8: generators, OCPGenerator, start_date, end_date, nodes, - node, node_name, cpu_cores
    assertEquals("m.yml line 8: key 'cpu_cores': 'four' is not a number", error.getMessage());
  }

  @Test
  void aNegativeValueAndAWrongShapeAreErrors() {
    assertEquals(
        "m.yml line 14: key 'pod_seconds': '-5' is negative",
        assertThrows(InputException.class, () -> parse(oneNode("cpu_cores: 4", "pod_seconds: -5"))).getMessage());
    assertEquals(
        "m.yml line 14: key 'cpu_usage': expected a map such as {full_period: 0.5}, found '0.5'",
        assertThrows(InputException.class, () -> parse(oneNode("cpu_cores: 4", "cpu_usage: 0.5"))).getMessage());
    String podsAsMap =
        """
        generators:
          - OCPGenerator:
              nodes:
                - node:
                  namespaces:
                    ns1:
                      pods:
                        pod_name: p1
        """;
    assertEquals(
        "m.yml line 8: key 'pods': expected a list, found a map", assertThrows(InputException.class, () -> parse(podsAsMap)).getMessage());
  }

  @Test
  void aYamlSyntaxErrorNamesTheLine() {
    InputException error = assertThrows(InputException.class, () -> parse("generators:\n  - OCPGenerator:\n      nodes: [\n"));
    assertTrue(error.getMessage().startsWith("m.yml line 4: not valid YAML"), error.getMessage());
  }

  @Test
  void claimsLargerThanTheVolumeAreAnError() {
    String yaml =
        """
        generators:
          - OCPGenerator:
              nodes:
                - node:
                  node_name: n1
                  namespaces:
                    ns1:
                      volumes:
                        - volume:
                          volume_name: pv1
                          volume_request_gig: 10
                          volume_claims:
                            - volume_claim:
                              volume_claim_name: big
                              capacity_gig: 20
        """;
    InputException error = assertThrows(InputException.class, () -> parse(yaml));
    assertEquals("m.yml line 13: key 'volume_claims': the claims of volume 'pv1' add up to 20.0 GiB, more than its volume_request_gig 10.0 (nise aborts)", error.getMessage());
  }
}
