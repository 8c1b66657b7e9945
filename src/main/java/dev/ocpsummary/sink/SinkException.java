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

  /**
   * The message of a failure for use inside another message: its class name if it has none. A lost
   * connection (SQL state class 08, or the server shutting down: 57P01..57P03) is said to be one, as
   * the driver's own text ("An I/O error occurred while sending to the backend") does not say that
   * the server went away.
   */
  static String describe(Throwable failure) {
    String message = failure.getMessage();
    String text = message == null || message.isBlank() ? failure.getClass().getName() : message;
    return connectionLost(failure) ? "the connection to PostgreSQL was lost (server restarted or unreachable?): " + text : text;
  }

  /** True when the failure is PostgreSQL's connection going away, not an error of a statement. */
  static boolean connectionLost(Throwable failure) {
    if (failure instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
      String state = sql.getSQLState();
      return state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03");
    }
    return false;
  }
}
