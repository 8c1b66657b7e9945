package dev.ocpsummary.exec;

import dev.ocpsummary.config.DuplicateRowPolicy;
import dev.ocpsummary.source.HourlyRowKeys;
import dev.ocpsummary.source.InputException;
import dev.ocpsummary.source.ReportType;
import dev.ocpsummary.source.UsageReader;
import dev.ocpsummary.summary.PodDays;
import dev.ocpsummary.summary.SummaryInputs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code input.duplicate-rows} to the window's hourly pod and storage usage before anything
 * is summed, so that no hour is counted twice (see {@link HourlyRowKeys} for what identifies a row).
 *
 * <ul>
 *   <li>No two rows share a key: the inputs are used as they are.
 *   <li>Exact copies (every column read equal): with {@code drop}, one row of each set is kept, the
 *       others are counted ({@link #copiesFound}, into the run record) and a warning names the report
 *       and the count; with {@code reject}, the run fails naming the report, a key and the files.
 *   <li>Rows with the same key and different values: the run fails under either policy, with one
 *       line naming the report, the files, the key and the differing values.
 * </ul>
 *
 * <p>Cost: per report, one aggregation that shuffles a 64-bit hash of each row's key; for pods in
 * CACHE, first a look at the window's {@link PodDays}, which tell without that shuffle that no two
 * rows share a key. Only when two rows share a key does a run pay for the exact comparison (a
 * distinct over every column, two counts and the search for a conflicting key).
 */
final class InputDuplicates {

  private static final Logger LOG = LoggerFactory.getLogger(InputDuplicates.class);
  private static final int SHOWN_ROWS = 4;

  private final DuplicateRowPolicy policy;
  private final Function<ReportType, Dataset<Row>> rowsWithFileName;
  private final SparkContext context;
  private final String groupPrefix;
  private final Map<String, Long> copiesFound = new LinkedHashMap<>();
  private long nanos;

  /**
   * @param rowsWithFileName every row of a report's files with {@link UsageReader#INPUT_FILE}, to name
   *     the files in a message
   */
  InputDuplicates(
      DuplicateRowPolicy policy, Function<ReportType, Dataset<Row>> rowsWithFileName, SparkContext context,
      String groupPrefix) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.rowsWithFileName = rowsWithFileName;
    this.context = context;
    this.groupPrefix = groupPrefix;
  }

  /**
   * The inputs without exact copies of hourly rows. {@code keep} is applied to a report's rows when
   * copies had to be removed (CACHE persists them, ITERATE takes them as they are).
   *
   * @throws InputException on rows that conflict, or on exact copies under {@code reject}
   */
  SummaryInputs apply(SummaryInputs inputs, UnaryOperator<Dataset<Row>> keep) {
    return apply(inputs, () -> true, keep);
  }

  /**
   * As {@link #apply(SummaryInputs, UnaryOperator)}, but pod rows are looked at only when the
   * window's {@link PodDays} show a pod with more rows than hours on some day: the check then costs a
   * small aggregation of the pod days instead of a shuffle of every hourly row. The pod days must be
   * those of {@code inputs}; when the returned pod rows differ, they must be computed again.
   */
  SummaryInputs apply(SummaryInputs inputs, Dataset<Row> podDays, UnaryOperator<Dataset<Row>> keep) {
    return apply(inputs, () -> !PodDays.podsWithMoreRowsThanHours(podDays).isEmpty(), keep);
  }

  private SummaryInputs apply(SummaryInputs inputs, BooleanSupplier podsMayShareKeys, UnaryOperator<Dataset<Row>> keep) {
    long started = System.nanoTime();
    try {
      return new SummaryInputs(
          withoutCopies(ReportType.POD_USAGE, inputs.podUsage(), podsMayShareKeys, keep),
          withoutCopies(ReportType.STORAGE_USAGE, inputs.storageUsage(), () -> true, keep),
          inputs.nodeLabels(),
          inputs.namespaceLabels(),
          inputs.costCategoryPatterns());
    } finally {
      nanos += System.nanoTime() - started;
    }
  }

  /** Exact copies found per report folder ({@code pod_usage}, {@code storage_usage}), for the run record. */
  Map<String, Long> copiesFound() {
    return new LinkedHashMap<>(copiesFound);
  }

  /** Milliseconds the checks took. */
  long millis() {
    return nanos / 1_000_000;
  }

  private Dataset<Row> withoutCopies(
      ReportType report, Dataset<Row> rows, BooleanSupplier mayShareKeys, UnaryOperator<Dataset<Row>> keep) {
    context.setJobGroup(
        groupPrefix + "duplicates-" + report.folder(), "look for " + report.folder() + " rows sharing a key", false);
    if (!mayShareKeys.getAsBoolean() || HourlyRowKeys.collidingKeyHashes(rows, report).isEmpty()) {
      copiesFound.put(report.folder(), 0L);
      return rows;
    }
    Dataset<Row> distinct = keep.apply(HourlyRowKeys.withoutExactCopies(rows));
    List<Row> conflicts = HourlyRowKeys.conflictingKeys(distinct, report).limit(1).collectAsList();
    if (!conflicts.isEmpty()) {
      throw conflict(report, distinct, conflicts.get(0));
    }
    long copies = rows.count() - distinct.count();
    copiesFound.put(report.folder(), copies);
    if (copies == 0) {
      return distinct; // two keys with the same hash, no copies
    }
    if (policy == DuplicateRowPolicy.REJECT) {
      Row copied = HourlyRowKeys.conflictingKeys(rows, report).limit(1).collectAsList().get(0);
      List<Object> key = keyValues(report, copied);
      throw new InputException(
          report.folder() + " holds " + copies + " hourly rows that are exact copies of another row, e.g. "
              + describeKey(report, key) + " (" + files(report, key) + "); input.duplicate-rows = reject: nothing"
              + " is written");
    }
    LOG.warn(
        "{}: {} hourly rows are exact copies of another row (same {}): dropped, each hour counts once"
            + " (input.duplicate-rows = drop)",
        report.folder(), copies, String.join(", ", HourlyRowKeys.of(report)));
    return distinct;
  }

  private InputException conflict(ReportType report, Dataset<Row> distinct, Row conflicting) {
    List<Object> key = keyValues(report, conflicting);
    List<Row> rows = HourlyRowKeys.rowsOfKey(distinct, report, key).limit(SHOWN_ROWS).collectAsList();
    return new InputException(
        report.folder() + " holds " + conflicting.getAs(HourlyRowKeys.ROWS) + " different rows for "
            + describeKey(report, key) + ": " + differences(rows) + " (" + files(report, key)
            + "); one of them is wrong, and no rule tells which: nothing is written");
  }

  private static List<Object> keyValues(ReportType report, Row row) {
    List<Object> values = new ArrayList<>();
    for (String column : HourlyRowKeys.of(report)) {
      values.add(row.getAs(column));
    }
    return values;
  }

  private static String describeKey(ReportType report, List<Object> key) {
    List<String> parts = new ArrayList<>();
    List<String> columns = HourlyRowKeys.of(report);
    for (int i = 0; i < columns.size(); i++) {
      parts.add(columns.get(i) + " " + quoted(key.get(i)));
    }
    return String.join(", ", parts);
  }

  /** The columns whose values differ among the rows, each with its values: "column a / b". */
  private static String differences(List<Row> rows) {
    List<String> parts = new ArrayList<>();
    StructField[] fields = rows.get(0).schema().fields();
    for (int i = 0; i < fields.length; i++) {
      List<String> values = new ArrayList<>();
      for (Row row : rows) {
        values.add(quoted(row.get(i)));
      }
      if (values.stream().distinct().count() > 1) {
        parts.add(fields[i].name() + " " + String.join(" / ", values));
      }
    }
    return String.join(", ", parts);
  }

  private String files(ReportType report, List<Object> key) {
    List<String> names =
        HourlyRowKeys.rowsOfKey(rowsWithFileName.apply(report), report, key)
            .select(UsageReader.INPUT_FILE)
            .distinct()
            .limit(SHOWN_ROWS)
            .collectAsList()
            .stream()
            .map(row -> row.getString(0))
            .sorted()
            .toList();
    return (names.size() == 1 ? "file " : "files ") + String.join(", ", names);
  }

  private static String quoted(Object value) {
    if (value == null) {
      return "NULL";
    }
    String text = value.toString();
    // a label text can be long: the line names it, it need not repeat it
    String shown = text.length() > 80 ? text.substring(0, 77) + "..." : text;
    return value instanceof String ? "'" + shown + "'" : shown;
  }
}
