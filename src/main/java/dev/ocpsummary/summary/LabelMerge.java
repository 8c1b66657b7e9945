package dev.ocpsummary.summary;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.io.Serializable;
import java.io.StringWriter;
import java.util.Comparator;
import java.util.Set;
import java.util.TreeMap;

/**
 * Label JSON texts merged into one canonical JSON object text, in plain Java so that Spark runs it as
 * one compiled function per row (see {@link LabelRules}).
 *
 * <p>How a text reads:
 *
 * <ul>
 *   <li>only a text that is exactly one JSON object (whitespace around it allowed) has labels; NULL,
 *       empty, malformed or other JSON ({@code [..]}, {@code "s"}, {@code 3}) reads as no labels;
 *   <li>string values are the label values; numbers and {@code true}/{@code false} give their JSON
 *       text, nested objects and arrays their compact JSON, and JSON {@code null} stays null;
 *   <li>a key given twice keeps its last value, as PostgreSQL's {@code jsonb} does.
 * </ul>
 *
 * <p>Only kept keys survive; of the merged texts a later one wins on the same key. The result lists
 * its keys in the order of their UTF-8 bytes (Spark's string order), without spaces, so equal label
 * sets give equal texts.
 */
final class LabelMerge implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final JsonFactory JSON = new JsonFactory();

  private static final LabelMerge EVERY_KEY = new LabelMerge(null);

  /** UTF-8 byte order, which for Java strings is code point order. */
  static final Comparator<String> UTF8_ORDER =
      (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
          int ca = a.codePointAt(i);
          int cb = b.codePointAt(j);
          if (ca != cb) {
            return Integer.compare(ca, cb);
          }
          i += Character.charCount(ca);
          j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
      };

  /** The keys kept, or null for every key. */
  private final Set<String> keptKeys;

  LabelMerge(Set<String> keptKeys) {
    this.keptKeys = keptKeys == null ? null : Set.copyOf(keptKeys);
  }

  /** The canonical JSON of the labels of {@code lowestToHighest} merged, later texts winning. */
  String merged(String... lowestToHighest) {
    TreeMap<String, String> labels = new TreeMap<>(UTF8_ORDER);
    for (String text : lowestToHighest) {
      putLabels(text, labels);
    }
    return render(labels);
  }

  /** The value of {@code key} in label text {@code text}, whatever keys are kept; null when absent. */
  static String valueOf(String text, String key) {
    TreeMap<String, String> labels = new TreeMap<>(UTF8_ORDER);
    EVERY_KEY.putLabels(text, labels);
    return labels.get(key);
  }

  /** Adds the kept labels of {@code text} to {@code labels}, replacing equal keys; none if it is not a JSON object. */
  private void putLabels(String text, TreeMap<String, String> labels) {
    if (text == null || text.isEmpty()) {
      return;
    }
    TreeMap<String, String> read = new TreeMap<>(UTF8_ORDER);
    try (JsonParser parser = JSON.createParser(text)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return;
      }
      for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
        String key = parser.currentName();
        JsonToken value = parser.nextToken();
        String valueText = valueText(parser, value);
        if (keptKeys == null || keptKeys.contains(key)) {
          read.put(key, valueText);
        }
      }
      if (parser.nextToken() != null) {
        return;
      }
    } catch (IOException malformed) {
      return;
    }
    labels.putAll(read);
  }

  private static String valueText(JsonParser parser, JsonToken value) throws IOException {
    switch (value) {
      case VALUE_NULL:
        return null;
      case START_OBJECT:
      case START_ARRAY:
        StringWriter nested = new StringWriter();
        try (var generator = JSON.createGenerator(nested)) {
          generator.copyCurrentStructure(parser);
        }
        return nested.toString();
      default:
        return parser.getText();
    }
  }

  private static String render(TreeMap<String, String> labels) {
    if (labels.isEmpty()) {
      return "{}";
    }
    JsonStringEncoder encoder = JsonStringEncoder.getInstance();
    StringBuilder json = new StringBuilder(32 * labels.size()).append('{');
    for (var label : labels.entrySet()) {
      if (json.length() > 1) {
        json.append(',');
      }
      json.append('"');
      encoder.quoteAsString(label.getKey(), json);
      json.append("\":");
      if (label.getValue() == null) {
        json.append("null");
      } else {
        json.append('"');
        encoder.quoteAsString(label.getValue(), json);
        json.append('"');
      }
    }
    return json.append('}').toString();
  }
}
