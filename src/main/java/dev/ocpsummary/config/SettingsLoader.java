package dev.ocpsummary.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Builds {@link Settings} from Typesafe Config: {@code reference.conf} in the jar, an optional file
 * (given with {@code --config} or the {@code config.file} system property, see {@link
 * ConfigFileLocator}), then the environment variables of the CLI contract, which always win
 * over files. Every value is validated here, once, on the driver; a bad one fails the run with a
 * message that names the key and the value. Keys under {@code ocp-summary} that {@code
 * reference.conf} does not define are rejected, so a typo cannot silently fall back to a default.
 */
public final class SettingsLoader {

  static final String ROOT = "ocp-summary";

  /** Environment variables that override config keys, whatever a config file says. */
  static final Map<String, String> ENVIRONMENT_KEYS =
      Map.ofEntries(
          Map.entry("OCP_SUMMARY_HOME", "ocp-summary.home"),
          Map.entry("POSTGRES_URL", "ocp-summary.database.url"),
          Map.entry("POSTGRES_USER", "ocp-summary.database.user"),
          Map.entry("POSTGRES_PASSWORD", "ocp-summary.database.password"),
          Map.entry("POSTGRES_SCHEMA", "ocp-summary.database.schema"),
          Map.entry("S3_ENDPOINT", "ocp-summary.s3.endpoint"),
          Map.entry("S3_ACCESS_KEY", "ocp-summary.s3.access-key"),
          Map.entry("S3_SECRET_KEY", "ocp-summary.s3.secret-key"),
          Map.entry("S3_REGION", "ocp-summary.s3.region"));

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
  private static final Pattern LABEL_KEY = Pattern.compile("[A-Za-z0-9_.\\-/]+");

  private SettingsLoader() {}

  /** Settings from the jar's defaults, the optional file and the process environment. */
  public static Settings load(Optional<Path> configFile) {
    return load(configFile, System.getenv());
  }

  /**
   * As {@link #load(Optional)}, with an explicit environment. The file is the one {@link
   * ConfigFileLocator} finds: {@code configFile}, else the {@code config.file} system property; a
   * relative path missing from the working directory is looked up among the files shipped to the
   * active SparkContext.
   */
  public static Settings load(Optional<Path> configFile, Map<String, String> environment) {
    Optional<Path> located =
        new ConfigFileLocator(SparkShippedFiles::find).locate(configFile, System.getProperties());
    Config file = located.map(SettingsLoader::parseFile).orElse(ConfigFactory.empty());
    return fromConfig(file, environment);
  }

  /** Settings from an already parsed (unresolved) config layered over the defaults. */
  public static Settings fromConfig(Config overrides, Map<String, String> environment) {
    Config reference = ConfigFactory.defaultReference();
    rejectUnknownKeys(overrides, reference);
    Config merged;
    try {
      // Resolved only after layering, so that keys derived from others (input.root from home) follow
      // the overriding value.
      merged =
          environmentOverrides(environment)
              .withFallback(overrides)
              .withFallback(ConfigFactory.defaultReferenceUnresolved())
              .resolve();
      merged.checkValid(reference, ROOT);
    } catch (ConfigException e) {
      throw new SettingsException("invalid configuration: " + e.getMessage(), e);
    }
    return build(merged.getConfig(ROOT));
  }

  private static Config parseFile(Path path) {
    if (!Files.isRegularFile(path)) {
      throw new SettingsException("config file " + path + " does not exist");
    }
    try {
      return ConfigFactory.parseFile(path.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
    } catch (ConfigException e) {
      throw new SettingsException("config file " + path + ": " + e.getMessage(), e);
    }
  }

  private static Config environmentOverrides(Map<String, String> environment) {
    Map<String, Object> values = new HashMap<>();
    ENVIRONMENT_KEYS.forEach(
        (variable, key) -> {
          String value = environment.get(variable);
          if (value != null) {
            values.put(key, value);
          }
        });
    return ConfigFactory.parseMap(values, "environment variables");
  }

  private static void rejectUnknownKeys(Config overrides, Config reference) {
    if (!overrides.hasPath(ROOT)) {
      return;
    }
    for (Map.Entry<String, ConfigValue> entry : overrides.getConfig(ROOT).entrySet()) {
      String key = ROOT + "." + entry.getKey();
      if (!reference.hasPathOrNull(key) && !isUnderListKey(key)) {
        throw new SettingsException(
            "unknown config key " + key + " (" + entry.getValue().origin().description() + ")");
      }
    }
  }

  private static boolean isUnderListKey(String key) {
    return key.startsWith(ROOT + ".summary.cost-categories");
  }

  private static Settings build(Config c) {
    Path home = Path.of(requireText(c, "home")).toAbsolutePath().normalize();
    InputSettings input =
        new InputSettings(
            requireText(c, "input.root"), layout(c), requireIdentifierLike(c, "input.org"), duplicateRows(c));
    ClusterSettings cluster = new ClusterSettings(c.getString("cluster.id"), c.getString("cluster.alias"));
    SummarySettings summary =
        new SummarySettings(
            enabledTagKeys(c), c.getBoolean("summary.enabled-tag-keys-from-table"), costCategories(c), reportPeriodId(c));
    DatabaseSettings database =
        new DatabaseSettings(
            c.getString("database.url").trim(),
            requireText(c, "database.user"),
            new Secret(c.getString("database.password")),
            identifier(c, "database.schema"),
            port(c, "database.embedded.port"),
            Path.of(requireText(c, "database.embedded.data-dir")).toAbsolutePath().normalize(),
            lockWait(c));
    S3Settings s3 =
        new S3Settings(
            c.getString("s3.endpoint").trim(),
            new Secret(c.getString("s3.access-key")),
            new Secret(c.getString("s3.secret-key")),
            requireText(c, "s3.region"),
            c.getBoolean("s3.path-style-access"),
            c.getBoolean("s3.ssl-enabled"),
            oneOf(c, "s3.committer", S3Settings.COMMITTERS),
            atLeast(c, "s3.retry-limit", 0),
            c.getDuration("s3.retry-interval"),
            atLeast(c, "s3.sdk-retries", 0),
            c.getDuration("s3.connect-timeout"),
            c.getDuration("s3.read-timeout"),
            c.getDuration("s3.request-timeout"));
    int shufflePartitions = c.getInt("spark.shuffle-partitions");
    if (shufflePartitions < 1) {
      throw bad("spark.shuffle-partitions", shufflePartitions, "must be at least 1");
    }
    return new Settings(home, input, cluster, summary, database, s3, shufflePartitions, ExecSettings.from(c));
  }

  private static String oneOf(Config c, String key, List<String> allowed) {
    String value = c.getString(key).strip().toLowerCase(Locale.ROOT);
    if (!allowed.contains(value)) {
      throw bad(key, c.getString(key), "must be one of " + allowed);
    }
    return value;
  }

  private static int atLeast(Config c, String key, int minimum) {
    int value = c.getInt(key);
    if (value < minimum) {
      throw bad(key, value, "must be at least " + minimum);
    }
    return value;
  }

  private static InputLayout layout(Config c) {
    String value = requireText(c, "input.layout");
    for (InputLayout layout : InputLayout.values()) {
      if (layout.configName().equals(value.toLowerCase(Locale.ROOT))) {
        return layout;
      }
    }
    throw bad("input.layout", value, "must be one of " + List.of(InputLayout.values()).toString().toLowerCase(Locale.ROOT));
  }

  private static DuplicateRowPolicy duplicateRows(Config c) {
    String key = "input.duplicate-rows";
    String value = c.getString(key);
    return DuplicateRowPolicy.parse(value)
        .orElseThrow(() -> bad(key, value, "must be one of " + DuplicateRowPolicy.configNames()));
  }

  /** {@code wait}, {@code fail}, or a duration such as {@code 30s} (the longest wait). */
  private static LockWait lockWait(Config c) {
    String key = "database.lock-wait";
    String value = c.getString(key).strip();
    if (value.equalsIgnoreCase("wait")) {
      return LockWait.forever();
    }
    if (value.equalsIgnoreCase("fail")) {
      return LockWait.failAtOnce();
    }
    java.time.Duration limit;
    try {
      limit = c.getDuration(key);
    } catch (ConfigException.BadValue e) {
      throw bad(key, value, "must be wait, fail or a duration such as 30s");
    }
    if (limit.isNegative()) {
      throw bad(key, value, "must not be negative");
    }
    return limit.isZero() ? LockWait.failAtOnce() : LockWait.atMost(limit);
  }

  private static Optional<List<String>> enabledTagKeys(Config c) {
    String key = "summary.enabled-tag-keys";
    ConfigValue value = c.getValue(key);
    if (value.valueType() == ConfigValueType.STRING && "*".equals(value.unwrapped())) {
      return Optional.empty();
    }
    if (value.valueType() != ConfigValueType.LIST) {
      throw bad(key, value.render(), "must be \"*\" or a list of label keys");
    }
    List<String> keys = c.getStringList(key);
    for (String k : keys) {
      if (!LABEL_KEY.matcher(k).matches()) {
        throw bad(key, k, "is not a label key");
      }
    }
    return Optional.of(keys);
  }

  private static List<CostCategoryPattern> costCategories(Config c) {
    String key = "summary.cost-categories";
    List<CostCategoryPattern> patterns = new ArrayList<>();
    List<? extends Config> entries;
    try {
      entries = c.getConfigList(key);
    } catch (ConfigException.WrongType e) {
      throw bad(key, c.getValue(key).render(), "must be a list of { pattern = \"...\", id = N }");
    }
    for (Config entry : entries) {
      if (!entry.hasPath("pattern") || !entry.hasPath("id")) {
        throw bad(key, entry.root().render(), "every entry needs pattern and id");
      }
      String pattern = entry.getString("pattern");
      if (pattern.isEmpty()) {
        throw bad(key, entry.root().render(), "pattern must not be empty");
      }
      patterns.add(new CostCategoryPattern(pattern, entry.getInt("id")));
    }
    return patterns;
  }

  private static Optional<Integer> reportPeriodId(Config c) {
    int id = c.getInt("summary.report-period-id");
    if (id < 0) {
      throw bad("summary.report-period-id", id, "must be 0 (none) or a positive id");
    }
    return id == 0 ? Optional.empty() : Optional.of(id);
  }

  private static int port(Config c, String key) {
    int port = c.getInt(key);
    if (port < 0 || port > 65535) {
      throw bad(key, port, "must be a TCP port (0 = any free port)");
    }
    return port;
  }

  private static String identifier(Config c, String key) {
    String value = c.getString(key);
    if (!IDENTIFIER.matcher(value).matches()) {
      throw bad(key, value, "must be a plain SQL identifier (letters, digits, _)");
    }
    return value;
  }

  private static String requireIdentifierLike(Config c, String key) {
    String value = requireText(c, key);
    if (value.contains("/")) {
      throw bad(key, value, "must not contain '/'");
    }
    return value;
  }

  private static String requireText(Config c, String key) {
    String value = c.getString(key);
    if (value.isBlank()) {
      throw bad(key, value, "must not be empty");
    }
    return value;
  }

  private static SettingsException bad(String key, Object value, String why) {
    return new SettingsException("config key " + ROOT + "." + key + " = '" + value + "' " + why);
  }
}
