package dev.ocpsummary.datagen;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The options of a generation besides what is generated (specs/data-gen.md B.7), with the CLI
 * contract's defaults: Koku layout, start 2025-10-01, the scale's own number of days, seed 1, source
 * {@code 00000000-0000-0000-0000-000000000001}, cluster {@code test-cluster-001}, org {@code
 * org1234567}, 100 000 rows per raw file, no progress bar.
 *
 * @param layout folder layout
 * @param start first day; for manifests only where a generator has no {@code start_date}
 * @param days number of days; for manifests only where a generator has no {@code end_date}
 * @param seed seed of every value drawn because a manifest leaves it out
 * @param progress where to draw a progress bar, if anywhere
 */
public record GenerateOptions(
    OutputLayout layout,
    Optional<LocalDate> start,
    Optional<Integer> days,
    long seed,
    String sourceUuid,
    String clusterId,
    String org,
    int maxRowsPerFile,
    Optional<PrintStream> progress) {

  public static final LocalDate DEFAULT_START = LocalDate.of(2025, 10, 1);

  public static GenerateOptions defaults() {
    return new GenerateOptions(
        OutputLayout.KOKU,
        Optional.empty(),
        Optional.empty(),
        1L,
        OutputTarget.DEFAULT_SOURCE,
        OutputTarget.DEFAULT_CLUSTER,
        OutputTarget.DEFAULT_ORG,
        OutputTarget.DEFAULT_MAX_ROWS_PER_FILE,
        Optional.empty());
  }

  public GenerateOptions withLayout(OutputLayout value) {
    return new GenerateOptions(value, start, days, seed, sourceUuid, clusterId, org, maxRowsPerFile, progress);
  }

  public GenerateOptions withStart(LocalDate value) {
    return new GenerateOptions(layout, Optional.of(value), days, seed, sourceUuid, clusterId, org, maxRowsPerFile, progress);
  }

  public GenerateOptions withDays(int value) {
    return new GenerateOptions(layout, start, Optional.of(value), seed, sourceUuid, clusterId, org, maxRowsPerFile, progress);
  }

  public GenerateOptions withSeed(long value) {
    return new GenerateOptions(layout, start, days, value, sourceUuid, clusterId, org, maxRowsPerFile, progress);
  }

  public GenerateOptions withIds(String source, String cluster, String organisation) {
    return new GenerateOptions(layout, start, days, seed, source, cluster, organisation, maxRowsPerFile, progress);
  }

  public GenerateOptions withMaxRowsPerFile(int value) {
    return new GenerateOptions(layout, start, days, seed, sourceUuid, clusterId, org, value, progress);
  }

  public GenerateOptions withProgress(PrintStream out) {
    return new GenerateOptions(layout, start, days, seed, sourceUuid, clusterId, org, maxRowsPerFile, Optional.of(out));
  }

  OutputTarget target(String outUri) {
    return new OutputTarget(outUri, layout, org, sourceUuid, clusterId, 1, maxRowsPerFile);
  }
}
