package dev.ocpsummary.testing;

import java.util.List;

/**
 * JIT and collector flags for the JVMs a test starts (drivers, executors, Spark daemons, the DAG's
 * command): they live for a minute on tiny data on 2 shared cores, where the optimizing compiler and a
 * parallel collector cost more CPU than they save. C1 alone needs a larger code cache than its default
 * of 48 MB, or Spark's classes fill it and the JVM keeps evicting and recompiling them.
 */
public final class ShortLivedJvm {

  /** The flags, one per element. */
  public static final List<String> FLAGS =
      List.of("-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=240m", "-XX:+UseSerialGC");

  private ShortLivedJvm() {}

  /** The flags as one option string, e.g. for {@code spark.executor.extraJavaOptions}. */
  public static String options() {
    return String.join(" ", FLAGS);
  }
}
