package dev.ocpsummary.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Makes the {@link BenchRun} of one measured process from what was seen outside it (exit code, wall
 * time, the sampled process tree) and what it recorded itself (its JSON run record: phase timings,
 * heap, Spark metrics, rows), so the two sources stay distinguishable in the record.
 */
final class BenchRunFactory {

  private static final double MIB = 1024.0 * 1024.0;

  private BenchRunFactory() {}

  static BenchRun of(
      String series, ScaleDataset dataset, String mode, int index, boolean warmup, int heapMib, ChildRun.Outcome outcome,
      String failure, String validation, JsonNode record, String recordPath, Instant startedAt) {
    ProcessTreeSampler.Usage usage = outcome.usage();
    boolean hasRecord = record != null;
    Map<String, Double> phases = new LinkedHashMap<>();
    if (hasRecord) {
      record.path("phase_millis").properties().forEach(e -> phases.put(e.getKey(), e.getValue().asDouble() / 1000.0));
    }
    JsonNode spark = hasRecord ? record.path("spark") : null;
    JsonNode memory = hasRecord ? record.path("memory") : null;
    return new BenchRun(
        series,
        dataset.scale(),
        mode,
        index,
        warmup,
        heapMib,
        dataset.inputRows(),
        dataset.inputBytes(),
        hasRecord ? Long.valueOf(record.path("output_rows").asLong()) : null,
        outcome.exitCode(),
        failure == null,
        failure,
        validation,
        outcome.wallSeconds(),
        hasRecord ? seconds(record.path("total_millis")) : null,
        phases,
        hasRecord ? seconds(record.path("db_write_millis")) : null,
        usage.peakRssMib(),
        usage.avgRssMib(),
        usage.cpuSeconds(),
        outcome.wallSeconds() > 0 ? usage.cpuSeconds() / outcome.wallSeconds() : null,
        hasRecord && memory.has("heap_peak_bytes") ? memory.path("heap_peak_bytes").asLong() / MIB : null,
        hasRecord ? seconds(memory.path("gc_millis")) : null,
        hasRecord ? spark.path("memory_spilled_bytes").asLong() + spark.path("disk_spilled_bytes").asLong() : null,
        hasRecord ? spark.path("peak_execution_memory_bytes").asLong() : null,
        hasRecord ? spark.path("jobs").asInt() : null,
        hasRecord ? recordPath : null,
        startedAt.toString());
  }

  private static Double seconds(JsonNode millis) {
    return millis == null || millis.isMissingNode() || millis.isNull() ? null : millis.asDouble() / 1000.0;
  }
}
