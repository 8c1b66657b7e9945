package dev.ocpsummary.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocpsummary.sink.SummaryDatabase;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * Runs the benchmark: prepares each scale's data (generated once, uploaded to the S3 server), then
 * for each scale runs {@code summarize} as a separate JVM through the launcher, once per mode and run
 * with the modes interleaved, sampling the process tree's memory and CPU from outside; validates
 * every run's summary against the generator's expectations; optionally searches each mode's smallest
 * passing heap; appends one {@link BenchRun} per run to {@code runs.jsonl} (failed runs included) and
 * finally writes the comparison report.
 *
 * <p>The summary rows of a scale are deleted before each run, outside the measured time, so every
 * run writes into the same empty window.
 */
public final class BenchRunner {

  /** The bucket of the benchmark's input data on the S3 server. */
  public static final String BUCKET = "ocp-bench";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter FOLDER_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
  private static final String TABLE = "reporting_ocpusagelineitem_daily_summary";

  /** Where the benchmark's services are, as the runner needs them. */
  public interface Services {
    /** The environment a {@code summarize} child needs to reach PostgreSQL and the S3 server. */
    Map<String, String> childEnvironment();

    /** The summary database, for clearing a window before a run and validating it after. */
    SummaryDatabase database();

    /** Uploads a scale's hourly input files to {@code s3a://BUCKET/<scale>/}. */
    void upload(ScaleDataset dataset);

    /** What the environment table of the report says about the S3 server and the database. */
    Map<String, String> describe();
  }

  /** Checks the summary a run wrote; returns null when it passed, else the first failure in one line. */
  public interface Validator {
    String failure(SummaryDatabase database, ScaleDataset dataset);
  }

  private final BenchOptions options;
  private final Path project;
  private final Services services;
  private final Validator validator;
  private final PrintStream out;
  private final Supplier<SparkSession> spark;
  private final Runnable releaseSpark;
  private final Map<String, List<Double>> passingWalls = new LinkedHashMap<>();
  private Path runDir;
  private Path runsFile;
  private boolean environmentWritten;
  private Path workDir;
  private int done;
  private int planned;

  public BenchRunner(
      BenchOptions options, Path project, Services services, Validator validator, PrintStream out, Supplier<SparkSession> spark,
      Runnable releaseSpark) {
    this.options = options;
    this.project = project;
    this.services = services;
    this.validator = validator;
    this.out = out;
    this.spark = spark;
    this.releaseSpark = releaseSpark;
  }

  /** Runs everything and returns the report's folder. */
  public Path run() throws IOException, InterruptedException {
    Instant started = Instant.now();
    String stamp = FOLDER_TIME.format(started);
    runDir = options.out().resolve(stamp).toAbsolutePath();
    workDir = options.out().resolve("work").resolve(stamp).toAbsolutePath();
    Files.createDirectories(runDir);
    Files.createDirectories(workDir);
    runsFile = runDir.resolve(RunsFile.FILE_NAME);
    Files.createDirectories(workDir.resolve("timelines"));

    List<ScaleDataset> datasets = new ArrayList<>();
    for (String scale : options.scales()) {
      out.printf("preparing %s ...%n", scale);
      ScaleDataset dataset = ScaleDataset.prepare(scale, options.out().resolve("data"), spark);
      services.upload(dataset);
      out.printf("  %s: %,d input rows, %,d Parquet bytes, source %s%n", scale, dataset.inputRows(), dataset.inputBytes(), dataset.sourceUuid());
      datasets.add(dataset);
    }
    // The generator's SparkSession would share the machine with the measured runs.
    releaseSpark.run();
    planned = datasets.size() * options.modes().size() * (options.runs() + options.warmups());
    out.printf("benchmark %s: %d fixed-heap runs (%d MiB)%s; runs in %s%n", stamp, planned, options.heapMib(),
        options.heapSweep() ? " + heap sweep" : "", runsFile);

    for (ScaleDataset dataset : datasets) {
      fixedHeapSeries(dataset);
    }
    if (options.heapSweep()) {
      for (ScaleDataset dataset : datasets) {
        for (String mode : options.modes()) {
          sweep(dataset, mode);
        }
      }
    }
    if (!environmentWritten) {
      writeEnvironment(null);
    }
    Path report = ComparisonReport.write(runDir);
    out.printf("report: %s (%.0f s in all)%n", report, Duration.between(started, Instant.now()).toSeconds() * 1.0);
    return runDir;
  }

  private void fixedHeapSeries(ScaleDataset dataset) throws IOException, InterruptedException {
    for (int w = 1; w <= options.warmups(); w++) {
      for (String mode : options.modes()) {
        measure(BenchRun.FIXED_HEAP, dataset, mode, w, true, options.heapMib(), options.runLimit());
      }
    }
    for (int r = 1; r <= options.runs(); r++) {
      // Interleaved (A B A B ...) so that drift of the machine spreads over both modes.
      List<String> order = new ArrayList<>(options.modes());
      if (r % 2 == 0) {
        java.util.Collections.reverse(order);
      }
      for (String mode : order) {
        BenchRun run = measure(BenchRun.FIXED_HEAP, dataset, mode, r, false, options.heapMib(), options.runLimit());
        if (run.passed()) {
          passingWalls.computeIfAbsent(dataset.scale() + "/" + mode, k -> new ArrayList<>()).add(run.wallS());
        }
      }
    }
  }

  private void sweep(ScaleDataset dataset, String mode) throws IOException, InterruptedException {
    List<Double> walls = passingWalls.getOrDefault(dataset.scale() + "/" + mode, List.of());
    double median = walls.isEmpty() ? options.runLimit().toSeconds() : walls.stream().sorted().toList().get(walls.size() / 2);
    // A run near its smallest heap may thrash in GC for a long time; that counts as not passing.
    Duration limit = Duration.ofSeconds((long) Math.max(120, 4 * median));
    int[] attempt = {0};
    IoPredicate passes =
        heap -> measure(BenchRun.HEAP_SWEEP, dataset, mode, ++attempt[0], false, heap, limit).passed();
    OptionalInt smallest =
        options.sweep().smallestPassing(walls.isEmpty() ? 0 : options.heapMib(), heap -> passes.testUnchecked(heap));
    out.printf(
        "  smallest heap %s %s: %s%n", dataset.scale(), mode,
        smallest.isPresent() ? smallest.getAsInt() + " MiB" : "none up to " + options.sweep().ceilingMib() + " MiB");
  }

  private BenchRun measure(String series, ScaleDataset dataset, String mode, int index, boolean warmup, int heapMib, Duration limit)
      throws IOException, InterruptedException {
    clearWindow(dataset);
    String name = String.format("%s-%s-%s-%dm-%s%d", series, dataset.scale(), mode, heapMib, warmup ? "w" : "r", index);
    Path records = workDir.resolve("records").resolve(name);
    Files.createDirectories(records);
    List<String> command =
        List.of(
            project.resolve("submit").resolve("ocp-summary").toString(), "summarize",
            "--input", "s3a://" + BUCKET + "/" + dataset.scale(),
            "--source", dataset.sourceUuid(),
            "--start", dataset.expected().start().toString(),
            "--end", dataset.expected().end().toString(),
            "--mode", mode,
            "--config", writeChildConfig(records).toString());
    Map<String, String> environment = new LinkedHashMap<>(services.childEnvironment());
    environment.put("OCP_SUMMARY_DRIVER_MEMORY", heapMib + "m");
    Instant startedAt = Instant.now();
    ChildRun.Outcome outcome = ChildRun.run(command, environment, project, workDir.resolve("logs").resolve(name + ".log"), limit);
    if (series.equals(BenchRun.FIXED_HEAP) && !warmup) {
      Files.writeString(workDir.resolve("timelines").resolve(name + ".csv"), outcome.usage().timelineCsv(), StandardCharsets.UTF_8);
    }
    String failure = outcome.exitCode() == 0 ? null : outcome.failureLine();
    String validation = "skipped";
    if (failure == null) {
      String invalid = validator.failure(services.database(), dataset);
      validation = invalid == null ? "passed" : "failed";
      failure = invalid == null ? null : "validation: " + invalid;
    }
    JsonNode record = readRecord(records);
    if (!environmentWritten && record != null) {
      writeEnvironment(record);
    }
    BenchRun run = BenchRunFactory.of(series, dataset, mode, index, warmup, heapMib, outcome, failure, validation, record, records.toString(), startedAt);
    RunsFile.append(runsFile, run);
    progress(run, outcome);
    return run;
  }

  private void progress(BenchRun run, ChildRun.Outcome outcome) {
    String position = run.series().equals(BenchRun.FIXED_HEAP) ? String.format("[%3d/%d]", ++done, planned) : "[sweep]";
    out.printf(
        "%s %-17s %-7s %s %d heap %5d MiB: %s %6.1f s, peak RSS %6.0f MiB%s%n",
        position, run.scale(), run.mode(), run.warmup() ? "warm-up" : "run", run.run(), run.heapMib(),
        run.passed() ? "passed" : "FAILED", outcome.wallSeconds(), outcome.usage().peakRssMib(),
        run.passed() ? "" : " - " + run.failure());
    out.flush();
  }

  private void writeEnvironment(JsonNode record) throws IOException {
    EnvironmentProbe.gather(options, services.describe(), project, record).write(runDir);
    environmentWritten = true;
  }

  private void clearWindow(ScaleDataset dataset) {
    SummaryDatabase database = services.database();
    try (Connection c = database.connect();
        PreparedStatement delete =
            c.prepareStatement("DELETE FROM " + database.qualified(TABLE) + " WHERE source_uuid = ?::uuid")) {
      delete.setString(1, dataset.sourceUuid());
      delete.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot clear the summary of " + dataset.scale() + ": " + e.getMessage(), e);
    }
  }

  /** The run's JSON record, or null when the run wrote none. */
  private static JsonNode readRecord(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      List<Path> json = files.filter(f -> f.getFileName().toString().endsWith(".json")).toList();
      return json.isEmpty() ? null : JSON.readTree(json.get(0).toFile());
    }
  }

  /** The settings a child gets on top of the user's: its run record goes where the runner looks. */
  private Path writeChildConfig(Path records) throws IOException {
    StringBuilder text = new StringBuilder("# Written by the benchmark for one summarize run.\n");
    if (options.config().isPresent()) {
      text.append("include file(").append(quoted(options.config().get().toAbsolutePath())).append(")\n");
    }
    text.append("ocp-summary.exec.run-record-dir = ").append(quoted(records)).append("\n");
    Path file = records.resolve("bench.conf");
    Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
    return file;
  }

  private static String quoted(Path path) throws IOException {
    return JSON.writeValueAsString(path.toString());
  }

  /** A heap predicate whose runs may throw checked exceptions. */
  @FunctionalInterface
  private interface IoPredicate {
    boolean test(int heap) throws IOException, InterruptedException;

    default boolean testUnchecked(int heap) {
      try {
        return test(heap);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }
}
