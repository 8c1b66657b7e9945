package dev.ocpsummary.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocpsummary.datagen.PodUsageRow;
import dev.ocpsummary.testing.SparkFixture;
import dev.ocpsummary.testing.StorageRows;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** Which hourly rows share a key, are exact copies, or conflict; tiny inline inputs. */
class HourlyRowKeysTest {

  private static final LocalDateTime HOUR = LocalDateTime.of(2025, 10, 1, 5, 0);

  private final SparkSession spark = SparkFixture.spark();

  @Test
  void exactCopiesAreRemovedAndRowsWithoutAPodNameAreKept() {
    Row once = pod("p1", "n1", 0.25).build();
    Row copied = pod("p2", "n1", 0.5).build();
    Row unnamed = pod(null, "n1", 0.25).build();
    Dataset<Row> rows = pods(List.of(once, copied, copied, copied, unnamed, unnamed));

    assertFalse(HourlyRowKeys.collidingKeyHashes(rows, ReportType.POD_USAGE).isEmpty());
    Dataset<Row> distinct = HourlyRowKeys.withoutExactCopies(rows);
    // one p1, one p2, and both unnamed rows: without a pod name two rows may be two pods
    assertEquals(4, distinct.count());
    assertEquals(2, distinct.where("pod IS NULL").count());
    assertTrue(HourlyRowKeys.conflictingKeys(distinct, ReportType.POD_USAGE).isEmpty());
  }

  @Test
  void aPodOnTwoNodesInOneHourIsNeitherACopyNorAConflict() {
    Dataset<Row> rows = pods(List.of(pod("p1", "n1", 0.25).build(), pod("p1", "n2", 0.25).build()));

    assertTrue(HourlyRowKeys.collidingKeyHashes(rows, ReportType.POD_USAGE).isEmpty());
  }

  @Test
  void rowsWithTheSameKeyAndDifferentValuesAreAConflict() {
    Dataset<Row> rows =
        pods(List.of(pod("p1", "n1", 0.25).build(), pod("p1", "n1", 0.5).build(), pod("p2", "n1", 0.5).build()));

    List<Row> conflicts = HourlyRowKeys.conflictingKeys(HourlyRowKeys.withoutExactCopies(rows), ReportType.POD_USAGE).collectAsList();

    assertEquals(1, conflicts.size());
    assertEquals("p1", conflicts.get(0).getAs(InputColumns.POD));
    assertEquals(2L, (long) conflicts.get(0).<Long>getAs(HourlyRowKeys.ROWS));
    List<Object> key = new ArrayList<>(List.of(HOUR, "ns", "p1", "n1"));
    assertEquals(2, HourlyRowKeys.rowsOfKey(rows, ReportType.POD_USAGE, key).count());
  }

  @Test
  void aClaimMountedByTwoPodsIsNotACopyButTheSameClaimAndPodTwiceIs() {
    Row byFirstPod = StorageRows.at(HOUR).claim("db", "db-0", "data", "pv-1").gib(10, 10, 2).build();
    Row bySecondPod = StorageRows.at(HOUR).claim("db", "db-1", "data", "pv-1").gib(10, 10, 2).build();
    Dataset<Row> shared = spark.createDataFrame(List.of(byFirstPod, bySecondPod), ReportType.STORAGE_USAGE.schema());
    Dataset<Row> copied =
        spark.createDataFrame(List.of(byFirstPod, byFirstPod, bySecondPod), ReportType.STORAGE_USAGE.schema());

    assertTrue(HourlyRowKeys.collidingKeyHashes(shared, ReportType.STORAGE_USAGE).isEmpty());
    assertFalse(HourlyRowKeys.collidingKeyHashes(copied, ReportType.STORAGE_USAGE).isEmpty());
    assertEquals(2, HourlyRowKeys.withoutExactCopies(copied).count());
  }

  @Test
  void labelReportsAreNotKeyed() {
    assertFalse(HourlyRowKeys.keyed(ReportType.NODE_LABELS));
    assertFalse(HourlyRowKeys.keyed(ReportType.NAMESPACE_LABELS));
    assertTrue(HourlyRowKeys.keyed(ReportType.POD_USAGE));
    assertTrue(HourlyRowKeys.keyed(ReportType.STORAGE_USAGE));
  }

  private static PodUsageRow pod(String pod, String node, double cores) {
    return PodUsageRow.at(HOUR)
        .pod("ns", pod)
        .node(node, "i-" + node)
        .cpu(cores, 0.5, 1.0, 3600)
        .memoryGib(0.5, 1.0, 2.0, 3600)
        .nodeCapacity(8, 32);
  }

  private Dataset<Row> pods(List<Row> rows) {
    return spark.createDataFrame(rows, ReportType.POD_USAGE.schema());
  }
}
