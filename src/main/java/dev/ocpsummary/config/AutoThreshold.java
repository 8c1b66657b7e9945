package dev.ocpsummary.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where AUTO switches from CACHE to ITERATE: an explicit {@code exec.streaming-threshold-rows}
 * (override), or the benchmark's recommendation, a {@code threshold.json} written by the comparison
 * report ({@code exec.threshold-file}; by default the copy shipped in the jar).
 *
 * <p>{@code rows} null means AUTO runs CACHE at every size: either the benchmark found that switching
 * buys nothing ({@code measured} true), or the file holds no measurement yet ({@code measured} false,
 * as the placeholder shipped before a benchmark ran). A missing or unreadable file is a {@link
 * SettingsException} naming it.
 *
 * @param rows AUTO runs ITERATE above this many estimated input rows; null = never
 * @param override true when {@code exec.streaming-threshold-rows} set it
 * @param measured the number (or its absence) comes from benchmark measurements
 * @param source where it came from, for the mode's reason: the key or {@code threshold file …}
 * @param basis the rule's numbers behind it, one phrase (empty for an override)
 */
public record AutoThreshold(Long rows, boolean override, boolean measured, String source, String basis) {

  /** The resource name of the recommendation shipped in the jar (copied from conf/threshold.json). */
  public static final String RESOURCE = "threshold.json";

  /** An explicit threshold from {@code exec.streaming-threshold-rows}. */
  public static AutoThreshold override(long rows) {
    return new AutoThreshold(rows, true, false, "config key " + ExecSettings.PREFIX + "streaming-threshold-rows", "");
  }

  /** The threshold of {@code file}, or of the jar's resource when {@code file} is empty. */
  static AutoThreshold fromFile(String file) {
    String name = file.isBlank() ? "classpath:" + RESOURCE : Path.of(file).toAbsolutePath().normalize().toString();
    Config json = parse(file, name);
    try {
      if (!json.hasPathOrNull("threshold_rows")) {
        throw new SettingsException("threshold file " + name + " has no threshold_rows (a number of rows, or null)");
      }
      Long rows = json.getIsNull("threshold_rows") ? null : json.getLong("threshold_rows");
      if (rows != null && rows < 0) {
        throw new SettingsException("threshold file " + name + ": threshold_rows = " + rows + " must be 0 or more");
      }
      boolean measured = !json.hasPath("measured") || json.getBoolean("measured");
      return new AutoThreshold(rows, false, measured, "threshold file " + name, basis(json, rows));
    } catch (ConfigException e) {
      throw new SettingsException("threshold file " + name + ": " + firstLine(e), e);
    }
  }

  /** The rule's numbers: the budget and, with a threshold, CACHE's fitted line that reaches it. */
  private static String basis(Config json, Long rows) {
    if (!json.hasPath("budget_heap_mib") || !json.hasPath("safety")) {
      return "";
    }
    String budget =
        String.format(Locale.ROOT, "%s × %,d MiB heap budget", json.getNumber("safety"), json.getLong("budget_heap_mib"));
    if (rows != null && json.hasPath("fit.cache.a") && json.hasPath("fit.cache.b")) {
      return String.format(
          Locale.ROOT, "CACHE's smallest heap %,.1f MiB + %,.2f MiB per million rows reaches %s there",
          json.getDouble("fit.cache.a"), json.getDouble("fit.cache.b") * 1e6, budget);
    }
    return budget;
  }

  private static Config parse(String file, String name) {
    ConfigParseOptions json = ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON).setAllowMissing(false);
    try (InputStream in = open(file, name);
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      return ConfigFactory.parseReader(reader, json.setOriginDescription(name));
    } catch (IOException e) {
      throw new SettingsException("threshold file " + name + " cannot be read: " + e, e);
    } catch (ConfigException e) {
      throw new SettingsException("threshold file " + name + " is not valid JSON: " + firstLine(e), e);
    }
  }

  private static InputStream open(String file, String name) throws IOException {
    if (file.isBlank()) {
      InputStream in = AutoThreshold.class.getClassLoader().getResourceAsStream(RESOURCE);
      if (in == null) {
        throw new SettingsException(
            "threshold file " + name + " is missing from the classpath (the build copies conf/threshold.json); set "
                + ExecSettings.PREFIX + "threshold-file or " + ExecSettings.PREFIX + "streaming-threshold-rows");
      }
      return in;
    }
    Path path = Path.of(file);
    if (!Files.isRegularFile(path)) {
      throw new SettingsException(
          "config key " + ExecSettings.PREFIX + "threshold-file = '" + file + "': threshold file " + name + " does not exist");
    }
    return Files.newInputStream(path);
  }

  private static String firstLine(Exception e) {
    return String.valueOf(e.getMessage()).lines().findFirst().orElse("");
  }

  /** In words, for the mode's reason and the run record. */
  public String describe() {
    String number = rows == null ? "none" : String.format(Locale.ROOT, "%,d rows", rows);
    if (override) {
      return source + " = " + String.format(Locale.ROOT, "%,d", rows) + " (override)";
    }
    return number + " from " + source + (basis.isEmpty() ? "" : " (" + basis + ")");
  }
}
