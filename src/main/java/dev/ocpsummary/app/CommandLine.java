package dev.ocpsummary.app;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The options of one command: {@code --name value} pairs and {@code --flag}s, nothing positional.
 * Unknown options, repeated options and missing values are usage errors naming the option.
 */
final class CommandLine {

  private final Map<String, String> values;
  private final Set<String> flags;

  private CommandLine(Map<String, String> values, Set<String> flags) {
    this.values = values;
    this.flags = flags;
  }

  static CommandLine parse(String[] args, Set<String> valueOptions, Set<String> flagOptions) {
    Map<String, String> values = new HashMap<>();
    Set<String> flags = new HashSet<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new UsageException("unexpected argument '" + arg + "'");
      }
      String name = arg.substring(2);
      String inlineValue = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        inlineValue = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (flagOptions.contains(name) && inlineValue == null) {
        flags.add(name);
      } else if (valueOptions.contains(name)) {
        String value = inlineValue;
        if (value == null) {
          if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
            throw new UsageException("option --" + name + " needs a value");
          }
          value = args[++i];
        }
        if (values.put(name, value) != null) {
          throw new UsageException("option --" + name + " is given twice");
        }
      } else {
        throw new UsageException("unknown option --" + name);
      }
    }
    return new CommandLine(values, flags);
  }

  /** How many options were given, flags included. */
  int size() {
    return values.size() + flags.size();
  }

  Optional<String> value(String name) {
    return Optional.ofNullable(values.get(name));
  }

  String required(String name) {
    String value = values.get(name);
    if (value == null || value.isBlank()) {
      throw new UsageException("option --" + name + " is required");
    }
    return value;
  }

  LocalDate requiredDate(String name) {
    String value = required(name);
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new UsageException("--" + name + " '" + value + "' is not a date (YYYY-MM-DD)");
    }
  }

  boolean flag(String name) {
    return flags.contains(name);
  }
}
