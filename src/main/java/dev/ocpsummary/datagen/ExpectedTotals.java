package dev.ocpsummary.datagen;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ocpsummary.datagen.ExpectedFiles.TableCounts;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The {@code expected.json} of a generation, computed from its parameters in closed form
 * (specs/data-gen.md E.1–E.3), never from the rows written: the parameters and the {@code summarize}
 * call that fits them; rows and files per table; raw sums of every metric column; what the summary
 * must contain ({@link ExpectedSummary}); per-entity constants; and which values are undetermined
 * because nise-style per-row draws feed them (their totals are {@code null} in the JSON, {@code NaN}
 * here).
 */
public record ExpectedTotals(
    String workload,
    OutputTarget target,
    long seed,
    LocalDate start,
    LocalDate end,
    Map<OcpTable, TableCounts> tables,
    Map<OcpTable, Map<String, Double>> rawSums,
    ExpectedSummary summary,
    Map<String, List<Map<String, Object>>> perEntity,
    List<String> undetermined) {

  public static final String FILE_NAME = "expected.json";

  /** Raw rows of a table. */
  public long rawRows(OcpTable table) {
    return tables.get(table).rawRows();
  }

  /** Rows of a table's Koku daily files (0 in the POC layout). */
  public long dailyRows(OcpTable table) {
    return tables.get(table).dailyRows();
  }

  public int rawFiles(OcpTable table) {
    return tables.get(table).rawFiles();
  }

  /** The whole document, as the JSON object written to {@value #FILE_NAME}. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("generator", "ocp-summary generate");
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("workload", workload);
    parameters.put("layout", target.layout().configName());
    parameters.put("typing", "koku");
    parameters.put("source_uuid", target.sourceUuid());
    parameters.put("cluster_id", target.clusterId());
    parameters.put("org", target.org());
    parameters.put("start", start.toString());
    parameters.put("end", end.toString());
    parameters.put("days", start.datesUntil(end.plusDays(1)).count());
    parameters.put("seed", seed);
    parameters.put("manifest_id", target.manifestId());
    parameters.put("max_rows_per_file", target.maxRowsPerFile());
    json.put("parameters", parameters);

    Map<String, Object> summarize = new LinkedHashMap<>();
    summarize.put("source", target.sourceUuid());
    summarize.put("start", start.toString());
    summarize.put("end", end.toString());
    summarize.put("input", target.root());
    summarize.put("cluster_id", target.clusterId());
    summarize.put("assumes", "default settings: every label key enabled, no cost categories");
    summarize.put(
        "command",
        "submit/ocp-summary summarize --input " + target.root() + " --source " + target.sourceUuid() + " --start " + start
            + " --end " + end + " --cluster-id " + target.clusterId());
    json.put("summarize", summarize);

    Map<String, Object> input = new LinkedHashMap<>();
    for (OcpTable table : OcpTable.values()) {
      TableCounts counts = tables.get(table);
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("report_type", target.layout() == OutputLayout.KOKU ? table.kokuFolder() : table.pocFolder());
      entry.put("raw_rows", counts.rawRows());
      entry.put("raw_files", counts.rawFiles());
      if (target.layout() == OutputLayout.KOKU) {
        entry.put("daily_rows", counts.dailyRows());
        entry.put("daily_files", counts.dailyFiles());
      }
      Map<String, Long> perDay = new LinkedHashMap<>();
      counts.rawRowsPerDay().forEach((day, rows) -> perDay.put(day.toString(), rows));
      entry.put("raw_rows_per_day", perDay);
      entry.put("raw_rows_per_file", counts.rawRowsPerFile());
      entry.put("raw_sums", nullForNaN(rawSums.getOrDefault(table, Map.of())));
      input.put(table.kokuFolder(), entry);
    }
    json.put("input", input);

    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Object> rows = new LinkedHashMap<>();
    rows.put("pod", summary.podRows());
    rows.put("storage", summary.storageRows());
    rows.put("unallocated", summary.unallocatedRows());
    Map<String, Long> byDataSource = new LinkedHashMap<>();
    byDataSource.put("Pod", summary.rowsByDataSource().get("Pod"));
    byDataSource.put("Storage", summary.rowsByDataSource().get("Storage"));
    rows.put("by_data_source", byDataSource);
    rows.put("unallocated_by_namespace", summary.unallocatedRowsByNamespace());
    out.put("rows", rows);
    out.put("pod_totals", nullForNaN(summary.podTotals()));
    out.put("unallocated_totals", nullForNaN(summary.unallocatedTotals()));
    out.put("storage_totals", nullForNaN(summary.storageTotals()));
    Map<String, Object> capacity = new LinkedHashMap<>();
    summary.clusterCapacityPerDay().forEach((day, values) -> capacity.put(day.toString(), values));
    out.put("cluster_capacity_per_day", capacity);
    out.put("pod_namespaces", summary.podNamespaces());
    out.put("storage_namespaces", summary.storageNamespaces());
    json.put("summary", out);
    json.put("per_entity", perEntity);
    json.put("undetermined", undetermined);
    return json;
  }

  /** The JSON text, indented. */
  public String toJsonText() {
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(toJson()) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@value #FILE_NAME} at the target's root. */
  void write(Configuration conf) {
    Path path = new Path(target.root() + "/" + FILE_NAME);
    try {
      if ("file".equals(path.toUri().getScheme())) {
        java.nio.file.Path local = java.nio.file.Path.of(path.toUri());
        java.nio.file.Files.createDirectories(local.getParent());
        java.nio.file.Files.writeString(local, toJsonText());
        return;
      }
      FileSystem fs = path.getFileSystem(conf);
      try (OutputStream out = fs.create(path, true)) {
        out.write(toJsonText().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
    }
  }

  private static Map<String, Double> nullForNaN(Map<String, Double> values) {
    Map<String, Double> copy = new LinkedHashMap<>();
    values.forEach((k, v) -> copy.put(k, v == null || v.isNaN() ? null : v));
    return copy;
  }

  static List<String> sorted(java.util.Collection<String> values) {
    List<String> list = new ArrayList<>(values);
    list.sort(null);
    return list;
  }
}
