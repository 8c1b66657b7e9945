package dev.ocpsummary.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a run does with an hourly usage row that is an exact copy of another row of the same report
 * ({@code input.duplicate-rows}). A copy carries no new usage: the operator reports each pod (or
 * claim) once per hour, so a second identical row is a re-delivered file or a doubled upload, and
 * counting it would double that hour's cost.
 *
 * <p>Rows with the same key but different values are not copies but a conflict, and fail the run
 * under either policy: no rule can tell which of the two is right.
 */
public enum DuplicateRowPolicy {
  /** Keep one row of each set of exact copies, count the others in the run record, log a warning. */
  DROP,
  /** Fail the run, naming the report and a duplicated key, when any exact copy exists. */
  REJECT;

  /** The name used in config files. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The policy named {@code text} (case-insensitive), or empty. */
  public static Optional<DuplicateRowPolicy> parse(String text) {
    return Arrays.stream(values()).filter(p -> p.configName().equals(text.strip().toLowerCase(Locale.ROOT))).findFirst();
  }

  /** The config names of all policies, for messages. */
  public static List<String> configNames() {
    return Arrays.stream(values()).map(DuplicateRowPolicy::configName).toList();
  }
}
