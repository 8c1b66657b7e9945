package dev.ocpsummary.datagen;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The Parquet folder layouts the generator writes (specs/data-gen.md C.1, C.2), both with Koku's
 * typing (C.3).
 */
public enum OutputLayout {
  /**
   * Koku production: {@code data/parquet/{org}/OCP/{report_type}/source=/year=/month=/} with
   * daily-split raw files of at most {@code maxRowsPerFile} rows, and beside them, under {@code
   * data/parquet/daily/}, one daily file per raw file.
   */
  KOKU,
  /**
   * The Python POC's test harness: one {@code data.parquet} per table and UTC day under {@code
   * data/{org}/OCP/source=/year=/month=/day=/{folder}/}, with a {@code cluster_id} column.
   */
  POC;

  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<OutputLayout> named(String name) {
    return Arrays.stream(values()).filter(l -> l.configName().equals(name)).findFirst();
  }
}
