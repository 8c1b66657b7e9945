package dev.ocpsummary.app;

import dev.ocpsummary.config.ClusterSettings;
import dev.ocpsummary.config.DatabaseSettings;
import dev.ocpsummary.config.InputSettings;
import dev.ocpsummary.config.RunRequest;
import dev.ocpsummary.config.Settings;
import dev.ocpsummary.config.SettingsLoader;
import dev.ocpsummary.datagen.DemoDataset;
import dev.ocpsummary.datagen.KokuLayoutWriter;
import dev.ocpsummary.exec.DailySummaryJob;
import dev.ocpsummary.exec.RunResult;
import dev.ocpsummary.source.ReportType;
import dev.ocpsummary.source.UsageReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * {@code demo}: the whole pipeline on embedded defaults. Writes the small demo dataset under the local
 * state folder (once; reused afterwards), runs {@code summarize} on it into the embedded PostgreSQL
 * (or the one POSTGRES_URL names), reads the result back, checks it against the dataset's closed-form
 * totals, and prints what it did. {@code --clean} removes the folder; {@code --serve} keeps the
 * database up afterwards for exploration until interrupted.
 */
final class DemoCommand implements Command {

  @Override
  public String name() {
    return "demo";
  }

  @Override
  public String usage() {
    return """
        demo [--clean] [--serve] [--config FILE]
          Writes a small two-day dataset under the local state folder (OCP_SUMMARY_HOME, default
          ./.ocp-summary), summarizes it into PostgreSQL (embedded unless POSTGRES_URL is set), and
          prints rows per data_source, the totals, and how to connect to the database.
          --clean    remove the local state folder and exit
          --serve    keep the embedded database running after the demo, until Ctrl-C
        """;
  }

  @Override
  public int run(String[] args, Map<String, String> environment, PrintStream out) throws Exception {
    long started = System.nanoTime();
    CommandLine cl = CommandLine.parse(name(), args, Set.of("config"), Set.of("clean", "serve"));
    Settings loaded = SettingsLoader.load(cl.value("config").map(Path::of), environment);
    if (cl.flag("clean")) {
      deleteRecursively(loaded.home());
      out.println("removed " + loaded.home());
      return 0;
    }
    Settings settings =
        loaded
            .withInput(new InputSettings(loaded.home().resolve("input").toUri().toString(), loaded.input().layout(), loaded.input().org()))
            .withCluster(new ClusterSettings(DemoDataset.CLUSTER_ID, "Demo cluster"));
    RunRequest request = new RunRequest(DemoDataset.SOURCE_UUID, DemoDataset.START, DemoDataset.end());

    SparkSession spark = SparkSessions.getOrCreate(settings, java.util.Optional.empty());
    boolean written = writeDatasetIfMissing(spark, settings.input());
    try (LocalDatabase database = LocalDatabase.open(settings.database())) {
      RunResult result =
          new DailySummaryJob(spark, settings, database.database()).run(request, SummarizeCommand.identity(settings, request));
      DemoReport report = DemoReport.read(database.database(), request);
      boolean matches = printReport(out, settings, request, written, result, report, database.settings(), started);
      if (cl.flag("serve") && database.embedded().isPresent()) {
        serve(out, database);
      }
      return matches ? 0 : 1;
    }
  }

  private static boolean writeDatasetIfMissing(SparkSession spark, InputSettings input) {
    String podFolder =
        UsageReader.monthFolder(input, ReportType.POD_USAGE, DemoDataset.SOURCE_UUID, YearMonth.from(DemoDataset.START));
    if (Files.isDirectory(Path.of(java.net.URI.create(podFolder)))) {
      return false;
    }
    KokuLayoutWriter writer = new KokuLayoutWriter(spark, input);
    for (ReportType report : ReportType.values()) {
      writer.write(report, DemoDataset.SOURCE_UUID, DemoDataset.rows(report));
    }
    return true;
  }

  private static boolean printReport(
      PrintStream out,
      Settings settings,
      RunRequest request,
      boolean written,
      RunResult result,
      DemoReport report,
      DatabaseSettings database,
      long startedNanos) {
    out.println("ocp-summary demo");
    out.printf("  data:    %s (%s, koku layout)%n", settings.input().root(), written ? "written now" : "reused");
    out.printf("  window:  %s .. %s, source %s, cluster %s%n", request.start(), request.end(), request.sourceUuid(), DemoDataset.CLUSTER_ID);
    out.printf("  input rows: %d%n", result.inputRows());
    report.rowsByDataSource().forEach((source, count) -> out.printf("  %s rows: %d%n", source, count));
    Map<String, Double> expected = DemoDataset.expectedTotals();
    out.println("  totals over Pod rows (expected in brackets, from the dataset's closed form):");
    boolean matches = true;
    for (Map.Entry<String, Double> total : report.podTotals().entrySet()) {
      double want = expected.get(total.getKey());
      boolean ok = Math.abs(total.getValue() - want) <= 1e-9 * Math.max(1.0, Math.abs(want));
      matches &= ok;
      out.printf("    %-44s %12.3f  [%.3f]%s%n", total.getKey(), total.getValue(), want, ok ? "" : "  MISMATCH");
    }
    for (Map.Entry<java.sql.Date, double[]> day : report.clusterCapacity().entrySet()) {
      double[] capacity = day.getValue();
      boolean ok =
          capacity[0] == expected.get("cluster_capacity_cpu_core_hours_per_day")
              && capacity[1] == expected.get("cluster_capacity_memory_gigabyte_hours_per_day");
      matches &= ok;
      out.printf("  cluster capacity %s: %.3f core-hours, %.3f GiB-hours%s%n", day.getKey(), capacity[0], capacity[1], ok ? "" : "  MISMATCH");
    }
    long podRows = report.rowsByDataSource().getOrDefault("Pod", 0L);
    if (podRows != DemoDataset.expectedPodRows()) {
      matches = false;
      out.printf("  MISMATCH: %d Pod rows, expected %d%n", podRows, DemoDataset.expectedPodRows());
    }
    out.println(matches ? "  check:   every total equals the expected value" : "  check:   FAILED, see MISMATCH above");
    out.printf("  wall time: %.1f s%n", (System.nanoTime() - startedNanos) / 1e9);
    if (database.jdbcUrl().contains("127.0.0.1") && settings.database().embedded()) {
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
