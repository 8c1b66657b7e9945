package dev.ocpsummary.sink;

/**
 * A failure to reach, prepare or write the summary database.
 *
 * <p>The message is always a single line: line breaks of the text it is built from (PostgreSQL
 * errors carry a {@code Where:} line, Spark failures a stage dump) are folded into spaces and very
 * long texts are shortened, so the message can be shown to a user and stored as a run's error as
 * it is. The full detail stays in the cause.
 */
public class SinkException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Messages longer than this are cut: a user reads one line, the cause keeps the rest. */
  static final int MAX_MESSAGE_LENGTH = 2000;

  public SinkException(String message) {
    super(oneLine(message));
  }

  public SinkException(String message, Throwable cause) {
    super(oneLine(message), cause);
  }

  /** The text folded into one line and shortened to {@link #MAX_MESSAGE_LENGTH} characters. */
  static String oneLine(String text) {
    if (text == null) {
      return "";
    }
    String folded = text.strip().replaceAll("\\s*\\R\\s*", " ");
    return folded.length() <= MAX_MESSAGE_LENGTH
        ? folded
        : folded.substring(0, MAX_MESSAGE_LENGTH - 3) + "...";
  }

  /** The message of a failure for use inside another message: its class name if it has none. */
  static String describe(Throwable failure) {
    String message = failure.getMessage();
    return message == null || message.isBlank() ? failure.getClass().getName() : message;
  }
}
