package dev.ocpsummary.app;

/** The command line is wrong: an unknown option, a missing value, a malformed date. Exit code 2. */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
