package dev.ocpsummary.exec;

/**
 * A run failed inside Spark (a task failed more often than Spark retries it, an executor's disk is
 * full, ...), told in one line that says what to do about it; the Spark failure, with its stage dump,
 * is the cause. Thrown by {@link DailySummaryJob} in place of Spark's own exceptions, which are
 * checked, undeclared and many lines long.
 */
public final class JobFailedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public JobFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
