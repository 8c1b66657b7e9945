package dev.ocpsummary.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** How label texts read, merge and render (no Spark: the function Spark calls per row). */
class LabelMergeTest {

  private final LabelMerge allKeys = new LabelMerge(null);

  @Test
  void laterTextsWinAndKeysComeOutSorted() {
    assertEquals(
        "{\"app\":\"from-pod\",\"team\":\"t1\",\"tier\":\"from-namespace\",\"zone\":\"a\"}",
        allKeys.merged(
            "{\"zone\": \"a\", \"app\": \"from-node\", \"tier\": \"from-node\"}",
            "{\"tier\": \"from-namespace\", \"team\": \"t1\"}",
            "{\"app\": \"from-pod\"}"));
  }

  @Test
  void onlyKeptKeysSurvive() {
    LabelMerge appOnly = new LabelMerge(Set.of("app", LabelRules.ALWAYS_KEPT_KEY));
    assertEquals(
        "{\"app\":\"web\",\"vm_kubevirt_io_name\":\"vm-7\"}",
        appOnly.merged("{\"secret\": \"x\", \"app\": \"web\"}", "{\"vm_kubevirt_io_name\": \"vm-7\", \"tier\": \"db\"}"));
    assertEquals("{}", appOnly.merged("{\"tier\": \"db\"}", null));
  }

  @Test
  void whatIsNotExactlyOneJsonObjectReadsAsNoLabels() {
    for (String text :
        new String[] {
          null, "", "   ", "null", "not json", "[1,2]", "3", "\"s\"", "{\"a\":\"1\"", "{\"a\":\"x\",}",
          "{\"a\":\"1\"} trailing", "{\"a\":\"1\"} {\"b\":\"2\"}", "{'a':'1'}"
        }) {
      assertEquals("{\"z\":\"kept\"}", allKeys.merged("{\"z\": \"kept\"}", text), String.valueOf(text));
    }
    assertEquals("{\"a\":\"sp\"}", allKeys.merged("  {\"a\" : \"sp\"}\n", null));
  }

  @Test
  void aKeyGivenTwiceKeepsItsLastValue() {
    assertEquals("{\"a\":\"2\",\"b\":\"1\"}", allKeys.merged("{\"a\": \"1\", \"b\": \"1\", \"a\": \"2\"}", null));
  }

  @Test
  void valuesThatAreNotStringsKeepTheirJsonTextAndNullStaysNull() {
    assertEquals(
        "{\"f\":\"1.50\",\"n\":\"12\",\"nested\":\"{\\\"b\\\":[1,\\\"x\\\"]}\",\"nul\":null,\"t\":\"true\"}",
        allKeys.merged("{\"n\": 12, \"f\": 1.50, \"t\": true, \"nul\": null, \"nested\": {\"b\": [1, \"x\"]}}"));
    // a null from a higher source still replaces the lower value, as a key present with value null
    assertEquals("{\"a\":null}", allKeys.merged("{\"a\": \"low\"}", "{\"a\": null}"));
  }

  @Test
  void keysSortByUtf8BytesAndTextIsEscapedAsJson() {
    // U+FFFF is below U+1F600 in UTF-8 (and code points), though not in UTF-16 units
    assertEquals(
        "{\"Z\":\"1\",\"a\":\"2\",\"é\":\"3\",\"\uffff\":\"4\",\"\ud83d\ude00\":\"5\"}",
        allKeys.merged("{\"\ud83d\ude00\": \"5\", \"\uffff\": \"4\", \"é\": \"3\", \"a\": \"2\", \"Z\": \"1\"}"));
    assertEquals(
        "{\"k\":\"q\\\"uo\\\\te/\\n\\u0001\\t\"}", allKeys.merged("{\"k\": \"q\\\"uo\\\\te/\\n\\u0001\\t\"}"));
  }

  @Test
  void valueOfReadsOneLabelWhateverKeysAreKept() {
    assertEquals("infra", LabelMerge.valueOf("{\"node_role_kubernetes_io\": \"infra\", \"a\": \"b\"}", "node_role_kubernetes_io"));
    assertNull(LabelMerge.valueOf("{\"a\": \"b\"}", "node_role_kubernetes_io"));
    assertNull(LabelMerge.valueOf("not json", "a"));
    assertNull(LabelMerge.valueOf(null, "a"));
  }
}
