package dev.ocpsummary.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocpsummary.config.DatabaseSettings;
import dev.ocpsummary.config.Secret;
import dev.ocpsummary.summary.SummaryColumns;
import dev.ocpsummary.summary.SummaryColumns.OutputColumn;
import dev.ocpsummary.testing.PostgresFixture;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryDatabaseTest {

  private static DatabaseSettings settings(String url, String schema, Secret password) {
    return new DatabaseSettings(url, "postgres", password, schema, 0, null);
  }

  @Test
  void schemaMustBeAPlainIdentifierAndTheErrorNamesIt() {
    for (String bad : List.of("org-1", "1org", "a\"b", "", "x".repeat(64), "org 1", "Ünï")) {
      SinkException e =
          assertThrows(
              SinkException.class,
              () -> new SummaryDatabase(settings("jdbc:postgresql://127.0.0.1/postgres", bad, Secret.NONE)),
              bad);
      assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
    }
    assertEquals(
        "_Org1234567_x",
        new SummaryDatabase(settings("jdbc:postgresql://h/db", "_Org1234567_x", Secret.NONE)).schema());
    assertEquals(
        "x".repeat(63), new SummaryDatabase(settings("jdbc:postgresql://h/db", "x".repeat(63), Secret.NONE)).schema());
  }

  @Test
  void aJdbcUrlIsRequired() {
    SinkException e =
        assertThrows(SinkException.class, () -> new SummaryDatabase(settings(" ", "org1", Secret.NONE)));
    assertTrue(e.getMessage().contains("no JDBC URL"), e.getMessage());
  }

  @Test
  void qualifiedNamesAreQuotedAndChecked() {
    SummaryDatabase database = new SummaryDatabase(settings("jdbc:postgresql://h/db", "org1234567", Secret.NONE));
    assertEquals("\"org1234567\".\"summary_runs\"", database.qualified("summary_runs"));
    assertThrows(IllegalArgumentException.class, () -> database.qualified("x; DROP TABLE y"));
  }

  @Test
  void thePasswordAppearsInNoStringOrMessage() {
    SummaryDatabase database =
        new SummaryDatabase(
            settings("jdbc:postgresql://127.0.0.1:1/db?password=hunter2&ssl=false", "org1", new Secret("hunter2")));
    assertFalse(database.toString().contains("hunter2"), database.toString());
    assertEquals("jdbc:postgresql://127.0.0.1:1/db?password=***&ssl=false", database.displayUrl());
    SinkException e = assertThrows(SinkException.class, database::connect);
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void migrationCreatesBothTablesInTheSchemaAndCanRunAgain() throws Exception {
    DatabaseSettings settings = PostgresFixture.freshSchema(getClass());
    SummaryDatabase database = new SummaryDatabase(settings);
    database.migrate();
    database.migrate();

    assertEquals(
        List.of("SCHEMA", "SQL", "SQL", "SQL"),
        PostgresFixture.column(settings, "SELECT type FROM flyway_schema_history WHERE success ORDER BY installed_rank"));
    assertEquals(
        List.of(
            Map.of("relname", "reporting_ocpusagelineitem_daily_summary", "relkind", "p"),
            Map.of("relname", "reporting_ocpusagelineitem_daily_summary_default", "relkind", "r"),
            Map.of("relname", "summary_runs", "relkind", "r")),
        PostgresFixture.rows(
            settings,
            "SELECT relname::text AS relname, relkind::text AS relkind FROM pg_class"
                + " WHERE relnamespace = ?::regnamespace AND relkind IN ('r', 'p')"
                + " AND relname <> 'flyway_schema_history' ORDER BY relname",
            settings.schema()));
    assertEquals(
        "RANGE (usage_start)",
        PostgresFixture.value(
            settings, "SELECT pg_get_partkeydef('reporting_ocpusagelineitem_daily_summary'::regclass)"));
    assertEquals(
        "PRIMARY KEY (uuid, usage_start)",
        PostgresFixture.value(
            settings,
            "SELECT pg_get_constraintdef(oid) FROM pg_constraint"
                + " WHERE conrelid = 'reporting_ocpusagelineitem_daily_summary'::regclass AND contype = 'p'"));

    List<String> indexes =
        PostgresFixture.column(
                settings,
                "SELECT indexdef FROM pg_indexes WHERE schemaname = ? AND tablename = ? ORDER BY indexname",
                settings.schema(),
                "reporting_ocpusagelineitem_daily_summary")
            .stream()
            .map(String.class::cast)
            .map(def -> def.replace("\"" + settings.schema() + "\".", "").replace(settings.schema() + ".", ""))
            .toList();
    for (String expected :
        List.of(
            "USING btree (usage_start)",
            "USING btree (source_uuid, usage_start)",
            "USING btree (namespace varchar_pattern_ops)",
            "USING btree (node varchar_pattern_ops)",
            "USING btree (data_source)",
            "USING gin (all_labels)",
            "USING gin (pod_labels)",
            "USING gin (volume_labels)")) {
      assertTrue(indexes.stream().anyMatch(def -> def.endsWith(expected)), expected + " in " + indexes);
    }
    assertTrue(
        PostgresFixture.column(settings, "SELECT indexdef FROM pg_indexes WHERE tablename = 'summary_runs' AND schemaname = ?",
                settings.schema())
            .stream()
            .anyMatch(def -> ((String) def).endsWith("USING btree (source_uuid, started_at)")));
  }

  @Test
  void summaryColumnsFollowTheUuidWithKokusTypesInSummaryColumnsOrder() {
    DatabaseSettings settings = PostgresFixture.freshSchema(getClass());
    new SummaryDatabase(settings).migrate();
    List<Map<String, Object>> columns =
        PostgresFixture.rows(
            settings,
            "SELECT column_name::text AS name, format_type(atttypid, atttypmod) AS type, is_nullable::text AS nullable"
                + " FROM information_schema.columns c JOIN pg_attribute a"
                + " ON a.attrelid = 'reporting_ocpusagelineitem_daily_summary'::regclass AND a.attname = c.column_name"
                + " WHERE table_schema = ? AND table_name = 'reporting_ocpusagelineitem_daily_summary'"
                + " ORDER BY ordinal_position",
            settings.schema());
    assertEquals(Map.of("name", "uuid", "type", "uuid", "nullable", "NO"), columns.get(0));
    List<String> written = new ArrayList<>();
    for (int i = 0; i < SummaryColumns.ALL.size(); i++) {
      OutputColumn expected = SummaryColumns.ALL.get(i);
      Map<String, Object> actual = columns.get(i + 1);
      assertEquals(expected.name(), actual.get("name"));
      String type = (String) actual.get("type");
      switch (expected.kind()) {
        case NUMERIC -> assertEquals("numeric(33,15)", type, expected.name());
        case JSONB -> assertEquals("jsonb", type, expected.name());
        case UUID -> assertEquals("uuid", type, expected.name());
        case DATE -> assertEquals("date", type, expected.name());
        case INTEGER -> assertEquals("integer", type, expected.name());
        case TEXT -> assertTrue(type.startsWith("character varying("), expected.name() + " " + type);
      }
      written.add(expected.name() + " " + type + " " + actual.get("nullable"));
    }
    assertTrue(written.contains("cluster_id character varying(50) YES"), written.toString());
    assertTrue(written.contains("cluster_alias character varying(256) YES"), written.toString());
    assertTrue(written.contains("data_source character varying(64) YES"), written.toString());
    assertTrue(written.contains("storageclass character varying(253) YES"), written.toString());
    assertTrue(written.contains("usage_start date NO"), written.toString());
    assertTrue(written.contains("usage_end date NO"), written.toString());
    Map<String, Object> rawCost =
        columns.stream().filter(c -> c.get("name").equals("infrastructure_raw_cost")).findFirst().orElseThrow();
    assertEquals("numeric(33,15)", rawCost.get("type"));
  }

  @Test
  void connectionsUseTheSchema() throws Exception {
    DatabaseSettings settings = PostgresFixture.freshSchema(getClass());
    SummaryDatabase database = new SummaryDatabase(settings);
    database.migrate();
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT current_schema(), count(*) FROM summary_runs")) {
      result.next();
      assertEquals(settings.schema(), result.getString(1));
      assertEquals(0, result.getLong(2));
      assertTrue(connection.getAutoCommit());
    }
  }
}
