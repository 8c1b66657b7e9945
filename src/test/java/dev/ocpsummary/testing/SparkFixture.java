package dev.ocpsummary.testing;

import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession of a test JVM: {@code local[2]}, UI off, two shuffle partitions, UTC, adaptive
 * execution on and 2 MiB memory pages as in production. Started on first use (about 3 s) and shared
 * by every test class. It also takes the test JVM's {@code spark.*} system properties ({@code
 * test.spark.opts} in {@code pom.xml}): no code generation, and a default parallelism of 1, so a scan
 * of a test's few files is one task.
 */
public final class SparkFixture {

  private static SparkSession session;

  private SparkFixture() {}

  public static synchronized SparkSession spark() {
    if (session == null) {
      session =
          SparkSession.builder()
              .master("local[2]")
              .appName("ocp-daily-summary-tests")
              .config("spark.ui.enabled", "false")
              .config("spark.sql.shuffle.partitions", "2")
              .config("spark.sql.session.timeZone", "UTC")
              .config("spark.sql.adaptive.enabled", "true")
              .config("spark.buffer.pageSize", "2m")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .getOrCreate();
    }
    return session;
  }
}
