package dev.ocpsummary.summary;

import static dev.ocpsummary.source.InputColumns.POD_EFFECTIVE_USAGE_CPU_CORE_SECONDS;
import static dev.ocpsummary.source.InputColumns.POD_EFFECTIVE_USAGE_MEMORY_BYTE_SECONDS;
import static dev.ocpsummary.source.InputColumns.POD_LIMIT_CPU_CORE_SECONDS;
import static dev.ocpsummary.source.InputColumns.POD_LIMIT_MEMORY_BYTE_SECONDS;
import static dev.ocpsummary.source.InputColumns.POD_REQUEST_CPU_CORE_SECONDS;
import static dev.ocpsummary.source.InputColumns.POD_REQUEST_MEMORY_BYTE_SECONDS;
import static dev.ocpsummary.source.InputColumns.POD_USAGE_CPU_CORE_SECONDS;
import static dev.ocpsummary.source.InputColumns.POD_USAGE_MEMORY_BYTE_SECONDS;
import static dev.ocpsummary.summary.SummaryColumns.USAGE_START;
import static org.apache.spark.sql.functions.bit_count;
import static org.apache.spark.sql.functions.bit_or;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;

import dev.ocpsummary.source.InputColumns;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The hourly pod rows reduced to one row per pod, node and day: everything the summary reads from
 * pod usage except node capacity, which needs the hours ({@link NodeCapacity}).
 *
 * <p>One row per (usage_start, namespace, node, pod, resource_id, node_role, pod_labels, node and
 * namespace label texts of the hour) with the day's sums of usage, request, limit and effective usage
 * (max(usage, request) per hour, or Koku's precomputed column, taken before hours are summed), the
 * largest node capacity seen, and two facts about its hours: how many hourly rows it sums ({@value
 * #HOURLY_ROWS}) and which hours of the day they cover ({@value #HOURS_OF_DAY}, bit {@code h} for
 * hour {@code h}). Pod rows start from here; in CACHE, which persists the pod days, so do node roles
 * and the nodes of volumes, and the window's hourly pod rows are reduced once. Unscheduled rows (NULL
 * or empty node) are kept, since the duplicate check needs them too.
 *
 * <p>The two hour facts make a cheap test for hourly rows that share their key (interval_start,
 * namespace, pod, node; see {@code source.HourlyRowKeys}): if no pod, node and day has more rows than
 * hours, no two rows share a key ({@link #podsWithMoreRowsThanHours}). The converse does not hold
 * (two rows in one hour at different minutes), so a hit calls for the exact check.
 */
public final class PodDays {

  /** Hourly rows summed into the row. */
  public static final String HOURLY_ROWS = "hourly_rows";

  /** The hours of the day the summed rows start in, bit {@code h} for hour {@code h}. */
  public static final String HOURS_OF_DAY = "hours_of_day";

  /** What a pod day is per: its key. */
  private static final List<String> KEYS =
      List.of(
          USAGE_START,
          InputColumns.NAMESPACE,
          InputColumns.NODE,
          InputColumns.POD,
          InputColumns.RESOURCE_ID,
          InputColumns.NODE_ROLE,
          InputColumns.POD_LABELS,
          InputColumns.NODE_LABELS,
          InputColumns.NAMESPACE_LABELS);

  private static final List<String> MEASURES =
      List.of(
          POD_USAGE_CPU_CORE_SECONDS,
          POD_REQUEST_CPU_CORE_SECONDS,
          POD_EFFECTIVE_USAGE_CPU_CORE_SECONDS,
          POD_LIMIT_CPU_CORE_SECONDS,
          POD_USAGE_MEMORY_BYTE_SECONDS,
          POD_REQUEST_MEMORY_BYTE_SECONDS,
          POD_EFFECTIVE_USAGE_MEMORY_BYTE_SECONDS,
          POD_LIMIT_MEMORY_BYTE_SECONDS);

  /** The window's pod rows per pod, node and day, with the node and namespace label texts of each hour. */
  public static Dataset<Row> of(SummaryInputs inputs) {
    Column effectiveCpu =
        coalesce(
            col(POD_EFFECTIVE_USAGE_CPU_CORE_SECONDS),
            Units.greatestOrNull(col(POD_USAGE_CPU_CORE_SECONDS), col(POD_REQUEST_CPU_CORE_SECONDS)));
    Column effectiveMemory =
        coalesce(
            col(POD_EFFECTIVE_USAGE_MEMORY_BYTE_SECONDS),
            Units.greatestOrNull(col(POD_USAGE_MEMORY_BYTE_SECONDS), col(POD_REQUEST_MEMORY_BYTE_SECONDS)));
    Column hourBit = functions.call_function("shiftleft", lit(1L), IntervalStart.hourOfDay());
    return HourlyLabels.withTextsOfTheHour(
            PodSummary.withUsageDay(inputs.podUsage()), inputs.nodeLabels(), inputs.namespaceLabels())
        .groupBy(KEYS.stream().map(functions::col).toArray(Column[]::new))
        .agg(
            sum(POD_USAGE_CPU_CORE_SECONDS).as(POD_USAGE_CPU_CORE_SECONDS),
            sum(POD_REQUEST_CPU_CORE_SECONDS).as(POD_REQUEST_CPU_CORE_SECONDS),
            sum(effectiveCpu).as(POD_EFFECTIVE_USAGE_CPU_CORE_SECONDS),
            sum(POD_LIMIT_CPU_CORE_SECONDS).as(POD_LIMIT_CPU_CORE_SECONDS),
            sum(POD_USAGE_MEMORY_BYTE_SECONDS).as(POD_USAGE_MEMORY_BYTE_SECONDS),
            sum(POD_REQUEST_MEMORY_BYTE_SECONDS).as(POD_REQUEST_MEMORY_BYTE_SECONDS),
            sum(effectiveMemory).as(POD_EFFECTIVE_USAGE_MEMORY_BYTE_SECONDS),
            sum(POD_LIMIT_MEMORY_BYTE_SECONDS).as(POD_LIMIT_MEMORY_BYTE_SECONDS),
            max(InputColumns.NODE_CAPACITY_CPU_CORES).as(InputColumns.NODE_CAPACITY_CPU_CORES),
            max(InputColumns.NODE_CAPACITY_MEMORY_BYTES).as(InputColumns.NODE_CAPACITY_MEMORY_BYTES),
            count(lit(1)).as(HOURLY_ROWS),
            bit_or(hourBit).as(HOURS_OF_DAY));
  }

  /** The measures summed per day, in their input names (seconds and byte-seconds). */
  static List<String> measures() {
    return MEASURES;
  }

  /**
   * (usage_start, namespace, pod, node) of every named pod with more hourly rows in a day on a node
   * than hours it has rows in. Empty means no two hourly rows share a key.
   */
  public static Dataset<Row> podsWithMoreRowsThanHours(Dataset<Row> podDays) {
    return podDays
        .where(col(InputColumns.POD).isNotNull())
        .groupBy(col(USAGE_START), col(InputColumns.NAMESPACE), col(InputColumns.POD), col(InputColumns.NODE))
        .agg(sum(HOURLY_ROWS).as(HOURLY_ROWS), bit_or(col(HOURS_OF_DAY)).as(HOURS_OF_DAY))
        .where(col(HOURLY_ROWS).gt(bit_count(col(HOURS_OF_DAY))));
  }

  private PodDays() {}
}
