package dev.ocpsummary.datagen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocpsummary.testing.CliRun;
import dev.ocpsummary.testing.PostgresFixture;
import dev.ocpsummary.testing.SparkFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import-nise} of hand-written nise CSVs (src/test/resources/nise/csv, written from the column
 * spec for fixture-manifest.yml) gives the same hourly rows and the same summary as {@code generate
 * --manifest} of that manifest.
 */
class NiseImportTest {

  private static final Path FIXTURE = Path.of("src/test/resources/nise");
  private static final String IMPORTED = "00000000-0000-0000-0000-00000000000a";
  private static final String GENERATED = "00000000-0000-0000-0000-00000000000b";

  @TempDir static Path work;
  private static SummaryCheck check;
  private static CliRun imported;
  private static CliRun generated;

  @BeforeAll
  static void importGenerateAndSummarizeBoth() {
    SparkFixture.spark();
    check = new SummaryCheck(PostgresFixture.freshSchema(NiseImportTest.class), work.resolve("home"));
    imported = check.run("import-nise", "--csv-dir", FIXTURE.resolve("csv").toString(), "--out", work.resolve("imported").toString(), "--source", IMPORTED);
    generated =
        check.run(
            "generate", "--manifest", FIXTURE.resolve("fixture-manifest.yml").toString(), "--out", work.resolve("generated").toString(),
            "--source", GENERATED);
    assertEquals(0, imported.code(), imported.out() + imported.err());
    assertEquals(0, generated.code(), generated.out() + generated.err());
    for (String[] run : new String[][] {{IMPORTED, "imported"}, {GENERATED, "generated"}}) {
      CliRun result =
          check.run(
              "summarize", "--input", work.resolve(run[1]).toString(), "--source", run[0], "--start", "2025-10-31", "--end", "2025-11-01",
              "--cluster-id", "test-cluster-001");
      assertEquals(0, result.code(), result.out() + result.err());
    }
  }

  @Test
  void importReadsEveryReportAndSkipsTheVmReport() {
    assertTrue(imported.out().contains("pod_usage: 9 rows"), imported.out());
    assertTrue(imported.out().contains("storage_usage: 6 rows"), imported.out());
    assertTrue(imported.out().contains("node_labels: 6 rows"), imported.out());
    assertTrue(imported.out().contains("namespace_labels: 6 rows"), imported.out());
    assertTrue(imported.out().contains("ocp_vm_usage.csv (no table for that report)"), imported.out());
  }

  @Test
  void importedRowsEqualGeneratedRows() {
    WrittenData fromCsv = new WrittenData(work.resolve("imported").toString(), OutputLayout.KOKU);
    WrittenData fromManifest = new WrittenData(work.resolve("generated").toString(), OutputLayout.KOKU);
    for (OcpTable table : OcpTable.values()) {
      Dataset<Row> a = fromCsv.raw(table);
      Dataset<Row> b = fromManifest.raw(table).select(a.columns()[0], java.util.Arrays.copyOfRange(a.columns(), 1, a.columns().length));
      assertEquals(b.count(), a.count(), table + " rows");
      assertEquals(0, a.exceptAll(b).count(), table + ": imported rows missing from the generated ones");
      assertEquals(0, b.exceptAll(a).count(), table + ": generated rows missing from the imported ones");
    }
  }

  @Test
  void bothGiveTheSameSummary() {
    String columns =
        "usage_start, data_source, namespace, node, resource_id, pod_labels::text, volume_labels::text, all_labels::text, persistentvolumeclaim, "
            + "persistentvolume, storageclass, pod_usage_cpu_core_hours, pod_request_cpu_core_hours, pod_effective_usage_cpu_core_hours, "
            + "pod_limit_cpu_core_hours, pod_usage_memory_gigabyte_hours, pod_request_memory_gigabyte_hours, "
            + "pod_effective_usage_memory_gigabyte_hours, pod_limit_memory_gigabyte_hours, node_capacity_cpu_core_hours, "
            + "cluster_capacity_memory_gigabyte_hours, persistentvolumeclaim_capacity_gigabyte, persistentvolumeclaim_capacity_gigabyte_months, "
            + "volume_request_storage_gigabyte_months, persistentvolumeclaim_usage_gigabyte_months";
    String query = "SELECT " + columns + " FROM " + SummaryCheck.TABLE + " WHERE source_uuid = ?::uuid ORDER BY " + columns;
    List<Map<String, Object>> fromCsv = check.rows(query, IMPORTED);
    List<Map<String, Object>> fromManifest = check.rows(query, GENERATED);
    // 2 days x (3 Pod rows + 2 Storage rows + 2 unallocated rows)
    assertEquals(14, fromCsv.size());
    assertEquals(fromManifest, fromCsv);
  }
}
