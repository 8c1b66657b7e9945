package dev.ocpsummary.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocpsummary.config.SparkTuningKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What a benchmark series ran on: the machine, the software and the settings held fixed, gathered
 * once per series. Spark's own settings come from a run record of the series (the children's truth),
 * the rest from this machine and the benchmark's options.
 */
final class EnvironmentProbe {

  /** Spark settings the job tunes, by their key in a run record's {@code environment}, in report order. */
  private static final List<Map.Entry<String, String>> SPARK_TUNING_IN_RUN_RECORD =
      List.of(
          Map.entry("min_shuffle_partition_size", SparkTuningKeys.MIN_SHUFFLE_PARTITION_SIZE),
          Map.entry("memory_page_size", SparkTuningKeys.PAGE_SIZE));

  private EnvironmentProbe() {}

  static Environment gather(BenchOptions options, Map<String, String> services, Path project, JsonNode runRecord) {
    JsonNode env = runRecord == null ? null : runRecord.path("environment");
    Map<String, String> protocol = new LinkedHashMap<>();
    protocol.put("fixed-heap series: driver heap (-Xmx)", options.heapMib() + " MiB");
    protocol.put("measured runs per scale and mode", Integer.toString(options.runs()));
    protocol.put("warm-up runs per scale and mode (not counted)", Integer.toString(options.warmups()));
    protocol.put(
        "heap sweep",
        options.heapSweep()
            ? options.sweep().floorMib() + ".." + options.sweep().ceilingMib() + " MiB in steps of " + options.sweep().stepMib() + " MiB"
            : "not run");
    for (Map.Entry<String, String> setting : SPARK_TUNING_IN_RUN_RECORD) {
      if (env != null && env.has(setting.getKey())) {
        protocol.put(setting.getValue(), env.path(setting.getKey()).asText());
      }
    }
    protocol.put("memory and CPU sampling", "process tree RSS and CPU from /proc every 100 ms, outside the JVM");
    protocol.put("input", "s3a from the S3 server; summary rows of the scale deleted before each run, outside the timed run");
    return new Environment(
        new Environment.Machine(cpuModel(), Runtime.getRuntime().availableProcessors(), memTotalMib()),
        osName(),
        System.getProperty("java.vendor") + " " + System.getProperty("java.version"),
        env == null ? null : env.path("spark_version").asText(null),
        gitCommit(project),
        env == null ? null : env.path("master").asText("?") + " (" + env.path("default_parallelism").asText("?") + " cores)",
        env == null || !env.has("shuffle_partitions") ? null : env.path("shuffle_partitions").asInt(),
        env == null || !env.has("adaptive_enabled") ? null : env.path("adaptive_enabled").asBoolean(),
        services.get("s3_server"),
        services.get("postgresql"),
        options.budgetMib(),
        options.safety(),
        protocol,
        java.time.Instant.now().toString());
  }

  private static String cpuModel() {
    return firstValue(Path.of("/proc/cpuinfo"), "model name").orElse(System.getProperty("os.arch"));
  }

  private static Long memTotalMib() {
    return firstValue(Path.of("/proc/meminfo"), "MemTotal").map(v -> Long.parseLong(v.replaceAll("[^0-9]", "")) / 1024).orElse(null);
  }

  private static String osName() {
    return firstValue(Path.of("/etc/os-release"), "PRETTY_NAME").map(v -> v.replace("\"", ""))
        .orElse(System.getProperty("os.name")) + ", kernel " + System.getProperty("os.version");
  }

  private static java.util.Optional<String> firstValue(Path file, String key) {
    try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
      return lines.filter(l -> l.startsWith(key)).findFirst().map(l -> l.substring(l.indexOf(l.contains(":") ? ':' : '=') + 1).strip());
    } catch (IOException | RuntimeException e) {
      return java.util.Optional.empty();
    }
  }

  private static String gitCommit(Path project) {
    try {
      Process git = new ProcessBuilder(List.of("git", "-C", project.toString(), "describe", "--always", "--dirty")).redirectErrorStream(true).start();
      String text = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0 ? text : "unknown";
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}
