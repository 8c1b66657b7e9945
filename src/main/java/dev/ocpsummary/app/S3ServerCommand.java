package dev.ocpsummary.app;

import dev.ocpsummary.config.Settings;
import dev.ocpsummary.config.SettingsLoader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code s3-server start|stop|status}: the local S3 server (S3Proxy, see {@link LocalS3}) as a
 * background process, for benchmarks and manual runs over s3a. Its files and data live under the
 * local state folder ({@code $OCP_SUMMARY_HOME/s3proxy}); {@code start} prints the endpoint and the
 * file to {@code source} for the S3 variables, never the credentials themselves.
 */
final class S3ServerCommand implements Command {

  @Override
  public String name() {
    return "s3-server";
  }

  @Override
  public String usage() {
    return """
        s3-server start|stop|status [--port N] [--buckets NAME,...] [--config FILE]
          A local S3 server (S3Proxy) as a background process on 127.0.0.1, storing objects under
          OCP_SUMMARY_HOME/s3proxy/data. start prints the endpoint and a file to source for S3_ENDPOINT,
          S3_ACCESS_KEY, S3_SECRET_KEY and S3_REGION (credentials: those variables if set, else random ones
          kept for later starts). stop ends it; status says whether it runs.
          --port     TCP port (default: any free port)
          --buckets  buckets to create after start
        """;
  }

  @Override
  public int run(String[] args, Map<String, String> environment, PrintStream out) {
    if (args.length == 0 || !Set.of("start", "stop", "status").contains(args[0])) {
      throw new UsageException("give start, stop or status");
    }
    String action = args[0];
    CommandLine cl = CommandLine.parse(Arrays.copyOfRange(args, 1, args.length), Set.of("port", "buckets", "config"), Set.of());
    Settings settings = SettingsLoader.load(cl.value("config").map(Path::of), environment);
    Path state = stateDir(settings);
    switch (action) {
      case "start" -> {
        int port = port(cl);
        LocalS3 server = LocalS3.start(state, port, environment);
        cl.value("buckets").ifPresent(list -> Arrays.stream(list.split(",")).map(String::strip).filter(b -> !b.isEmpty()).forEach(server::createBucket));
        out.printf("S3 server (S3Proxy) running at %s, data in %s%n", server.endpoint(), state.resolve("data"));
        out.printf("  source %s   # sets S3_ENDPOINT, S3_ACCESS_KEY, S3_SECRET_KEY, S3_REGION%n", server.environmentFile());
        out.printf("  stop with: submit/ocp-summary s3-server stop%n");
        return 0;
      }
      case "stop" -> {
        boolean stopped = LocalS3.stop(state);
        out.println(stopped ? "S3 server of " + state + " stopped" : "no S3 server runs for " + state);
        return 0;
      }
      default -> {
        Optional<LocalS3> running = LocalS3.attach(state);
        if (running.isEmpty()) {
          out.println("no S3 server runs for " + state);
          return 1;
        }
        out.printf("S3 server running at %s; source %s%n", running.get().endpoint(), running.get().environmentFile());
        return 0;
      }
    }
  }

  static Path stateDir(Settings settings) {
    return settings.home().resolve("s3proxy");
  }

  private int port(CommandLine cl) {
    String text = cl.value("port").orElse("0");
    try {
      int port = Integer.parseInt(text);
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new UsageException("--port '" + text + "' is not a TCP port");
    }
  }
}
