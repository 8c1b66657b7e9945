package dev.ocpsummary.source;

/** Input data is missing or malformed; the message names the path, file, column or value. */
public final class InputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InputException(String message) {
    super(message);
  }

  public InputException(String message, Throwable cause) {
    super(message, cause);
  }
}
