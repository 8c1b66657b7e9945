package dev.ocpsummary.bench;

import dev.ocpsummary.datagen.ExpectedTotals;
import dev.ocpsummary.datagen.GenerateOptions;
import dev.ocpsummary.datagen.Generator;
import dev.ocpsummary.datagen.InputFiles;
import dev.ocpsummary.datagen.OcpTable;
import dev.ocpsummary.datagen.Scales;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * One scale's generated data for the benchmark, in the Koku layout under {@code <data root>/<scale>},
 * generated once and reused while its {@code expected.json} is there. Each scale has its own source
 * UUID (derived from its name), so the scales' summaries never overlap in the database.
 *
 * @param scale the scale's name (data-gen/scales)
 * @param folder where its files are
 * @param expected the generator's closed-form expectations
 * @param inputRows rows of the hourly input files of all four reports (what {@code summarize} reads)
 * @param inputBytes bytes of those Parquet files
 */
public record ScaleDataset(String scale, Path folder, ExpectedTotals expected, long inputRows, long inputBytes) {

  /** The source UUID of a scale's data. */
  static String sourceUuid(String scale) {
    return UUID.nameUUIDFromBytes(("ocp-summary benchmark " + scale).getBytes(StandardCharsets.UTF_8)).toString();
  }

  public String sourceUuid() {
    return expected.target().sourceUuid();
  }

  /**
   * The scale's data under a root, generated now when it is not there yet.
   *
   * @param spark started only when the data must be generated
   */
  static ScaleDataset prepare(String scale, Path dataRoot, Supplier<SparkSession> spark) {
    Path folder = dataRoot.resolve(scale).toAbsolutePath();
    GenerateOptions options =
        GenerateOptions.defaults().withIds(sourceUuid(scale), "bench-" + scale, GenerateOptions.defaults().org());
    String uri = folder.toUri().toString();
    ExpectedTotals expected =
        Files.isRegularFile(folder.resolve(ExpectedTotals.FILE_NAME))
            ? Generator.expected(Scales.load(scale), uri, options)
            : Generator.generate(spark.get(), Scales.load(scale), uri, options);
    long rows = Arrays.stream(OcpTable.values()).mapToLong(expected::rawRows).sum();
    return new ScaleDataset(scale, folder, expected, rows, inputBytes(folder));
  }

  private static long inputBytes(Path folder) {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).filter(InputFiles::isHourlyInput).mapToLong(ScaleDataset::size).sum();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
