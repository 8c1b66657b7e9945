package dev.ocpsummary.testing;

import dev.ocpsummary.app.OcpSummary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One command through the CLI entry point in this JVM, as {@code submit/ocp-summary} would run it,
 * with what it printed: its exit code, standard output and standard error.
 */
public record CliRun(int code, String out, String err) {

  /** Runs {@code args} (the command first) with {@code environment} as the process environment. */
  public static CliRun of(Map<String, String> environment, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        OcpSummary.run(args, environment, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Runs {@code command} with {@code options}, as {@link #of} does. */
  public static CliRun command(Map<String, String> environment, String command, String... options) {
    String[] args = new String[options.length + 1];
    args[0] = command;
    System.arraycopy(options, 0, args, 1, options.length);
    return of(environment, args);
  }

  /** The first line on standard error: the one error line of a failed command. */
  public String firstErrorLine() {
    return err.lines().findFirst().orElse("");
  }

  /** The last line on standard error: the error line after a command's log lines. */
  public String lastErrorLine() {
    List<String> lines = err.lines().toList();
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
  }
}
