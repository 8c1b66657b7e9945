package dev.ocpsummary.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ocpsummary.config.DatabaseSettings;
import dev.ocpsummary.config.ExecSettings.Mode;
import dev.ocpsummary.testing.PostgresFixture;
import dev.ocpsummary.testing.SparkFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark's local directory (spark.local.dir: shuffle files, spilled and cached blocks) on a volume
 * that is full: the run fails with one line naming the directory and the setting, exits 1, and the
 * summary table keeps its rows. The volume is real: a 1 MiB tmpfs, filled up before the run, mounted
 * for the child JVM only, in a mount namespace of its own ({@code unshare}, which needs user
 * namespaces; the test is skipped where they are not allowed).
 */
class SpillDirectoryFullTest {

  @TempDir Path home;

  @Test
  void aFullLocalDirectoryFailsTheRunWithOneLineNamingIt() throws Exception {
    assumeTrue(mountNamespacesAllowed(), "unshare --user --mount is not allowed here");
    SparkSession spark = SparkFixture.spark();
    String previousInput = home.resolve("previous").toString();
    String newInput = home.resolve("new").toString();
    new TwoDayCluster(1.0).write(spark, FaultRuns.input(previousInput));
    new TwoDayCluster(2.0).write(spark, FaultRuns.input(newInput));
    DatabaseSettings database = PostgresFixture.freshSchema(SpillDirectoryFullTest.class);
    new DailySummaryJob(spark, FaultRuns.settings(database, previousInput, Mode.CACHE, home), FaultRuns.migratedSchema(database))
        .run(FaultRuns.WINDOW, FaultRuns.identity());
    List<Object> before = FaultRuns.rowsWithUuid(database);

    Path localDir = Files.createDirectories(home.resolve("spark-local"));
    Path log = home.resolve("child.log");
    Process child =
        new SummarizeChild(database, home, newInput, "cache")
            .option("--master", "local[2]")
            .wrappedIn(
                List.of(
                    "unshare", "--user", "--map-root-user", "--mount", "--", "sh", "-c",
                    // mount a tiny tmpfs on the directory, fill it, then become the JVM
                    "mount -t tmpfs -o size=1m tmpfs \"$0\" && { dd if=/dev/zero of=\"$0/ballast\" bs=4k 2>/dev/null; exec \"$@\"; }",
                    localDir.toString()))
            .jvmOption("-Dspark.local.dir=" + localDir)
            .start(log);
    int code = SummarizeChild.await(child, log, 180);
    String output = Files.readString(log);

    assertEquals(1, code, output);
    List<String> errorLines = output.lines().filter(line -> line.startsWith("ocp-summary summarize: error:")).toList();
    assertEquals(1, errorLines.size(), output);
    String line = errorLines.get(0);
    assertTrue(
        line.startsWith("ocp-summary summarize: error: Spark's local directory is full (No space left on device): " + localDir + " (spark.local.dir"),
        line);
    assertEquals(before, FaultRuns.rowsWithUuid(database));
    assertEquals(
        List.of("failed"), PostgresFixture.column(database, "SELECT status FROM summary_runs WHERE status <> 'succeeded'"));
    assertEquals(List.of(), Files.list(localDir).toList(), "the tmpfs was the child's own and went with it");
  }

  private static boolean mountNamespacesAllowed() {
    try {
      Process probe =
          new ProcessBuilder("unshare", "--user", "--map-root-user", "--mount", "--", "sh", "-c", "mount -t tmpfs tmpfs /mnt")
              .redirectErrorStream(true)
              .start();
      return probe.waitFor(20, TimeUnit.SECONDS) && probe.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }
}
