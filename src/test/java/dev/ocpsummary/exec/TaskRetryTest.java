package dev.ocpsummary.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocpsummary.config.DatabaseSettings;
import dev.ocpsummary.testing.FailOnceTaskPlugin;
import dev.ocpsummary.testing.PostgresFixture;
import dev.ocpsummary.testing.SparkFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spark task that fails once is run again by Spark, and the summary is exactly that of a clean run.
 * The failing task is a CACHE write task that has already copied its partition into the staging table
 * (its completion fails, see {@link FailOnceTaskPlugin}): the retry must replace that partition's
 * rows, not add them a second time. The run is a child JVM on {@code local[2,3]}, a local master that
 * allows three attempts per task; a clean run's summary of the input is the recorded one ({@link
 * TwoDayCluster#summaryOfScale}).
 */
class TaskRetryTest {

  @TempDir Path home;

  @Test
  void aWriteTaskThatFailsOnceIsRetriedAndTheSummaryIsExactlyThatOfACleanRun() throws Exception {
    SparkSession spark = SparkFixture.spark();
    String input = home.resolve("input").toString();
    new TwoDayCluster(1.0).write(spark, FaultRuns.input(input));

    DatabaseSettings retried = PostgresFixture.freshSchema(TaskRetryTest.class);
    Path log = home.resolve("child.log");
    Process child =
        new SummarizeChild(retried, home, input, "cache")
            .option("--master", "local[2,3]")
            .jvmOption("-Dspark.plugins=" + FailOnceTaskPlugin.class.getName())
            .jvmOption("-D" + FailOnceTaskPlugin.SUFFIX_KEY + "=cache-write")
            .start(log);
    int code = SummarizeChild.await(child, log, 180);
    String output = Files.readString(log);

    assertEquals(0, code, output);
    assertTrue(output.contains(FailOnceTaskPlugin.MARKER), "the failure was injected:\n" + output);
    assertTrue(output.matches("(?s).*Lost task 0\\.0 in stage \\d+\\.0 .*injected failure.*"), "Spark saw the task fail:\n" + output);
    assertEquals(TwoDayCluster.summaryOfScale(1), FaultRuns.rowsWithoutUuid(retried));
    assertEquals(List.of(), FaultRuns.stagingTables(retried));
    assertEquals(
        "succeeded", PostgresFixture.value(retried, "SELECT status FROM summary_runs"));
  }
}
