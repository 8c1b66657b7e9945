package dev.ocpsummary.app;

import dev.ocpsummary.config.Settings;
import dev.ocpsummary.config.SettingsLoader;
import dev.ocpsummary.datagen.ExpectedTotals;
import dev.ocpsummary.datagen.GenerateOptions;
import dev.ocpsummary.datagen.Generator;
import dev.ocpsummary.datagen.OutputLayout;
import dev.ocpsummary.datagen.Scale;
import dev.ocpsummary.datagen.Scales;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/**
 * {@code generate}: nise-compatible OCP usage Parquet for a scale preset or a nise static-report
 * manifest, with {@code expected.json} at the root of {@code --out}.
 */
final class GenerateCommand implements Command {

  static final Set<String> OPTIONS =
      Set.of("scale", "manifest", "out", "layout", "start", "days", "seed", "source", "cluster-id", "org", "config", "master");

  @Override
  public String name() {
    return "generate";
  }

  @Override
  public String usage() {
    return """
        generate (--scale NAME | --manifest FILE) --out URI [--layout koku|poc] [--start DATE] [--days N] [--seed N]
                 [--source UUID] [--cluster-id ID] [--org ORG] [--config FILE]
          Writes hourly pod, storage, node-label and namespace-label Parquet as nise and Koku would, and
          expected.json (row counts, sums and the summary's totals, in closed form) at the root of --out.
          --scale     a preset: small, medium, large, xlarge, xxlarge, production-small, production-medium,
                      production-large (4 days, with storage), poc-20k .. poc-2m (1 day, the POC's topology)
          --manifest  a nise static-report YAML (its start_date/end_date win over --start/--days)
          --out       path, file:// or s3a:// root; the generated days' folders of the source are replaced
          --layout    koku (default: data/parquet/{org}/OCP/{report_type}/source=/year=/month=/ and daily files)
                      or poc (data/{org}/OCP/source=/year=/month=/day=/{table}/data.parquet)
          --start     first day (default 2025-10-01); --days: number of days (default: the scale's, 1 for manifests)
          --seed      seed of the values a manifest leaves out (default 1)
          --source, --cluster-id, --org: default 00000000-0000-0000-0000-000000000001, test-cluster-001, org1234567
        """;
  }

  @Override
  public int run(String[] args, Map<String, String> environment, PrintStream out) {
    CommandLine cl = CommandLine.parse(args, OPTIONS, Set.of());
    boolean hasScale = cl.value("scale").isPresent();
    if (hasScale == cl.value("manifest").isPresent()) {
      throw new UsageException("give exactly one of --scale NAME and --manifest FILE");
    }
    String outUri = cl.required("out");
    GenerateOptions options = options(cl).withProgress(System.err);
    Scale scale = null;
    Path manifest = null;
    if (hasScale) {
      String name = cl.value("scale").get();
      if (!Scales.NAMES.contains(name)) {
        throw new UsageException("unknown scale '" + name + "'; known scales: " + String.join(", ", Scales.NAMES));
      }
      scale = Scales.load(name);
    } else {
      manifest = Path.of(cl.value("manifest").get());
      if (!Files.isRegularFile(manifest)) {
        throw new UsageException("--manifest " + manifest + " is not a file");
      }
    }
    Settings settings = SettingsLoader.load(cl.value("config").map(Path::of), environment);
    SparkSession spark = SparkSessions.getOrCreate(settings, cl.value("master"));
    long started = System.nanoTime();
    ExpectedTotals expected =
        hasScale ? Generator.generate(spark, scale, outUri, options) : Generator.generate(spark, manifest, outUri, options);
    out.printf(
        "generated %s (%s layout) under %s in %.1f s%n",
        expected.workload(), expected.target().layout().configName(), expected.target().root(), (System.nanoTime() - started) / 1e9);
    out.printf(
        "  input rows: %,d pod, %,d storage, %,d node-label, %,d namespace-label%n",
        expected.rawRows(dev.ocpsummary.datagen.OcpTable.POD_USAGE),
        expected.rawRows(dev.ocpsummary.datagen.OcpTable.STORAGE_USAGE),
        expected.rawRows(dev.ocpsummary.datagen.OcpTable.NODE_LABELS),
        expected.rawRows(dev.ocpsummary.datagen.OcpTable.NAMESPACE_LABELS));
    out.printf(
        "  expected summary rows: %,d Pod, %,d Storage, %,d unallocated%n",
        expected.summary().podRows(), expected.summary().storageRows(), expected.summary().unallocatedRows());
    out.printf("  expected totals: %s/%s%n", expected.target().root(), ExpectedTotals.FILE_NAME);
    out.printf(
        "  summarize with: submit/ocp-summary summarize --input %s --source %s --start %s --end %s --cluster-id %s%n",
        expected.target().root(), expected.target().sourceUuid(), expected.start(), expected.end(), expected.target().clusterId());
    return 0;
  }

  private GenerateOptions options(CommandLine cl) {
    GenerateOptions options = GenerateOptions.defaults();
    if (cl.value("layout").isPresent()) {
      String layout = cl.value("layout").get();
      options =
          options.withLayout(
              OutputLayout.named(layout)
                  .orElseThrow(() -> new UsageException("--layout '" + layout + "' is not koku or poc")));
    }
    if (cl.value("start").isPresent()) {
      options = options.withStart(cl.requiredDate("start"));
    }
    if (cl.value("days").isPresent()) {
      options = options.withDays((int) positive(cl, "days"));
    }
    if (cl.value("seed").isPresent()) {
      String seed = cl.value("seed").get();
      try {
        options = options.withSeed(Long.parseLong(seed));
      } catch (NumberFormatException e) {
        throw new UsageException("--seed '" + seed + "' is not a whole number");
      }
    }
    String source = cl.value("source").orElse(options.sourceUuid());
    try {
      source = java.util.UUID.fromString(source).toString();
    } catch (IllegalArgumentException e) {
      throw new UsageException("--source '" + source + "' is not a UUID");
    }
    return options.withIds(source, cl.value("cluster-id").orElse(options.clusterId()), cl.value("org").orElse(options.org()));
  }

  private long positive(CommandLine cl, String option) {
    String text = cl.value(option).get();
    try {
      long value = Long.parseLong(text);
      if (value < 1 || value > 3660) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new UsageException("--" + option + " '" + text + "' is not a whole number from 1 to 3660");
    }
  }
}
