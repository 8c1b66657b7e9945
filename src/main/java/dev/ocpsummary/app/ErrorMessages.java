package dev.ocpsummary.app;

import dev.ocpsummary.config.SettingsException;
import dev.ocpsummary.exec.JobFailedException;
import dev.ocpsummary.sink.SinkException;
import dev.ocpsummary.source.InputException;

/** Turns any failure into the one line a user reads: the job's own message if there is one in the chain. */
final class ErrorMessages {

  private ErrorMessages() {}

  static String oneLine(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof InputException || t instanceof SettingsException || t instanceof SinkException
          || t instanceof JobFailedException) {
        return firstLine(t.getMessage());
      }
    }
    return failure.getClass().getSimpleName() + ": " + firstLine(String.valueOf(failure.getMessage()));
  }

  static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)).strip();
  }
}
