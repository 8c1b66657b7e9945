package dev.ocpsummary.app;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of {@code submit/ocp-summary}: {@code <command> [options]}. Dispatches to the command,
 * and turns its outcome into the exit code: 0 on success, 1 when the run failed, 2 for a wrong
 * command line. A failure prints exactly one line to stderr, {@code ocp-summary <command>: error:
 * <what and where>}; the stack trace goes to the log only.
 */
public final class OcpSummary {

  private static final Logger LOG = LoggerFactory.getLogger(OcpSummary.class);

  static final List<Command> COMMANDS = List.of(new SummarizeCommand(), new GenerateCommand(), new ImportNiseCommand(), new DemoCommand(), new S3ServerCommand(), new ValidateCommand(), new BenchCommand());

  private OcpSummary() {}

  public static void main(String[] args) {
    int code = run(args, System.getenv(), System.out, System.err);
    System.out.flush();
    System.exit(code);
  }

  /** Runs a command line and returns its exit code; never exits the JVM. */
  public static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
    if (args.length == 0 || isHelp(args[0])) {
      out.print(usage());
      return args.length == 0 ? 2 : 0;
    }
    Optional<Command> command = COMMANDS.stream().filter(c -> c.name().equals(args[0])).findFirst();
    if (command.isEmpty()) {
      err.println("ocp-summary: unknown command '" + args[0] + "'; commands: " + names());
      return 2;
    }
    String[] options = Arrays.copyOfRange(args, 1, args.length);
    if (Arrays.stream(options).anyMatch(OcpSummary::isHelp)) {
      out.print("usage: ocp-summary " + command.get().usage());
      return 0;
    }
    try {
      return command.get().run(options, environment, out);
    } catch (UsageException e) {
      err.println("ocp-summary " + args[0] + ": error: " + e.getMessage());
      err.println("usage: ocp-summary " + command.get().usage().lines().findFirst().orElse(""));
      return 2;
    } catch (Exception | LinkageError e) {
      LOG.error("{} failed", args[0], e);
      err.println("ocp-summary " + args[0] + ": error: " + ErrorMessages.oneLine(e));
      return 1;
    }
  }

  private static boolean isHelp(String arg) {
    return arg.equals("--help") || arg.equals("-h") || arg.equals("help");
  }

  private static String names() {
    return String.join(", ", COMMANDS.stream().map(Command::name).toList());
  }

  static String usage() {
    StringBuilder text = new StringBuilder("usage: ocp-summary <command> [options]\n\ncommands:\n");
    COMMANDS.forEach(c -> text.append("  ").append(c.usage().replace("\n", "\n  ").stripTrailing()).append("\n\n"));
    text.append("Every command takes --help. Environment: POSTGRES_URL, POSTGRES_USER, POSTGRES_PASSWORD, POSTGRES_SCHEMA,\n")
        .append("S3_ENDPOINT, S3_ACCESS_KEY, S3_SECRET_KEY, S3_REGION, OCP_SUMMARY_HOME.\n");
    return text.toString();
  }
}
