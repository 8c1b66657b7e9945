package dev.ocpsummary.sink;

import dev.ocpsummary.config.CostCategoryPattern;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads Koku's own reference tables when they live in the summary schema (DESIGN decision 3): the
 * namespace patterns of {@code reporting_ocp_cost_category_namespace}. Absent tables give an empty
 * optional, and the job falls back to its configuration.
 */
public final class KokuReferenceTables {

  static final String COST_CATEGORY_NAMESPACE = "reporting_ocp_cost_category_namespace";

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
