package dev.ocpsummary.sink;

import dev.ocpsummary.config.CostCategoryPattern;
import dev.ocpsummary.config.SummarySettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads Koku's own reference tables when they live in the summary schema (DESIGN decisions 2 and 3):
 * the namespace patterns of {@code reporting_ocp_cost_category_namespace} (an absent table gives an
 * empty optional, and the job falls back to its configuration), and, when configured, the enabled
 * label keys of {@code reporting_enabledtagkeys} (an absent table is then an error).
 */
public final class KokuReferenceTables {

  static final String COST_CATEGORY_NAMESPACE = "reporting_ocp_cost_category_namespace";
  static final String ENABLED_TAG_KEYS = "reporting_enabledtagkeys";

  private KokuReferenceTables() {}

  /** The cost-category patterns of the Koku table, if the schema has that table. */
  public static Optional<List<CostCategoryPattern>> costCategoryPatterns(SummaryDatabase database) {
    String table = database.qualified(COST_CATEGORY_NAMESPACE);
    try (Connection connection = database.connect()) {
      if (!exists(connection, table)) {
        return Optional.empty();
      }
      List<CostCategoryPattern> patterns = new ArrayList<>();
      try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT namespace, cost_category_id FROM " + table + " WHERE cost_category_id IS NOT NULL ORDER BY namespace");
          ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          patterns.add(new CostCategoryPattern(rows.getString(1), rows.getInt(2)));
        }
      }
      return Optional.of(patterns);
    } catch (SQLException e) {
      throw new SinkException("cannot read " + table + ": " + e.getMessage(), e);
    }
  }

  /**
   * The label keys to keep: the enabled OCP keys of {@code reporting_enabledtagkeys} when the settings
   * ask for the table, else the configured keys (empty optional = every key).
   */
  public static Optional<List<String>> enabledTagKeys(SummaryDatabase database, SummarySettings settings) {
    if (!settings.enabledTagKeysFromTable()) {
      return settings.enabledTagKeys();
    }
    String table = database.qualified(ENABLED_TAG_KEYS);
    try (Connection connection = database.connect()) {
      if (!exists(connection, table)) {
        throw new SinkException(
            "summary.enabled-tag-keys-from-table is true but " + table + " does not exist");
      }
      List<String> keys = new ArrayList<>();
      try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT key FROM " + table + " WHERE enabled AND provider_type = 'OCP' ORDER BY key");
          ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          keys.add(rows.getString(1));
        }
      }
      return Optional.of(keys);
    } catch (SQLException e) {
      throw new SinkException("cannot read " + table + ": " + e.getMessage(), e);
    }
  }

  private static boolean exists(Connection connection, String qualifiedTable) throws SQLException {
    try (PreparedStatement check = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
      check.setString(1, qualifiedTable);
      try (ResultSet result = check.executeQuery()) {
        result.next();
        return result.getBoolean(1);
      }
    }
  }
}
