package dev.ocpsummary.exec;

import dev.ocpsummary.config.InputSettings;
import dev.ocpsummary.datagen.InputRows;
import dev.ocpsummary.datagen.KokuLayoutWriter;
import dev.ocpsummary.datagen.PodUsageRow;
import dev.ocpsummary.source.ReportType;
import dev.ocpsummary.testing.StorageRows;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Two days of a small cluster, across a month boundary (2025-10-31 .. 2025-11-01), with every row
 * kind: a master and two workers with node labels, four labelled namespaces, eight application
 * pods with a unique label each, two persistent volume claims, an etcd pod on the master every day,
 * and an API server pod that runs on the master on the first day only, so the master's role (and
 * with it the namespace of its unallocated rows on every day) is a property of the whole window, not
 * of one day.
 *
 * <p>Expected rows, by construction: Pod rows = pods running per day (10 + 9 = 19); Storage rows =
 * claims per day (2 × 2 = 4); Unallocated rows = nodes per day (3 × 2 = 6), the master's two
 * "Platform unallocated".
 */
final class TwoDayCluster {

  static final String SOURCE = "7a1c3e5f-0b2d-4f6a-8c9e-1d3f5a7b9c0e";
  static final LocalDate START = LocalDate.of(2025, 10, 31);
  static final LocalDate END = LocalDate.of(2025, 11, 1);
  static final long POD_ROWS = 19;
  static final long STORAGE_ROWS = 4;
  static final long UNALLOCATED_ROWS = 6;
  static final long ROWS = POD_ROWS + STORAGE_ROWS + UNALLOCATED_ROWS;

  private static final String MASTER = "master-0";
  private static final List<String> WORKERS = List.of("worker-0", "worker-1");

  private final Map<ReportType, List<Row>> rows = new EnumMap<>(ReportType.class);

  /**
   * The rows; {@code scale} multiplies every pod's CPU usage, so that two datasets give the same
   * row keys with different values.
   */
  TwoDayCluster(double scale) {
    for (ReportType report : ReportType.values()) {
      rows.put(report, new ArrayList<>());
    }
    for (LocalDate day = START; !day.isAfter(END); day = day.plusDays(1)) {
      for (int h = 0; h < 24; h++) {
        LocalDateTime hour = day.atTime(h, 0);
        if (day.equals(START)) {
          pod(hour, "openshift-kube-apiserver", "kube-apiserver-0", MASTER, 4, 16, 0.5 * scale, "{\"app\": \"apiserver\"}");
        }
        pod(hour, "openshift-etcd", "etcd-0", MASTER, 4, 16, 0.5 * scale, "{\"app\": \"etcd\"}");
        for (int i = 0; i < 4; i++) {
          pod(hour, "shop-frontend", "frontend-" + i, WORKERS.get(0), 8, 32, 0.25 * scale,
              "{\"app\": \"frontend\", \"pod\": \"frontend-" + i + "\"}");
          pod(hour, "shop-backend", "backend-" + i, WORKERS.get(1), 8, 32, 0.75 * scale,
              "{\"app\": \"backend\", \"pod\": \"backend-" + i + "\"}");
        }
        rows.get(ReportType.STORAGE_USAGE)
            .add(StorageRows.at(hour).claim("shop-backend", "backend-0", "data-backend-0", "pv-backend-0")
                .gib(10, 20, 4).labels("{\"tier\": \"db\"}", "{\"claim\": \"data\"}").build());
        rows.get(ReportType.STORAGE_USAGE)
            .add(StorageRows.at(hour).claim("shop-frontend", "frontend-0", "cache-frontend-0", "pv-frontend-0")
                .set(dev.ocpsummary.source.InputColumns.CSI_VOLUME_HANDLE, "vol-0002")
                .gib(5, 5, 1).build());
        rows.get(ReportType.NODE_LABELS).add(InputRows.nodeLabels(hour, MASTER, "{\"node_role_kubernetes_io\": \"master\"}"));
        for (String worker : WORKERS) {
          rows.get(ReportType.NODE_LABELS).add(InputRows.nodeLabels(hour, worker, "{\"node_role_kubernetes_io\": \"worker\"}"));
        }
        rows.get(ReportType.NAMESPACE_LABELS).add(InputRows.namespaceLabels(hour, "openshift-kube-apiserver", "{\"run_level\": \"0\"}"));
        rows.get(ReportType.NAMESPACE_LABELS).add(InputRows.namespaceLabels(hour, "openshift-etcd", "{\"run_level\": \"0\"}"));
        rows.get(ReportType.NAMESPACE_LABELS).add(InputRows.namespaceLabels(hour, "shop-frontend", "{\"team\": \"web\"}"));
        rows.get(ReportType.NAMESPACE_LABELS).add(InputRows.namespaceLabels(hour, "shop-backend", "{\"team\": \"payments\"}"));
      }
    }
  }

  private void pod(
      LocalDateTime hour, String namespace, String pod, String node, double cores, double memoryGib, double cpuUsage,
      String labels) {
    rows.get(ReportType.POD_USAGE)
        .add(
            PodUsageRow.at(hour)
                .pod(namespace, pod)
                .node(node, "i-" + node)
                .cpu(cpuUsage, 0.5, 1.0, 3600)
                .memoryGib(0.5, 1.0, 2.0, 3600)
                .nodeCapacity(cores, memoryGib)
                .labels(labels)
                .build());
  }

  /** The rows of one report (a copy). */
  List<Row> rows(ReportType report) {
    return new ArrayList<>(rows.get(report));
  }

  /** All input rows (every report). */
  long inputRows() {
    return rows.values().stream().mapToLong(List::size).sum();
  }

  /**
   * The summary of {@code new TwoDayCluster(scale)} for scale 1 or 2, sorted, each row as {@link
   * FaultRuns#rowsWithoutUuid} gives it: what a run over that input must leave in a clean table.
   * Recorded from such runs (the values agree with the construction above: at scale 2, etcd's 1.0
   * core of usage is 24 core-hours a day and the cluster's 20 cores 480 core-hours) rather than
   * computed by a reference run in every fault test, since a run costs several seconds of CPU. A
   * deliberate change of the summary's output means recording them again from clean runs.
   */
  static List<String> summaryOfScale(int scale) {
    String name = "two-day-cluster-summary-scale-" + scale + ".jsonl";
    try (InputStream in = TwoDayCluster.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no recorded summary " + name + " for scale " + scale);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the four reports in Koku's layout under {@code input.root()}. */
  void write(SparkSession spark, InputSettings input) {
    KokuLayoutWriter writer = new KokuLayoutWriter(spark, input);
    rows.forEach((report, list) -> writer.write(report, SOURCE, list));
  }
}
