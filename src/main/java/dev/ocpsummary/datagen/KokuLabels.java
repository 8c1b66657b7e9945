package dev.ocpsummary.datagen;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Koku's conversion of an operator/nise label cell ({@code label_app:web|label_tier:db}) into the JSON
 * text its Parquet holds (specs/data-gen.md A.6): split on {@code |}; skip items without {@code :};
 * drop items that do not split into exactly two parts on {@code :}; remove every {@code label_} from
 * the key; keep values untrimmed; a later duplicate key overwrites the value but keeps the first
 * position; empty input gives {@code {}}. The JSON is spelled as Python's {@code json.dumps} spells
 * it: {@code {"k": "v", "k2": "v2"}}, non-ASCII as a backslash-u escape, {@code /} not escaped.
 */
public final class KokuLabels {

  private KokuLabels() {}

  /** The label map of a pipe-format cell, keys in first-seen order. */
  public static Map<String, String> parse(String pipeLabels) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (pipeLabels == null || pipeLabels.isEmpty()) {
      return labels;
    }
    for (String item : pipeLabels.split("\\|", -1)) {
      if (item.indexOf(':') < 0) {
        continue;
      }
      String[] parts = item.split(":", -1);
      if (parts.length != 2) {
        continue;
      }
      labels.put(parts[0].replace("label_", ""), parts[1]);
    }
    return labels;
  }

  /** The Koku JSON text of a pipe-format cell. */
  public static String toJson(String pipeLabels) {
    return json(parse(pipeLabels));
  }

  /** A label map as Python's {@code json.dumps} writes it, in the map's order. */
  public static String json(Map<String, String> labels) {
    StringBuilder out = new StringBuilder("{");
    boolean first = true;
    for (Map.Entry<String, String> label : labels.entrySet()) {
      if (!first) {
        out.append(", ");
      }
      first = false;
      quote(out, label.getKey());
      out.append(": ");
      quote(out, label.getValue());
    }
    return out.append('}').toString();
  }

  private static void quote(StringBuilder out, String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
