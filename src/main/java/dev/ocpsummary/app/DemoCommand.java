package dev.ocpsummary.app;

import dev.ocpsummary.config.ClusterSettings;
import dev.ocpsummary.config.DatabaseSettings;
import dev.ocpsummary.config.RunRequest;
import dev.ocpsummary.config.Settings;
import dev.ocpsummary.config.SettingsLoader;
import dev.ocpsummary.config.InputLayout;
import dev.ocpsummary.datagen.ExpectedSummary;
import dev.ocpsummary.datagen.ExpectedTotals;
import dev.ocpsummary.datagen.GenerateOptions;
import dev.ocpsummary.datagen.Generator;
import dev.ocpsummary.datagen.InputFiles;
import dev.ocpsummary.datagen.Scales;
import dev.ocpsummary.exec.DailySummaryJob;
import dev.ocpsummary.exec.RunResult;
import dev.ocpsummary.summary.SummaryColumns;
import java.io.IOException;
import java.net.URI;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;

/**
 * {@code demo}: the whole pipeline on embedded defaults. Generates the {@code small} scale (four days,
 * 40 pods, storage) under the local state folder once and reuses it afterwards, uploads it to the
 * local S3 server (S3Proxy as a process, see {@link LocalS3}; one already running for the folder is
 * used and kept), runs {@code summarize} on it over s3a into the embedded PostgreSQL (or the one POSTGRES_URL names), reads the result back, checks
 * it against the generator's closed-form expected totals, and prints what it did. {@code --clean}
 * removes the folder; {@code --serve} keeps the database up afterwards for exploration until
 * interrupted.
 */
final class DemoCommand implements Command {

  static final String SCALE = "small";
  static final String SOURCE_UUID = "00000000-0000-0000-0000-000000000001";
  static final String CLUSTER_ID = "demo-cluster-001";
  static final String BUCKET = "ocp-demo";
  static final String INPUT_PREFIX = "input";

  @Override
  public String name() {
    return "demo";
  }

  @Override
  public String usage() {
    return """
        demo [--clean] [--serve] [--config FILE]
          Generates the small scale (4 days, 40 pods, 4 PVCs) under the local state folder
          (OCP_SUMMARY_HOME, default ./.ocp-summary), uploads it to a local S3 server (S3Proxy) and
          summarizes it from there over s3a into PostgreSQL (embedded unless POSTGRES_URL is set), and prints the rows of each kind, the totals next to their expected
          values, and how to connect to the database.
          --clean    stop the folder's S3 server, remove the local state folder and exit
          --serve    keep the embedded database running after the demo, until Ctrl-C
        """;
  }

  @Override
  public int run(String[] args, Map<String, String> environment, PrintStream out) throws Exception {
    long started = System.nanoTime();
    CommandLine cl = CommandLine.parse(args, Set.of("config"), Set.of("clean", "serve"));
    Settings loaded = SettingsLoader.load(cl.value("config").map(Path::of), environment);
    if (cl.flag("clean")) {
      LocalS3.stop(S3ServerCommand.stateDir(loaded));
      deleteRecursively(loaded.home());
      out.println("removed " + loaded.home());
      return 0;
    }
    Path dataFolder = loaded.home().resolve("input");
    try (LocalS3 s3 = s3Server(loaded, environment)) {
      s3.createBucket(BUCKET);
      Settings settings =
          loaded
              .withInput(loaded.input().withRoot(LocalS3.uri(BUCKET, INPUT_PREFIX)).withLayout(InputLayout.KOKU))
              .withS3(s3.settings())
              .withCluster(new ClusterSettings(CLUSTER_ID, "Demo cluster"));
      // the database (the embedded server, by default) starts while Spark starts and the data is made
      try (LocalDatabase.Opening database = LocalDatabase.openInBackground(settings.database())) {
        return generateAndSummarize(cl, settings, dataFolder, s3, database, started, out);
      }
    }
  }

  private int generateAndSummarize(
      CommandLine cl, Settings settings, Path dataFolder, LocalS3 s3, LocalDatabase.Opening database, long started,
      PrintStream out) throws Exception {
    SparkSession spark = SparkSessions.getOrCreate(settings, Optional.empty());
    // A session that existed before (a notebook, a test JVM) keeps its own s3a settings; the demo's
    // bucket gets the demo server's, for that bucket only.
    s3.settings().hadoopOptionsForBucket(BUCKET).forEach(spark.sparkContext().hadoopConfiguration()::set);
    // Hadoop caches one file system per bucket: one left by an earlier demo in this JVM (with another
    // state folder, so another server) would still call that server. Closing it drops it from the cache.
    FileSystem.get(URI.create(LocalS3.uri(BUCKET, "")), spark.sparkContext().hadoopConfiguration()).close();
    GenerateOptions options = GenerateOptions.defaults().withIds(SOURCE_UUID, CLUSTER_ID, settings.input().org());
    boolean reused = Files.exists(dataFolder.resolve(ExpectedTotals.FILE_NAME));
    String generatedUri = dataFolder.toUri().toString();
    ExpectedTotals expected =
        reused
            ? Generator.expected(Scales.load(SCALE), generatedUri, options)
            : Generator.generate(spark, Scales.load(SCALE), generatedUri, options);
    s3.upload(dataFolder, BUCKET, INPUT_PREFIX, InputFiles::isHourlyInput);
    return summarize(cl, settings, spark, expected, reused, s3, database, started, out);
  }

  /** The S3 server of the local state folder: one already running (kept), or one for this demo. */
  private static LocalS3 s3Server(Settings settings, Map<String, String> environment) {
    Path state = S3ServerCommand.stateDir(settings);
    return LocalS3.attach(state).orElseGet(() -> LocalS3.start(state, 0, environment));
  }

  private int summarize(
      CommandLine cl, Settings settings, SparkSession spark, ExpectedTotals expected, boolean reused, LocalS3 s3,
      LocalDatabase.Opening opening, long started, PrintStream out) throws InterruptedException {
    RunRequest request = new RunRequest(SOURCE_UUID, expected.start(), expected.end());
    try (LocalDatabase database = opening.await()) {
      RunResult result =
          new DailySummaryJob(spark, settings, database.database()).run(request, SummarizeCommand.identity(settings, request));
      DemoReport report = DemoReport.read(database.database(), request);
      boolean matches =
          printReport(out, settings, request, reused, s3, result, report, expected.summary(), database.settings(), started);
      if (cl.flag("serve") && database.embedded().isPresent()) {
        serve(out, database);
      }
      return matches ? 0 : 1;
    }
  }

  private static boolean printReport(
      PrintStream out,
      Settings settings,
      RunRequest request,
      boolean reused,
      LocalS3 s3,
      RunResult result,
      DemoReport report,
      ExpectedSummary expected,
      DatabaseSettings database,
      long startedNanos) {
    out.println("ocp-summary demo");
    out.printf(
        "  data:    %s (scale %s, koku layout, %s), read over s3a from S3Proxy at %s%n",
        settings.input().root(), SCALE, reused ? "reused" : "generated now", s3.endpoint());
    out.printf("  window:  %s .. %s, source %s, cluster %s%n", request.start(), request.end(), request.sourceUuid(), CLUSTER_ID);
    out.printf("  input rows: %d%n", result.inputRows());
    Map<String, Long> expectedRows =
        Map.of(
            SummaryColumns.DATA_SOURCE_POD, expected.podRows(),
            SummaryColumns.DATA_SOURCE_STORAGE, expected.storageRows(),
            SummaryColumns.ROW_KIND_UNALLOCATED, expected.unallocatedRows());
    boolean matches = true;
    for (Map.Entry<String, Long> rows : report.rowsByKind().entrySet()) {
      boolean ok = rows.getValue().equals(expectedRows.get(rows.getKey()));
      matches &= ok;
      out.printf("  %s rows: %d%s%n", rows.getKey(), rows.getValue(), ok ? "" : "  MISMATCH, expected " + expectedRows.get(rows.getKey()));
    }
    out.println("  totals (expected in brackets, from the generator's closed form):");
    matches &= printTotals(out, "Pod rows", report.podTotals(), expected.podTotals());
    matches &= printTotals(out, "Unallocated rows", report.unallocatedTotals(), expected.unallocatedTotals());
    matches &= printTotals(out, "Storage rows", report.storageTotals(), expected.storageTotals());
    for (Map.Entry<LocalDate, Map<String, Double>> day : report.clusterCapacityPerDay().entrySet()) {
      Map<String, Double> want = expected.clusterCapacityPerDay().get(day.getKey());
      double cpu = day.getValue().get(SummaryColumns.CLUSTER_CAPACITY_CPU_CORE_HOURS);
      double memory = day.getValue().get(SummaryColumns.CLUSTER_CAPACITY_MEMORY_GIGABYTE_HOURS);
      boolean ok =
          want != null
              && close(cpu, want.get(SummaryColumns.CLUSTER_CAPACITY_CPU_CORE_HOURS))
              && close(memory, want.get(SummaryColumns.CLUSTER_CAPACITY_MEMORY_GIGABYTE_HOURS));
      matches &= ok;
      out.printf("  cluster capacity %s: %.3f core-hours, %.3f GiB-hours%s%n", day.getKey(), cpu, memory, ok ? "" : "  MISMATCH");
    }
    out.println(matches ? "  check:   every count and total equals the expected value" : "  check:   FAILED, see MISMATCH above");
    out.printf("  wall time: %.1f s%n", (System.nanoTime() - startedNanos) / 1e9);
    if (settings.database().embedded()) {
      out.printf("  database: %s, schema %s; data kept in %s%n", database.jdbcUrl(), database.schema(), settings.database().embeddedDataDir());
      out.printf(
          "  explore: submit/ocp-summary demo --serve, then: psql -h 127.0.0.1 -p %d -U postgres -c 'select * from %s.reporting_ocpusagelineitem_daily_summary'%n",
          portOf(database.jdbcUrl()),
          database.schema());
    } else {
      out.printf("  database: %s, schema %s%n", database.jdbcUrl(), database.schema());
    }
    return matches;
  }

  /** Prints one kind's totals beside the expected ones; a NaN expectation (undetermined) is shown, not checked. */
  private static boolean printTotals(PrintStream out, String kind, Map<String, Double> actual, Map<String, Double> expected) {
    boolean matches = true;
    out.printf("    %s%n", kind);
    for (Map.Entry<String, Double> total : actual.entrySet()) {
      Double want = expected.get(total.getKey());
      boolean checked = want != null && !want.isNaN();
      boolean ok = !checked || close(total.getValue(), want);
      matches &= ok;
      out.printf(
          "      %-46s %14.3f  [%s]%s%n",
          total.getKey(), total.getValue(), checked ? String.format("%.3f", want) : "undetermined", ok ? "" : "  MISMATCH");
    }
    return matches;
  }

  private static boolean close(double actual, double expected) {
    return Math.abs(actual - expected) <= 1e-9 * Math.max(1.0, Math.abs(expected));
  }
  private static int portOf(String jdbcUrl) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(":(\\d+)/").matcher(jdbcUrl);
    return m.find() ? Integer.parseInt(m.group(1)) : 5432;
  }

  private static void serve(PrintStream out, LocalDatabase database) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      database.close();
      stopped.countDown();
    }));
    out.println("  serving the database until Ctrl-C");
    out.flush();
    stopped.await();
  }

  static void deleteRecursively(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
