package dev.ocpsummary.exec;

import dev.ocpsummary.sink.RunRecorder;
import dev.ocpsummary.sink.RunSummary;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Tells the user, in one line on stderr, when the JVM exits while a run is in progress, and records
 * the run as failed. In local mode Spark ends the whole JVM (exit code 52) when a task runs out of
 * heap, and a scheduler may stop the process (SIGTERM); either way the job's own error handling never
 * runs. The run's transaction was never committed, so the summary table is unchanged, which the line
 * says. A killed JVM (SIGKILL) runs no hooks: its run stays {@code running} in {@code summary_runs}.
 */
final class ExitGuard implements AutoCloseable {

  /** How long the hook may spend recording the failure before the JVM goes. */
  private static final long RECORD_MILLIS = 3_000;

  private final Thread hook;
  private volatile boolean done;

  private ExitGuard(UUID runId, Supplier<String> mode, RunRecorder runs) {
    this.hook =
        new Thread(
            () -> {
              if (done) {
                return;
              }
              String reason =
                  "the JVM exited during run " + runId + " (mode " + mode.get() + "); in local"
                      + " mode Spark exits with code 52 when a task runs out of heap: give the driver more memory"
                      + " (OCP_SUMMARY_DRIVER_MEMORY) or use --mode iterate. The summary table is unchanged.";
              System.err.println("ocp-summary summarize: error: " + reason);
              Thread record = new Thread(() -> runs.fail(runId, RunSummary.empty(), reason), "record-failed-run");
              record.setDaemon(true);
              record.start();
              try {
                record.join(RECORD_MILLIS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "ocp-summary-exit-guard");
  }

  static ExitGuard install(UUID runId, Supplier<String> mode, RunRecorder runs) {
    ExitGuard guard = new ExitGuard(runId, mode, runs);
    Runtime.getRuntime().addShutdownHook(guard.hook);
    return guard;
  }

  /** The run ended (either way) through the job's own handling: nothing to say at exit. */
  @Override
  public void close() {
    done = true;
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down; done keeps the hook quiet
    }
  }
}
