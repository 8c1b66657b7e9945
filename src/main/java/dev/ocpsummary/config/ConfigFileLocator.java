package dev.ocpsummary.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * Finds the job's config file, in this order: the path given with {@code --config}; else the {@code
 * config.file} system property (Typesafe Config's convention, set with {@code -Dconfig.file=...} in the
 * driver's Java options); no file when neither is set.
 *
 * <p>A relative path that does not exist in the working directory is then looked up by its file name
 * among the files shipped with {@code spark-submit --files} (see {@link SparkShippedFiles}); where it is
 * not found there either, the path is returned as given, and loading it fails naming that path.
 */
public final class ConfigFileLocator {

  /** The system property Typesafe Config reads the application's config file from. */
  public static final String SYSTEM_PROPERTY = "config.file";

  private final Function<String, Optional<Path>> shippedFiles;

  /** A locator that looks up shipped files by name with {@code shippedFiles}. */
  public ConfigFileLocator(Function<String, Optional<Path>> shippedFiles) {
    this.shippedFiles = shippedFiles;
  }

  /** The path named by {@code --config}, else by the system property, before any lookup. */
  public static Optional<Path> requested(Optional<Path> option, Properties system) {
    if (option.isPresent()) {
      return option;
    }
    String property = system.getProperty(SYSTEM_PROPERTY, "").strip();
    return property.isEmpty() ? Optional.empty() : Optional.of(Path.of(property));
  }

  /** Whether only the shipped files can hold {@code path}: it is relative and not in the working directory. */
  public static boolean onlyShipped(Path path) {
    return !path.isAbsolute() && !Files.exists(path);
  }

  /** The config file to load, if any. */
  public Optional<Path> locate(Optional<Path> option, Properties system) {
    return requested(option, system).map(this::inShippedFilesIfMissing);
  }

  private Path inShippedFilesIfMissing(Path path) {
    if (!onlyShipped(path) || path.getFileName() == null) {
      return path;
    }
    return shippedFiles.apply(path.getFileName().toString()).orElse(path);
  }
}
