package dev.ocpsummary.datagen;

import dev.ocpsummary.source.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The scale presets: the seed ladder ({@code small … production-large}, 4 days, with storage) and the
 * POC ladder ({@code poc-20k … poc-2m}, 1 day, the POC's topology). Each is a readable YAML file in
 * {@code data-gen/scales/}, packaged into the jar, parsed with its line numbers for errors.
 */
public final class Scales {

  /** Every preset, in ladder order. */
  public static final List<String> NAMES =
      List.of(
          "small", "medium", "large", "xlarge", "xxlarge", "production-small", "production-medium", "production-large",
          "poc-20k", "poc-50k", "poc-100k", "poc-250k", "poc-500k", "poc-1m", "poc-1.5m", "poc-2m");

  static final String RESOURCE_FOLDER = "dev/ocpsummary/datagen/scales/";

  private Scales() {}

  /** The preset of that name; an unknown name fails listing the known ones. */
  public static Scale load(String name) {
    if (!NAMES.contains(name)) {
      throw new InputException("unknown scale '" + name + "'; known scales: " + String.join(", ", NAMES));
    }
    String file = name + ".yml";
    try (InputStream in = Scales.class.getClassLoader().getResourceAsStream(RESOURCE_FOLDER + file)) {
      if (in == null) {
        throw new InputException("scale '" + name + "' has no preset file " + RESOURCE_FOLDER + file + " on the classpath");
      }
      return parse("data-gen/scales/" + file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses a preset file's text. */
  static Scale parse(String file, String text) {
    YamlTree root = YamlTree.parse(file, text);
    String name = required(root, "name").text();
    Scale.Topology topology = choice(required(root, "topology"), Scale.Topology.class);
    YamlTree node = required(root, "node");
    YamlTree pod = required(root, "pod");
    Optional<Scale.StorageProfile> storage =
        root.value("storage")
            .map(
                s ->
                    new Scale.StorageProfile(
                        required(s, "pvc_every").integer(1, Integer.MAX_VALUE),
                        required(s, "volume_request_gig").nonNegative(),
                        required(s, "capacity_gig").nonNegative(),
                        required(s, "usage_gig").nonNegative(),
                        required(s, "storage_class").text(),
                        required(s, "csi_driver").text()));
    Scale scale =
        new Scale(
            name,
            topology,
            required(root, "pods").integer(1, 100_000_000),
            required(root, "namespaces").integer(1, 1_000_000),
            required(root, "nodes").integer(1, 1_000_000),
            required(root, "days").integer(1, 3660),
            choice(required(root, "labels"), Scale.LabelMode.class),
            new Scale.NodeSize(required(node, "cpu_cores").nonNegative(), required(node, "memory_gig").nonNegative()),
            new Scale.PodProfile(
                required(pod, "cpu_request").nonNegative(),
                required(pod, "cpu_limit").nonNegative(),
                required(pod, "cpu_usage").nonNegative(),
                required(pod, "mem_request_gig").nonNegative(),
                required(pod, "mem_limit_gig").nonNegative(),
                required(pod, "mem_usage_gig").nonNegative(),
                required(pod, "pod_seconds").nonNegative()),
            storage);
    if (topology == Scale.Topology.POC && scale.namespaces() != scale.nodes()) {
      throw required(root, "namespaces").error("the poc topology has one namespace per node: namespaces must equal nodes");
    }
    return scale;
  }

  private static YamlTree required(YamlTree map, String key) {
    return map.value(key).orElseThrow(() -> map.error("missing key '" + key + "'"));
  }

  private static <E extends Enum<E>> E choice(YamlTree value, Class<E> type) {
    String text = value.text();
    try {
      return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw value.error("'" + text + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
    }
  }
}
