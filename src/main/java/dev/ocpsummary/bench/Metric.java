package dev.ocpsummary.bench;

import java.util.function.Function;

/**
 * The measures the report summarises per scale and mode, read from a {@link BenchRun} (null when the
 * run did not produce it), with a label, a unit and the decimals they are shown with. Byte counts are
 * shown in MiB.
 */
public enum Metric {
  WALL("wall_s", "process wall time (incl. JVM + Spark start)", "s", 2, BenchRun::wallS),
  PIPELINE("pipeline_s", "pipeline time (job's own)", "s", 2, BenchRun::pipelineS),
  PHASE_LIST("phase_list_s", "phase list", "s", 2, r -> r.phase("list")),
  PHASE_READ("phase_read_s", "phase read", "s", 2, r -> r.phase("read")),
  PHASE_AGGREGATE("phase_aggregate_s", "phase aggregate", "s", 2, r -> r.phase("aggregate")),
  PHASE_WRITE("phase_write_s", "phase write", "s", 2, r -> r.phase("write")),
  DB_WRITE("db_write_s", "PostgreSQL write", "s", 2, BenchRun::dbWriteS),
  DB_ROWS_PER_S("db_rows_per_s", "PostgreSQL write rate (output rows / db_write_s)", "rows/s", 0, Metric::dbRowsPerSecond),
  PEAK_RSS("peak_rss_mib", "peak RSS (process tree)", "MiB", 0, BenchRun::peakRssMib),
  AVG_RSS("avg_rss_mib", "average RSS (time-weighted)", "MiB", 0, BenchRun::avgRssMib),
  HEAP_PEAK("heap_peak_mib", "heap peak (driver)", "MiB", 0, BenchRun::heapPeakMib),
  GC("gc_s", "GC time", "s", 2, BenchRun::gcS),
  CPU("cpu_s", "CPU time (user + sys)", "s", 2, BenchRun::cpuS),
  AVG_CORES("avg_cores", "average cores (CPU / wall)", "cores", 2, BenchRun::avgCores),
  SPILL("spill_mib", "spilled", "MiB", 1, r -> mib(r.spillBytes())),
  PEAK_EXECUTION_MEMORY("peak_execution_memory_mib", "largest task's peak execution memory", "MiB", 1, r -> mib(r.peakExecutionMemoryBytes())),
  JOBS("jobs", "Spark jobs", "", 0, r -> r.jobs() == null ? null : r.jobs().doubleValue());

  private final String key;
  private final String label;
  private final String unit;
  private final int decimals;
  private final Function<BenchRun, Double> value;

  Metric(String key, String label, String unit, int decimals, Function<BenchRun, Double> value) {
    this.key = key;
    this.label = label;
    this.unit = unit;
    this.decimals = decimals;
    this.value = value;
  }

  /** The column name in {@code summary.csv}. */
  public String key() {
    return key;
  }

  /** The label with its unit, for tables. */
  public String label() {
    return unit.isEmpty() ? label : label + " (" + unit + ")";
  }

  public int decimals() {
    return decimals;
  }

  /** The run's value, or null when it has none. */
  public Double of(BenchRun run) {
    return value.apply(run);
  }

  private static Double mib(Long bytes) {
    return bytes == null ? null : bytes / (1024.0 * 1024.0);
  }

  private static Double dbRowsPerSecond(BenchRun run) {
    if (run.outputRows() == null || run.dbWriteS() == null || run.dbWriteS() <= 0) {
      return null;
    }
    return run.outputRows() / run.dbWriteS();
  }
}
