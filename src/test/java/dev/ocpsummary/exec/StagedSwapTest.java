package dev.ocpsummary.exec;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocpsummary.config.DatabaseSettings;
import dev.ocpsummary.config.ExecSettings.Mode;
import dev.ocpsummary.config.LockWait;
import dev.ocpsummary.config.Settings;
import dev.ocpsummary.sink.SourceLockedException;
import dev.ocpsummary.sink.SummaryDatabase;
import dev.ocpsummary.sink.SummaryWriter;
import dev.ocpsummary.summary.DailySummary;
import dev.ocpsummary.summary.LabelRules;
import dev.ocpsummary.summary.SummaryColumns;
import dev.ocpsummary.testing.PostgresFixture;
import dev.ocpsummary.testing.SparkFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CACHE's staged swap on the two-day cluster's summary, staged in two parts: the parts reach the
 * summary table together at the commit, as the recorded summary; a swap closed before its commit,
 * or one that may not wait for a source another writer holds, leaves the table as it was, no
 * staging table and no lock.
 */
class StagedSwapTest {

  @TempDir static Path home;
  private static final SparkSession spark = SparkFixture.spark();
  private static DatabaseSettings target;
  private static SummaryDatabase database;
  private static Dataset<Row> summary;
  private static Dataset<Row> firstDay;
  private static Dataset<Row> secondDay;

  @BeforeAll
  static void summarizeTheTwoDayCluster() {
    target = PostgresFixture.freshSchema(StagedSwapTest.class);
    database = FaultRuns.migratedSchema(target);
    String input = home.resolve("input").toString();
    new TwoDayCluster(1.0).write(spark, FaultRuns.input(input));
    Settings settings = FaultRuns.settings(target, input, Mode.CACHE, home);
    WindowInputs inputs =
        WindowInputs.read(spark, settings.input(), settings.summary().costCategories(), database, FaultRuns.WINDOW);
    summary =
        DailySummary.build(inputs.summaryInputs(rows -> rows), LabelRules.keeping(Optional.empty()), FaultRuns.identity())
            .persist();
    firstDay = summary.where(col(SummaryColumns.USAGE_START).equalTo(lit(TwoDayCluster.START)));
    secondDay = summary.where(col(SummaryColumns.USAGE_START).notEqual(lit(TwoDayCluster.START)));
  }

  @AfterAll
  static void release() {
    summary.unpersist();
  }

  @BeforeEach
  void emptyTable() {
    PostgresFixture.execute(target, "TRUNCATE " + FaultRuns.TABLE);
  }

  @Test
  void twoStagedPartsReachTheTableTogetherAtTheCommit() {
    long first = firstDay.count();
    long second = secondDay.count();
    assertTrue(first > 0 && second > 0, first + " and " + second + " rows");

    StagedSwap.Written written;
    try (StagedSwap swap = swap(LockWait.forever())) {
      assertEquals(first, swap.stage(firstDay, first));
      assertEquals(second, swap.stage(secondDay, second));
      assertEquals(List.of(), FaultRuns.rowsWithoutUuid(target), "nothing is visible before the commit");
      written = swap.commit();
    }

    assertEquals(TwoDayCluster.ROWS, written.rows());
    assertEquals(
        Map.of(
            "Pod", TwoDayCluster.POD_ROWS, "Storage", TwoDayCluster.STORAGE_ROWS,
            "Unallocated", TwoDayCluster.UNALLOCATED_ROWS),
        written.rowsByKind());
    assertEquals(TwoDayCluster.summaryOfScale(1), FaultRuns.rowsWithoutUuid(target));
    assertNothingLeft();
  }

  @Test
  void aSwapClosedBeforeItsCommitLeavesTheTableAsItWas() {
    try (StagedSwap swap = swap(LockWait.forever())) {
      swap.stage(summary, summary.count());
      swap.commit();
    }
    List<Object> before = FaultRuns.rowsWithUuid(target);

    try (StagedSwap swap = swap(LockWait.forever())) {
      swap.stage(firstDay, firstDay.count());
      swap.stage(secondDay, secondDay.count());
    }

    assertEquals(before, FaultRuns.rowsWithUuid(target));
    assertNothingLeft();
  }

  @Test
  void aSwapThatMayNotWaitForAnotherWriterFailsWithItsMessageAndChangesNothing() {
    SourceLockedException e;
    try (SummaryWriter.Replacement otherWriter =
        new SummaryWriter(database).beginReplace(TwoDayCluster.SOURCE, TwoDayCluster.START, TwoDayCluster.END)) {
      e =
          assertThrows(
              SourceLockedException.class,
              () -> {
                try (StagedSwap swap = swap(LockWait.failAtOnce())) {
                  swap.stage(firstDay, firstDay.count());
                  swap.stage(secondDay, secondDay.count());
                  swap.commit();
                }
              });
    }

    assertTrue(
        e.getMessage().startsWith("another run holds the lock of source " + TwoDayCluster.SOURCE + " in schema "),
        e.getMessage());
    assertEquals(List.of(), FaultRuns.rowsWithoutUuid(target));
    assertNothingLeft();
  }

  private static StagedSwap swap(LockWait lockWait) {
    return new StagedSwap(
        spark.sparkContext(), database, lockWait, FaultRuns.WINDOW, UUID.randomUUID(), "staged-swap-test");
  }

  /** No staging table, and the source's lock free: a writer that may not wait takes it at once. */
  private static void assertNothingLeft() {
    assertEquals(List.of(), FaultRuns.stagingTables(target));
    new SummaryWriter(database, LockWait.failAtOnce()).awaitNoOtherWriter(TwoDayCluster.SOURCE);
  }
}
