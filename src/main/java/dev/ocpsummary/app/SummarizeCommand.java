package dev.ocpsummary.app;

import com.typesafe.config.ConfigFactory;
import dev.ocpsummary.config.ClusterSettings;
import dev.ocpsummary.config.ConfigFileLocator;
import dev.ocpsummary.config.ExecSettings;
import dev.ocpsummary.config.RunRequest;
import dev.ocpsummary.config.Settings;
import dev.ocpsummary.config.SettingsLoader;
import dev.ocpsummary.config.SparkShippedFiles;
import dev.ocpsummary.exec.DailySummaryJob;
import dev.ocpsummary.exec.RunResult;
import dev.ocpsummary.summary.RunIdentity;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code summarize}: the job. Replaces the daily summary of one source and window. */
final class SummarizeCommand implements Command {

  private static final Logger LOG = LoggerFactory.getLogger(SummarizeCommand.class);

  static final Set<String> OPTIONS =
      Set.of("source", "start", "end", "input", "mode", "config", "master", "cluster-id", "cluster-alias", "org");

  @Override
  public String name() {
    return "summarize";
  }

  @Override
  public String usage() {
    return """
        summarize --source UUID --start DATE --end DATE [--input URI] [--mode cache|iterate|auto]
                  [--config FILE] [--master URL] [--cluster-id ID] [--cluster-alias NAME] [--org ORG]
          Replaces the daily summary rows of one source (provider UUID) for the days START..END
          (inclusive, YYYY-MM-DD) in PostgreSQL, in one transaction.
          --input    root of the Parquet layout (path, file:// or s3a://); default: input.root of the config
          --mode     cache (inputs cached, written from the executors), iterate (day by day through the
                     driver, bounded memory) or auto (by the estimated input rows); default: exec.mode
          --config   a HOCON file layered over the defaults (see conf/application.conf); default: the
                     config.file system property. A relative path that is not in the working directory
                     is looked up among the files shipped with spark-submit --files
          --master   Spark master when spark-submit did not set one (default local[*])
        """;
  }

  @Override
  public int run(String[] args, Map<String, String> environment, PrintStream out) {
    CommandLine cl = CommandLine.parse(args, OPTIONS, Set.of());
    RunRequest request = new RunRequest(cl.required("source"), cl.requiredDate("start"), cl.requiredDate("end"));
    Optional<Path> configFile = cl.value("config").map(Path::of);
    Optional<SparkSession> started = startSparkForShippedConfig(configFile, environment, cl.value("master"));
    Settings settings = withOptions(SettingsLoader.load(configFile, environment), cl);
    LocalDatabase.requireServerUnlessLocal(SparkSessions.master(cl.value("master")), settings.database());
    LOG.info("Effective settings: {}", settings);
    SparkSession spark;
    LocalDatabase database;
    // the database opens while Spark starts: neither needs the other
    try (LocalDatabase.Opening opening = LocalDatabase.openInBackground(settings.database())) {
      spark =
          started
              .map(session -> SparkSessions.adopt(session, settings))
              .orElseGet(() -> SparkSessions.getOrCreate(settings, cl.value("master")));
      database = opening.await();
    }
    try (database) {
      RunResult result = new DailySummaryJob(spark, settings, database.database()).run(request, identity(settings, request));
      out.printf(
          "summarized %s: %d rows written %s from %d input rows in %d ms, mode %s (run %s)%n",
          request,
          result.outputRows(),
          result.rowsByDataSource(),
          result.inputRows(),
          result.phaseMillis().values().stream().mapToLong(Long::longValue).sum(),
          result.mode(),
          result.runId());
      out.printf("  mode: %s (%s)%n", result.mode(), result.modeReason());
      result.runRecord().ifPresent(file -> out.printf("  run record: %s%n", file));
      return 0;
    }
  }

  /**
   * Starts Spark before the settings are read when the config file can only be among the files shipped
   * with {@code --files} (a relative path missing from the working directory, as in standalone cluster
   * deploy mode): the SparkContext fetches them as it starts. It starts from the defaults and the
   * environment; the file's settings are applied to it afterwards ({@link SparkSessions#adopt}).
   */
  private static Optional<SparkSession> startSparkForShippedConfig(
      Optional<Path> configFile, Map<String, String> environment, Optional<String> master) {
    boolean onlyShipped =
        ConfigFileLocator.requested(configFile, System.getProperties()).filter(ConfigFileLocator::onlyShipped).isPresent();
    if (!onlyShipped || SparkShippedFiles.available()) {
      return Optional.empty();
    }
    Settings defaults = SettingsLoader.fromConfig(ConfigFactory.empty(), environment);
    return Optional.of(SparkSessions.getOrCreate(defaults, master));
  }

  /** Applies the options that override config keys. */
  static Settings withOptions(Settings settings, CommandLine cl) {
    Settings result = settings;
    if (cl.value("input").isPresent() || cl.value("org").isPresent()) {
      result =
          result.withInput(
              settings
                  .input()
                  .withRoot(cl.value("input").orElse(settings.input().root()))
                  .withOrg(cl.value("org").orElse(settings.input().org())));
    }
    if (cl.value("mode").isPresent()) {
      String text = cl.value("mode").get();
      ExecSettings.Mode mode =
          ExecSettings.Mode.parse(text)
              .orElseThrow(() -> new UsageException("--mode '" + text + "' must be cache, iterate or auto"));
      result = result.withExec(result.exec().withMode(mode, "--mode " + mode.configName()));
    }
    return result.withCluster(
        new ClusterSettings(
            cl.value("cluster-id").orElse(settings.cluster().id()),
            cl.value("cluster-alias").orElse(settings.cluster().alias())));
  }

  static RunIdentity identity(Settings settings, RunRequest request) {
    return new RunIdentity(
        request.sourceUuid(),
        nonEmpty(settings.cluster().id()),
        nonEmpty(settings.cluster().alias()),
        settings.summary().reportPeriodId());
  }

  private static Optional<String> nonEmpty(String value) {
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
  }
}
