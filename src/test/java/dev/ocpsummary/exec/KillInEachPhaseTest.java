package dev.ocpsummary.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocpsummary.config.DatabaseSettings;
import dev.ocpsummary.config.ExecSettings.Mode;
import dev.ocpsummary.config.Settings;
import dev.ocpsummary.sink.SummaryDatabase;
import dev.ocpsummary.sink.SummaryWriter;
import dev.ocpsummary.testing.PostgresFixture;
import dev.ocpsummary.testing.SparkFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed with SIGKILL in each of its phases leaves the summary table as it was, and the next
 * run succeeds. Each run is a child JVM ({@link SummarizeChild}), killed at a point its log or the
 * database shows: a CACHE run in its aggregate phase (after the inputs were read and cached), in its
 * staging write (its staging table exists), and in its swap, held inside its transaction after it
 * deleted the old rows and inserted the staged Pod rows (this test holds a lock that its {@code DROP}
 * of the staging table waits for); an ITERATE run while its COPY into the summary table is open (ITERATE
 * writes in one transaction from before its first Spark job to its commit). Every run starts from the
 * rows of a first run, and its test reruns in-process (CACHE) after the kill.
 *
 * <p>A child spends most of its time starting a JVM and Spark, so the four children run at once, each
 * in a schema of its own (a run's advisory locks are keyed by its schema: the children do not wait
 * for each other) and watched by a thread of its own, so that waiting for one child's point never
 * delays killing another. {@link #killEachRunAtItsPoint} records what each kill left, and what holds
 * for the whole database once every child is dead; each test checks its case.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KillInEachPhaseTest {

  /** How long a child may take to reach its point: four children share the CPU. */
  private static final long SECONDS_TO_THE_POINT = 300;
  private static final String SESSIONS_OF_THE_APPLICATION =
      "FROM pg_stat_activity WHERE application_name = 'ocp-daily-summary' AND pid <> pg_backend_pid()";
  private static final String OPEN_COPIES =
      "SELECT count(*) FROM pg_stat_activity WHERE query LIKE ? AND state <> 'idle'";

  @TempDir static Path home;
  private final SparkSession spark = SparkFixture.spark();
  private final List<DatabaseSettings> schemas = new ArrayList<>();
  private String newInput;
  private List<String> expectedAfterRerun;
  private KilledRun aggregate;
  private KilledRun staging;
  private KilledRun swap;
  private KilledRun iterate;
  /** The queries of the application's sessions still open 30 s after the children were killed. */
  private List<Object> sessionsLeft;
  private long advisoryLocksLeft;

  @BeforeAll
  void killEachRunAtItsPoint() throws Exception {
    String previousInput = home.resolve("previous").toString();
    newInput = home.resolve("new").toString();
    new TwoDayCluster(1.0).write(spark, FaultRuns.input(previousInput));
    new TwoDayCluster(2.0).write(spark, FaultRuns.input(newInput));
    expectedAfterRerun = TwoDayCluster.summaryOfScale(2);
    DatabaseSettings firstRun = newSchema();
    UUID firstRunId = runInProcess(firstRun, FaultRuns.migratedSchema(firstRun), previousInput);
    aggregate = new KilledRun("aggregate", Mode.CACHE, this::killWhileAggregating, firstRun, firstRunId);
    staging = new KilledRun("staging", Mode.CACHE, this::killWhileCopyingIntoStaging, firstRun, firstRunId);
    swap = new KilledRun("swap", Mode.CACHE, this::killInsideTheSwap, firstRun, firstRunId);
    iterate = new KilledRun("iterate", Mode.ITERATE, this::killWhileIterateCopies, firstRun, firstRunId);
    List<KilledRun> runs = List.of(aggregate, staging, swap, iterate);

    ExecutorService watchers = Executors.newFixedThreadPool(runs.size());
    try {
      List<Future<?>> watches = new ArrayList<>();
      for (KilledRun run : runs) {
        run.start();
        watches.add(watchers.submit(run::killAtItsPoint));
      }
      for (Future<?> watch : watches) {
        watch.get();
      }
    } finally {
      watchers.shutdownNow();
      for (KilledRun run : runs) {
        if (run.child != null) {
          SummarizeChild.kill(run.child);
        }
      }
    }

    sessionsLeft = sessionsOfTheApplicationAfterAtMost30Seconds();
    advisoryLocksLeft =
        (Long) PostgresFixture.value(firstRun, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'");
    for (KilledRun run : runs) {
      run.recordWhatTheKillLeft();
    }
  }

  @AfterAll
  void dropTheSchemas() {
    for (DatabaseSettings schema : schemas) {
      PostgresFixture.execute(schema, "DROP SCHEMA IF EXISTS \"" + schema.schema() + "\" CASCADE");
    }
  }

  @Test
  void killedWhileAggregatingTheTableIsUnchanged() {
    assertKilledAndUnchanged(aggregate);
    rerunSucceeds(aggregate);
  }

  @Test
  void killedWhileCopyingIntoTheStagingTableTheTableIsUnchanged() {
    assertKilledAndUnchanged(staging);
    rerunSucceeds(staging);
  }

  @Test
  void killedInsideTheSwapTransactionTheTableIsUnchanged() {
    assertKilledAndUnchanged(swap);
    assertEquals(TwoDayCluster.ROWS, swap.rowsVisibleInsideTheSwap, "the open swap is invisible to readers");
    rerunSucceeds(swap);
  }

  @Test
  void killedWhileAnIterateRunCopiesIntoTheTableTheTableIsUnchanged() {
    assertKilledAndUnchanged(iterate);
    assertEquals(0L, iterate.openCopiesLeft, "the killed run's COPY is still open");
    assertEquals(List.of(Map.of("status", "running", "mode", "iterate")), iterate.recordsOfTheKilledRun);
    rerunSucceeds(iterate);
  }

  private void killWhileAggregating(KilledRun run) throws Exception {
    run.awaitWhileAlive("the aggregate phase", () -> SummarizeChild.logged(run.log, "phase aggregate"));
    SummarizeChild.kill(run.child);
  }

  private void killWhileCopyingIntoStaging(KilledRun run) throws Exception {
    run.awaitWhileAlive("a staging table", () -> run.stagingTable() != null);
    SummarizeChild.kill(run.child);
  }

  private void killInsideTheSwap(KilledRun run) throws Exception {
    run.awaitWhileAlive("a staging table", () -> run.stagingTable() != null);
    String stagingTable = run.stagingTable();
    try (Connection holder = PostgresFixture.connect(run.database);
        Statement statement = holder.createStatement()) {
      // a share lock lets the swap read the staging table, delete and insert, but not drop it: the
      // swap waits there, inside its transaction, with the old rows deleted and the new ones in
      holder.setAutoCommit(false);
      statement.execute("LOCK TABLE \"" + stagingTable + "\" IN ACCESS SHARE MODE");
      run.awaitWhileAlive(
          "the swap waiting for its DROP",
          () -> run.count(
                  "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE ?",
                  "DROP TABLE %" + stagingTable + "%")
              > 0);
      // rows a reader sees now: all of the previous run's, although the swap deleted them
      run.rowsVisibleInsideTheSwap = run.count("SELECT count(*) FROM " + FaultRuns.TABLE);
      SummarizeChild.kill(run.child);
      holder.commit();
    }
  }

  private void killWhileIterateCopies(KilledRun run) throws Exception {
    run.awaitWhileAlive("its COPY into the summary table", () -> run.openCopies() > 0);
    SummarizeChild.kill(run.child);
  }

  private void assertKilledAndUnchanged(KilledRun run) {
    if (run.notKilledAtItsPoint instanceof Error error) {
      throw error;
    }
    if (run.notKilledAtItsPoint != null) {
      throw new AssertionError("the " + run.name + " run was not killed at its point", run.notKilledAtItsPoint);
    }
    assertEquals(137, run.child.exitValue(), "killed by SIGKILL");
    assertEquals(List.of(), sessionsLeft, "the killed runs' sessions are still open after 30 s");
    assertEquals(run.rowsBefore, run.rowsAfterTheKill);
    assertEquals(0L, advisoryLocksLeft, "the killed runs' locks are released");
  }

  /** The rerun replaces the window with the new input's recorded summary; no staging table stays behind. */
  private void rerunSucceeds(KilledRun run) {
    UUID rerun = runInProcess(run.database, run.summary, newInput);
    assertEquals(expectedAfterRerun, FaultRuns.rowsWithoutUuid(run.database));
    // the rerun's own staging tables went with its swap; those of the killed run (one per part it
    // staged) stay until its run is over (recorded, or running for more than a day:
    // StagingTable.dropAbandoned) and harm nothing
    List<Object> left = FaultRuns.stagingTables(run.database);
    String rerunTables = "ocp_summary_staging_" + rerun.toString().replace("-", "");
    assertTrue(left.stream().noneMatch(table -> table.toString().startsWith(rerunTables)), left.toString());
    assertTrue(left.stream().map(table -> table.toString().substring(0, rerunTables.length())).distinct().count() <= 1, left.toString());
  }

  /** A CACHE run in this JVM; returns its run id. */
  private UUID runInProcess(DatabaseSettings target, SummaryDatabase summary, String input) {
    Settings settings = FaultRuns.settings(target, input, Mode.CACHE, home);
    return new DailySummaryJob(spark, settings, summary)
        .run(FaultRuns.WINDOW, FaultRuns.identity())
        .runId();
  }

  private DatabaseSettings newSchema() {
    DatabaseSettings schema = PostgresFixture.freshSchema(KillInEachPhaseTest.class);
    schemas.add(schema);
    return schema;
  }

  private List<Object> sessionsOfTheApplicationAfterAtMost30Seconds() throws InterruptedException {
    DatabaseSettings any = schemas.get(0);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while ((Long) PostgresFixture.value(any, "SELECT count(*) " + SESSIONS_OF_THE_APPLICATION) > 0
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    return PostgresFixture.column(any, "SELECT query " + SESSIONS_OF_THE_APPLICATION);
  }

  /** Waits for a point of a run while its child runs, then kills the child. */
  @FunctionalInterface
  private interface KillPoint {
    void killAt(KilledRun run) throws Exception;
  }

  /** One case: a child run in a schema of its own, killed at its point, and what it left. */
  private final class KilledRun {

    final String name;
    final Mode mode;
    final DatabaseSettings database = newSchema();
    final SummaryDatabase summary = FaultRuns.migratedSchema(database);
    final Path log;
    private final KillPoint point;
    private final UUID firstRunId;
    final List<Object> rowsBefore;
    Process child;
    /** The watcher's connection for its polls: a new connection every 10 ms would start a server process each. */
    private Connection watch;
    Throwable notKilledAtItsPoint;
    long rowsVisibleInsideTheSwap;
    List<Object> rowsAfterTheKill;
    long openCopiesLeft;
    List<Map<String, Object>> recordsOfTheKilledRun;

    /** A new schema holding the rows and the record of the first run (copied from its schema). */
    KilledRun(String name, Mode mode, KillPoint point, DatabaseSettings firstRun, UUID firstRunId) {
      this.name = name;
      this.mode = mode;
      this.point = point;
      this.firstRunId = firstRunId;
      this.log = home.resolve(name + ".log");
      // copied rather than written by a run of its own: each in-process run costs more than 10 s of
      // CPU, and the children start only once every schema holds these rows. The writer creates the
      // window's monthly partitions, which the copied rows go into (not into the default partition).
      new SummaryWriter(summary)
          .replaceWindow(TwoDayCluster.SOURCE, TwoDayCluster.START, TwoDayCluster.END, Collections.emptyIterator());
      for (String table : List.of(FaultRuns.TABLE, "summary_runs")) {
        PostgresFixture.execute(
            database, "INSERT INTO " + table + " SELECT * FROM \"" + firstRun.schema() + "\"." + table);
      }
      rowsBefore = FaultRuns.rowsWithUuid(database);
    }

    void start() throws Exception {
      Path childHome = Files.createDirectories(home.resolve(name));
      child =
          new SummarizeChild(database, childHome, newInput, mode.name().toLowerCase(Locale.ROOT))
              .option("--master", "local[2]")
              .start(log);
    }

    /** Runs in a watcher thread: kills the child at its point, or records why it could not. */
    void killAtItsPoint() {
      try (Connection connection = PostgresFixture.connect(database)) {
        watch = connection;
        point.killAt(this);
      } catch (Throwable e) {
        notKilledAtItsPoint = e;
      } finally {
        try {
          SummarizeChild.kill(child);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    void awaitWhileAlive(String what, BooleanSupplier condition) throws Exception {
      SummarizeChild.awaitWhileAlive(child, log, SECONDS_TO_THE_POINT, what, condition);
    }

    void recordWhatTheKillLeft() {
      rowsAfterTheKill = FaultRuns.rowsWithUuid(database);
      openCopiesLeft = (Long) PostgresFixture.value(database, OPEN_COPIES, copyIntoTheTable());
      recordsOfTheKilledRun =
          PostgresFixture.rows(database, "SELECT status, mode FROM summary_runs WHERE run_id <> ?", firstRunId);
    }

    /** The child's staging table, or null (the first run's went with its swap). */
    String stagingTable() {
      return (String)
          value(
              "SELECT min(tablename) FROM pg_tables"
                  + " WHERE schemaname = ? AND tablename LIKE 'ocp\\_summary\\_staging\\_%'",
              database.schema());
    }

    long openCopies() {
      return count(OPEN_COPIES, copyIntoTheTable());
    }

    private String copyIntoTheTable() {
      return "COPY \"" + database.schema() + "\".\"" + FaultRuns.TABLE + "\"%";
    }

    long count(String sql, Object... parameters) {
      return (Long) value(sql, parameters);
    }

    /** The first column of the first row of a query on the watcher's connection. */
    private Object value(String sql, Object... parameters) {
      try (PreparedStatement query = watch.prepareStatement(sql)) {
        for (int i = 0; i < parameters.length; i++) {
          query.setObject(i + 1, parameters[i]);
        }
        try (ResultSet result = query.executeQuery()) {
          result.next();
          return result.getObject(1);
        }
      } catch (SQLException e) {
        throw new IllegalStateException("query failed: " + sql + ": " + e.getMessage(), e);
      }
    }
  }
}
