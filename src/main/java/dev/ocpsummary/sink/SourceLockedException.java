package dev.ocpsummary.sink;

/**
 * Another run holds the write lock of the source, and this run's {@code database.lock-wait} let it
 * wait no longer. Nothing was written: the summary table is as it was.
 */
public final class SourceLockedException extends SinkException {

  private static final long serialVersionUID = 1L;

  public SourceLockedException(String message) {
    super(message);
  }
}
