package dev.ocpsummary.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code threshold.json}: the recommendation of a {@link ThresholdFit} in the form AUTO reads (key
 * {@code exec.threshold-file}, or the copy the build puts in the jar from conf/threshold.json).
 * {@code threshold_rows} null means CACHE at every size when {@code measured} is true, and "no
 * recommendation yet" when it is false.
 */
public final class ThresholdJson {

  public static final String FILE_NAME = "threshold.json";

  private ThresholdJson() {}

  /** The document, keys in a stable order. */
  public static Map<String, Object> document(ThresholdFit.Result fit, Environment env, Instant generatedAt) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("measured", fit.measured());
    json.put("threshold_rows", fit.thresholdRows());
    json.put("threshold_bytes", fit.thresholdBytes());
    json.put("budget_heap_mib", fit.budget() == null ? null : fit.budget().heapMib());
    json.put("budget_origin", fit.budget() == null ? null : fit.budget().origin());
    json.put("safety", fit.budget() == null ? null : fit.budget().safety());
    json.put("rule", ThresholdFit.RULE);
    json.put("recommendation", fit.recommendation());
    json.put("why", fit.why());
    Map<String, Object> fits = new LinkedHashMap<>();
    fit.fits().forEach((mode, line) -> fits.put(mode, line(line)));
    json.put("fit", fits);
    json.put("min_viable_heap_rule", MinViableHeap.RULE);
    json.put("tested_min_rows", fit.testedMinRows());
    json.put("tested_max_rows", fit.testedMaxRows());
    json.put("extrapolated", fit.extrapolated());
    json.put(
        "time_crossover",
        fit.timeCrossover().map(s -> Map.<String, Object>of("scale", s.name(), "input_rows", s.inputRows())).orElse(null));
    json.put("spark_version", env.sparkVersion());
    json.put("machine", env.machine() == null ? null : env.machine().describe());
    json.put("git_commit", env.gitCommit());
    json.put("generated_at", generatedAt.toString());
    return json;
  }

  /** Writes the document to {@code file}. */
  public static void write(Path file, Map<String, Object> document) {
    try {
      String text = RunsFile.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(document);
      Files.writeString(file, text + "\n", StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("threshold document not writable as JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static Map<String, Object> line(ThresholdFit.Line line) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("a", finite(line.a()));
    json.put("b", finite(line.b()));
    json.put("r2", finite(line.r2()));
    json.put("slope_ci_low", finite(line.slopeCiLow()));
    json.put("slope_ci_high", finite(line.slopeCiHigh()));
    json.put("n", line.n());
    json.put("max_rows_within_budget", finite(line.maxRowsWithinBudget()));
    return json;
  }

  /** JSON has no NaN or infinity: what is not a number is null. */
  private static Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
