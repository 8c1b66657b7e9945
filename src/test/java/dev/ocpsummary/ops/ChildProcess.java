package dev.ocpsummary.ops;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A command run as a child process with a time limit and exactly the given environment (see {@link
 * #inheritedEnvironment}): stdout and stderr go to one log file, which
 * the result carries so that a failed assertion can show it. A process still running at the limit is
 * killed with its descendants and reported with exit code -1.
 */
final class ChildProcess {

  private ChildProcess() {}

  record Result(int exitCode, String output, Path log) {
    /** The last lines of the output, for assertion messages. */
    String tail() {
      List<String> lines = output.lines().toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
  }

  static Result run(List<String> command, Map<String, String> environment, Path workingDirectory, Path log, Duration limit) {
    ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    builder.environment().clear();
    builder.environment().putAll(environment);
    try {
      Process process = builder.start();
      int code;
      if (process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        code = process.exitValue();
      } else {
        stop(process);
        code = -1;
      }
      return new Result(code, Files.readString(log, StandardCharsets.UTF_8), log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command.get(0), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command.get(0), e);
    }
  }

  /** Stops a process and everything it started: politely first, then by force. */
  static void stop(Process process) {
    List<ProcessHandle> family = process.descendants().toList();
    family.forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    family.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  /** This JVM's environment without SPARK_HOME, so that no installed Spark distribution takes part. */
  static Map<String, String> inheritedEnvironment() {
    Map<String, String> env = new java.util.HashMap<>(System.getenv());
    env.remove("SPARK_HOME");
    env.remove("SPARK_CONF_DIR");
    return env;
  }

  /** The java executable of the running JVM. */
  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** True when {@code executable} is an existing file that may be executed. */
  static boolean executable(String executable) {
    File file = new File(executable);
    return file.isFile() && file.canExecute();
  }
}
