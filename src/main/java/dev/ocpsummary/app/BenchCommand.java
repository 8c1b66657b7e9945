package dev.ocpsummary.app;

import dev.ocpsummary.bench.BenchOptions;
import dev.ocpsummary.bench.BenchRunner;
import dev.ocpsummary.bench.ComparisonReport;
import dev.ocpsummary.bench.HeapSweep;
import dev.ocpsummary.bench.RunsFile;
import dev.ocpsummary.bench.ScaleDataset;
import dev.ocpsummary.config.DatabaseSettings;
import dev.ocpsummary.config.S3Settings;
import dev.ocpsummary.config.Settings;
import dev.ocpsummary.config.SettingsLoader;
import dev.ocpsummary.datagen.InputFiles;
import dev.ocpsummary.datagen.Scales;
import dev.ocpsummary.sink.SummaryDatabase;
import dev.ocpsummary.validate.SummaryValidation;
import dev.ocpsummary.validate.ValidationReport;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/**
 * {@code bench}: the CACHE vs ITERATE comparison. Starts (or reuses) the local S3 server and the
 * database, and hands the measuring to {@link BenchRunner}; see its Javadoc and the README's
 * "Benchmarks" section.
 */
final class BenchCommand implements Command {

  static final String PROJECT_VARIABLE = "OCP_SUMMARY_PROJECT";

  @Override
  public String name() {
    return "bench";
  }

  @Override
  public String usage() {
    return """
        bench [--scales LIST] [--modes LIST] [--runs N] [--warmups N] [--phase 1|2|3] [--heap MIB] [--heap-sweep]
              [--heap-floor MIB] [--heap-ceiling MIB] [--heap-step MIB] [--budget MIB] [--safety S]
              [--run-limit SECONDS] [--out DIR] [--config FILE]
        bench --report RUN_DIR
          Generates each scale once (reused), uploads it to the local S3 server (S3Proxy), runs summarize
          as a separate JVM per scale, mode and run (modes interleaved), samples its process tree's RSS
          and CPU from /proc every 100 ms, validates every summary, and writes DIR/<time>/runs.jsonl,
          COMPARISON_REPORT.md, charts/ and threshold.json. Failed runs are recorded, never dropped.
          --scales      comma-separated (default: the eight seed scales, small .. production-large)
          --modes       cache,iterate (default both)
          --runs        measured runs per scale and mode (default 5); --warmups discarded ones (default 1)
          --phase       the plan's phases: 1 = small,medium,large; 2 = large,xlarge,xxlarge;
                        3 = production-small,production-medium (iterate only unless --modes is given)
          --heap        driver heap of the fixed-heap series, MiB (default 2048)
          --heap-sweep  also find each mode's smallest passing heap per scale (bisection between
                        --heap-floor 512 and --heap-ceiling 6144 in --heap-step 128 MiB steps)
          --budget      memory budget the threshold is derived for, MiB (default: --heap); --safety 0.8
          --run-limit   time limit of one run in seconds (default 900)
          --out         default OCP_SUMMARY_HOME/bench
          --report      runs nothing: writes RUN_DIR's report, charts and threshold.json again from its
                        runs.jsonl and environment.json (e.g. after a benchmark stopped before its report)
        """;
  }

  @Override
  public int run(String[] args, Map<String, String> environment, PrintStream out) throws Exception {
    CommandLine cl =
        CommandLine.parse(
            args,
            Set.of("scales", "modes", "runs", "warmups", "phase", "heap", "heap-floor", "heap-ceiling", "heap-step", "budget",
                "safety", "run-limit", "out", "config", "report"),
            Set.of("heap-sweep"));
    Optional<String> reportOnly = cl.value("report");
    if (reportOnly.isPresent()) {
      out.printf("report: %s%n", rewriteReport(cl, Path.of(reportOnly.get())));
      return 0;
    }
    Settings settings = SettingsLoader.load(cl.value("config").map(Path::of), environment);
    BenchOptions options = options(cl, settings);
    Path project = projectFolder(environment);
    try (LocalDatabase database = LocalDatabase.open(settings.database());
        LocalS3 s3 = s3Server(settings, environment)) {
      s3.createBucket(BenchRunner.BUCKET);
      LazySpark spark = new LazySpark(settings);
      try {
        new BenchRunner(options, project, services(settings, database, s3), BenchCommand::validate, out, spark, spark::stop).run();
      } finally {
        spark.stop();
      }
      return 0;
    }
  }

  /** {@code --report}: the report of a run folder, written again from its files; nothing is run. */
  private static Path rewriteReport(CommandLine cl, Path runDir) {
    if (cl.size() > 1) {
      throw new UsageException("--report rewrites a report and takes no other option");
    }
    if (!Files.isRegularFile(runDir.resolve(RunsFile.FILE_NAME))) {
      throw new UsageException("--report " + runDir + ": no " + RunsFile.FILE_NAME + " in that folder");
    }
    return ComparisonReport.write(runDir.toAbsolutePath());
  }

  /** The scale's summary against the generator's expectations: null when every check passed. */
  private static String validate(SummaryDatabase database, ScaleDataset dataset) {
    ValidationReport report =
        SummaryValidation.run(
            database, dataset.expected().summary(), dataset.sourceUuid(), dataset.expected().start(), dataset.expected().end());
    return report.passed() ? null : report.summaryLine();
  }

  static BenchOptions options(CommandLine cl, Settings settings) {
    Optional<Integer> phase = cl.value("phase").map(v -> positive(cl, "phase", v));
    List<String> scales =
        cl.value("scales").map(BenchCommand::list).orElseGet(() -> phase.map(BenchCommand::phaseScales).orElse(BenchOptions.DEFAULT_SCALES));
    for (String scale : scales) {
      if (!Scales.NAMES.contains(scale)) {
        throw new UsageException("unknown scale '" + scale + "'; scales: " + String.join(", ", Scales.NAMES));
      }
    }
    List<String> modes =
        cl.value("modes").map(BenchCommand::list).orElse(phase.orElse(0) == 3 ? List.of("iterate") : List.of("cache", "iterate"));
    for (String mode : modes) {
      if (!List.of("cache", "iterate").contains(mode)) {
        throw new UsageException("unknown mode '" + mode + "'; modes: cache, iterate");
      }
    }
    int heap = cl.value("heap").map(v -> positive(cl, "heap", v)).orElse(2048);
    HeapSweep sweep =
        new HeapSweep(
            cl.value("heap-floor").map(v -> positive(cl, "heap-floor", v)).orElse(512),
            cl.value("heap-ceiling").map(v -> positive(cl, "heap-ceiling", v)).orElse(6144),
            cl.value("heap-step").map(v -> positive(cl, "heap-step", v)).orElse(128));
    double safety = cl.value("safety").map(v -> fraction(v)).orElse(0.8);
    return new BenchOptions(
        scales,
        modes,
        cl.value("runs").map(v -> positive(cl, "runs", v)).orElse(5),
        cl.value("warmups").map(v -> nonNegative("warmups", v)).orElse(1),
        heap,
        cl.flag("heap-sweep"),
        sweep,
        cl.value("budget").map(v -> positive(cl, "budget", v)).orElse(heap),
        safety,
        cl.value("out").map(Path::of).orElse(settings.home().resolve("bench")).toAbsolutePath(),
        cl.value("config").map(Path::of),
        Duration.ofSeconds(cl.value("run-limit").map(v -> positive(cl, "run-limit", v)).orElse(900)));
  }

  private static List<String> phaseScales(int phase) {
    try {
      return BenchOptions.phaseScales(phase);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static List<String> list(String text) {
    return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static int positive(CommandLine cl, String option, String text) {
    try {
      int value = Integer.parseInt(text.strip());
      if (value < 1) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new UsageException("--" + option + " '" + text + "' is not a positive whole number");
    }
  }

  private static int nonNegative(String option, String text) {
    try {
      int value = Integer.parseInt(text.strip());
      if (value < 0) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new UsageException("--" + option + " '" + text + "' is not a whole number of 0 or more");
    }
  }

  private static double fraction(String text) {
    try {
      double value = Double.parseDouble(text.strip());
      if (!(value > 0 && value <= 1)) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new UsageException("--safety '" + text + "' is not a number in (0, 1]");
    }
  }

  /** The S3 server of the local state folder: the running one, or a new one stopped at the end. */
  private static LocalS3 s3Server(Settings settings, Map<String, String> environment) {
    Path state = S3ServerCommand.stateDir(settings);
    return LocalS3.attach(state).orElseGet(() -> LocalS3.start(state, 0, environment));
  }

  private static BenchRunner.Services services(Settings settings, LocalDatabase database, LocalS3 s3) {
    return new BenchRunner.Services() {
      @Override
      public Map<String, String> childEnvironment() {
        DatabaseSettings db = database.settings();
        S3Settings s3Settings = s3.settings();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("OCP_SUMMARY_HOME", settings.home().toString());
        env.put("POSTGRES_URL", db.jdbcUrl());
        env.put("POSTGRES_USER", db.user());
        env.put("POSTGRES_PASSWORD", db.password().value());
        env.put("POSTGRES_SCHEMA", db.schema());
        env.put("S3_ENDPOINT", s3Settings.endpoint());
        env.put("S3_ACCESS_KEY", s3Settings.accessKey().value());
        env.put("S3_SECRET_KEY", s3Settings.secretKey().value());
        env.put("S3_REGION", s3Settings.region());
        return env;
      }

      @Override
      public SummaryDatabase database() {
        return database.database();
      }

      @Override
      public void upload(ScaleDataset dataset) {
        s3.upload(dataset.folder(), BenchRunner.BUCKET, dataset.scale(), InputFiles::isHourlyInput);
      }

      @Override
      public Map<String, String> describe() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("s3_server", "S3Proxy " + s3ProxyVersion() + " (filesystem storage) at " + s3.endpoint());
        d.put("postgresql", postgresVersion(database.database()) + (settings.database().embedded() ? " (embedded)" : ""));
        return d;
      }
    };
  }

  private static String s3ProxyVersion() {
    try {
      return Arrays.stream(LocalS3.s3ProxyClasspath(Map.of()).split(":"))
          .map(p -> Path.of(p).getFileName().toString())
          .filter(n -> n.startsWith("s3proxy-") && n.endsWith(".jar"))
          .map(n -> n.substring("s3proxy-".length(), n.length() - ".jar".length()))
          .findFirst()
          .orElse("?");
    } catch (RuntimeException e) {
      return "?";
    }
  }

  private static String postgresVersion(SummaryDatabase database) {
    try (Connection c = database.connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SHOW server_version")) {
      return r.next() ? "PostgreSQL " + r.getString(1) : "PostgreSQL ?";
    } catch (SQLException e) {
      return "PostgreSQL ?";
    }
  }

  /** The project folder (where submit/ocp-summary is): the variable, or two levels above the jar. */
  static Path projectFolder(Map<String, String> environment) {
    String given = environment.get(PROJECT_VARIABLE);
    if (given != null && !given.isBlank()) {
      return Path.of(given).toAbsolutePath();
    }
    try {
      Path own = Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      for (Path p = own; p != null; p = p.getParent()) {
        if (Files.isExecutable(p.resolve("submit").resolve("ocp-summary"))) {
          return p;
        }
      }
    } catch (URISyntaxException | RuntimeException e) {
      // fall through to the error below
    }
    throw new IllegalStateException("cannot find the project folder with submit/ocp-summary; set " + PROJECT_VARIABLE);
  }

  /** A SparkSession made only when a scale must be generated, and stopped before measuring. */
  private static final class LazySpark implements java.util.function.Supplier<SparkSession> {
    private final Settings settings;
    private SparkSession session;

    LazySpark(Settings settings) {
      this.settings = settings;
    }

    @Override
    public synchronized SparkSession get() {
      if (session == null) {
        session = SparkSessions.getOrCreate(settings, Optional.empty());
      }
      return session;
    }

    synchronized void stop() {
      if (session != null) {
        session.stop();
        session = null;
      }
    }
  }
}
