package dev.ocpsummary.summary;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;

/**
 * How label JSON becomes the label columns of the summary (DESIGN decision 2): parse the JSON object
 * text, keep only enabled keys (plus {@value #ALWAYS_KEPT_KEY}, which Koku always keeps), merge
 * several sources with a precedence, and render a canonical JSON object with sorted keys, so that
 * equal label sets group together whatever order their keys came in.
 *
 * <p>Text that is not a JSON object reads as no labels.
 */
public final class LabelRules implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String ALWAYS_KEPT_KEY = "vm_kubevirt_io_name";

  private static final MapType LABEL_MAP = DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType);

  private final List<String> enabledKeys;

  private LabelRules(List<String> enabledKeys) {
    this.enabledKeys = enabledKeys;
  }

  /** Rules keeping only {@code enabledKeys} (plus the always-kept key), or every key when empty. */
  public static LabelRules keeping(Optional<List<String>> enabledKeys) {
    return new LabelRules(enabledKeys.map(List::copyOf).orElse(null));
  }

  /** JSON object text to a label map of the enabled keys; NULL, malformed or non-object text gives {}. */
  public Column enabledLabels(Column json) {
    Column parsed =
        functions.coalesce(
            functions.from_json(json, LABEL_MAP, java.util.Map.of()),
            functions.map().cast(LABEL_MAP));
    if (enabledKeys == null) {
      return parsed;
    }
    Column allowed =
        functions.array(
            java.util.stream.Stream.concat(enabledKeys.stream(), java.util.stream.Stream.of(ALWAYS_KEPT_KEY))
                .distinct()
                .map(functions::lit)
                .toArray(Column[]::new));
    return functions.map_filter(parsed, (key, value) -> functions.array_contains(allowed, key));
  }

  /**
   * Merges label maps, later arguments winning on the same key (e.g. node, namespace, pod gives
   * precedence pod &gt; namespace &gt; node). NULL maps count as empty.
   */
  public static Column merge(Column... lowestToHighest) {
    Column[] maps = new Column[lowestToHighest.length];
    for (int i = 0; i < lowestToHighest.length; i++) {
      Column map = functions.coalesce(lowestToHighest[i], functions.map().cast(LABEL_MAP));
      for (int j = i + 1; j < lowestToHighest.length; j++) {
        Column higherKeys =
            functions.map_keys(functions.coalesce(lowestToHighest[j], functions.map().cast(LABEL_MAP)));
        map = functions.map_filter(map, (key, value) -> functions.not(functions.array_contains(higherKeys, key)));
      }
      maps[i] = map;
    }
    return maps.length == 1 ? maps[0] : functions.map_concat(maps);
  }

  /**
   * Adds {@code output}: the canonical JSON of the label maps merged as {@link #merge} merges them.
   * Each map is computed once per row, as a column of its own, before the merge: the merge tests
   * keys inside per-label lambdas, where an expression is evaluated again for every label, so a map
   * parsed from label text there would be parsed once per label of the other maps — quadratic in
   * the label text, minutes for a single pod with thousands of labels.
   */
  public static Dataset<Row> withMergedLabels(Dataset<Row> rows, String output, Column... lowestToHighest) {
    String[] mapColumns = new String[lowestToHighest.length];
    Map<String, Column> maps = new LinkedHashMap<>();
    for (int i = 0; i < lowestToHighest.length; i++) {
      mapColumns[i] = "label_map_" + i + "_of_" + output;
      maps.put(mapColumns[i], lowestToHighest[i]);
    }
    Dataset<Row> withMaps = rows.withColumns(maps);
    Column merged = merge(java.util.Arrays.stream(mapColumns).map(functions::col).toArray(Column[]::new));
    return withMaps.withColumn(output, canonicalJson(merged)).drop(mapColumns);
  }

  /** A label map as JSON object text with keys sorted; {} when empty. */
  public static Column canonicalJson(Column labelMap) {
    return functions.to_json(functions.map_from_entries(functions.array_sort(functions.map_entries(labelMap))));
  }
}
