package dev.ocpsummary.datagen;

import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates nise-compatible OCP usage data as Parquet, with its {@code expected.json}
 * (specs/data-gen.md). The entry point of {@code generate} and of the demo.
 *
 * <p>What it guarantees: the rows are the ones nise would write for the same workload (its formulas,
 * clamps and quirks, specs/data-gen.md A, B), converted as Koku converts them, in the chosen layout;
 * the output folders of the generated days are replaced, not added to; {@code expected.json} at the
 * root is computed from the workload's parameters before any row is written. Rows stream from the
 * workload to the files, so memory does not grow with the number of rows. Spark is used only for its
 * Hadoop configuration (file systems, s3a credentials): no Spark job runs.
 *
 * <p>Failure: a bad preset or manifest throws {@code InputException} naming the file, line and key;
 * an I/O failure throws {@code UncheckedIOException} naming the path.
 */
public final class Generator {

  private static final Logger LOG = LoggerFactory.getLogger(Generator.class);

  private Generator() {}

  /** Generates a scale preset under {@code outUri}; returns the expected totals it wrote. */
  public static ExpectedTotals generate(SparkSession spark, Scale scale, String outUri, GenerateOptions options) {
    Workload workload =
        ScaleWorkloads.of(scale, options.start().orElse(GenerateOptions.DEFAULT_START), options.days().orElse(scale.days()));
    return write(spark.sparkContext().hadoopConfiguration(), workload, options.target(outUri), options);
  }

  /** What {@link #generate(SparkSession, Scale, String, GenerateOptions)} would write, without writing it. */
  public static ExpectedTotals expected(Scale scale, String outUri, GenerateOptions options) {
    Workload workload =
        ScaleWorkloads.of(scale, options.start().orElse(GenerateOptions.DEFAULT_START), options.days().orElse(scale.days()));
    return ExpectedCalculator.compute(workload, options.target(outUri), options.seed());
  }

  /** Generates what a nise static-report manifest describes under {@code outUri}. */
  public static ExpectedTotals generate(SparkSession spark, Path manifest, String outUri, GenerateOptions options) {
    Workload workload =
        NiseManifest.read(manifest, options.start().orElse(GenerateOptions.DEFAULT_START), options.days().orElse(1), options.seed());
    return write(spark.sparkContext().hadoopConfiguration(), workload, options.target(outUri), options);
  }

  /** Writes a workload's rows and expected.json. */
  static ExpectedTotals write(Configuration conf, Workload workload, OutputTarget target, GenerateOptions options) {
    ExpectedTotals expected = ExpectedCalculator.compute(workload, target, options.seed());
    long total = expected.tables().values().stream().mapToLong(ExpectedFiles.TableCounts::rawRows).sum();
    Progress progress =
        options.progress().map(out -> Progress.bar(out, "generate", total, System.console() != null)).orElse(Progress.NONE);
    long started = System.nanoTime();
    try (RowSink sink = sink(conf, target)) {
      sink.clear(workload.days());
      new UsageRows(workload, options.seed()).writeTo(sink, progress);
    }
    progress.finish();
    expected.write(conf);
    LOG.info(
        "Generated {} ({} rows, {} layout) under {} in {} ms",
        workload.description(), total, target.layout().configName(), target.root(), (System.nanoTime() - started) / 1_000_000);
    return expected;
  }

  static RowSink sink(Configuration conf, OutputTarget target) {
    return target.layout() == OutputLayout.KOKU ? new KokuLayoutSink(conf, target) : new PocLayoutSink(conf, target);
  }
}
