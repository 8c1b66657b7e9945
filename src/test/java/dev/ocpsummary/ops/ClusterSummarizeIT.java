package dev.ocpsummary.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocpsummary.config.DatabaseSettings;
import dev.ocpsummary.config.InputLayout;
import dev.ocpsummary.config.InputSettings;
import dev.ocpsummary.datagen.DemoDataset;
import dev.ocpsummary.datagen.KokuLayoutWriter;
import dev.ocpsummary.source.ReportType;
import dev.ocpsummary.testing.CliRun;
import dev.ocpsummary.testing.PostgresFixture;
import dev.ocpsummary.testing.ShortLivedJvm;
import dev.ocpsummary.testing.SparkFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code submit/ocp-summary summarize --master spark://...} against a real Spark standalone cluster
 * (a Master and a Worker on 127.0.0.1, started from Spark's jars), compared with a {@code local[2]}
 * run of the same input and options (in this JVM, through the same entry point spark-submit calls):
 * every column of every row but the generated uuid must be equal.
 *
 * <p>The cluster's executors have Spark's jars only, so the run also proves that the cluster jar the
 * launcher submits carries what executors need. Evidence that the work ran on the cluster, not in the
 * driver: the executor logs in the Worker's work folder report finished tasks.
 */
class ClusterSummarizeIT {

  private static final Duration RUN_LIMIT = Duration.ofMinutes(3);
  private static final String ALL_COLUMNS_BUT_UUID =
      "SELECT (to_jsonb(t) - 'uuid')::text AS row FROM reporting_ocpusagelineitem_daily_summary t ORDER BY 1";

  @TempDir static Path folder;
  private static SparkStandaloneCluster cluster;
  private static Path input;
  private static Path config;

  @BeforeAll
  static void writeInputAndStartCluster() throws Exception {
    input = folder.resolve("input");
    InputSettings settings = new InputSettings(input.toUri().toString(), InputLayout.KOKU, "org1234567");
    KokuLayoutWriter writer = new KokuLayoutWriter(SparkFixture.spark(), settings);
    for (ReportType report : ReportType.values()) {
      writer.write(report, DemoDataset.SOURCE_UUID, DemoDataset.rows(report));
    }
    config = folder.resolve("job.conf");
    Files.writeString(config, "ocp-summary.spark.shuffle-partitions = 2\n", StandardCharsets.UTF_8);
    cluster = SparkStandaloneCluster.start(folder.resolve("cluster"), 2, "2g");
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void summarizeOnAStandaloneClusterWritesTheRowsOfALocalRun() throws Exception {
    DatabaseSettings local = PostgresFixture.freshSchema(ClusterSummarizeIT.class);
    DatabaseSettings onCluster = PostgresFixture.freshSchema(ClusterSummarizeIT.class);

    long started = System.nanoTime();
    CliRun localRun = CliRun.of(environment(local, "local"), arguments("local[2]").toArray(String[]::new));
    assertEquals(0, localRun.code(), localRun.out() + localRun.err());
    long localDone = System.nanoTime();
    ChildProcess.Result clusterRun = summarize(onCluster);
    assertEquals(0, clusterRun.exitCode(), clusterRun.tail());
    System.out.printf(
        "local run (in this JVM) %.1f s, cluster run (launcher) %.1f s: %s%n",
        (localDone - started) / 1e9,
        (System.nanoTime() - localDone) / 1e9,
        clusterRun.output().lines().filter(l -> l.startsWith("summarized")).findFirst().orElse(""));

    List<Object> expected = PostgresFixture.column(local, ALL_COLUMNS_BUT_UUID);
    assertFalse(expected.isEmpty(), "the local run wrote no rows");
    assertEquals(expected, PostgresFixture.column(onCluster, ALL_COLUMNS_BUT_UUID));
    assertEquals(
        PostgresFixture.rows(local, "SELECT status, input_rows, output_rows FROM summary_runs"),
        PostgresFixture.rows(onCluster, "SELECT status, input_rows, output_rows FROM summary_runs"));

    List<Path> executorLogs = cluster.executorLogs();
    assertFalse(executorLogs.isEmpty(), "the Worker launched no executor; see " + cluster.workDir());
    boolean tasksRan = false;
    for (Path log : executorLogs) {
      tasksRan |= Files.readString(log, StandardCharsets.UTF_8).contains("Finished task");
    }
    assertTrue(tasksRan, "no executor finished a task; logs: " + executorLogs);
    assertTrue(awaitCompletedApplications(1), "the Master lists no completed application: " + cluster.masterState());
  }

  /** summarize through the launcher, as a user runs it. */
  private static ChildProcess.Result summarize(DatabaseSettings database) {
    List<String> command = new ArrayList<>(List.of("bash", ProjectBuild.root().resolve("submit/ocp-summary").toString()));
    command.addAll(arguments(cluster.masterUrl()));
    Map<String, String> env = ChildProcess.inheritedEnvironment();
    env.putAll(environment(database, "cluster"));
    env.put("OCP_SUMMARY_DRIVER_MEMORY", "1g");
    env.put("OCP_SUMMARY_JAVA_OPTS", ShortLivedJvm.options());
    env.put("OCP_SUMMARY_SUBMIT_OPTS", "--properties-file " + executorProperties() + " --executor-memory 768m");
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    return ChildProcess.run(command, env, ProjectBuild.root(), folder.resolve("cluster-run.log"), RUN_LIMIT);
  }

  /** Spark properties for the executors: the JVM options of {@link ShortLivedJvm}, which contain spaces. */
  private static Path executorProperties() {
    Path file = folder.resolve("executor.properties");
    try {
      Files.writeString(file, "spark.executor.extraJavaOptions=" + ShortLivedJvm.options() + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  private static List<String> arguments(String master) {
    return List.of(
        "summarize",
        "--master", master,
        "--config", config.toString(),
        "--input", input.toUri().toString(),
        "--source", DemoDataset.SOURCE_UUID,
        "--start", DemoDataset.START.toString(),
        "--end", DemoDataset.end().toString(),
        "--cluster-id", DemoDataset.CLUSTER_ID,
        "--cluster-alias", "Demo cluster");
  }

  private static Map<String, String> environment(DatabaseSettings database, String name) {
    return Map.of(
        "POSTGRES_URL", database.jdbcUrl(),
        "POSTGRES_USER", database.user(),
        "POSTGRES_SCHEMA", database.schema(),
        "OCP_SUMMARY_HOME", folder.resolve("home-" + name).toString());
  }

  private static boolean awaitCompletedApplications(int count) throws Exception {
    for (int i = 0; i < 20; i++) {
      if (cluster.completedApplications() >= count) {
        return true;
      }
      Thread.sleep(500);
    }
    return false;
  }
}
