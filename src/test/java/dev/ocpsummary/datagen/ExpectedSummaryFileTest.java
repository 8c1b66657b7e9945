package dev.ocpsummary.datagen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocpsummary.source.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** expected.json read back gives what was written: the source, the window and the whole expected summary. */
class ExpectedSummaryFileTest {

  @TempDir Path work;

  @Test
  void readsBackWhatExpectedTotalsWrites() throws IOException {
    Scale small = Scales.load("small");
    ExpectedTotals totals =
        ExpectedCalculator.compute(
            ScaleWorkloads.of(small, GenerateOptions.DEFAULT_START, small.days()), OutputTarget.of(work.toString(), OutputLayout.KOKU), 1L);
    Path file = work.resolve(ExpectedTotals.FILE_NAME);
    Files.writeString(file, totals.toJsonText());

    ExpectedSummaryFile read = ExpectedSummaryFile.read(file);

    assertEquals(totals.summary(), read.summary());
    assertEquals(totals.target().sourceUuid(), read.sourceUuid());
    assertEquals(totals.target().clusterId(), read.clusterId());
    assertEquals(LocalDate.of(2025, 10, 1), read.start());
    assertEquals(LocalDate.of(2025, 10, 4), read.end());
  }

  @Test
  void undeterminedTotalsReadAsNaN() throws IOException {
    Scale small = Scales.load("small");
    ExpectedTotals totals =
        ExpectedCalculator.compute(
            ScaleWorkloads.of(small, GenerateOptions.DEFAULT_START, small.days()), OutputTarget.of(work.toString(), OutputLayout.KOKU), 1L);
    Path file = work.resolve(ExpectedTotals.FILE_NAME);
    Files.writeString(file, totals.toJsonText().replaceFirst("\"pod_usage_cpu_core_hours\" : [0-9.]+", "\"pod_usage_cpu_core_hours\" : null"));

    Map<String, Double> pod = ExpectedSummaryFile.read(file).summary().podTotals();

    assertTrue(pod.get("pod_usage_cpu_core_hours").isNaN());
    assertEquals(totals.summary().podTotals().get("pod_request_cpu_core_hours"), pod.get("pod_request_cpu_core_hours"));
  }

  @Test
  void aFileWithoutTheSummaryIsRejectedNamingFileAndKey() throws IOException {
    Path file = work.resolve("other.json");
    Files.writeString(file, "{\"parameters\": {}}");

    InputException e = assertThrows(InputException.class, () -> ExpectedSummaryFile.read(file));

    assertEquals(file + ": 'summary' is missing or not an object (is this an expected.json of ocp-summary generate?)", e.getMessage());
  }
}
