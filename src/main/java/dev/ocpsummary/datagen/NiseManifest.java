package dev.ocpsummary.datagen;

import dev.ocpsummary.datagen.Workload.Claim;
import dev.ocpsummary.datagen.Workload.Namespace;
import dev.ocpsummary.datagen.Workload.Node;
import dev.ocpsummary.datagen.Workload.Pod;
import dev.ocpsummary.datagen.Workload.Segment;
import dev.ocpsummary.datagen.Workload.Volume;
import dev.ocpsummary.source.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a nise static-report manifest ({@code generators: [ {OCPGenerator: {...}} ]}) into a {@link
 * Workload}, with the keys nise reads and nise's defaults and clamps (specs/data-gen.md B.1, B.2, A.1,
 * A.2), deterministic from a seed. Differences from nise, on purpose:
 *
 * <ul>
 *   <li>a value given as zero stays zero (nise treats 0 as "not given" and draws a random value);
 *   <li>values nise draws come from the seed, and names it takes from Faker are made-up words;
 *   <li>a generator without {@code end_date} runs {@code days} days from its start (nise: until now);
 *   <li>a namespace declared under several nodes keeps the pods of every node and has one label row
 *       per slot (nise keeps only the last node's pods and emits a label row per declaration);
 *   <li>a repeated pod name in one namespace of a generator is an error (nise silently keeps one).
 * </ul>
 *
 * Keys nise does not read are ignored with a warning (e.g. {@code pod_labels}: nise reads {@code
 * labels}). Every error names the file, line and key.
 */
final class NiseManifest {

  private static final Logger LOG = LoggerFactory.getLogger(NiseManifest.class);

  private static final Set<String> NODE_KEYS = Set.of("node", "node_name", "node_labels", "cpu_cores", "memory_gig", "resource_id", "namespaces");
  private static final Set<String> NAMESPACE_KEYS = Set.of("namespace_labels", "pods", "volumes", "virtual_machines");
  private static final Set<String> POD_KEYS =
      Set.of("pod", "pod_name", "cpu_request", "cpu_limit", "mem_request_gig", "mem_limit_gig", "pod_seconds", "cpu_usage", "mem_usage_gig", "labels", "gpus", "workload");
  private static final Set<String> VOLUME_KEYS =
      Set.of("volume", "volume_name", "storage_class", "csi_driver", "csi_volume_handle", "volume_request_gig", "labels", "volume_claims");
  private static final Set<String> CLAIM_KEYS = Set.of("volume_claim", "volume_claim_name", "pod_name", "labels", "capacity_gig", "volume_claim_usage_gig");
  private static final String[][] STORAGE_CLASSES = {
    {"gp3-csi", "ebs.csi.aws.com"}, {"fast", "disk.csi.azure.com"}, {"slow", "disk.csi.azure.com"}, {"gold", "pd.csi.storage.gke.io"}
  };
  private static final double GIB = UsageRows.BYTES_PER_GIB;

  private final RowRandom random;
  private final LocalDate defaultStart;
  private final int defaultDays;

  private NiseManifest(long seed, LocalDate defaultStart, int defaultDays) {
    this.random = new RowRandom(seed);
    this.defaultStart = defaultStart;
    this.defaultDays = defaultDays;
  }

  static Workload read(Path file, LocalDate defaultStart, int defaultDays, long seed) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputException("cannot read manifest " + file + ": " + e.getMessage(), e);
    }
    return parse(file.toString(), text, defaultStart, defaultDays, seed);
  }

  static Workload parse(String file, String text, LocalDate defaultStart, int defaultDays, long seed) {
    YamlTree root = YamlTree.parse(file, text);
    NiseManifest manifest = new NiseManifest(seed, defaultStart, defaultDays);
    List<Segment> segments = new ArrayList<>();
    YamlTree generators = root.value("generators").orElseThrow(() -> root.error("missing key 'generators'"));
    int index = 0;
    for (YamlTree item : generators.items()) {
      for (YamlTree generator : item.entries()) {
        if (!generator.key().equals("OCPGenerator")) {
          LOG.warn("{} line {}: generator '{}' is not an OCP generator; ignored", file, generator.line(), generator.key());
          continue;
        }
        segments.addAll(manifest.generator(index++, generator));
      }
    }
    if (segments.isEmpty()) {
      throw generators.error("no OCPGenerator with at least one hourly slot");
    }
    WorkloadChecks.consistent(file, segments);
    return new Workload("manifest " + file, segments);
  }

  /** One generator, split into calendar months, each resolved afresh as nise does. */
  private List<Segment> generator(int index, YamlTree spec) {
    LocalDateTime start = spec.value("start_date").map(ManifestDates::instant).orElse(defaultStart.atStartOfDay());
    LocalDateTime end;
    Optional<YamlTree> endValue = spec.value("end_date");
    if (endValue.isPresent() && endValue.get().text().strip().matches("\\d+")) {
      end = start.plusDays(endValue.get().integer(0, 3660));
    } else {
      end = endValue.map(ManifestDates::instant).orElse(start.plusDays(defaultDays));
    }
    if (!end.isAfter(start)) {
      throw (endValue.isPresent() ? endValue.get() : spec).error("end_date " + end + " is not after start_date " + start + ": no hourly slot");
    }
    YamlTree nodes = spec.value("nodes").orElseThrow(() -> spec.error("missing key 'nodes'"));
    List<Segment> segments = new ArrayList<>();
    for (LocalDateTime from = start; from.isBefore(end); ) {
      LocalDateTime monthEnd = from.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay();
      LocalDateTime to = monthEnd.isBefore(end) ? monthEnd : end;
      segments.add(new MonthResolver(index, from.getYear() * 12L + from.getMonthValue()).segment(from, to, nodes));
      from = to;
    }
    return segments;
  }

  /** Resolves a generator's entities for one month: the draws nise makes once per entity. */
  private final class MonthResolver {
    final int generator;
    final long month;
    final List<Node> nodes = new ArrayList<>();
    final Map<String, Namespace> namespaces = new LinkedHashMap<>();
    final List<Pod> pods = new ArrayList<>();
    final List<Volume> volumes = new ArrayList<>();
    final Map<String, Integer> podLines = new HashMap<>();

    MonthResolver(int generator, long month) {
      this.generator = generator;
      this.month = month;
    }

    SplittableRandom draw(long... what) {
      long[] identity = new long[what.length + 2];
      identity[0] = generator;
      identity[1] = month;
      System.arraycopy(what, 0, identity, 2, what.length);
      return random.at(identity);
    }

    Segment segment(LocalDateTime from, LocalDateTime to, YamlTree nodeList) {
      int n = 0;
      for (YamlTree spec : nodeList.items()) {
        node(n++, spec);
      }
      return new Segment(generator, from, to, nodes, List.copyOf(namespaces.values()), pods, volumes);
    }

    void node(int n, YamlTree spec) {
      warnUnknown(spec, NODE_KEYS);
      String name = spec.value("node_name").map(YamlTree::string).orElseGet(() -> "node_" + RowRandom.word(draw(10, n)));
      double cores = spec.value("cpu_cores").map(YamlTree::nonNegative).orElseGet(() -> (double) RowRandom.randint(draw(11, n), 2, 16));
      double memory = spec.value("memory_gig").map(YamlTree::nonNegative).orElseGet(() -> (double) RowRandom.randint(draw(12, n), 2, 8));
      String resourceId = spec.value("resource_id").map(YamlTree::string).orElseGet(() -> RowRandom.hex(draw(13, n), 17));
      Node node = new Node(name, "i-" + resourceId, cores, memory, labels(spec, "node_labels"));
      if (!nodes.contains(node)) {
        nodes.add(node);
      }
      List<YamlTree> declared = spec.get("namespaces").map(YamlTree::entries).orElse(List.of());
      if (declared.isEmpty()) {
        InventedEntities.add(node, draw(14, n), pods, volumes);
        LOG.warn("{} line {}: node '{}' declares no namespaces: random namespaces and pods are invented, as nise does", spec.file(), spec.line(), name);
        return;
      }
      for (YamlTree namespace : declared) {
        namespace(node, namespace);
      }
    }

    void namespace(Node node, YamlTree spec) {
      String name = spec.key();
      warnUnknown(spec, NAMESPACE_KEYS);
      namespaces.putIfAbsent(name, new Namespace(name, labels(spec, "namespace_labels")));
      if (spec.value("virtual_machines").isPresent()) {
        LOG.warn("{} line {}: virtual_machines are not generated; ignored", spec.file(), spec.line());
      }
      int p = 0;
      for (YamlTree pod : spec.get("pods").map(YamlTree::items).orElse(List.of())) {
        pod(node, name, p++, pod);
      }
      int v = 0;
      for (YamlTree volume : spec.get("volumes").map(YamlTree::items).orElse(List.of())) {
        volume(node, name, v++, volume);
      }
    }

    void pod(Node node, String namespace, int p, YamlTree spec) {
      warnUnknown(spec, POD_KEYS);
      long id = ((long) nodes.size() << 40) ^ ((long) namespace.hashCode() << 20) ^ p;
      String name = spec.value("pod_name").map(YamlTree::string).orElseGet(() -> RowRandom.word(draw(20, id)));
      Integer earlier = podLines.putIfAbsent(namespace + "/" + name, spec.line());
      if (earlier != null) {
        throw spec.error("pod '" + name + "' is declared twice in namespace '" + namespace + "' of this generator (first at line " + earlier + ")");
      }
      double cpuLimit = spec.value("cpu_limit").map(v -> Math.min(v.nonNegative(), node.cpuCores())).orElse(node.cpuCores());
      double cpuRequest =
          spec.value("cpu_request")
              .map(v -> Math.min(v.nonNegative(), cpuLimit))
              .orElseGet(() -> RowRandom.round(RowRandom.uniform(draw(21, id), 0.02, cpuLimit), 5));
      double memLimit = spec.value("mem_limit_gig").map(v -> Math.min(v.nonNegative(), node.memoryGib())).orElse(node.memoryGib());
      double memRequest =
          spec.value("mem_request_gig")
              .map(v -> Math.min(v.nonNegative(), memLimit))
              .orElseGet(() -> Math.min(RowRandom.round(RowRandom.uniform(draw(22, id), 25.0, 80.0), 2), memLimit));
      Double seconds = spec.value("pod_seconds").map(YamlTree::nonNegative).orElse(null);
      pods.add(
          new Pod(
              name, namespace, node, cpuRequest, cpuLimit, usage(spec, "cpu_usage"), memRequest, memLimit,
              usage(spec, "mem_usage_gig"), seconds, labels(spec, "labels")));
    }

    void volume(Node node, String namespace, int v, YamlTree spec) {
      warnUnknown(spec, VOLUME_KEYS);
      long id = ((long) nodes.size() << 40) ^ ((long) namespace.hashCode() << 20) ^ v;
      String name = spec.value("volume_name").map(YamlTree::string).orElseGet(() -> "pv-" + RowRandom.word(draw(30, id)));
      String[] pair = STORAGE_CLASSES[draw(31, id).nextInt(STORAGE_CLASSES.length)];
      // nise quirk: a key present with a blank value gives an empty cell, not the default
      String storageClass = spec.get("storage_class").map(YamlTree::string).orElse(pair[0]);
      String csiDriver = spec.get("csi_driver").map(YamlTree::string).orElse(pair[1]);
      String handle = spec.get("csi_volume_handle").map(YamlTree::string).orElseGet(() -> "vol-" + RowRandom.hex(draw(32, id), 17));
      double request = spec.value("volume_request_gig").map(YamlTree::nonNegative).orElse(100.0);
      List<Claim> claims = new ArrayList<>();
      double claimed = 0;
      int c = 0;
      for (YamlTree claim : spec.get("volume_claims").map(YamlTree::items).orElse(List.of())) {
        warnUnknown(claim, CLAIM_KEYS);
        // nise takes claims while more than 1 GiB of the volume's request is left, then stops
        if (!(request * GIB - claimed * GIB > GIB)) {
          LOG.warn("{} line {}: volume '{}' has no more than 1 GiB left; this claim and later ones are skipped, as nise skips them", claim.file(), claim.line(), name);
          break;
        }
        long claimId = id * 31 + c++;
        double capacity = claim.value("capacity_gig").map(YamlTree::nonNegative).orElse(request);
        claimed += capacity;
        if (claimed > request) {
          throw claim.error("the claims of volume '" + name + "' add up to " + claimed + " GiB, more than its volume_request_gig " + request + " (nise aborts)");
        }
        claims.add(
            new Claim(
                claim.value("volume_claim_name").map(YamlTree::string).orElseGet(() -> RowRandom.word(draw(33, claimId))),
                claim.value("pod_name").map(YamlTree::string).orElse(""),
                labels(claim, "labels"),
                capacity,
                usage(claim, "volume_claim_usage_gig")));
      }
      volumes.add(new Volume(name, namespace, node, storageClass, csiDriver, handle, request, labels(spec, "labels"), claims));
    }
  }

  private static String labels(YamlTree spec, String key) {
    Optional<YamlTree> value = spec.value(key);
    if (value.isEmpty()) {
      return "";
    }
    String labels = value.get().string();
    for (String item : labels.split("\\|", -1)) {
      if (!item.isEmpty() && item.split(":", -1).length != 2) {
        // nise crashes on such pod labels; Koku drops the item
        LOG.warn("{} line {}: label item '{}' does not have exactly one ':'; Koku drops it", spec.file(), value.get().line(), item);
      }
    }
    return labels;
  }

  private static UsageSchedule usage(YamlTree spec, String key) {
    Optional<YamlTree> map = spec.value(key);
    if (map.isEmpty()) {
      return UsageSchedule.NOT_GIVEN;
    }
    if (!map.get().isMap()) {
      throw map.get().error("expected a map such as {full_period: 0.5}, found '" + map.get().string() + "'");
    }
    List<UsageSchedule.Entry> entries = new ArrayList<>();
    for (YamlTree entry : map.get().entries()) {
      LocalDate day = entry.key().equals("full_period") ? null : ManifestDates.usageDay(entry, entry.key());
      entries.add(new UsageSchedule.Entry(day, entry.isNull() ? null : entry.nonNegative()));
    }
    return new UsageSchedule(entries);
  }

  private static void warnUnknown(YamlTree spec, Set<String> known) {
    for (YamlTree entry : spec.entries()) {
      if (!known.contains(entry.key())) {
        String hint = entry.key().equals("pod_labels") ? " (nise reads pod labels from 'labels')" : "";
        LOG.warn("{} line {}: key '{}' is not read by nise; ignored{}", entry.file(), entry.line(), entry.key(), hint);
      }
    }
  }
}
