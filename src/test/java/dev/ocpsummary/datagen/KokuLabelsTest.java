package dev.ocpsummary.datagen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Koku's label conversion, with the examples of specs/data-gen.md A.6. */
class KokuLabelsTest {

  @Test
  void pipeLabelsBecomePythonStyleJson() {
    assertEquals(
        "{\"nodeclass\": \"compute\", \"node_role_kubernetes_io\": \"worker\"}",
        KokuLabels.toJson("label_nodeclass:compute|label_node_role_kubernetes_io:worker"));
    assertEquals("{\"app_x\": \"y\"}", KokuLabels.toJson("label_app_label_x:y"));
    assertEquals("{\"app\": \"benchmark\", \"pod\": \"app-001-0001\"}", KokuLabels.toJson("app:benchmark|pod:app-001-0001"));
  }

  @Test
  void emptyBadAndDuplicateItemsFollowKoku() {
    assertEquals("{}", KokuLabels.toJson(""));
    assertEquals("{}", KokuLabels.toJson(null));
    // no ':' -> skipped; two ':' -> dropped; a later duplicate overwrites in place; values untrimmed
    assertEquals("{\"a\": \"3\", \"b\": \" x \", \"c\": \"\"}", KokuLabels.toJson("a:1|b: x |nocolon|u:http://h|a:3|c:"));
  }

  @Test
  void escapesAsJsonDumpsDoes() {
    assertEquals("{\"owner\": \"Jos\\u00e9\", \"q\": \"a\\\"b/c\\\\\"}", KokuLabels.toJson("owner:José|q:a\"b/c\\"));
  }
}
