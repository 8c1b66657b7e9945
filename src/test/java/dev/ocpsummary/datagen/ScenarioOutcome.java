package dev.ocpsummary.datagen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/** One scenario of data-gen/scenarios/: its manifest, its hand-worked expected outcome, its settings. */
record ScenarioOutcome(String name, Path manifest, Map<String, Object> outcome, Optional<Path> config) {

  static final Path FOLDER = Path.of("data-gen", "scenarios");

  static List<ScenarioOutcome> all() {
    try (Stream<Path> folders = Files.list(FOLDER)) {
      return folders.filter(Files::isDirectory).sorted().map(ScenarioOutcome::of).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ScenarioOutcome of(Path folder) {
    try {
      Map<String, Object> outcome = new Yaml().load(Files.readString(folder.resolve("expected-outcome.yml")));
      Path config = folder.resolve("summarize.conf");
      return new ScenarioOutcome(
          folder.getFileName().toString(), folder.resolve("manifest.yml"), outcome, Files.exists(config) ? Optional.of(config) : Optional.empty());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  long rows(String kind) {
    return ((Number) section("rows").get(kind)).longValue();
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> section(String key) {
    return (Map<String, Object>) outcome.getOrDefault(key, Map.of());
  }

  @SuppressWarnings("unchecked")
  List<Map<String, Map<String, Object>>> expectedRows() {
    return (List<Map<String, Map<String, Object>>>) outcome.getOrDefault("expected_rows", List.of());
  }

  static double number(Object value) {
    return ((Number) value).doubleValue();
  }

  @Override
  public String toString() {
    return name;
  }
}
