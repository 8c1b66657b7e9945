package dev.ocpsummary.datagen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocpsummary.testing.SparkFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What {@code generate} writes equals what its expected.json says, table by table: rows, files, raw
 * sums of every metric column, and (Koku layout) daily rows and sums. expected.json comes from the
 * parameters; the sums here come from reading the Parquet back with Spark.
 */
class GeneratorTest {

  private final SparkSession spark = SparkFixture.spark();
  @TempDir Path out;

  @ParameterizedTest(name = "{0} in the {1} layout, {2} rows per file")
  @CsvSource({"small, koku, 100000", "small, koku, 100", "small, poc, 100000", "medium, koku, 100000", "medium, poc, 100000"})
  void writtenRowsFilesAndSumsEqualExpectedJson(String scale, String layoutName, int rowsPerFile) {
    OutputLayout layout = OutputLayout.named(layoutName).orElseThrow();
    ExpectedTotals expected =
        Generator.generate(
            spark, Scales.load(scale), out.toString(), GenerateOptions.defaults().withLayout(layout).withMaxRowsPerFile(rowsPerFile));
    WrittenData written = new WrittenData(out.toString(), layout);

    for (OcpTable table : OcpTable.values()) {
      Dataset<Row> raw = written.raw(table);
      List<String> metrics = WrittenData.metrics(table);
      Map<String, Double> sums = WrittenData.countAndSums(raw, metrics);
      assertEquals(expected.rawRows(table), sums.get("rows").longValue(), table + " raw rows");
      assertEquals(expected.rawFiles(table), raw.inputFiles().length, table + " raw files");
      for (String column : metrics) {
        assertEquals(expected.rawSums().get(table).get(column), sums.get(column), table + "." + column);
      }
      if (layout == OutputLayout.KOKU) {
        Dataset<Row> daily = written.daily(table);
        List<String> summed = metrics.stream().filter(c -> c.endsWith("_seconds")).toList();
        Map<String, Double> dailySums = WrittenData.countAndSums(daily, summed);
        assertEquals(expected.dailyRows(table), dailySums.get("rows").longValue(), table + " daily rows");
        assertEquals(expected.rawFiles(table), daily.inputFiles().length, table + " daily files");
        for (String column : summed) {
          assertEquals(expected.rawSums().get(table).get(column), dailySums.get(column), table + " daily " + column);
        }
      } else {
        List<Row> clusters = raw.select(OcpTable.CLUSTER_ID).distinct().collectAsList();
        assertEquals(List.of("test-cluster-001"), clusters.stream().map(r -> r.getString(0)).toList());
      }
    }
    assertTrue(Files.isRegularFile(out.resolve(ExpectedTotals.FILE_NAME)));
  }

  @Test
  void smallGivesTheSpecsClosedFormValues() {
    // specs/data-gen.md D.3 and E.3, seed ladder row "small": 10 pods, 2 namespaces, 2 nodes, 4 days
    ExpectedTotals small = expectedOnly("small");
    assertEquals(960, small.rawRows(OcpTable.POD_USAGE));
    assertEquals(192, small.rawRows(OcpTable.STORAGE_USAGE));
    assertEquals(192, small.rawRows(OcpTable.NODE_LABELS));
    assertEquals(192, small.rawRows(OcpTable.NAMESPACE_LABELS));
    assertEquals(40, small.summary().podRows());
    assertEquals(8, small.summary().storageRows());
    assertEquals(8, small.summary().unallocatedRows());
    assertEquals(Map.of("Pod", 48L, "Storage", 8L), small.summary().rowsByDataSource());
    Map<String, Double> pod = small.summary().podTotals();
    assertEquals(288.0, pod.get("pod_usage_cpu_core_hours"), 1e-9);
    assertEquals(480.0, pod.get("pod_request_cpu_core_hours"), 1e-9);
    assertEquals(480.0, pod.get("pod_effective_usage_cpu_core_hours"), 1e-9);
    assertEquals(960.0, pod.get("pod_limit_cpu_core_hours"), 1e-9);
    assertEquals(480.0, pod.get("pod_usage_memory_gigabyte_hours"), 1e-9);
    assertEquals(960.0, pod.get("pod_request_memory_gigabyte_hours"), 1e-9);
    assertEquals(1920.0, pod.get("pod_limit_memory_gigabyte_hours"), 1e-9);
    // capacity 1536 core-h / 6144 GiB-h over 4 days; unallocated = capacity - pods
    small.summary().clusterCapacityPerDay().values().forEach(day -> {
      assertEquals(384.0, day.get("cluster_capacity_cpu_core_hours"), 1e-9);
      assertEquals(1536.0, day.get("cluster_capacity_memory_gigabyte_hours"), 1e-9);
    });
    assertEquals(1536.0 - 288.0, small.summary().unallocatedTotals().get("pod_usage_cpu_core_hours"), 1e-9);
    assertEquals(6144.0 - 960.0, small.summary().unallocatedTotals().get("pod_request_memory_gigabyte_hours"), 1e-9);
    Map<String, Double> storage = small.summary().storageTotals();
    assertEquals(80.0 / 31, storage.get("persistentvolumeclaim_capacity_gigabyte_months"), 1e-12);
    assertEquals(160.0 / 31, storage.get("volume_request_storage_gigabyte_months"), 1e-12);
    assertEquals(32.0 / 31, storage.get("persistentvolumeclaim_usage_gigabyte_months"), 1e-12);
    assertEquals(List.of(), small.undetermined());
  }

  @Test
  void pocLadderGivesThePublishedRowCountsAndKokuDailyFileRows() {
    // specs/data-gen.md D.2: poc-20k = 830 pods on 10 nodes, 19 920 pod rows, 240 + 240 label rows
    ExpectedTotals poc20k = expectedOnly("poc-20k");
    assertEquals(19_920, poc20k.rawRows(OcpTable.POD_USAGE));
    assertEquals(0, poc20k.rawRows(OcpTable.STORAGE_USAGE));
    assertEquals(240, poc20k.rawRows(OcpTable.NODE_LABELS));
    assertEquals(240, poc20k.rawRows(OcpTable.NAMESPACE_LABELS));
    assertEquals(830, poc20k.summary().podRows());
    assertEquals(10, poc20k.summary().unallocatedRows());
    assertEquals(5_976.0, poc20k.summary().podTotals().get("pod_usage_cpu_core_hours"), 1e-9);
    assertEquals(21_513_600.0, poc20k.rawSums().get(OcpTable.POD_USAGE).get("pod_usage_cpu_core_seconds"));
    assertEquals(39_840.0, poc20k.summary().podTotals().get("pod_limit_memory_gigabyte_hours"), 1e-9);
    // D.2: the 2m day is 20 raw pod files of 100 000 rows, each holding all 83 200 pods: 1 664 000 daily rows
    ExpectedTotals poc2m = expectedOnly("poc-2m");
    assertEquals(1_996_800, poc2m.rawRows(OcpTable.POD_USAGE));
    assertEquals(20, poc2m.rawFiles(OcpTable.POD_USAGE));
    assertEquals(1_664_000, poc2m.dailyRows(OcpTable.POD_USAGE));
  }

  @Test
  void filesAreNamedAndTypedAsKokuWritesThem() throws Exception {
    Generator.generate(spark, Scales.load("small"), out.toString(), GenerateOptions.defaults().withDays(1));
    Path month = out.resolve("data/parquet/org1234567/OCP/pod_usage/source=00000000-0000-0000-0000-000000000001/year=2025/month=10");
    Path raw = month.resolve("pod_usage.2025-10-01.1.0_0.parquet");
    assertTrue(Files.isRegularFile(raw), "raw file " + raw);
    assertTrue(
        Files.isRegularFile(
            out.resolve(
                "data/parquet/daily/org1234567/OCP/pod_usage/source=00000000-0000-0000-0000-000000000001/year=2025/month=10/pod_usage.2025-10-01.1.0_daily_0.parquet")));
    try (Stream<Path> files = Files.list(month)) {
      assertEquals(List.of("pod_usage.2025-10-01.1.0_0.parquet"), files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).toList());
    }
    MessageType schema;
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(raw.toUri()), new Configuration()))) {
      schema = reader.getFooter().getFileMetaData().getSchema();
      assertEquals(1, reader.getFooter().getBlocks().size());
    }
    assertEquals("optional int64 interval_start (TIMESTAMP(MILLIS,false))", schema.getType("interval_start").toString());
    assertEquals("optional double pod_usage_cpu_core_seconds", schema.getType("pod_usage_cpu_core_seconds").toString());
    assertEquals("optional binary pod_labels (STRING)", schema.getType("pod_labels").toString());
    assertEquals(21, schema.getFieldCount());
    Row first = spark.read().parquet(raw.toUri().toString()).orderBy("interval_start", "namespace", "pod").first();
    assertEquals("{\"app\": \"benchmark\", \"tier\": \"backend\", \"namespace\": \"namespace-1\", \"pod\": \"pod-1-1\"}", first.getAs("pod_labels"));
    assertEquals("i-node-1-resource-id", first.getAs("resource_id"));
    assertEquals(1080.0, (Double) first.getAs("pod_usage_cpu_core_seconds"));
    assertEquals(java.time.LocalDateTime.of(2025, 10, 1, 0, 59, 59), first.getAs("interval_end"));
    assertEquals(java.time.LocalDateTime.of(2025, 11, 1, 0, 0), first.getAs("report_period_end"));
  }

  @Test
  void regeneratingReplacesTheDaysInsteadOfAddingFiles() {
    GenerateOptions oneFilePerDay = GenerateOptions.defaults();
    Generator.generate(spark, Scales.load("small"), out.toString(), oneFilePerDay.withMaxRowsPerFile(100));
    ExpectedTotals second = Generator.generate(spark, Scales.load("small"), out.toString(), oneFilePerDay);
    Dataset<Row> raw = new WrittenData(out.toString(), OutputLayout.KOKU).raw(OcpTable.POD_USAGE);
    assertEquals(second.rawRows(OcpTable.POD_USAGE), raw.count());
    assertEquals(4, raw.inputFiles().length);
  }

  private static ExpectedTotals expectedOnly(String scale) {
    Scale preset = Scales.load(scale);
    Workload workload = ScaleWorkloads.of(preset, GenerateOptions.DEFAULT_START, preset.days());
    return ExpectedCalculator.compute(workload, OutputTarget.of("/nowhere", OutputLayout.KOKU), 1L);
  }
}
