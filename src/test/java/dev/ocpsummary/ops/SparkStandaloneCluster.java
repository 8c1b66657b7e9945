package dev.ocpsummary.ops;

import dev.ocpsummary.testing.ShortLivedJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real Spark standalone cluster on 127.0.0.1: one Master and one Worker, each a child JVM running
 * Spark's own main classes from the Maven-built Spark jars. The Worker launches executors (and
 * drivers in cluster deploy mode) as further JVMs the way a Spark distribution does: from {@code
 * SPARK_HOME/jars} (empty here) plus {@code SPARK_DIST_CLASSPATH} (the Spark jars), so executors get
 * the application's classes only from what spark-submit ships.
 *
 * <p>All ports are free ones on the loopback address, the web UIs and the REST submission server
 * included. {@link #close()} stops the Worker with its executors and the Master, also when starting
 * failed half-way.
 */
final class SparkStandaloneCluster implements AutoCloseable {

  private static final Duration START_LIMIT = Duration.ofSeconds(60);

  private final Path home;
  private final List<Process> processes = new ArrayList<>();
  private final int masterPort = freePort();
  private final int masterUiPort = freePort();
  private final int workerUiPort = freePort();

  private SparkStandaloneCluster(Path home) {
    this.home = home;
  }

  /** Starts a Master and a Worker with {@code cores} cores and {@code memory} (e.g. "2g") under {@code home}. */
  static SparkStandaloneCluster start(Path home, int cores, String memory) throws IOException, InterruptedException {
    SparkStandaloneCluster cluster = new SparkStandaloneCluster(home);
    try {
      cluster.startDaemons(cores, memory);
      return cluster;
    } catch (IOException | InterruptedException | RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  /** The Worker's work folder: one folder per application, one per executor, with its stderr. */
  Path workDir() {
    return home.resolve("work");
  }

  /** The Master's state as JSON (workers, running and completed applications). */
  String masterState() throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterUiPort + "/json/")).timeout(Duration.ofSeconds(5)).build();
    return client.send(request, HttpResponse.BodyHandlers.ofString()).body();
  }

  /** The stderr logs of every executor the Worker ran. */
  List<Path> executorLogs() throws IOException {
    if (!Files.isDirectory(workDir())) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(workDir())) {
      return files.filter(p -> p.getFileName().toString().equals("stderr") && p.getParent().getParent().getFileName().toString().startsWith("app-")).toList();
    }
  }

  private void startDaemons(int cores, String memory) throws IOException, InterruptedException {
    Files.createDirectories(home.resolve("spark-home/jars"));
    Files.createDirectories(workDir());
    String classpath = String.join(java.io.File.pathSeparator, ProjectBuild.sparkDistributionClasspath());

    start("master", classpath,
        List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", Integer.toString(masterPort),
            "--webui-port", Integer.toString(masterUiPort)),
        List.of("-Dspark.master.rest.port=" + freePort()));
    awaitState("\"status\" : \"ALIVE\"", "the Master");

    start("worker", classpath,
        List.of("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--webui-port", Integer.toString(workerUiPort),
            "--cores", Integer.toString(cores), "--memory", memory, "--work-dir", workDir().toString(), masterUrl()),
        List.of());
    awaitState("\"aliveworkers\" : 1", "a registered Worker");
  }

  private void start(String name, String classpath, List<String> mainAndArgs, List<String> properties) throws IOException {
    // The daemons only schedule: a small heap.
    List<String> command = new ArrayList<>(List.of(ChildProcess.java(), "-Xmx256m"));
    command.addAll(ShortLivedJvm.FLAGS);
    command.addAll(ProjectBuild.moduleFlags());
    command.addAll(properties);
    command.addAll(List.of("-cp", classpath));
    command.addAll(mainAndArgs);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(home.resolve(name + ".log").toFile());
    Map<String, String> env = builder.environment();
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("SPARK_HOME", home.resolve("spark-home").toString());
    env.put("SPARK_DIST_CLASSPATH", classpath);
    // The launcher library derives the Scala version from a Spark source tree unless it is given.
    env.put("SPARK_SCALA_VERSION", "2.13");
    env.remove("SPARK_CONF_DIR");
    processes.add(builder.start());
  }

  private void awaitState(String expected, String what) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + START_LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      for (Process p : processes) {
        if (!p.isAlive()) {
          throw new IllegalStateException("a Spark daemon exited while waiting for " + what + "; see logs in " + home);
        }
      }
      try {
        if (masterState().contains(expected)) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("no " + what + " after " + START_LIMIT.toSeconds() + " s; see logs in " + home);
  }

  /** How many applications the Master lists as completed. */
  int completedApplications() throws IOException, InterruptedException {
    Matcher m = Pattern.compile("\"completedapps\" : \\[(.*?)\\]", Pattern.DOTALL).matcher(masterState());
    return m.find() ? (int) Pattern.compile("\"id\" : \"app-").matcher(m.group(1)).results().count() : 0;
  }

  @Override
  public void close() {
    // Worker first, so that it does not try to reconnect to a Master that is gone.
    for (int i = processes.size() - 1; i >= 0; i--) {
      ChildProcess.stop(processes.get(i));
    }
    processes.clear();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1", e);
    }
  }
}
