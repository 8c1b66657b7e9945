package dev.ocpsummary.exec;

import dev.ocpsummary.config.AutoThreshold;
import dev.ocpsummary.config.ExecSettings;
import dev.ocpsummary.config.ExecSettings.Mode;
import dev.ocpsummary.config.LockWait;
import dev.ocpsummary.config.RunRequest;
import dev.ocpsummary.config.Settings;
import dev.ocpsummary.config.SettingsException;
import dev.ocpsummary.config.SparkTuningKeys;
import dev.ocpsummary.sink.RunDetailsRecorder;
import dev.ocpsummary.sink.KokuReferenceTables;
import dev.ocpsummary.sink.RunRecorder;
import dev.ocpsummary.sink.RunSummary;
import dev.ocpsummary.sink.SummaryDatabase;
import dev.ocpsummary.sink.SummaryWriter;
import dev.ocpsummary.summary.LabelRules;
import dev.ocpsummary.summary.RunIdentity;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code summarize} run: list the window's inputs, choose the execution mode, build the daily
 * summary and replace the window's rows of the source in PostgreSQL in one transaction, recording
 * the run in {@code summary_runs} and as a JSON run record.
 *
 * <p>The modes share the reader, the summary transforms and the sink; they differ in how rows reach
 * PostgreSQL, and so in what they cost:
 *
 * <ul>
 *   <li><b>cache</b> reads the window's inputs once, persists what the summary needs of them (pod
 *       rows reduced to pod days and node hours, storage and label rows as they are), computes every
 *       summary from that and writes from the executors (COPY per partition into per-run staging
 *       tables, then one swapping transaction, which inserts the Pod rows while the rest is
 *       computed). Fastest, and nothing passes through the driver;
 *       memory grows with the window's pods and days (persisted at the configured storage level,
 *       spilling to disk with the default {@code MEMORY_AND_DISK}).
 *   <li><b>iterate</b> handles one day at a time and pulls its rows to the driver with {@code
 *       toLocalIterator()}, streaming them into one COPY in the run's transaction. Memory is bounded
 *       by one day's aggregation and one result partition on the driver, nearly flat in the input
 *       size; the price is time, since every day scans the window's files again and the rows go
 *       through the driver's single connection.
 *   <li><b>auto</b> estimates the input rows from Parquet footers (no scan) and runs iterate above
 *       the benchmark's threshold ({@code exec.threshold-file}, by default the recommendation shipped
 *       in the jar) or above {@code exec.streaming-threshold-rows} when that is set; else cache. The
 *       choice and the reason, naming the threshold's source and numbers, are logged and stored with
 *       the run.
 * </ul>
 *
 * <p>Both modes produce the same rows. Any failure leaves the summary table as it was, is recorded
 * as a failed run (in {@code summary_runs} and the JSON record) and is rethrown, Spark's own
 * failures as a one-line {@link JobFailedException} (see {@link SparkFailures}).
 */
public final class DailySummaryJob {

  private static final Logger LOG = LoggerFactory.getLogger(DailySummaryJob.class);

  private final SparkSession spark;
  private final Settings settings;
  private final SummaryDatabase database;

  public DailySummaryJob(SparkSession spark, Settings settings, SummaryDatabase database) {
    this.spark = spark;
    this.settings = settings;
    this.database = database;
  }

  public RunResult run(RunRequest request, RunIdentity identity) {
    ExecSettings exec = settings.exec();
    prepareRecordDir(exec);
    RunRecorder runs = new RunRecorder(database);
    RunDetailsRecorder details = new RunDetailsRecorder(database);
    String requestedReason =
        exec.mode() == Mode.AUTO ? "to be chosen from the input estimate" : "requested with " + exec.modeOrigin();
    UUID runId = runs.begin(request.sourceUuid(), request.start(), request.end(), exec.mode().configName(), requestedReason);
    String groupPrefix = "ocp-summary-" + runId + "-";
    SparkContext context = spark.sparkContext();
    PhaseClock clock = new PhaseClock();
    JvmMemory memory = JvmMemory.start();
    SparkRunMetrics metrics = SparkRunMetrics.register(context, groupPrefix);
    Attempt attempt = new Attempt(runId, request, Instant.now(), System.nanoTime());
    ExitGuard exitGuard =
        ExitGuard.install(runId, () -> attempt.choice == null ? exec.mode().configName() : attempt.choice.mode().configName(), runs);
    try {
      LockWait lockWait = settings.database().lockWait();
      if (!lockWait.waitsForever()) {
        // a run that may not wait stops before any work when another run is writing the source
        clock.time(
            "list",
            () -> {
              new SummaryWriter(database, lockWait).awaitNoOtherWriter(request.sourceUuid());
              return null;
            });
      }
      context.setJobGroup(groupPrefix + "list", "list the window's input files", false);
      WindowInputs inputs =
          clock.time(
              "list",
              () -> WindowInputs.read(spark, settings.input(), settings.summary().costCategories(), database, request));
      attempt.inputRows = inputs.fileRows();
      attempt.inputFiles = inputs.fileCount();
      InputDuplicates duplicates =
          new InputDuplicates(settings.input().duplicateRows(), inputs::rowsWithFileName, context, groupPrefix);
      attempt.duplicates = duplicates;
      ModeChoice choice = choose(exec, inputs::estimate);
      attempt.choice = choice;
      details.chooseMode(runId, choice.mode().configName(), choice.reason());
      LOG.info("Run {} for {}: mode {} ({})", runId, request, choice.mode().configName(), choice.reason());

      LabelRules labels = LabelRules.keeping(KokuReferenceTables.enabledTagKeys(database, settings.summary()));
      ModeOutcome outcome =
          switch (choice.mode()) {
            case CACHE ->
                new CacheMode(context, database, lockWait, exec.storageLevel(), exec.writePartitions(), groupPrefix)
                    .run(inputs, duplicates, labels, identity, request, runId, clock);
            case ITERATE ->
                new IterateMode(context, database, lockWait, groupPrefix)
                    .run(inputs, duplicates, labels, identity, request, clock);
            case AUTO -> throw new IllegalStateException("AUTO resolves to CACHE or ITERATE");
          };
      attempt.outcome = outcome;
      runs.succeed(runId, new RunSummary(attempt.inputRows, outcome.rowsWritten(), outcome.rowsByKind(), clock.orderedMillis()));
      Optional<Path> file = finish(attempt, clock, memory, metrics, details, null);
      LOG.info(
          "Run {} for {} ({}): {} input rows, {} rows written {} in {} ms",
          runId, request, choice.mode().configName(), attempt.inputRows, outcome.rowsWritten(), outcome.rowsByKind(),
          clock.millis().values().stream().mapToLong(Long::longValue).sum());
      return new RunResult(
          runId, attempt.inputRows, outcome.rowsWritten(), outcome.rowsByKind(), clock.orderedMillis(),
          choice.mode().configName(), choice.reason(), file);
    } catch (Exception e) { // also Spark's checked exceptions, which its Scala code throws undeclared
      RuntimeException failure = SparkFailures.explain(e, context);
      runs.fail(runId, new RunSummary(attempt.inputRows, 0, Map.of(), clock.orderedMillis()), String.valueOf(failure.getMessage()));
      finish(attempt, clock, memory, metrics, details, failure);
      throw failure;
    } finally {
      exitGuard.close();
      context.clearJobGroup();
      metrics.finish();
      memory.close();
    }
  }

  /** The mode a run executes in, why, and AUTO's estimate (null for a requested mode). */
  record ModeChoice(Mode mode, String reason, Long estimatedRows) {}

  /**
   * Resolves AUTO with the estimate (taken only when a threshold needs it); a requested mode stands
   * as it is. Without a threshold AUTO runs CACHE, saying whether the benchmark recommends it or has
   * not measured yet.
   */
  static ModeChoice choose(ExecSettings exec, Supplier<InputEstimate> estimate) {
    if (exec.mode() != Mode.AUTO) {
      return new ModeChoice(exec.mode(), "requested with " + exec.modeOrigin(), null);
    }
    AutoThreshold threshold = exec.autoThreshold();
    if (threshold.rows() == null) {
      String basis = threshold.basis().isEmpty() ? "" : ", " + threshold.basis();
      String reason =
          threshold.measured()
              ? "auto: benchmark recommends cache at every measured size (" + threshold.source() + basis + ")"
              : "auto: cache, no measured threshold yet (" + threshold.source() + " is a placeholder without"
                  + " measurements; run the benchmark or set exec.streaming-threshold-rows)";
      return new ModeChoice(Mode.CACHE, reason, null);
    }
    InputEstimate e = estimate.get();
    boolean iterate = e.rows() > threshold.rows();
    String reason =
        threshold.override()
            ? String.format(
                Locale.ROOT, "auto: %s, %s exec.streaming-threshold-rows = %,d (override)", e.describe(),
                iterate ? "above" : "not above", threshold.rows())
            : String.format(
                Locale.ROOT, "auto: %s, %s the threshold of %s", e.describe(), iterate ? "above" : "not above",
                threshold.describe());
    return new ModeChoice(iterate ? Mode.ITERATE : Mode.CACHE, reason, e.rows());
  }

  /** What a run has got to, filled in as it goes, for its record. */
  private static final class Attempt {
    final UUID runId;
    final RunRequest request;
    final Instant startedAt;
    final long startedNanos;
    long inputRows;
    int inputFiles;
    InputDuplicates duplicates;
    volatile ModeChoice choice;
    ModeOutcome outcome;

    Attempt(UUID runId, RunRequest request, Instant startedAt, long startedNanos) {
      this.runId = runId;
      this.request = request;
      this.startedAt = startedAt;
      this.startedNanos = startedNanos;
    }
  }

  /**
   * Writes the run record (JSON file and {@code summary_runs}). Never throws: the run's outcome is
   * already decided; a record that cannot be written is a warning.
   */
  private Optional<Path> finish(
      Attempt attempt, PhaseClock clock, JvmMemory memory, SparkRunMetrics metrics, RunDetailsRecorder details,
      RuntimeException failure) {
    try {
      metrics.finish();
      Map<String, Object> record = record(attempt, clock, memory, metrics, failure);
      String json = Json.write(record);
      Long dbWrite = attempt.outcome == null ? null : attempt.outcome.dbWriteMillis();
      details.store(
          attempt.runId,
          new RunDetailsRecorder.Measures(
              attempt.choice == null ? null : attempt.choice.estimatedRows(),
              memory.heapPeakBytes(),
              metrics.peakExecutionMemory(),
              metrics.diskSpilled(),
              memory.gcMillis(),
              dbWrite,
              attempt.duplicates == null ? null : attempt.duplicates.copiesFound(),
              json));
      return writeRecordFile(attempt.runId, json);
    } catch (RuntimeException e) {
      LOG.warn("The record of run {} could not be written: {}", attempt.runId, e.toString());
      return Optional.empty();
    }
  }

  private Map<String, Object> record(
      Attempt attempt, PhaseClock clock, JvmMemory memory, SparkRunMetrics metrics, RuntimeException failure) {
    ExecSettings exec = settings.exec();
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("run_id", attempt.runId.toString());
    r.put("status", failure == null ? "succeeded" : "failed");
    r.put("error", failure == null ? null : String.valueOf(failure.getMessage()).lines().findFirst().orElse(""));
    r.put("source_uuid", attempt.request.sourceUuid());
    r.put("start", attempt.request.start().toString());
    r.put("end", attempt.request.end().toString());
    r.put("started_at", attempt.startedAt.toString());
    r.put("requested_mode", exec.mode().configName());
    r.put("mode", attempt.choice == null ? null : attempt.choice.mode().configName());
    r.put("mode_reason", attempt.choice == null ? null : attempt.choice.reason());
    r.put("estimated_input_rows", attempt.choice == null ? null : attempt.choice.estimatedRows());
    r.put("streaming_threshold_rows", exec.autoThreshold().rows());
    r.put("streaming_threshold_source", exec.autoThreshold().describe());
    r.put("input_rows", attempt.inputRows);
    r.put("input_files", attempt.inputFiles);
    // exact copies of hourly rows per report: dropped (input.duplicate-rows = drop) or the reason the run failed
    r.put("duplicate_input_rows", attempt.duplicates == null ? null : attempt.duplicates.copiesFound());
    r.put("duplicate_check_millis", attempt.duplicates == null ? null : attempt.duplicates.millis());
    r.put("output_rows", attempt.outcome == null ? 0 : attempt.outcome.rowsWritten());
    r.put("rows_by_kind", attempt.outcome == null ? Map.of() : attempt.outcome.rowsByKind());
    r.put("phase_millis", clock.orderedMillis());
    r.put("total_millis", (System.nanoTime() - attempt.startedNanos) / 1_000_000);
    r.put("db_write_millis", attempt.outcome == null ? null : attempt.outcome.dbWriteMillis());
    r.put("memory", memory.asRecord());
    r.put("spark", metrics.asRecord());
    r.put("mode_details", attempt.outcome == null ? Map.of() : attempt.outcome.details());
    r.put("environment", environment());
    return r;
  }

  private Map<String, Object> environment() {
    SparkContext context = spark.sparkContext();
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("spark_version", spark.version());
    e.put("java_version", System.getProperty("java.version"));
    e.put("master", context.master());
    e.put("default_parallelism", context.defaultParallelism());
    e.put("shuffle_partitions", spark.conf().get("spark.sql.shuffle.partitions"));
    e.put("adaptive_enabled", spark.conf().get("spark.sql.adaptive.enabled"));
    e.put("min_shuffle_partition_size", spark.conf().get(SparkTuningKeys.MIN_SHUFFLE_PARTITION_SIZE, "1MB"));
    e.put("memory_page_size", context.getConf().get(SparkTuningKeys.PAGE_SIZE, "derived from the heap"));
    e.put("available_processors", Runtime.getRuntime().availableProcessors());
    e.put(
        "jvm_flags",
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(a -> a.startsWith("-XX:") || a.startsWith("-Xm"))
            .map(DailySummaryJob::withoutFolder)
            .toList());
    return e;
  }

  /** A flag naming a file (the launcher's class-data archive) with the file's name only: records leave out local paths. */
  static String withoutFolder(String jvmFlag) {
    return jvmFlag.replaceFirst("^(-XX:(SharedArchiveFile|ArchiveClassesAtExit)=).*/", "$1");
  }

  private void prepareRecordDir(ExecSettings exec) {
    if (exec.runRecordDir().isEmpty()) {
      return;
    }
    Path dir = exec.runRecordDir().get();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new SettingsException(
          "config key ocp-summary.exec.run-record-dir = '" + dir + "' cannot be created: " + e.getMessage(), e);
    }
  }

  private Optional<Path> writeRecordFile(UUID runId, String json) {
    if (settings.exec().runRecordDir().isEmpty()) {
      return Optional.empty();
    }
    Path dir = settings.exec().runRecordDir().get();
    Path file = dir.resolve(runId + ".json");
    Path partial = dir.resolve(runId + ".json.partial");
    try {
      Files.writeString(partial, json, StandardCharsets.UTF_8);
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return Optional.of(file);
    } catch (IOException e) {
      LOG.warn("The run record {} could not be written: {}", file, e.toString());
      return Optional.empty();
    }
  }
}
