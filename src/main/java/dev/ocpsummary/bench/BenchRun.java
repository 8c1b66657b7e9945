package dev.ocpsummary.bench;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One benchmark run of {@code summarize} as a separate JVM: one line of {@code runs.jsonl}, the
 * contract between the benchmark runner (which measures) and the comparison report (which reads).
 *
 * <p>Identity and what the runner always knows are required; what a failed run may not have
 * produced (anything from the job's run record or the RSS sampler) is nullable. Warm-ups are
 * recorded but never enter statistics; failed runs are recorded and always shown, never dropped.
 * A record whose values contradict each other (an unknown series or mode, {@code passed} with a
 * non-zero exit code) is rejected when it is built.
 *
 * @param series {@value #FIXED_HEAP} (time and memory at the budget heap) or {@value #HEAP_SWEEP}
 *     (searching the smallest heap that passes)
 * @param scale the data scale's name (e.g. {@code 20k})
 * @param mode {@value #CACHE} or {@value #ITERATE}
 * @param run 1-based index within (series, scale, mode)
 * @param warmup a discarded warm-up run
 * @param heapMib the driver's {@code -Xmx} in MiB
 * @param inputRows input rows, summed from Parquet footers
 * @param inputBytes input bytes of the Parquet files
 * @param outputRows summary rows written, if the run got that far
 * @param exitCode the process's exit code
 * @param passed exit code 0 and validation passed
 * @param failure why the run did not pass, one line; null when it passed
 * @param validation {@code passed}, {@code failed} or {@code skipped}
 * @param wallS process wall time in seconds, including JVM and Spark start
 * @param pipelineS the job's own time in seconds, from its run record
 * @param phaseS seconds per phase ({@code list}, {@code read}, {@code aggregate}, {@code write})
 * @param dbWriteS seconds spent writing to PostgreSQL
 * @param peakRssMib peak of the process tree's summed resident set size, MiB
 * @param avgRssMib time-weighted mean of that sum, MiB
 * @param cpuS user + system CPU seconds of the process tree
 * @param avgCores {@code cpuS / wallS}
 * @param heapPeakMib the driver's heap peak from the run record, MiB
 * @param gcS garbage collection seconds
 * @param spillBytes bytes Spark spilled (memory + disk spill totals as the run record gives them)
 * @param peakExecutionMemoryBytes the largest task's peak execution memory
 * @param jobs Spark jobs the run started
 * @param runRecord path of the job's JSON run record, if one was written
 * @param startedAt when the process started, an ISO-8601 instant
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BenchRun(
    @JsonProperty(value = "series", required = true) String series,
    @JsonProperty(value = "scale", required = true) String scale,
    @JsonProperty(value = "mode", required = true) String mode,
    @JsonProperty(value = "run", required = true) int run,
    @JsonProperty(value = "warmup", required = true) boolean warmup,
    @JsonProperty(value = "heap_mib", required = true) int heapMib,
    @JsonProperty(value = "input_rows", required = true) long inputRows,
    @JsonProperty(value = "input_bytes", required = true) long inputBytes,
    @JsonProperty("output_rows") Long outputRows,
    @JsonProperty(value = "exit_code", required = true) int exitCode,
    @JsonProperty(value = "passed", required = true) boolean passed,
    @JsonProperty("failure") String failure,
    @JsonProperty(value = "validation", required = true) String validation,
    @JsonProperty(value = "wall_s", required = true) double wallS,
    @JsonProperty("pipeline_s") Double pipelineS,
    @JsonProperty("phase_s") Map<String, Double> phaseS,
    @JsonProperty("db_write_s") Double dbWriteS,
    @JsonProperty("peak_rss_mib") Double peakRssMib,
    @JsonProperty("avg_rss_mib") Double avgRssMib,
    @JsonProperty("cpu_s") Double cpuS,
    @JsonProperty("avg_cores") Double avgCores,
    @JsonProperty("heap_peak_mib") Double heapPeakMib,
    @JsonProperty("gc_s") Double gcS,
    @JsonProperty("spill_bytes") Long spillBytes,
    @JsonProperty("peak_execution_memory_bytes") Long peakExecutionMemoryBytes,
    @JsonProperty("jobs") Integer jobs,
    @JsonProperty("run_record") String runRecord,
    @JsonProperty(value = "started_at", required = true) String startedAt) {

  public static final String FIXED_HEAP = "fixed-heap";
  public static final String HEAP_SWEEP = "heap-sweep";
  public static final String CACHE = "cache";
  public static final String ITERATE = "iterate";
  /** The modes in the order every table and chart shows them. */
  public static final List<String> MODES = List.of(CACHE, ITERATE);

  /** The phases of a run record, in the order the job runs them. */
  public static final List<String> PHASES = List.of("list", "read", "aggregate", "write");

  private static final Set<String> SERIES = Set.of(FIXED_HEAP, HEAP_SWEEP);
  private static final Set<String> VALIDATIONS = Set.of("passed", "failed", "skipped");

  public BenchRun {
    require(SERIES.contains(series), "series", series, "must be " + FIXED_HEAP + " or " + HEAP_SWEEP);
    require(scale != null && !scale.isBlank(), "scale", scale, "must not be empty");
    require(MODES.contains(mode), "mode", mode, "must be " + CACHE + " or " + ITERATE);
    require(run >= 1, "run", run, "must be 1 or more");
    require(heapMib > 0, "heap_mib", heapMib, "must be positive");
    require(inputRows >= 0, "input_rows", inputRows, "must be 0 or more");
    require(inputBytes >= 0, "input_bytes", inputBytes, "must be 0 or more");
    require(VALIDATIONS.contains(validation), "validation", validation, "must be one of passed, failed, skipped");
    require(!passed || exitCode == 0, "passed", passed, "contradicts exit_code " + exitCode);
    require(!passed || !"failed".equals(validation), "passed", passed, "contradicts validation failed");
    require(wallS >= 0, "wall_s", wallS, "must be 0 or more");
    try {
      Instant.parse(Objects.requireNonNull(startedAt, "started_at"));
    } catch (DateTimeParseException | NullPointerException e) {
      throw new IllegalArgumentException("started_at = '" + startedAt + "' is not an ISO-8601 instant");
    }
    if (failure != null) {
      failure = failure.lines().findFirst().orElse("").strip();
    }
    phaseS = phaseS == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(phaseS));
  }

  /** A measured run: not a warm-up. */
  @JsonIgnore
  public boolean measured() {
    return !warmup;
  }

  /** Seconds of one phase, or null when the run record did not have it. */
  public Double phase(String name) {
    return phaseS.get(name);
  }

  /** Why the run counts as failed, for tables: the failure line, or what the flags say. */
  @JsonIgnore
  public String failureReason() {
    if (passed) {
      return "";
    }
    if (failure != null && !failure.isBlank()) {
      return failure;
    }
    return exitCode != 0 ? "exit code " + exitCode : "validation " + validation;
  }

  private static void require(boolean ok, String field, Object value, String why) {
    if (!ok) {
      throw new IllegalArgumentException(field + " = '" + value + "' " + why);
    }
  }
}
