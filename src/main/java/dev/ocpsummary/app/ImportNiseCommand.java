package dev.ocpsummary.app;

import dev.ocpsummary.config.Settings;
import dev.ocpsummary.config.SettingsLoader;
import dev.ocpsummary.datagen.NiseCsvImport;
import dev.ocpsummary.datagen.OutputLayout;
import dev.ocpsummary.datagen.OutputTarget;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/** {@code import-nise}: nise's CSV reports to the Parquet layout, with Koku's conversion rules. */
final class ImportNiseCommand implements Command {

  static final Set<String> OPTIONS = Set.of("csv-dir", "out", "layout", "source", "cluster-id", "org", "config", "master");

  @Override
  public String name() {
    return "import-nise";
  }

  @Override
  public String usage() {
    return """
        import-nise --csv-dir DIR --out URI [--layout koku|poc] [--source UUID] [--cluster-id ID] [--org ORG]
          Converts the CSV reports nise writes (pod usage, storage usage, node and namespace labels; found
          under DIR recursively, by their header) into the Parquet layout under --out, as Koku converts
          them: labels to JSON, empty numbers to 0.0, naive UTC timestamps. VM, GPU and ROS reports are
          skipped. The imported days' files of the source are replaced.
          --source, --cluster-id, --org: default 00000000-0000-0000-0000-000000000001, test-cluster-001, org1234567
        """;
  }

  @Override
  public int run(String[] args, Map<String, String> environment, PrintStream out) {
    CommandLine cl = CommandLine.parse(args, OPTIONS, Set.of());
    Path csvDir = Path.of(cl.required("csv-dir"));
    String layoutName = cl.value("layout").orElse("koku");
    OutputLayout layout =
        OutputLayout.named(layoutName).orElseThrow(() -> new UsageException("--layout '" + layoutName + "' is not koku or poc"));
    String source = cl.value("source").orElse(OutputTarget.DEFAULT_SOURCE);
    try {
      source = java.util.UUID.fromString(source).toString();
    } catch (IllegalArgumentException e) {
      throw new UsageException("--source '" + source + "' is not a UUID");
    }
    OutputTarget target =
        OutputTarget.of(cl.required("out"), layout)
            .withIds(source, cl.value("cluster-id").orElse(OutputTarget.DEFAULT_CLUSTER), cl.value("org").orElse(OutputTarget.DEFAULT_ORG));
    Settings settings = SettingsLoader.load(cl.value("config").map(Path::of), environment);
    SparkSession spark = SparkSessions.getOrCreate(settings, cl.value("master"));
    NiseCsvImport.Result result = NiseCsvImport.run(spark.sparkContext().hadoopConfiguration(), csvDir, target);
    out.printf("imported %s into %s (%s layout)%n", csvDir, target.root(), layout.configName());
    result.rows().forEach((table, rows) -> out.printf("  %s: %,d rows%n", table.kokuFolder(), rows));
    if (result.dropped() > 0) {
      out.printf("  %,d rows dropped: a metric above 1e18, as Koku drops them%n", result.dropped());
    }
    result.skipped().forEach(file -> out.printf("  skipped %s (no table for that report)%n", file));
    out.printf("  summarize with: submit/ocp-summary summarize --input %s --source %s --start DATE --end DATE%n", target.root(), target.sourceUuid());
    return 0;
  }
}
