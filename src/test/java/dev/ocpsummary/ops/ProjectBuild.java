package dev.ocpsummary.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What {@code mvn package} left in {@code target/}, for the integration tests: the application's
 * jars and the classpath lists the launcher uses, and from them the jar set of a Spark distribution.
 */
final class ProjectBuild {

  /**
   * Libraries that a Spark distribution ships but that reach this build's compile scope through the
   * AWS SDK, Flyway and the embedded PostgreSQL; the cluster jar leaves out the same groups (pom.xml,
   * maven-shade-plugin).
   */
  private static final Pattern SPARK_PROVIDED_GROUPS =
      Pattern.compile(".*/(org/slf4j|io/netty|com/fasterxml/jackson/core|org/apache/commons|commons-codec|commons-io|commons-logging|org/tukaani)/.*");

  private ProjectBuild() {}

  static Path root() {
    return Path.of("").toAbsolutePath();
  }

  static Path target() {
    return root().resolve("target");
  }

  /** target/cluster/ocp-daily-summary-VERSION-cluster.jar, which must exist (it is built at package). */
  static Path clusterJar() {
    try (Stream<Path> files = Files.list(target().resolve("cluster"))) {
      return files
          .filter(p -> p.getFileName().toString().matches("ocp-daily-summary-.*-cluster\\.jar"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no cluster jar in target/cluster: run mvn package first"));
    } catch (IOException e) {
      throw new UncheckedIOException("no target/cluster folder: run mvn package first", e);
    }
  }

  /**
   * The jars of a Spark distribution: Spark and its dependencies as Maven resolved them for this
   * build (provided scope, plus the few that Maven moved to compile scope), and nothing of the
   * application's own dependencies.
   */
  static List<String> sparkDistributionClasspath() {
    List<String> jars = new ArrayList<>(classpathList("classpath-spark.txt"));
    classpathList("classpath-submit.txt").stream().filter(j -> SPARK_PROVIDED_GROUPS.matcher(j.replace('\\', '/')).matches()).forEach(jars::add);
    return jars;
  }

  static List<String> classpathList(String name) {
    try {
      String text = Files.readString(target().resolve(name), StandardCharsets.UTF_8).trim();
      return Arrays.stream(text.split(java.io.File.pathSeparator)).filter(s -> !s.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("no target/" + name + ": run mvn package first", e);
    }
  }

  /** The module flags (add-opens and friends) this JVM was started with, which spark-submit gives the driver. */
  static List<String> moduleFlags() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-opens") || a.startsWith("--add-modules") || a.startsWith("--enable-native-access")
            || a.equals("-XX:+IgnoreUnrecognizedVMOptions") || a.startsWith("-Dio.netty.") || a.startsWith("-Djdk.reflect."))
        .toList();
  }
}
