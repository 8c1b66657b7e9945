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
   * connection (see {@link #connectionLost}) is said to be one, as
   * the driver's own text ("An I/O error occurred while sending to the backend") does not say that
   * the server went away.
   */
  static String describe(Throwable failure) {
    String message = failure.getMessage();
    String text = message == null || message.isBlank() ? failure.getClass().getName() : message;
    return connectionLost(failure) ? "the connection to PostgreSQL was lost (server restarted or unreachable?): " + text : text;
  }

  /**
   * True when an open connection went away (SQL state 08006, 08003, or the server shutting down),
   * not when a statement failed or a new connection was refused.
   */
  static boolean connectionLost(Throwable failure) {
    String state = sqlState(failure);
    return state.equals("08006") || state.equals("08003") || state.startsWith("57P0");
  }

  /** True for any failure to reach the server: a lost connection or one that could not be made. */
  static boolean connectionFailure(Throwable failure) {
    String state = sqlState(failure);
    return state.startsWith("08") || state.startsWith("57P0");
  }

  private static String sqlState(Throwable failure) {
    return failure instanceof java.sql.SQLException sql && sql.getSQLState() != null ? sql.getSQLState() : "";
  }
}
