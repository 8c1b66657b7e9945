package dev.ocpsummary.source;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * What identifies one hourly row of a usage report, and the pure transformations that find rows
 * sharing an identity: the operator reports a pod once per node and hour, and a claim once per pod
 * and hour, so two rows with the same key are either exact copies (a re-delivered file) or a
 * conflict.
 *
 * <ul>
 *   <li>pod usage: (interval_start, namespace, pod, node) — a pod moved to another node within the
 *       hour legitimately has a row on each node;
 *   <li>storage usage: (interval_start, namespace, pod, persistentvolumeclaim, persistentvolume) — a
 *       claim mounted by two pods has a row for each.
 * </ul>
 *
 * <p>Rows without a pod name cannot be told apart from another pod's rows and are never keyed: they
 * are neither copies nor conflicts. The label reports are not keyed here: their rows are reduced to
 * one per key and hour anyway ({@code summary.HourlyLabels}), so copies there never count twice.
 */
public final class HourlyRowKeys {

  /** Column of {@link #collidingKeyHashes}: rows sharing the hash. */
  public static final String ROWS = "rows";

  private static final String KEY_HASH = "key_hash";

  /** The key columns of a report's hourly rows; empty when the report is not keyed. */
  public static List<String> of(ReportType report) {
    return switch (report) {
      case POD_USAGE -> List.of(InputColumns.INTERVAL_START, InputColumns.NAMESPACE, InputColumns.POD, InputColumns.NODE);
      case STORAGE_USAGE ->
          List.of(
              InputColumns.INTERVAL_START,
              InputColumns.NAMESPACE,
              InputColumns.POD,
              InputColumns.PERSISTENTVOLUMECLAIM,
              InputColumns.PERSISTENTVOLUME);
      case NODE_LABELS, NAMESPACE_LABELS -> List.of();
    };
  }

  /** Whether a report's rows are keyed (and so checked for copies and conflicts). */
  public static boolean keyed(ReportType report) {
    return !of(report).isEmpty();
  }

  /**
   * (key_hash, rows) for every 64-bit hash of a key that more than one keyed row has. Empty means
   * no two rows share a key. Cheap by design: only the hash crosses the shuffle. A non-empty
   * result may, very rarely, be two different keys with the same hash; {@link #conflictingKeys}
   * and a count of {@link #withoutExactCopies} tell for certain.
   */
  public static Dataset<Row> collidingKeyHashes(Dataset<Row> rows, ReportType report) {
    Column[] key = of(report).stream().map(functions::col).toArray(Column[]::new);
    return keyedRows(rows)
        .select(functions.xxhash64(key).as(KEY_HASH))
        .groupBy(col(KEY_HASH))
        .agg(functions.count(functions.lit(1)).as(ROWS))
        .where(col(ROWS).gt(1));
  }

  /** The rows with exact copies removed: of keyed rows equal in every column, one is kept. */
  public static Dataset<Row> withoutExactCopies(Dataset<Row> rows) {
    return keyedRows(rows).dropDuplicates().unionAll(rows.where(col(InputColumns.POD).isNull()));
  }

  /**
   * The key columns and {@code rows} for every key that more than one row has once exact copies
   * are gone: rows that say different things about the same pod (or claim) and hour.
   */
  public static Dataset<Row> conflictingKeys(Dataset<Row> rowsWithoutCopies, ReportType report) {
    Column[] key = of(report).stream().map(functions::col).toArray(Column[]::new);
    return keyedRows(rowsWithoutCopies)
        .groupBy(key)
        .agg(functions.count(functions.lit(1)).as(ROWS))
        .where(col(ROWS).gt(1));
  }

  /** The rows of one key: {@code keyValues} in the order of {@link #of}, NULL matching NULL. */
  public static Dataset<Row> rowsOfKey(Dataset<Row> rows, ReportType report, List<Object> keyValues) {
    List<String> key = of(report);
    Column match = functions.lit(true);
    for (int i = 0; i < key.size(); i++) {
      match = match.and(col(key.get(i)).eqNullSafe(functions.lit(keyValues.get(i))));
    }
    return rows.where(match);
  }

  private static Dataset<Row> keyedRows(Dataset<Row> rows) {
    return rows.where(col(InputColumns.POD).isNotNull());
  }

  private HourlyRowKeys() {}
}
