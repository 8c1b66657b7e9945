package dev.ocpsummary.datagen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocpsummary.source.InputException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An {@code expected.json} read back: the source and window it was generated for, and the
 * {@link ExpectedSummary} it states. The inverse of the {@code parameters} and {@code summary} parts
 * of {@link ExpectedTotals#toJson()}; {@code null} totals (undetermined) become {@code NaN}.
 *
 * @param sourceUuid the generated source ({@code parameters.source_uuid})
 * @param clusterId the generated cluster ({@code parameters.cluster_id})
 * @param start first generated day
 * @param end last generated day (inclusive)
 * @param summary what {@code summarize} of that source and window must write
 */
public record ExpectedSummaryFile(String sourceUuid, String clusterId, LocalDate start, LocalDate end, ExpectedSummary summary) {

  /**
   * Reads a local {@code expected.json}.
   *
   * @throws InputException naming the file and the key if it cannot be read, is not JSON, or lacks
   *     a key of the parameters or the summary
   */
  public static ExpectedSummaryFile read(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new InputException("cannot read " + file + " as expected.json: " + e.getMessage(), e);
    }
    return fromJson(root, file.toString());
  }

  /** The document as {@link ExpectedTotals#toJson()} builds it; {@code origin} names it in errors. */
  public static ExpectedSummaryFile fromJson(JsonNode root, String origin) {
    Reader json = new Reader(origin);
    JsonNode parameters = json.object(root, "parameters");
    JsonNode summary = json.object(root, "summary");
    JsonNode rows = json.object(summary, "rows");
    Map<String, Long> byNamespace = new TreeMap<>();
    json.fields(json.object(rows, "unallocated_by_namespace")).forEach((k, v) -> byNamespace.put(k, v.asLong()));
    Map<LocalDate, Map<String, Double>> capacity = new LinkedHashMap<>();
    json.fields(json.object(summary, "cluster_capacity_per_day")).forEach((day, values) -> capacity.put(json.date(day), json.numbers(values)));
    ExpectedSummary expected =
        new ExpectedSummary(
            json.count(rows, "pod"),
            json.count(rows, "storage"),
            json.count(rows, "unallocated"),
            json.numbers(json.object(summary, "pod_totals")),
            json.numbers(json.object(summary, "unallocated_totals")),
            byNamespace,
            json.numbers(json.object(summary, "storage_totals")),
            capacity,
            json.strings(summary, "pod_namespaces"),
            json.strings(summary, "storage_namespaces"));
    return new ExpectedSummaryFile(
        json.text(parameters, "source_uuid"),
        json.text(parameters, "cluster_id"),
        json.date(json.text(parameters, "start")),
        json.date(json.text(parameters, "end")),
        expected);
  }

  /** Typed access to the document, with errors that name the origin and the missing key. */
  private record Reader(String origin) {

    JsonNode object(JsonNode parent, String key) {
      JsonNode node = parent.get(key);
      if (node == null || !node.isObject()) {
        throw malformed(key, "an object");
      }
      return node;
    }

    long count(JsonNode parent, String key) {
      JsonNode node = parent.get(key);
      if (node == null || !node.canConvertToLong()) {
        throw malformed(key, "a whole number");
      }
      return node.asLong();
    }

    String text(JsonNode parent, String key) {
      JsonNode node = parent.get(key);
      if (node == null || !node.isTextual()) {
        throw malformed(key, "a string");
      }
      return node.asText();
    }

    LocalDate date(String text) {
      try {
        return LocalDate.parse(text);
      } catch (DateTimeParseException e) {
        throw new InputException(origin + ": '" + text + "' is not a date (YYYY-MM-DD)", e);
      }
    }

    List<String> strings(JsonNode parent, String key) {
      JsonNode node = parent.get(key);
      if (node == null || !node.isArray()) {
        throw malformed(key, "an array");
      }
      List<String> values = new ArrayList<>();
      node.forEach(value -> values.add(value.asText()));
      return values;
    }

    /** An object of numbers; {@code null} values (undetermined) read as NaN. */
    Map<String, Double> numbers(JsonNode node) {
      Map<String, Double> values = new LinkedHashMap<>();
      fields(node).forEach(
          (key, value) -> {
            if (!value.isNull() && !value.isNumber()) {
              throw malformed(key, "a number or null");
            }
            values.put(key, value.isNull() ? Double.NaN : value.asDouble());
          });
      return values;
    }

    Map<String, JsonNode> fields(JsonNode node) {
      Map<String, JsonNode> fields = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        fields.put(field.getKey(), field.getValue());
      }
      return fields;
    }

    private InputException malformed(String key, String what) {
      return new InputException(origin + ": '" + key + "' is missing or not " + what + " (is this an expected.json of ocp-summary generate?)");
    }
  }
}
