package dev.ocpsummary.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocpsummary.config.CostCategoryPattern;
import dev.ocpsummary.config.DatabaseSettings;
import dev.ocpsummary.config.SummarySettings;
import dev.ocpsummary.testing.PostgresFixture;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Koku's reference tables read from a real PostgreSQL schema. */
class KokuReferenceTablesTest {

  private DatabaseSettings settings;
  private SummaryDatabase database;

  @BeforeEach
  void migratedSchema() {
    settings = PostgresFixture.freshSchema(KokuReferenceTablesTest.class);
    database = new SummaryDatabase(settings);
    database.migrate();
  }

  @Test
  void costCategoryPatternsComeFromKokusTableWhenItExists() {
    assertEquals(Optional.empty(), KokuReferenceTables.costCategoryPatterns(database));

    PostgresFixture.execute(
        settings, "CREATE TABLE reporting_ocp_cost_category_namespace (id serial, namespace text UNIQUE, cost_category_id int)");
    PostgresFixture.execute(
        settings,
        "INSERT INTO reporting_ocp_cost_category_namespace (namespace, cost_category_id) VALUES ('openshift-%', 1), ('kube-%', 1), ('team_x', 2)");

    assertEquals(
        Optional.of(
            List.of(
                new CostCategoryPattern("kube-%", 1),
                new CostCategoryPattern("openshift-%", 1),
                new CostCategoryPattern("team_x", 2))),
        KokuReferenceTables.costCategoryPatterns(database));
  }

  @Test
  void enabledTagKeysComeFromTheTableOnlyWhenConfigured() {
    SummarySettings configured = SummarySettings.allKeys().withEnabledTagKeys(List.of("app"));
    SummarySettings fromTable =
        new SummarySettings(Optional.empty(), true, List.of(), Optional.empty());

    assertEquals(Optional.of(List.of("app")), KokuReferenceTables.enabledTagKeys(database, configured));
    SinkException missing = assertThrows(SinkException.class, () -> KokuReferenceTables.enabledTagKeys(database, fromTable));
    assertTrue(missing.getMessage().contains("reporting_enabledtagkeys\" does not exist"), missing.getMessage());

    PostgresFixture.execute(
        settings, "CREATE TABLE reporting_enabledtagkeys (uuid uuid, key text, enabled boolean, provider_type text)");
    PostgresFixture.execute(
        settings,
        "INSERT INTO reporting_enabledtagkeys (key, enabled, provider_type) VALUES "
            + "('environment', true, 'OCP'), ('app', true, 'OCP'), ('team', false, 'OCP'), ('app_aws', true, 'AWS')");

    assertEquals(Optional.of(List.of("app", "environment")), KokuReferenceTables.enabledTagKeys(database, fromTable));
  }
}
