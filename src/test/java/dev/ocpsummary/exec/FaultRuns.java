package dev.ocpsummary.exec;

import com.typesafe.config.ConfigFactory;
import dev.ocpsummary.config.DatabaseSettings;
import dev.ocpsummary.config.ExecSettings.Mode;
import dev.ocpsummary.config.InputLayout;
import dev.ocpsummary.config.InputSettings;
import dev.ocpsummary.config.RunRequest;
import dev.ocpsummary.config.Settings;
import dev.ocpsummary.config.SettingsLoader;
import dev.ocpsummary.sink.SummaryDatabase;
import dev.ocpsummary.sink.SummaryWriter;
import dev.ocpsummary.summary.RunIdentity;
import dev.ocpsummary.testing.PostgresFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the fault tests share: the two-day cluster's window, settings of a run, the table's rows. */
final class FaultRuns {

  static final RunRequest WINDOW = new RunRequest(TwoDayCluster.SOURCE, TwoDayCluster.START, TwoDayCluster.END);
  static final String TABLE = SummaryWriter.TABLE;

  private FaultRuns() {}

  static InputSettings input(String root) {
    return new InputSettings(root, InputLayout.KOKU, "org1234567");
  }

  static RunIdentity identity() {
    return new RunIdentity(TwoDayCluster.SOURCE, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** Settings of a run of {@code mode} from {@code inputRoot} into {@code database}, run records under home. */
  static Settings settings(DatabaseSettings database, String inputRoot, Mode mode, Path home) {
    Settings base =
        SettingsLoader.fromConfig(
            ConfigFactory.parseString("ocp-summary.exec.run-record-dir = \"" + home.resolve("runs") + "\""), Map.of());
    return base.withDatabase(database).withInput(input(inputRoot)).withExec(base.exec().withMode(mode, "test"));
  }

  /** A migrated schema of its own in the shared test PostgreSQL. */
  static SummaryDatabase migratedSchema(DatabaseSettings settings) {
    SummaryDatabase database = new SummaryDatabase(settings);
    database.migrate();
    return database;
  }

  /** Every summary row as JSON text without its generated uuid, in no order. */
  static final String ROWS_WITHOUT_UUID = "SELECT (to_jsonb(t) - 'uuid')::text FROM " + TABLE + " t";

  /** Every summary row as JSON text without its generated uuid, sorted (as Java sorts strings). */
  static List<String> rowsWithoutUuid(DatabaseSettings database) {
    return PostgresFixture.column(database, ROWS_WITHOUT_UUID)
        .stream()
        .map(Object::toString)
        .sorted()
        .toList();
  }

  /** Every summary row as JSON text with its uuid, sorted: equal lists mean the very same rows. */
  static List<Object> rowsWithUuid(DatabaseSettings database) {
    return PostgresFixture.column(database, "SELECT to_jsonb(t)::text FROM " + TABLE + " t ORDER BY 1");
  }

  /** The staging tables left in the schema. */
  static List<Object> stagingTables(DatabaseSettings database) {
    return PostgresFixture.column(
        database,
        "SELECT tablename FROM pg_tables WHERE schemaname = ? AND tablename LIKE 'ocp\\_summary\\_staging\\_%' ORDER BY 1",
        database.schema());
  }
}
