package dev.ocpsummary.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocpsummary.config.DatabaseSettings;
import dev.ocpsummary.config.InputLayout;
import dev.ocpsummary.config.InputSettings;
import dev.ocpsummary.datagen.KokuLayoutWriter;
import dev.ocpsummary.source.ReportType;
import dev.ocpsummary.testing.CliRun;
import dev.ocpsummary.testing.PostgresFixture;
import dev.ocpsummary.testing.Scenario01;
import dev.ocpsummary.testing.SparkFixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs given credentials through the environment, as users do, and greps everything the runs log
 * (the job's loggers at DEBUG, everything else at INFO) and print for them: a successful run and a
 * failed one.
 */
class SecretsInLogsTest {

  private static final String DB_PASSWORD = "pg-pw-Zq81x7";
  private static final String S3_ACCESS_KEY = "AKIA-ak-5521";
  private static final String S3_SECRET_KEY = "s3-secret-Yp3344";

  @TempDir Path input;

  @Test
  void credentialsNeverAppearInLogsOrOutput() {
    SparkFixture.spark();
    DatabaseSettings database = PostgresFixture.freshSchema(SecretsInLogsTest.class);
    InputSettings inputSettings = new InputSettings(input.toUri().toString(), InputLayout.KOKU, "org1234567");
    new KokuLayoutWriter(SparkFixture.spark(), inputSettings)
        .write(ReportType.POD_USAGE, "55555555-5555-5555-5555-555555555555", Scenario01.podRows());
    Map<String, String> environment =
        Map.of(
            "POSTGRES_URL", database.jdbcUrl(),
            "POSTGRES_USER", "postgres",
            "POSTGRES_PASSWORD", DB_PASSWORD,
            "POSTGRES_SCHEMA", database.schema(),
            "S3_ACCESS_KEY", S3_ACCESS_KEY,
            "S3_SECRET_KEY", S3_SECRET_KEY,
            "OCP_SUMMARY_HOME", input.resolve("home").toString());

    List<String> logged = new ArrayList<>();
    StringBuilder printed = new StringBuilder();
    withCapturedLogs(
        logged,
        () -> {
          printed.append(
              run(environment, 0, "summarize", "--source", "55555555-5555-5555-5555-555555555555", "--start", "2025-10-01", "--end", "2025-10-01", "--input", inputSettings.root()));
          printed.append(
              run(environment, 1, "summarize", "--source", "66666666-6666-6666-6666-666666666666", "--start", "2025-10-01", "--end", "2025-10-01", "--input", inputSettings.root()));
        });

    String everything = String.join("\n", logged) + "\n" + printed;
    assertTrue(logged.stream().anyMatch(line -> line.contains("Effective settings")), "the settings were logged");
    for (String secret : List.of(DB_PASSWORD, S3_ACCESS_KEY, S3_SECRET_KEY)) {
      assertFalse(everything.contains(secret), "a credential leaked into the logs or output");
    }
  }

  private static String run(Map<String, String> environment, int expectedCode, String... args) {
    CliRun run = CliRun.of(environment, args);
    String printed = run.out() + run.err();
    assertEquals(expectedCode, run.code(), printed);
    return printed;
  }

  /** Adds a capturing appender to the root logger (INFO) and the job's loggers (DEBUG) while {@code work} runs. */
  private static void withCapturedLogs(List<String> sink, Runnable work) {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration configuration = context.getConfiguration();
    List<String> synchronizedSink = Collections.synchronizedList(sink);
    AbstractAppender appender =
        new AbstractAppender("secrets-capture", null, null, true, Property.EMPTY_ARRAY) {
          @Override
          public void append(LogEvent event) {
            StringBuilder line = new StringBuilder(event.getMessage().getFormattedMessage());
            for (Throwable t = event.getThrown(); t != null; t = t.getCause()) {
              line.append(" | ").append(t);
            }
            synchronizedSink.add(line.toString());
          }
        };
    appender.start();
    LoggerConfig root = configuration.getRootLogger();
    LoggerConfig job = configuration.getLoggerConfig("dev.ocpsummary");
    boolean ownJobConfig = !job.getName().equals("dev.ocpsummary");
    if (ownJobConfig) {
      job = new LoggerConfig("dev.ocpsummary", Level.DEBUG, true);
      configuration.addLogger("dev.ocpsummary", job);
    }
    Level rootLevel = root.getLevel();
    Level jobLevel = job.getLevel();
    root.addAppender(appender, Level.INFO, null);
    root.setLevel(Level.INFO);
    job.addAppender(appender, Level.DEBUG, null);
    job.setLevel(Level.DEBUG);
    context.updateLoggers();
    try {
      work.run();
    } finally {
      root.removeAppender(appender.getName());
      root.setLevel(rootLevel);
      job.removeAppender(appender.getName());
      job.setLevel(jobLevel);
      if (ownJobConfig) {
        configuration.removeLogger("dev.ocpsummary");
      }
      context.updateLoggers();
      appender.stop();
    }
  }
}
