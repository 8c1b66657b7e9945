package dev.ocpsummary.app;

import dev.ocpsummary.config.S3Settings;
import dev.ocpsummary.config.Secret;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/**
 * A local S3 server for the demo and the benchmarks: S3Proxy (a real S3 API server) as a separate
 * process on 127.0.0.1, storing objects as files under a state folder (a bucket is a folder), so data
 * survives restarts. Runs read and write it over s3a exactly as they would MinIO.
 *
 * <p>The state folder holds {@code s3proxy.properties} and {@code s3.env} (the endpoint and the
 * credentials, owner-readable only: {@code source} it to point the CLI at the server), {@code
 * s3proxy.pid}, {@code s3proxy.log} and {@code data/}. Credentials are {@code S3_ACCESS_KEY} and
 * {@code S3_SECRET_KEY} when both are set, else random ones made at the first start and kept in
 * {@code s3.env}; they are never logged.
 *
 * <p>S3Proxy is a test dependency; its process runs on the classpath Maven writes to {@code
 * target/classpath-s3proxy.txt} (found next to the application's jar or classes), or on {@code
 * OCP_SUMMARY_S3PROXY_CLASSPATH}, or on this JVM's own classpath when S3Proxy is on it (tests).
 *
 * <p>{@link #start} returns once the server answers; {@link #close} stops a server this object
 * started, {@link #stop} the one a state folder records (another JVM's). Failures are {@link
 * IllegalStateException}s with one-line messages naming the state folder or the log.
 */
public final class LocalS3 implements AutoCloseable {

  public static final String REGION = "us-east-1";
  static final String CLASSPATH_VARIABLE = "OCP_SUMMARY_S3PROXY_CLASSPATH";
  private static final String MAIN_CLASS = "org.gaul.s3proxy.Main";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Path stateDir;
  private final URI endpoint;
  private final Secret accessKey;
  private final Secret secretKey;
  private final Optional<Process> process;

  private LocalS3(Path stateDir, URI endpoint, Secret accessKey, Secret secretKey, Optional<Process> process) {
    this.stateDir = stateDir;
    this.endpoint = endpoint;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
    this.process = process;
  }

  /**
   * Starts S3Proxy for a state folder and waits until it answers.
   *
   * @param stateDir the folder of the server's files and data (created if missing)
   * @param port the TCP port on 127.0.0.1; 0 for the port of the folder's last start when it is free,
   *     else any free port
   * @param environment the process environment (credentials, classpath override)
   * @throws IllegalStateException if a server of that folder is already running, or the server does
   *     not start within 90 s
   */
  public static LocalS3 start(Path stateDir, int port, Map<String, String> environment) {
    Path dir = stateDir.toAbsolutePath().normalize();
    Optional<LocalS3> running = attach(dir);
    if (running.isPresent()) {
      throw new IllegalStateException("an S3 server already runs for " + dir + " at " + running.get().endpoint());
    }
    try {
      Files.createDirectories(dir.resolve("data"));
      Secret[] credentials = credentials(dir, environment);
      int chosenPort = port == 0 ? previousPortIfFree(dir).orElse(freePort()) : port;
      URI endpoint = URI.create("http://127.0.0.1:" + chosenPort);
      Path properties = dir.resolve("s3proxy.properties");
      writePrivate(properties, serverProperties(dir, endpoint, credentials));
      writePrivate(dir.resolve("s3.env"), environmentFile(endpoint, credentials));
      Path log = dir.resolve("s3proxy.log");
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(List.of("-Xmx512m", "-cp", s3ProxyClasspath(environment), MAIN_CLASS, "--properties", properties.toString()));
      Process process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      Files.writeString(dir.resolve("s3proxy.pid"), pidLine(process.toHandle()));
      LocalS3 server = new LocalS3(dir, endpoint, credentials[0], credentials[1], Optional.of(process));
      server.awaitAnswer(process, log);
      return server;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start S3Proxy in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The server a state folder records, if its process still runs. */
  public static Optional<LocalS3> attach(Path stateDir) {
    Path dir = stateDir.toAbsolutePath().normalize();
    try {
      Path pidFile = dir.resolve("s3proxy.pid");
      Path envFile = dir.resolve("s3.env");
      if (!Files.isRegularFile(pidFile) || !Files.isRegularFile(envFile)) {
        return Optional.empty();
      }
      if (serverProcess(Files.readString(pidFile)).isEmpty()) {
        return Optional.empty();
      }
      Map<String, String> values = readEnvironmentFile(envFile);
      return Optional.of(
          new LocalS3(
              dir, URI.create(values.get("S3_ENDPOINT")), new Secret(values.get("S3_ACCESS_KEY")),
              new Secret(values.get("S3_SECRET_KEY")), Optional.empty()));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Stops the server a state folder records, if it runs.
   *
   * @return whether a server was stopped
   */
  public static boolean stop(Path stateDir) {
    Path dir = stateDir.toAbsolutePath().normalize();
    try {
      Path pidFile = dir.resolve("s3proxy.pid");
      if (!Files.isRegularFile(pidFile)) {
        return false;
      }
      Optional<ProcessHandle> handle = serverProcess(Files.readString(pidFile));
      Files.deleteIfExists(pidFile);
      if (handle.isEmpty()) {
        return false;
      }
      terminate(handle.get());
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stop the S3 server of " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The endpoint, e.g. {@code http://127.0.0.1:41234}. */
  public URI endpoint() {
    return endpoint;
  }

  /** The file to {@code source} for the CLI's S3 variables. */
  public Path environmentFile() {
    return stateDir.resolve("s3.env");
  }

  /** The application's S3 settings for this server (path style, plain HTTP, its credentials). */
  public S3Settings settings() {
    return S3Settings.of(endpoint.toString(), accessKey, secretKey, REGION);
  }

  /** The {@code s3a://} URI of a prefix in a bucket. */
  public static String uri(String bucket, String prefix) {
    String p = prefix.startsWith("/") ? prefix.substring(1) : prefix;
    return "s3a://" + bucket + (p.isEmpty() ? "" : "/" + p);
  }

  /** Creates a bucket; an existing one is fine. */
  public void createBucket(String bucket) {
    try (S3Client client = client()) {
      client.createBucket(b -> b.bucket(bucket));
    } catch (BucketAlreadyOwnedByYouException e) {
      // already there
    }
  }

  /**
   * Uploads every file under a local folder to {@code bucket/prefix/<relative path>}, replacing
   * objects of the same keys.
   *
   * @return the number of files uploaded
   */
  public int upload(Path folder, String bucket, String prefix) {
    return upload(folder, bucket, prefix, file -> true);
  }

  /** As {@link #upload(Path, String, String)}, only the files a filter accepts. */
  public int upload(Path folder, String bucket, String prefix, Predicate<Path> include) {
    String base = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    int uploaded = 0;
    try (S3Client client = client();
        Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.filter(Files::isRegularFile).filter(include).sorted().toList()) {
        String key = base + folder.relativize(file).toString().replace(File.separatorChar, '/');
        client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(file));
        uploaded++;
      }
      return uploaded;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot upload " + folder + " to " + uri(bucket, prefix) + ": " + e.getMessage(), e);
    }
  }

  /** Stops the server if this object started it; attached servers keep running. */
  @Override
  public void close() {
    process.ifPresent(
        p -> {
          terminate(p.toHandle());
          try {
            Files.deleteIfExists(stateDir.resolve("s3proxy.pid"));
          } catch (IOException e) {
            // a stale pid file is recognised as stale by attach
          }
        });
  }

  private S3Client client() {
    return S3Client.builder()
        .endpointOverride(endpoint)
        .region(Region.of(REGION))
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey.value(), secretKey.value())))
        .build();
  }

  private void awaitAnswer(Process process, Path log) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "S3Proxy exited with " + process.exitValue() + " before it answered; see " + log);
      }
      try {
        // any HTTP answer (an unsigned request is refused with 403) means the server is up
        http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
        return;
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          terminate(process.toHandle());
          throw new IllegalStateException("S3Proxy did not answer at " + endpoint + " within " + START_TIMEOUT.toSeconds() + " s; see " + log);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        terminate(process.toHandle());
        throw new IllegalStateException("interrupted while S3Proxy started", e);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        terminate(process.toHandle());
        throw new IllegalStateException("interrupted while S3Proxy started", e);
      }
    }
  }

  /** "pid start-time": a pid alone could name another process once the server has ended. */
  private static String pidLine(ProcessHandle handle) {
    return handle.pid() + " " + handle.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L) + "\n";
  }

  /** The process a pid file names, if it still runs (same pid and start time). */
  private static Optional<ProcessHandle> serverProcess(String pidLine) {
    String[] parts = pidLine.strip().split("\\s+");
    if (parts.length != 2) {
      return Optional.empty();
    }
    try {
      long started = Long.parseLong(parts[1]);
      return ProcessHandle.of(Long.parseLong(parts[0]))
          .filter(ProcessHandle::isAlive)
          .filter(h -> h.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(-1L) == started);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static void terminate(ProcessHandle handle) {
    handle.destroy();
    try {
      handle.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      handle.destroyForcibly();
    }
  }

  private static Secret[] credentials(Path dir, Map<String, String> environment) throws IOException {
    String access = environment.get("S3_ACCESS_KEY");
    String secret = environment.get("S3_SECRET_KEY");
    if (access != null && !access.isBlank() && secret != null && !secret.isBlank()) {
      return new Secret[] {new Secret(access), new Secret(secret)};
    }
    Path envFile = dir.resolve("s3.env");
    if (Files.isRegularFile(envFile)) {
      Map<String, String> kept = readEnvironmentFile(envFile);
      if (kept.containsKey("S3_ACCESS_KEY") && kept.containsKey("S3_SECRET_KEY")) {
        return new Secret[] {new Secret(kept.get("S3_ACCESS_KEY")), new Secret(kept.get("S3_SECRET_KEY"))};
      }
    }
    SecureRandom random = new SecureRandom();
    return new Secret[] {new Secret("local" + hex(random, 8)), new Secret(hex(random, 20))};
  }

  private static String hex(SecureRandom random, int bytes) {
    byte[] value = new byte[bytes];
    random.nextBytes(value);
    return HexFormat.of().formatHex(value);
  }

  private static String serverProperties(Path dir, URI endpoint, Secret[] credentials) {
    Properties p = new Properties();
    p.setProperty("s3proxy.endpoint", endpoint.toString());
    p.setProperty("s3proxy.authorization", "aws-v2-or-v4");
    p.setProperty("s3proxy.identity", credentials[0].value());
    p.setProperty("s3proxy.credential", credentials[1].value());
    p.setProperty("jclouds.provider", "filesystem-nio2");
    p.setProperty("jclouds.identity", credentials[0].value());
    p.setProperty("jclouds.credential", credentials[1].value());
    p.setProperty("jclouds.filesystem.basedir", dir.resolve("data").toString());
    StringBuilder text = new StringBuilder("# S3Proxy of ocp-daily-summary (app/LocalS3); written at each start\n");
    p.stringPropertyNames().stream().sorted().forEach(k -> text.append(k).append('=').append(p.getProperty(k)).append('\n'));
    return text.toString();
  }

  private static String environmentFile(URI endpoint, Secret[] credentials) {
    return "# source this file to point ocp-summary at the local S3 server\n"
        + "export S3_ENDPOINT=" + endpoint + "\n"
        + "export S3_ACCESS_KEY=" + credentials[0].value() + "\n"
        + "export S3_SECRET_KEY=" + credentials[1].value() + "\n"
        + "export S3_REGION=" + REGION + "\n";
  }

  private static Map<String, String> readEnvironmentFile(Path file) throws IOException {
    Map<String, String> values = new java.util.HashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String l = line.strip();
      if (l.startsWith("export ")) {
        int eq = l.indexOf('=');
        if (eq > 7) {
          values.put(l.substring(7, eq), l.substring(eq + 1));
        }
      }
    }
    return values;
  }

  private static void writePrivate(Path file, String text) throws IOException {
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    Files.deleteIfExists(partial);
    try {
      Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(partial);
    }
    Files.writeString(partial, text, StandardCharsets.UTF_8);
    Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * The port of the folder's last start, when it is free again: a restarted server keeps its
   * endpoint, so clients (and Hadoop's cached s3a file systems) that knew it still reach it.
   */
  private static Optional<Integer> previousPortIfFree(Path dir) {
    try {
      Path envFile = dir.resolve("s3.env");
      if (!Files.isRegularFile(envFile)) {
        return Optional.empty();
      }
      int previous = URI.create(readEnvironmentFile(envFile).get("S3_ENDPOINT")).getPort();
      try (ServerSocket socket = new ServerSocket(previous, 1, java.net.InetAddress.getLoopbackAddress())) {
        return Optional.of(previous);
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Where S3Proxy's classes are: the environment, this JVM, or the list Maven wrote next to the jar. */
  static String s3ProxyClasspath(Map<String, String> environment) {
    String fromEnvironment = environment.get(CLASSPATH_VARIABLE);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return fromEnvironment.strip();
    }
    try {
      Class.forName(MAIN_CLASS, false, LocalS3.class.getClassLoader());
      return System.getProperty("java.class.path");
    } catch (ClassNotFoundException e) {
      // not on this JVM's classpath: look for Maven's list
    }
    try {
      Path own = Path.of(LocalS3.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path list = own.getParent().resolve("classpath-s3proxy.txt");
      if (Files.isRegularFile(list)) {
        return Files.readString(list).strip();
      }
      throw new IllegalStateException(
          "S3Proxy's classpath is unknown: " + list + " is missing (run mvn package) and " + CLASSPATH_VARIABLE + " is not set");
    } catch (URISyntaxException | IOException | RuntimeException e) {
      if (e instanceof IllegalStateException ise) {
        throw ise;
      }
      throw new IllegalStateException("S3Proxy's classpath is unknown: set " + CLASSPATH_VARIABLE + " (" + e.getMessage() + ")", e);
    }
  }
}
