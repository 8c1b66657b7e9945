package dev.ocpsummary.exec;

import dev.ocpsummary.config.SettingsException;
import dev.ocpsummary.sink.SinkException;
import dev.ocpsummary.source.InputException;
import java.util.Arrays;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.util.Utils;

/**
 * Turns what a run threw into the one-line failure the user reads. The job's own failures (input,
 * settings, sink) pass as they are; Spark's exceptions, which the Scala code throws as undeclared
 * checked exceptions, become a {@link JobFailedException} carrying the job's own message found in
 * their causes, or else the first line of Spark's. A full local disk, wherever in the chain it shows,
 * is named as such with the directories Spark spills to, since Spark's text ("No space left on
 * device" deep in a stage dump) names neither the directory nor the setting.
 */
final class SparkFailures {

  static final String NO_SPACE = "No space left on device";

  private SparkFailures() {}

  static RuntimeException explain(Exception failure, SparkContext context) {
    SparkConf conf = context.getConf();
    if (mentions(failure, "OutOfMemoryError") || mentions(failure, "Java heap space")) {
      return new JobFailedException(outOfMemory(), failure);
    }
    if (context.isStopped()) {
      // Spark stops itself when a task thread dies of an Error (an executor's OutOfMemoryError above
      // all); what reaches this thread is then a follow-up failure that names neither.
      return new JobFailedException(
          "Spark stopped during the run, most likely because a task ran out of memory (see the log above): "
              + firstLine(String.valueOf(failure)) + ". " + MEMORY_ADVICE,
          failure);
    }
    if (mentions(failure, NO_SPACE)) {
      return new JobFailedException(
          "Spark's local directory is full (" + NO_SPACE + "): " + String.join(", ", localDirs(conf))
              + " (spark.local.dir, or SPARK_LOCAL_DIRS), where Spark writes shuffle and spill files; free space"
              + " there or point spark.local.dir at a larger volume. The summary table is unchanged.",
          failure);
    }
    if (failure instanceof RuntimeException runtime) {
      return runtime;
    }
    for (Throwable t = failure.getCause(); t != null; t = t.getCause()) {
      if (t instanceof InputException || t instanceof SettingsException || t instanceof SinkException) {
        return new JobFailedException(firstLine(t.getMessage()), failure);
      }
    }
    return new JobFailedException("a Spark job failed: " + firstLine(String.valueOf(failure.getMessage())), failure);
  }

  private static final String MEMORY_ADVICE =
      "Give the driver more heap (OCP_SUMMARY_DRIVER_MEMORY or --driver-memory; executors: --executor-memory) or"
          + " run with --mode iterate, whose memory does not grow with the window. The summary table is unchanged.";

  private static String outOfMemory() {
    return "the run ran out of heap (java.lang.OutOfMemoryError: Java heap space). " + MEMORY_ADVICE;
  }

  /** The driver's local directories as Spark resolves them (SPARK_LOCAL_DIRS, spark.local.dir, the temp dir, a cluster manager's). */
  static String[] localDirs(SparkConf conf) {
    try {
      return Utils.getConfiguredLocalDirs(conf);
    } catch (RuntimeException e) {
      return new String[] {conf.get("spark.local.dir", System.getProperty("java.io.tmpdir"))};
    }
  }

  /** Whether a message in the cause chain, or of an exception suppressed along it, contains {@code text}, ignoring case. */
  private static boolean mentions(Throwable failure, String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (says(t, lower) || Arrays.stream(t.getSuppressed()).anyMatch(s -> says(s, lower))) {
        return true;
      }
    }
    return false;
  }

  private static boolean says(Throwable t, String lowerCaseText) {
    return t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains(lowerCaseText);
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)).strip();
  }
}
