package dev.ocpsummary.summary;

import java.io.Serializable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * How label JSON becomes the label columns of the summary (DESIGN decision 2): keep only enabled keys
 * (plus {@value #ALWAYS_KEPT_KEY}, which Koku always keeps), merge several sources with a precedence,
 * and render a canonical JSON object with sorted keys, so that equal label sets group together
 * whatever order their keys came in. How a text reads, and what is not a label set, is {@link
 * LabelMerge}'s.
 *
 * <p>The merge is one Java function per row rather than Spark's JSON and map functions, which parse
 * each text into a map, filter and concatenate the maps through lambdas that Spark evaluates without
 * generated code, then sort and render the result: on {@code production-large} the stage that merges
 * the pod labels went from 2.5 to 1.0 s of CPU. Spark's {@code from_json} also failed the whole run
 * on a label text with a key given twice.
 */
public final class LabelRules implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String ALWAYS_KEPT_KEY = "vm_kubevirt_io_name";

  private final LabelMerge merge;

  private LabelRules(Set<String> keptKeys) {
    this.merge = new LabelMerge(keptKeys);
  }

  /** Rules keeping only {@code enabledKeys} (plus the always-kept key), or every key when empty. */
  public static LabelRules keeping(Optional<List<String>> enabledKeys) {
    return new LabelRules(
        enabledKeys
            .map(
                keys -> {
                  Set<String> kept = new LinkedHashSet<>(keys);
                  kept.add(ALWAYS_KEPT_KEY);
                  return kept;
                })
            .orElse(null));
  }

  /**
   * Sets {@code output} to the canonical JSON of the kept labels of the label texts
   * {@code lowestToHighest} (two to four columns), later ones winning on the same key (e.g. node,
   * namespace, pod gives precedence pod &gt; namespace &gt; node). NULL texts count as no labels.
   */
  public Dataset<Row> withMergedLabels(Dataset<Row> rows, String output, Column... lowestToHighest) {
    return rows.withColumn(output, merged(lowestToHighest));
  }

  /** The canonical JSON of the kept labels of the texts merged, as {@link #withMergedLabels}. */
  Column merged(Column... lowestToHighest) {
    LabelMerge m = merge;
    UserDefinedFunction function =
        switch (lowestToHighest.length) {
          case 2 -> functions.udf((UDF2<String, String, String>) (a, b) -> m.merged(a, b), DataTypes.StringType);
          case 3 ->
              functions.udf((UDF3<String, String, String, String>) (a, b, c) -> m.merged(a, b, c), DataTypes.StringType);
          case 4 ->
              functions.udf(
                  (UDF4<String, String, String, String, String>) (a, b, c, d) -> m.merged(a, b, c, d),
                  DataTypes.StringType);
          default -> throw new IllegalArgumentException("merges 2 to 4 label texts, not " + lowestToHighest.length);
        };
    return function.asNonNullable().withName("merged_labels").apply(lowestToHighest);
  }

  /** The value of label {@code key} in the label text {@code text}, whichever keys are enabled; NULL when absent. */
  public static Column valueOf(Column text, String key) {
    return functions.udf((UDF2<String, String, String>) LabelMerge::valueOf, DataTypes.StringType)
        .withName("label_value")
        .apply(text, functions.lit(key));
  }
}
