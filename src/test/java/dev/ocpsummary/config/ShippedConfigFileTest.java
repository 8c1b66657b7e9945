package dev.ocpsummary.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocpsummary.testing.SparkFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SettingsLoader#load(Optional, Map)} with the {@code config.file} system property and with
 * files shipped to the shared SparkContext ({@code addFile}, what {@code spark-submit --files} does).
 */
class ShippedConfigFileTest {

  @TempDir Path dir;

  @AfterEach
  void clearTheProperty() {
    System.clearProperty(ConfigFileLocator.SYSTEM_PROPERTY);
  }

  @Test
  void theSystemPropertyIsReadWhenNoFileIsGiven() throws Exception {
    Path file = Files.writeString(dir.resolve("app.conf"), "ocp-summary.database.schema = from_property\n");
    System.setProperty(ConfigFileLocator.SYSTEM_PROPERTY, file.toString());

    assertEquals("from_property", SettingsLoader.load(Optional.empty(), Map.of()).database().schema());
  }

  @Test
  void theOptionWinsOverTheSystemProperty() throws Exception {
    Path option = Files.writeString(dir.resolve("option.conf"), "ocp-summary.database.schema = from_option\n");
    Path property = Files.writeString(dir.resolve("property.conf"), "ocp-summary.database.schema = from_property\n");
    System.setProperty(ConfigFileLocator.SYSTEM_PROPERTY, property.toString());

    assertEquals("from_option", SettingsLoader.load(Optional.of(option), Map.of()).database().schema());
  }

  @Test
  void withoutOptionAndPropertyTheDefaultsApply() {
    assertEquals("public", SettingsLoader.load(Optional.empty(), Map.of()).database().schema());
  }

  @Test
  void aRelativeNameMissingHereIsReadFromTheShippedFiles() throws Exception {
    String name = "shipped-" + UUID.randomUUID() + ".conf";
    // The shared context keeps the file registered, and its tasks fetch it again, for the rest of the
    // JVM: so it lives as long as the JVM, not in this test's temporary folder.
    Path folder = Files.createTempDirectory("shipped-config");
    folder.toFile().deleteOnExit();
    Path file = Files.writeString(folder.resolve(name), "ocp-summary.database.schema = shipped\n");
    file.toFile().deleteOnExit();
    SparkFixture.spark().sparkContext().addFile(file.toString());

    assertEquals("shipped", SettingsLoader.load(Optional.of(Path.of(name)), Map.of()).database().schema());
    System.setProperty(ConfigFileLocator.SYSTEM_PROPERTY, name);
    assertEquals("shipped", SettingsLoader.load(Optional.empty(), Map.of()).database().schema());
  }

  @Test
  void aRelativeNameNeitherHereNorShippedIsNamedAsGiven() {
    String name = "unshipped-" + UUID.randomUUID() + ".conf";
    SparkFixture.spark();

    SettingsException e = assertThrows(SettingsException.class, () -> SettingsLoader.load(Optional.of(Path.of(name)), Map.of()));
    assertEquals("config file " + name + " does not exist", e.getMessage());
  }
}
