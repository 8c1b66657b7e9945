package dev.ocpsummary.datagen;

import dev.ocpsummary.source.InputException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which nise report a CSV file holds, told by its header (nise's payload file names, {@code
 * …_openshift_report.N.csv}, do not say), and where each of the report's columns sits in the file.
 * The pre-2024 15-column storage report (no {@code node}, {@code csi_driver}, {@code
 * csi_volume_handle}) is accepted; those columns then read as empty strings, as Koku fills them.
 */
record NiseCsvReport(OcpTable table, int[] positions) {

  private static final Set<String> NEWER_STORAGE_COLUMNS =
      Set.of(dev.ocpsummary.source.InputColumns.NODE, dev.ocpsummary.source.InputColumns.CSI_DRIVER, dev.ocpsummary.source.InputColumns.CSI_VOLUME_HANDLE);

  /** Reports nise writes that have no table here; files holding them are skipped. */
  private static final List<String> OTHER_REPORTS = List.of("ocp_vm_usage", "ocp_gpu_usage", "ocp_ros", "vm_uptime_total_seconds", "gpu_uuid");

  /** The report of a header, or empty for a nise report without a table here (VM, GPU, ROS). */
  static Optional<NiseCsvReport> of(Path file, String[] header) {
    Set<String> columns = new HashSet<>(Arrays.asList(header));
    for (OcpTable table : OcpTable.values()) {
      List<TableColumn> expected = table.niseCsvColumns();
      boolean complete = expected.stream().allMatch(c -> columns.contains(c.name()));
      boolean olderStorage =
          table == OcpTable.STORAGE_USAGE
              && expected.stream().filter(c -> !NEWER_STORAGE_COLUMNS.contains(c.name())).allMatch(c -> columns.contains(c.name()));
      if (complete || olderStorage) {
        int[] positions = new int[expected.size()];
        for (int i = 0; i < expected.size(); i++) {
          positions[i] = Arrays.asList(header).indexOf(expected.get(i).name());
        }
        return Optional.of(new NiseCsvReport(table, positions));
      }
    }
    String name = file.getFileName().toString();
    if (OTHER_REPORTS.stream().anyMatch(other -> name.contains(other) || columns.contains(other))) {
      return Optional.empty();
    }
    throw new InputException(
        "file " + file + ": its header matches no nise OCP report (pod usage, storage usage, node labels, namespace labels); header: "
            + String.join(",", header));
  }
}
