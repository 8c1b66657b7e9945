package dev.ocpsummary.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The order in which the config file is found, with a stand-in for the shipped files. */
class ConfigFileLocatorTest {

  @TempDir Path dir;
  private final List<String> lookedUp = new ArrayList<>();

  @Test
  void theOptionWinsOverTheSystemProperty() throws Exception {
    Path option = Files.writeString(dir.resolve("option.conf"), "");

    assertEquals(Optional.of(option), locator(Optional.empty()).locate(Optional.of(option), property(dir.resolve("other.conf"))));
    assertEquals(List.of(), lookedUp);
  }

  @Test
  void theSystemPropertyNamesTheFileWithoutTheOption() throws Exception {
    Path file = Files.writeString(dir.resolve("app.conf"), "");

    assertEquals(Optional.of(file), locator(Optional.empty()).locate(Optional.empty(), property(file)));
  }

  @Test
  void neitherOptionNorPropertyMeansNoFile() {
    assertEquals(Optional.empty(), locator(Optional.empty()).locate(Optional.empty(), new Properties()));
    Properties blank = new Properties();
    blank.setProperty(ConfigFileLocator.SYSTEM_PROPERTY, " ");
    assertEquals(Optional.empty(), locator(Optional.empty()).locate(Optional.empty(), blank));
  }

  @Test
  void aMissingRelativePathIsLookedUpByItsNameAmongTheShippedFiles() {
    Path shipped = dir.resolve("fetched/app.conf");

    Optional<Path> found = locator(Optional.of(shipped)).locate(Optional.of(Path.of("no-such-folder/app.conf")), new Properties());

    assertEquals(Optional.of(shipped), found);
    assertEquals(List.of("app.conf"), lookedUp);
  }

  @Test
  void aMissingRelativePathTheShippedFilesLackStaysAsGiven() {
    Path missing = Path.of("no-such-app.conf");

    assertEquals(Optional.of(missing), locator(Optional.empty()).locate(Optional.empty(), property(missing)));
    assertEquals(List.of("no-such-app.conf"), lookedUp);
  }

  @Test
  void existingRelativeAndMissingAbsolutePathsAreNotLookedUp() {
    Path existing = Path.of("pom.xml");
    Path absent = dir.resolve("absent.conf");

    assertEquals(Optional.of(existing), locator(Optional.of(dir)).locate(Optional.of(existing), new Properties()));
    assertEquals(Optional.of(absent), locator(Optional.of(dir)).locate(Optional.of(absent), new Properties()));
    assertEquals(List.of(), lookedUp);
  }

  private ConfigFileLocator locator(Optional<Path> shipped) {
    return new ConfigFileLocator(
        name -> {
          lookedUp.add(name);
          return shipped;
        });
  }

  private static Properties property(Path file) {
    Properties properties = new Properties();
    properties.setProperty(ConfigFileLocator.SYSTEM_PROPERTY, file.toString());
    return properties;
  }
}
