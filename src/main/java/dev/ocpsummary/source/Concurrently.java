package dev.ocpsummary.source;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Applies a call to several items at once, for calls that mostly wait on storage (listing folders,
 * reading footers over S3), and returns the results in the items' order. When calls fail, the
 * failure of the first item in that order is thrown as the call threw it, so a run names the same
 * bad file or folder whichever call finished first.
 */
final class Concurrently {

  /** {@code call} applied to every item, on at most {@code threads} daemon threads named {@code threadName}. */
  static <T, R> List<R> map(List<T> items, int threads, String threadName, Function<T, R> call) {
    if (items.size() <= 1) {
      return items.stream().map(call).toList();
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(threads, items.size()),
            runnable -> {
              Thread thread = new Thread(runnable, threadName);
              thread.setDaemon(true);
              return thread;
            });
    try {
      List<Future<R>> pending = new ArrayList<>();
      for (T item : items) {
        pending.add(pool.submit(() -> call.apply(item)));
      }
      List<R> results = new ArrayList<>();
      for (Future<R> future : pending) {
        results.add(result(future, threadName));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private static <R> R result(Future<R> future, String threadName) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + threadName, e);
    }
  }

  private Concurrently() {}
}
