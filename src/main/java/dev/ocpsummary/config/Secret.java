package dev.ocpsummary.config;

/**
 * A credential read from the environment or a config file outside the repository. Its {@link
 * #toString()} never reveals the value, so settings records that hold one can be logged as they are.
 */
public record Secret(String value) {

  /** A secret that is not set. */
  public static final Secret NONE = new Secret("");

  public Secret {
    value = value == null ? "" : value;
  }

  public boolean isSet() {
    return !value.isEmpty();
  }

  @Override
  public String toString() {
    return isSet() ? "***" : "(unset)";
  }
}
