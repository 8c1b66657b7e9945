package dev.ocpsummary.exec;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Work on a daemon thread of its own, for a driver that has something else to do meanwhile, and the
 * wait for its result, which fails with the exception the work threw as it was thrown (not wrapped),
 * so that callers report it as if the work had run on their own thread.
 */
public final class Background {

  /** Starts {@code work} on a new daemon thread named {@code threadName}. */
  public static <T> CompletableFuture<T> supply(String threadName, Supplier<T> work) {
    return CompletableFuture.supplyAsync(
        work,
        task -> {
          Thread thread = new Thread(task, threadName);
          thread.setDaemon(true);
          thread.start();
        });
  }

  /**
   * The future's value, once it has one.
   *
   * @throws RuntimeException or {@link Error} as the work threw it
   */
  public static <T> T await(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error cause) {
        throw cause;
      }
      throw e;
    }
  }

  private Background() {}
}
