package dev.ocpsummary.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.spark.SparkFiles;
import org.apache.spark.sql.SparkSession;
import scala.Option;

/**
 * The files shipped with {@code spark-submit --files} (or {@code SparkContext.addFile}), as the driver
 * sees them through {@link SparkFiles}. They are fetched when the SparkContext starts, so nothing is
 * found before one is active. The job's context is the one of its SparkSession.
 */
public final class SparkShippedFiles {

  private SparkShippedFiles() {}

  /** Whether a SparkSession runs in this JVM, so that shipped files can be looked up. */
  public static boolean available() {
    Option<SparkSession> session = SparkSession.getDefaultSession();
    return session.isDefined() && !session.get().sparkContext().isStopped();
  }

  /** The local copy of the shipped file {@code name}, when a SparkContext is active and has it. */
  public static Optional<Path> find(String name) {
    if (!available()) {
      return Optional.empty();
    }
    Path file = Path.of(SparkFiles.get(name));
    return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
  }
}
