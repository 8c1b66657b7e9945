package dev.ocpsummary.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocpsummary.config.DatabaseSettings;
import dev.ocpsummary.config.ExecSettings.Mode;
import dev.ocpsummary.config.Settings;
import dev.ocpsummary.sink.SummaryDatabase;
import dev.ocpsummary.testing.PostgresFixture;
import dev.ocpsummary.testing.SparkFixture;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CACHE run killed with SIGKILL in each of its phases leaves the summary table as it was, and the
 * next run succeeds. (ITERATE writes in one transaction from before its first Spark job to its
 * commit: {@code ExecModesTest.killingTheJvmDuringAnIterateWriteLeavesTheTableAsItWas}.) The run is
 * a child JVM, killed at a point its log or the database shows: the aggregate phase (after the
 * inputs were read and cached), the staging write (its staging table exists), and the swap, held
 * inside its transaction after it deleted the old rows and inserted the new ones (this test holds a
 * lock that its {@code DROP} of the staging table waits for). Every test starts from the rows of a
 * first run and reruns after the kill.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KillInEachPhaseTest {

  @TempDir static Path home;
  private final SparkSession spark = SparkFixture.spark();
  private String previousInput;
  private String newInput;
  private DatabaseSettings databaseSettings;
  private SummaryDatabase database;
  private List<String> expectedAfterRerun;

  @BeforeAll
  void writeInputsAndTheExpectedRows() {
    previousInput = home.resolve("previous").toString();
    newInput = home.resolve("new").toString();
    new TwoDayCluster(1.0).write(spark, FaultRuns.input(previousInput));
    new TwoDayCluster(2.0).write(spark, FaultRuns.input(newInput));
    DatabaseSettings reference = PostgresFixture.freshSchema(KillInEachPhaseTest.class);
    run(reference, newInput);
    expectedAfterRerun = FaultRuns.rowsWithoutUuid(reference);
    databaseSettings = PostgresFixture.freshSchema(KillInEachPhaseTest.class);
    database = FaultRuns.migratedSchema(databaseSettings);
  }

  @AfterAll
  void dropTheSchema() {
    PostgresFixture.execute(databaseSettings, "DROP SCHEMA IF EXISTS \"" + databaseSettings.schema() + "\" CASCADE");
  }

  @Test
  void killedWhileAggregatingTheTableIsUnchanged() throws Exception {
    List<Object> before = previousRows();
    Path log = home.resolve("aggregate.log");
    Process child = startChild(log);
    SummarizeChild.awaitWhileAlive(child, log, "the aggregate phase", () -> SummarizeChild.logged(log, "phase aggregate"));
    SummarizeChild.kill(child);

    assertKilledAndUnchanged(child, before);
    rerunSucceeds();
  }

  @Test
  void killedWhileCopyingIntoTheStagingTableTheTableIsUnchanged() throws Exception {
    List<Object> before = previousRows();
    Path log = home.resolve("staging.log");
    List<Object> leftovers = FaultRuns.stagingTables(databaseSettings);
    Process child = startChild(log);
    SummarizeChild.awaitWhileAlive(child, log, "a staging table", () -> newStagingTable(leftovers) != null);
    SummarizeChild.kill(child);

    assertKilledAndUnchanged(child, before);
    rerunSucceeds();
  }

  @Test
  void killedInsideTheSwapTransactionTheTableIsUnchanged() throws Exception {
    List<Object> before = previousRows();
    Path log = home.resolve("swap.log");
    List<Object> leftovers = FaultRuns.stagingTables(databaseSettings);
    Process child = startChild(log);
    SummarizeChild.awaitWhileAlive(child, log, "a staging table", () -> newStagingTable(leftovers) != null);
    String staging = newStagingTable(leftovers);
    try (Connection holder = PostgresFixture.connect(databaseSettings);
        Statement statement = holder.createStatement()) {
      // a share lock lets the swap read the staging table, delete and insert, but not drop it: the
      // swap waits there, inside its transaction, with the old rows deleted and the new ones in
      holder.setAutoCommit(false);
      statement.execute("LOCK TABLE \"" + staging + "\" IN ACCESS SHARE MODE");
      SummarizeChild.awaitWhileAlive(child, log, "the swap waiting for its DROP", this::swapWaitsForItsDrop);
      assertEquals(TwoDayCluster.ROWS, rowsDeletedBySwapNotVisible(), "the open swap is invisible to readers");
      SummarizeChild.kill(child);
      holder.commit();
    }

    assertKilledAndUnchanged(child, before);
    rerunSucceeds();
  }

  /** The table holds the rows of a run of the previous input (written now unless already there). */
  private List<Object> previousRows() {
    if (FaultRuns.rowsWithUuid(databaseSettings).isEmpty()) {
      run(databaseSettings, previousInput);
    }
    return FaultRuns.rowsWithUuid(databaseSettings);
  }

  private Process startChild(Path log) {
    return new SummarizeChild(databaseSettings, home, newInput, "cache").option("--master", "local[2]").start(log);
  }

  private void assertKilledAndUnchanged(Process child, List<Object> before) throws InterruptedException {
    assertEquals(137, child.exitValue(), "killed by SIGKILL");
    awaitNoSessionOfTheChild();
    assertEquals(before, FaultRuns.rowsWithUuid(databaseSettings));
    assertEquals(
        0L,
        PostgresFixture.value(databaseSettings, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"),
        "the killed run's locks are released");
  }

  /** The rerun replaces the window with exactly the new input's rows; no staging table stays behind. */
  private void rerunSucceeds() {
    run(databaseSettings, newInput);
    assertEquals(expectedAfterRerun, FaultRuns.rowsWithoutUuid(databaseSettings));
    // the rerun's own staging table went with its swap; those of killed runs stay until their run is
    // over (recorded, or running for more than a day: StagingTable.dropAbandoned) and harm nothing
    assertTrue(FaultRuns.stagingTables(databaseSettings).size() <= 2, FaultRuns.stagingTables(databaseSettings).toString());
    PostgresFixture.execute(databaseSettings, "DELETE FROM " + FaultRuns.TABLE);
  }

  private void run(DatabaseSettings target, String input) {
    Settings settings = FaultRuns.settings(target, input, Mode.CACHE, home);
    SummaryDatabase summary = target == databaseSettings ? database : FaultRuns.migratedSchema(target);
    new DailySummaryJob(spark, settings, summary).run(FaultRuns.WINDOW, FaultRuns.identity());
  }

  /** A staging table that is not among {@code leftovers} (of runs killed before), or null. */
  private String newStagingTable(List<Object> leftovers) {
    return FaultRuns.stagingTables(databaseSettings).stream()
        .filter(table -> !leftovers.contains(table))
        .map(Object::toString)
        .findFirst()
        .orElse(null);
  }

  private boolean swapWaitsForItsDrop() {
    return (Long)
            PostgresFixture.value(
                databaseSettings,
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'DROP TABLE %ocp_summary_staging_%'")
        > 0;
  }

  /** Rows a reader sees now: all of the previous run's, although the swap deleted them. */
  private long rowsDeletedBySwapNotVisible() {
    return (Long) PostgresFixture.value(databaseSettings, "SELECT count(*) FROM " + FaultRuns.TABLE);
  }

  private void awaitNoSessionOfTheChild() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while ((Long)
            PostgresFixture.value(
                databaseSettings,
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'ocp-daily-summary' AND pid <> pg_backend_pid()")
        > 0) {
      assertTrue(System.nanoTime() < deadline, "the killed run's sessions are still open after 30 s");
      Thread.sleep(50);
    }
  }
}
