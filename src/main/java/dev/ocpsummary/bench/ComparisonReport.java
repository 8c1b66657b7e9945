package dev.ocpsummary.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * The benchmark's comparison report: from a run folder's {@code runs.jsonl} and
 * {@code environment.json} it writes, into the same folder, {@code COMPARISON_REPORT.md} (environment,
 * data sets, statistics per scale and mode, mode comparison, the proof of concept's figures beside
 * ours, the threshold and its rule, charts, every run), {@code summary.csv}, {@code threshold.json}
 * and {@code charts/*.png}.
 *
 * <p>Every number comes from those two files, except the proof of concept's published figures
 * ({@link PocAnchors}, source named in the report). Failed runs are counted and listed, never
 * dropped; warm-ups are listed and left out of the statistics.
 */
public final class ComparisonReport {

  public static final String FILE_NAME = "COMPARISON_REPORT.md";
  public static final String SUMMARY_CSV = "summary.csv";
  public static final String CHARTS_DIR = "charts";

  private final RunStatistics stats;
  private final Environment env;
  private final ThresholdFit.Result fit;
  private final List<Charts.Chart> charts;
  private final Instant generatedAt;

  private ComparisonReport(
      RunStatistics stats, Environment env, ThresholdFit.Result fit, List<Charts.Chart> charts, Instant generatedAt) {
    this.stats = stats;
    this.env = env;
    this.fit = fit;
    this.charts = charts;
    this.generatedAt = generatedAt;
  }

  /** Writes the report and its files into {@code runDir}; returns the report's path. */
  public static Path write(Path runDir) {
    return write(runDir, Clock.systemUTC());
  }

  static Path write(Path runDir, Clock clock) {
    List<BenchRun> runs = RunsFile.read(runDir.resolve(RunsFile.FILE_NAME));
    if (runs.isEmpty()) {
      throw new IllegalArgumentException(runDir.resolve(RunsFile.FILE_NAME) + " has no runs to report");
    }
    Environment env = Environment.read(runDir);
    RunStatistics stats = RunStatistics.of(runs);
    ThresholdFit.Result fit = ThresholdFit.fit(stats, budget(env, stats));
    Instant now = clock.instant();
    List<Charts.Chart> charts = Charts.write(runDir.resolve(CHARTS_DIR), stats, fit);
    ThresholdJson.write(runDir.resolve(ThresholdJson.FILE_NAME), ThresholdJson.document(fit, env, now));
    write(runDir.resolve(SUMMARY_CSV), SummaryCsv.render(stats));
    Path report = runDir.resolve(FILE_NAME);
    write(report, new ComparisonReport(stats, env, fit, charts, now).markdown());
    return report;
  }

  /**
   * B and s of the threshold rule: B from environment.json, else the fixed-heap series' one -Xmx;
   * s from environment.json, else {@value ThresholdFit#DEFAULT_SAFETY}. Null when B is unknown.
   */
  static ThresholdFit.Budget budget(Environment env, RunStatistics stats) {
    double safety = env.safety() != null ? env.safety() : ThresholdFit.DEFAULT_SAFETY;
    if (env.budgetHeapMib() != null) {
      return new ThresholdFit.Budget(env.budgetHeapMib(), safety, "budget_heap_mib of environment.json");
    }
    Set<Integer> heaps =
        stats.runs().stream().filter(r -> r.series().equals(BenchRun.FIXED_HEAP)).map(BenchRun::heapMib).collect(Collectors.toSet());
    if (heaps.size() == 1) {
      return new ThresholdFit.Budget(heaps.iterator().next(), safety, "the fixed-heap series' -Xmx (environment.json names no budget)");
    }
    return null;
  }

  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# CACHE vs ITERATE: comparison report\n\n");
    md.append("Generated at ").append(generatedAt).append(" from `").append(RunsFile.FILE_NAME).append("` (")
        .append(stats.runs().size()).append(" runs) and `").append(Environment.FILE_NAME)
        .append("`. Every number below comes from those files, except the proof of concept's published figures"
            + " in section 5 (source named there).\n\n");
    md.append("How to read: statistics are over the measured (not warm-up), passed runs of the fixed-heap series;"
        + " each cell is `median [min–max]` (the median of an even count is the mean of the two middle values),"
        + " and each metric's median is taken on its own, so the median time and the median memory may come from"
        + " different runs. Failed runs are counted beside the statistics and listed in the appendix. Ratios are"
        + " ITERATE / CACHE of the medians: below 1 means ITERATE is lower.\n\n");
    md.append(environmentSection());
    md.append(dataSection());
    md.append(summarySection());
    md.append(comparisonSection());
    md.append(anchorSection());
    md.append(thresholdSection());
    md.append(chartSection());
    md.append(runsAppendix());
    return md.toString();
  }

  private String environmentSection() {
    MarkdownTable t = MarkdownTable.text("setting", "value");
    t.row("machine", env.machine() == null ? null : env.machine().describe());
    t.row("operating system", env.os());
    t.row("Java", env.javaVersion());
    t.row("Spark", env.sparkVersion());
    t.row("git commit", env.gitCommit());
    t.row("Spark master", env.master());
    t.row("spark.sql.shuffle.partitions", env.shufflePartitions());
    t.row("spark.sql.adaptive.enabled (AQE)", env.aqe());
    t.row("S3 server", env.s3Server());
    t.row("PostgreSQL", env.postgresVersion());
    t.row("fixed-heap series -Xmx (MiB)", heapsOf(BenchRun.FIXED_HEAP));
    t.row("heap-sweep -Xmx tried (MiB)", heapsOf(BenchRun.HEAP_SWEEP));
    t.row("budget B (MiB)", fit.budget() == null ? null : Fmt.integer(fit.budget().heapMib()) + " (" + fit.budget().origin() + ")");
    t.row("safety s", fit.budget() == null ? null : fit.budget().safety());
    env.sparkConf().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> t.row(e.getKey(), e.getValue()));
    t.row("environment recorded at", env.recordedAt());
    long warmups = stats.runs().stream().filter(BenchRun::warmup).count();
    long failed = stats.failedRuns().size();
    t.row("runs", stats.runs().size() + " (" + warmups + " warm-ups, " + failed + " failed)");
    return "## 1. Environment and configuration\n\n" + t.render() + "\n";
  }

  private String heapsOf(String series) {
    String heaps =
        stats.runs().stream().filter(r -> r.series().equals(series)).map(BenchRun::heapMib).distinct().sorted()
            .map(h -> Fmt.integer(h)).collect(Collectors.joining(", "));
    return heaps.isEmpty() ? null : heaps;
  }

  private String dataSection() {
    MarkdownTable t = MarkdownTable.numeric("scale", "input rows", "input bytes", "bytes per input row", "output rows");
    for (ScaleInfo s : stats.scales()) {
      t.row(s.name(), Fmt.integer(s.inputRows()), Fmt.integer(s.inputBytes()), Fmt.num(s.bytesPerRow(), 1), Fmt.integer(s.outputRows()));
    }
    return "## 2. Data sets\n\nInput rows and bytes from the Parquet footers; output rows as written by the passed runs"
        + " (median).\n\n" + t.render() + "\n";
  }

  private String summarySection() {
    StringBuilder md = new StringBuilder("## 3. Summary per scale and mode\n\n");
    for (ScaleInfo scale : stats.scales()) {
      ModeSummary cache = stats.summary(scale.name(), BenchRun.CACHE);
      ModeSummary iterate = stats.summary(scale.name(), BenchRun.ITERATE);
      MarkdownTable t = MarkdownTable.numeric("metric", "cache", "iterate");
      t.row("runs passed / failed (warm-ups excluded)", counts(cache), counts(iterate));
      t.row("warm-ups", cache.warmups(), iterate.warmups());
      t.row("fixed heap -Xmx (MiB)", heaps(cache), heaps(iterate));
      t.row("smallest viable heap (heap sweep)", minHeap(cache), minHeap(iterate));
      for (Metric metric : Metric.values()) {
        t.row(metric.label(), describe(cache.stat(metric), metric), describe(iterate.stat(metric), metric));
      }
      md.append("### ").append(scale.name()).append(" (").append(Fmt.integer(scale.inputRows())).append(" input rows)\n\n")
          .append(t.render()).append('\n');
    }
    return md.toString();
  }

  private static String counts(ModeSummary s) {
    return s.passed() + " / " + s.failed();
  }

  private static String heaps(ModeSummary s) {
    return s.heapsMib().isEmpty() ? null : s.heapsMib().stream().map(h -> Fmt.integer(h)).collect(Collectors.joining(", "));
  }

  private static String minHeap(ModeSummary s) {
    return s.minViableHeap() == null ? "not swept" : s.minViableHeap().describe();
  }

  private static String describe(Stats s, Metric metric) {
    return s == null ? null : s.describe(metric.decimals());
  }

  private String comparisonSection() {
    MarkdownTable t =
        MarkdownTable.numeric(
            "scale", "input rows", "wall", "pipeline", "peak RSS", "heap peak", "smallest viable heap",
            "wall-time ranges", "peak-RSS ranges", "verdict: ITERATE is");
    for (ModeComparison c : stats.comparisons()) {
      t.row(
          c.scale().name(), Fmt.integer(c.scale().inputRows()), ratio(c.wallRatio()), ratio(c.pipelineRatio()),
          ratio(c.peakRssRatio()), ratio(c.heapPeakRatio()), ratio(c.minViableHeapRatio()), c.time().text(),
          c.memory().text(), c.verdict());
    }
    String crossover =
        stats.timeCrossover()
            .map(s -> "from scale " + s.name() + " (" + Fmt.integer(s.inputRows()) + " input rows) on, ITERATE is faster.")
            .orElse("none: ITERATE is not faster beyond doubt from any scale on.");
    return "## 4. Mode comparison\n\n"
        + "Ratios ITERATE / CACHE of the medians. Verdict from the min–max ranges of wall time and peak RSS: *faster* or"
        + " *smaller* when ITERATE's whole range lies below CACHE's, *both*, *neither* (a range is disjoint, none in"
        + " ITERATE's favour), *not significant* (both ranges overlap).\n\n"
        + t.render() + "\n"
        + "Time crossover (" + RunStatistics.CROSSOVER_RULE + "): " + crossover + "\n\n";
  }

  private static String ratio(Double r) {
    return Fmt.num(r, 2);
  }

  private String anchorSection() {
    MarkdownTable t =
        MarkdownTable.numeric(
            "our scale", "our input rows", "nearest POC scale", "POC input rows", "our CACHE wall (s)", "POC time (s)",
            "our µs / input row", "POC µs / input row", "our CACHE peak RSS (MiB)", "POC peak RSS (MiB)",
            "our KiB / input row", "POC KiB / input row");
    SimpleRegression ourTime = new SimpleRegression();
    SimpleRegression ourRss = new SimpleRegression();
    for (ScaleInfo scale : stats.scales()) {
      ModeSummary cache = stats.summary(scale.name(), BenchRun.CACHE);
      Double wall = cache.median(Metric.WALL);
      Double rss = cache.median(Metric.PEAK_RSS);
      if (wall == null && rss == null || scale.inputRows() == 0) {
        continue;
      }
      PocAnchors.Anchor poc = PocAnchors.nearest(scale.inputRows());
      t.row(
          scale.name(), Fmt.integer(scale.inputRows()), poc.scale(), Fmt.integer(poc.inputRows()), Fmt.num(wall, 2),
          Fmt.num(poc.timeS(), 2), wall == null ? null : Fmt.num(wall * 1e6 / scale.inputRows(), 1), Fmt.num(poc.microsPerRow(), 1),
          Fmt.num(rss, 0), Fmt.num(poc.peakRssMib(), 0), rss == null ? null : Fmt.num(rss * 1024 / scale.inputRows(), 2),
          Fmt.num(poc.kibPerRow(), 2));
      if (wall != null) {
        ourTime.addData(scale.inputRows(), wall);
      }
      if (rss != null) {
        ourRss.addData(scale.inputRows(), rss);
      }
    }
    SimpleRegression pocTime = new SimpleRegression();
    SimpleRegression pocRss = new SimpleRegression();
    for (PocAnchors.Anchor a : PocAnchors.OCP_ONLY_IN_MEMORY) {
      pocTime.addData(a.inputRows(), a.timeS());
      pocRss.addData(a.inputRows(), a.peakRssMib());
    }
    String slopes =
        "Least-squares slopes over the scales (marginal cost of one more input row): ours "
            + slope(ourTime, 1e6, 1, "µs") + " and " + slope(ourRss, 1024, 2, "KiB") + " per input row; POC "
            + slope(pocTime, 1e6, 1, "µs") + " and " + slope(pocRss, 1024, 2, "KiB") + " per input row.";
    return "## 5. Against the proof of concept\n\n"
        + "Our CACHE medians beside the Python POC's published OCP-only in-memory figures (source: "
        + PocAnchors.SOURCE + "). Scales are matched by the **nearest** input rows, not equal ones, and the data,"
        + " code and machines differ (the POC had no PV rows; our wall time includes JVM and Spark start), so compare"
        + " the per-row costs and slopes rather than absolute small-scale times.\n\n"
        + t.render() + "\n" + slopes + "\n\n";
  }

  private static String slope(SimpleRegression r, double factor, int decimals, String unit) {
    return r.getN() < 2 ? "– " + unit : Fmt.num(r.getSlope() * factor, decimals) + " " + unit;
  }

  private String thresholdSection() {
    StringBuilder md = new StringBuilder("## 6. AUTO's threshold\n\n");
    md.append("**Rule.** ").append(ThresholdFit.RULE).append("\n\n");
    md.append("Smallest viable heap per scale and mode: ").append(MinViableHeap.RULE).append(".\n\n");
    if (fit.budget() != null) {
      md.append("Budget B = ").append(Fmt.integer(fit.budget().heapMib())).append(" MiB (").append(fit.budget().origin())
          .append("), safety s = ").append(fit.budget().safety()).append(", s·B = ").append(Fmt.num(fit.budget().safeMib(), 1))
          .append(" MiB.\n\n");
    }
    MarkdownTable points = MarkdownTable.numeric("scale", "input rows", "cache", "iterate");
    for (ScaleInfo scale : stats.scales()) {
      ModeSummary cache = stats.summary(scale.name(), BenchRun.CACHE);
      ModeSummary iterate = stats.summary(scale.name(), BenchRun.ITERATE);
      if (cache.minViableHeap() != null || iterate.minViableHeap() != null) {
        points.row(scale.name(), Fmt.integer(scale.inputRows()), minHeap(cache), minHeap(iterate));
      }
    }
    md.append("Smallest viable heap (points of the fit; \"not found\" points are left out of it):\n\n").append(points.render()).append('\n');
    if (!fit.fits().isEmpty()) {
      MarkdownTable lines =
          MarkdownTable.numeric(
              "mode", "n (scales)", "a (MiB)", "b (MiB per million rows)", "R²", "slope 95% CI (MiB per million rows)",
              "input rows at s·B");
      fit.fits().forEach(
          (mode, l) ->
              lines.row(
                  mode, l.n(), Fmt.num(l.a(), 1), Fmt.num(l.b() * 1e6, 2), Fmt.num(l.r2(), 4),
                  Double.isNaN(l.slopeCiLow()) ? "– (needs 3 scales)" : Fmt.num(l.slopeCiLow() * 1e6, 2) + " to " + Fmt.num(l.slopeCiHigh() * 1e6, 2),
                  Double.isInfinite(l.maxRowsWithinBudget()) ? "never reached" : Fmt.integer(Math.round(l.maxRowsWithinBudget()))));
      md.append("Least-squares fit min_viable_heap = a + b·rows:\n\n").append(lines.render()).append('\n');
    }
    md.append("**Recommendation.** ").append(fit.recommendation()).append(' ').append(fit.why()).append("\n\n");
    md.append("- threshold_rows: ").append(fit.thresholdRows() == null ? "null" : Fmt.integer(fit.thresholdRows())).append('\n');
    md.append("- threshold_bytes: ").append(fit.thresholdBytes() == null ? "null" : Fmt.integer(fit.thresholdBytes()))
        .append(" (at the largest scale's Parquet bytes per input row)\n");
    md.append("- tested input rows: ").append(Fmt.integer(fit.testedMinRows())).append(" to ").append(Fmt.integer(fit.testedMaxRows())).append('\n');
    md.append("- extrapolated: ").append(fit.extrapolated() ? "yes, not observed: validate with one run just below and one just above T at heap B" : "no").append('\n');
    md.append("- time crossover: ")
        .append(fit.timeCrossover().map(s -> s.name() + " (" + Fmt.integer(s.inputRows()) + " input rows)").orElse("none")).append('\n');
    md.append("- written to `").append(ThresholdJson.FILE_NAME).append("`; AUTO reads it from `exec.threshold-file`, or from the jar"
        + " once it is copied to conf/threshold.json (`exec.streaming-threshold-rows` overrides it).\n\n");
    return md.toString();
  }

  private String chartSection() {
    StringBuilder md = new StringBuilder("## 7. Charts\n\n");
    for (Charts.Chart chart : charts) {
      if (chart.drawn()) {
        md.append("![").append(chart.title()).append("](").append(CHARTS_DIR).append('/').append(chart.file()).append(")\n\n");
      } else {
        md.append("*").append(chart.title()).append(": not drawn, no data.*\n\n");
      }
    }
    return md.toString();
  }

  private String runsAppendix() {
    StringBuilder md = new StringBuilder("## Appendix: every run\n\n");
    List<BenchRun> failed = stats.failedRuns();
    if (failed.isEmpty()) {
      md.append("No run failed.\n\n");
    } else {
      MarkdownTable f = MarkdownTable.text("series", "scale", "mode", "run", "warm-up", "-Xmx (MiB)", "exit code", "validation", "reason");
      failed.forEach(r -> f.row(r.series(), r.scale(), r.mode(), r.run(), r.warmup() ? "yes" : "no", Fmt.integer(r.heapMib()), r.exitCode(), r.validation(), r.failureReason()));
      md.append("### Failed runs (").append(failed.size()).append(")\n\n").append(f.render()).append('\n');
    }
    MarkdownTable t =
        MarkdownTable.numeric(
            "series", "scale", "mode", "run", "warm-up", "-Xmx (MiB)", "passed", "exit", "validation", "wall (s)", "pipeline (s)",
            "peak RSS (MiB)", "heap peak (MiB)", "CPU (s)", "output rows", "started at", "failure");
    for (BenchRun r : stats.runs()) {
      t.row(
          r.series(), r.scale(), r.mode(), r.run(), r.warmup() ? "yes" : "no", Fmt.integer(r.heapMib()), r.passed() ? "yes" : "no",
          r.exitCode(), r.validation(), Fmt.num(r.wallS(), 2), Fmt.num(r.pipelineS(), 2), Fmt.num(r.peakRssMib(), 0),
          Fmt.num(r.heapPeakMib(), 0), Fmt.num(r.cpuS(), 2), Fmt.integer(r.outputRows()), r.startedAt(),
          r.passed() ? "" : r.failureReason());
    }
    md.append("### All runs (").append(stats.runs().size()).append(", in recording order)\n\n").append(t.render());
    return md.toString();
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
