package dev.ocpsummary.datagen;

import dev.ocpsummary.source.InputException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A parsed YAML document that remembers where every value came from, so that a bad value is reported
 * as {@code file line N: key 'k': what is wrong}. Scalars are kept as text and typed on request, so
 * that dates stay dates and numbers stay numbers as the reader of the file means them.
 */
final class YamlTree {

  private final String file;
  private final Node node;
  private final String key;

  private YamlTree(String file, Node node, String key) {
    this.file = file;
    this.node = node;
    this.key = key;
  }

  /** Parses a document; a syntax error names the file and line. */
  static YamlTree parse(String file, String text) {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(Integer.MAX_VALUE);
    try {
      Node root = new Yaml(options).compose(new StringReader(text));
      if (root == null) {
        throw new InputException(file + ": the document is empty");
      }
      return new YamlTree(file, root, null);
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      throw new InputException(file + " line " + line + ": not valid YAML: " + e.getProblem());
    } catch (YAMLException e) {
      throw new InputException(file + ": not valid YAML: " + e.getMessage());
    }
  }

  int line() {
    return node.getStartMark().getLine() + 1;
  }

  String file() {
    return file;
  }

  /** The key this value is stored under, or null for list items and the root. */
  String key() {
    return key;
  }

  boolean isNull() {
    return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL);
  }

  boolean isMap() {
    return node instanceof MappingNode;
  }

  boolean isList() {
    return node instanceof SequenceNode;
  }

  /** An error at this value: {@code file line N: key 'k': message}. */
  InputException error(String message) {
    return new InputException(file + " line " + line() + ": " + (key == null ? "" : "key '" + key + "': ") + message);
  }

  /** The entries of a map, in document order; a null value counts as an empty map. */
  List<YamlTree> entries() {
    if (isNull()) {
      return List.of();
    }
    if (!(node instanceof MappingNode map)) {
      throw error("expected a map of keys, found " + describe());
    }
    List<YamlTree> entries = new ArrayList<>();
    for (NodeTuple tuple : map.getValue()) {
      if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
        throw new YamlTree(file, tuple.getKeyNode(), key).error("a key must be a plain value");
      }
      entries.add(new YamlTree(file, tuple.getValueNode(), keyNode.getValue()));
    }
    return entries;
  }

  /** The value under {@code name}, if the key is present. */
  Optional<YamlTree> get(String name) {
    return entries().stream().filter(e -> e.key.equals(name)).findFirst();
  }

  /** The value under {@code name} when it is present and not null. */
  Optional<YamlTree> value(String name) {
    return get(name).filter(v -> !v.isNull());
  }

  /** The items of a list; a null value counts as an empty list. */
  List<YamlTree> items() {
    if (isNull()) {
      return List.of();
    }
    if (!(node instanceof SequenceNode list)) {
      throw error("expected a list, found " + describe());
    }
    List<YamlTree> items = new ArrayList<>();
    for (Node item : list.getValue()) {
      items.add(new YamlTree(file, item, key));
    }
    return items;
  }

  /** The scalar's text. */
  String text() {
    if (!(node instanceof ScalarNode scalar)) {
      throw error("expected a single value, found " + describe());
    }
    return scalar.getValue();
  }

  /** The scalar as a number. */
  double number() {
    String text = text();
    try {
      double value = Double.parseDouble(text.replace("_", ""));
      if (Double.isNaN(value) || Double.isInfinite(value)) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw error("'" + text + "' is not a number");
    }
  }

  /** The scalar as a number that is zero or more. */
  double nonNegative() {
    double value = number();
    if (value < 0) {
      throw error("'" + text() + "' is negative");
    }
    return value;
  }

  /** The scalar as a whole number within [min, max]. */
  int integer(int min, int max) {
    String text = text();
    try {
      int value = Integer.parseInt(text.replace("_", ""));
      if (value < min || value > max) {
        throw error(text + " is out of range " + min + ".." + max);
      }
      return value;
    } catch (NumberFormatException e) {
      throw error("'" + text + "' is not a whole number");
    }
  }

  /** Text of a value that may be a number or a string (names, labels). */
  String string() {
    return isNull() ? "" : text();
  }

  private String describe() {
    if (node instanceof MappingNode) {
      return "a map";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    return "'" + ((ScalarNode) node).getValue() + "'";
  }
}
