package dev.ocpsummary.config;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How a run executes: which mode, when AUTO switches to ITERATE, how CACHE persists its inputs, and
 * where the JSON run record goes. Read from {@code ocp-summary.exec}; {@code --mode} overrides the
 * mode. AUTO's threshold is read here, once, so that a missing or broken threshold file fails the run
 * before Spark starts.
 *
 * @param mode the requested mode
 * @param modeOrigin where the mode was asked for ({@code --mode} or the config key), for the run record
 * @param autoThreshold AUTO chooses ITERATE when the estimated input rows exceed this (from {@code
 *     exec.streaming-threshold-rows} when set, else from the benchmark's {@code exec.threshold-file})
 * @param storageLevel the Spark storage level CACHE persists the window's inputs with
 * @param writePartitions CACHE writes at most this many partitions, one COPY each (0 = one per executor core)
 * @param runRecordDir folder that receives one {@code <run id>.json} per run; empty = none
 */
public record ExecSettings(
    Mode mode,
    String modeOrigin,
    AutoThreshold autoThreshold,
    String storageLevel,
    int writePartitions,
    Optional<Path> runRecordDir) {

  /** The execution modes; see the exec package for what each does. */
  public enum Mode {
    CACHE,
    ITERATE,
    AUTO;

    /** The lower-case name used in config, on the command line and in the run records. */
    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The mode named {@code text} (case-insensitive), or empty. */
    public static Optional<Mode> parse(String text) {
      return Arrays.stream(values()).filter(m -> m.configName().equals(text.strip().toLowerCase(Locale.ROOT))).findFirst();
    }
  }

  /** Spark's storage levels that keep data (see org.apache.spark.storage.StorageLevel). */
  static final List<String> STORAGE_LEVELS =
      List.of(
          "MEMORY_AND_DISK", "MEMORY_AND_DISK_2", "MEMORY_AND_DISK_SER", "MEMORY_AND_DISK_SER_2",
          "MEMORY_ONLY", "MEMORY_ONLY_2", "MEMORY_ONLY_SER", "MEMORY_ONLY_SER_2",
          "DISK_ONLY", "DISK_ONLY_2", "DISK_ONLY_3", "OFF_HEAP");

  static final String PREFIX = "ocp-summary.exec.";

  public ExecSettings {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(modeOrigin, "modeOrigin");
    Objects.requireNonNull(autoThreshold, "autoThreshold");
    Objects.requireNonNull(storageLevel, "storageLevel");
    Objects.requireNonNull(runRecordDir, "runRecordDir");
  }

  /** The same settings with the mode asked for elsewhere (e.g. {@code --mode}). */
  public ExecSettings withMode(Mode newMode, String origin) {
    return new ExecSettings(newMode, origin, autoThreshold, storageLevel, writePartitions, runRecordDir);
  }

  /** The same settings with {@code exec.streaming-threshold-rows} set to {@code rows} (an override). */
  public ExecSettings withStreamingThresholdRows(long rows) {
    return new ExecSettings(mode, modeOrigin, AutoThreshold.override(rows), storageLevel, writePartitions, runRecordDir);
  }

  /** The same settings writing run records to another folder (or none). */
  public ExecSettings withRunRecordDir(Optional<Path> dir) {
    return new ExecSettings(mode, modeOrigin, autoThreshold, storageLevel, writePartitions, dir);
  }

  /** Reads and validates {@code exec.*} of the resolved {@code ocp-summary} config. */
  static ExecSettings from(Config c) {
    String modeText = c.getString("exec.mode");
    Mode mode =
        Mode.parse(modeText)
            .orElseThrow(() -> bad("mode", modeText, "must be one of cache, iterate, auto"));
    AutoThreshold threshold;
    // null (the default) leaves the choice to the benchmark's threshold file
    if (c.hasPath("exec.streaming-threshold-rows")) {
      long rows = c.getLong("exec.streaming-threshold-rows");
      if (rows < 0) {
        throw bad("streaming-threshold-rows", rows, "must be 0 or more");
      }
      threshold = AutoThreshold.override(rows);
    } else {
      threshold = AutoThreshold.fromFile(c.getString("exec.threshold-file").strip());
    }
    String level = c.getString("exec.storage-level").strip().toUpperCase(Locale.ROOT);
    if (!STORAGE_LEVELS.contains(level)) {
      throw bad("storage-level", c.getString("exec.storage-level"), "must be one of " + STORAGE_LEVELS);
    }
    int writePartitions = c.getInt("exec.write-partitions");
    if (writePartitions < 0) {
      throw bad("write-partitions", writePartitions, "must be 0 (one per executor core) or more");
    }
    String dir = c.getString("exec.run-record-dir").strip();
    Optional<Path> runRecordDir =
        dir.isEmpty() ? Optional.empty() : Optional.of(Path.of(dir).toAbsolutePath().normalize());
    return new ExecSettings(mode, "config key " + PREFIX + "mode", threshold, level, writePartitions, runRecordDir);
  }

  private static SettingsException bad(String key, Object value, String why) {
    return new SettingsException("config key " + PREFIX + key + " = '" + value + "' " + why);
  }
}
