package dev.ocpsummary.exec;

import static org.junit.jupiter.api.Assertions.fail;

import dev.ocpsummary.config.DatabaseSettings;
import dev.ocpsummary.testing.PostgresFixture;
import dev.ocpsummary.testing.ShortLivedJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * {@code summarize} through the CLI in a JVM of its own, for the fault tests that kill it or give it
 * a Spark of its own (master, plugins, local directory): this JVM's flags and classpath, a quick
 * start (no optimizing JIT), the job's INFO lines in the log ({@code log4j2-child.properties}), the
 * summary in a schema of the shared test PostgreSQL.
 */
final class SummarizeChild {

  private final List<String> wrapper = new ArrayList<>();
  private final List<String> jvmOptions = new ArrayList<>();
  private final List<String> arguments = new ArrayList<>();
  private final DatabaseSettings database;
  private final Path home;

  /** A child that summarizes the two-day cluster's window from {@code input} into {@code database}. */
  SummarizeChild(DatabaseSettings database, Path home, String input, String mode) {
    this.database = database;
    this.home = home;
    arguments.addAll(
        List.of(
            "summarize", "--mode", mode, "--input", input, "--source", TwoDayCluster.SOURCE,
            "--start", TwoDayCluster.START.toString(), "--end", TwoDayCluster.END.toString()));
  }

  /** A command that runs the java command line given after it (e.g. {@code unshare ... --}). */
  SummarizeChild wrappedIn(List<String> command) {
    wrapper.addAll(command);
    return this;
  }

  /** A JVM option, e.g. a Spark setting as {@code -Dspark.local.dir=...}. */
  SummarizeChild jvmOption(String option) {
    jvmOptions.add(option);
    return this;
  }

  SummarizeChild option(String name, String value) {
    arguments.add(name);
    arguments.add(value);
    return this;
  }

  Process start(Path log) {
    List<String> command = new ArrayList<>(wrapper);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!argument.startsWith("-Xmx") && !argument.startsWith("-agentlib") && !argument.startsWith("-javaagent")
          && !argument.startsWith("-Dlog4j2.configurationFile") && !argument.matches("-XX:\\+Use\\w+GC")) {
        command.add(argument);
      }
    }
    command.add("-Xmx1g");
    command.addAll(ShortLivedJvm.FLAGS);
    command.add("-Dlog4j2.configurationFile=log4j2-child.properties");
    // a killed child cannot clean up its scratch files: keep them in the test's folder (a test's own
    // spark.local.dir, given later, wins)
    command.add("-Dspark.local.dir=" + createdFolder(home.resolve("spark-local")));
    command.add("-Djava.io.tmpdir=" + createdFolder(home.resolve("tmp")));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.ocpsummary.app.OcpSummary"));
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.remove("SPARK_HOME");
    env.remove("SPARK_CONF_DIR");
    env.remove("SPARK_LOCAL_DIRS");
    env.put("POSTGRES_URL", PostgresFixture.jdbcUrl());
    env.put("POSTGRES_USER", "postgres");
    env.put("POSTGRES_PASSWORD", "");
    env.put("POSTGRES_SCHEMA", database.schema());
    env.put("OCP_SUMMARY_HOME", home.resolve("child-home").toString());
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    builder.directory(home.toFile());
    try {
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command.get(0), e);
    }
  }

  private static Path createdFolder(Path folder) {
    try {
      return Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + folder, e);
    }
  }

  /** Runs the child to its end (at most {@code seconds}) and returns its exit code. */
  static int await(Process child, Path log, long seconds) throws Exception {
    if (!child.waitFor(seconds, TimeUnit.SECONDS)) {
      child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      fail("the child did not end in " + seconds + " s:\n" + Files.readString(log));
    }
    return child.exitValue();
  }

  /** Waits (at most {@code seconds}) until the condition holds while the child runs; fails with its log otherwise. */
  static void awaitWhileAlive(Process child, Path log, long seconds, String what, BooleanSupplier condition)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (!child.isAlive()) {
        fail("the child ended (" + child.exitValue() + ") before " + what + ":\n" + Files.readString(log));
      }
      if (System.nanoTime() > deadline) {
        fail("no " + what + " in " + seconds + " s:\n" + Files.readString(log));
      }
      Thread.sleep(10);
    }
  }

  /** True once the log has a line containing {@code text}. */
  static boolean logged(Path log, String text) {
    try {
      return Files.exists(log) && Files.readString(log).contains(text);
    } catch (IOException e) {
      return false;
    }
  }

  /** Kills the child with SIGKILL and waits for it to be gone. */
  static void kill(Process child) throws InterruptedException {
    child.destroyForcibly();
    child.waitFor(30, TimeUnit.SECONDS);
  }
}
