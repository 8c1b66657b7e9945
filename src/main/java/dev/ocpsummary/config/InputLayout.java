package dev.ocpsummary.config;

import java.util.Locale;

/** The Parquet folder layouts the readers understand (DESIGN decision 8). */
public enum InputLayout {
  /** Koku production: {@code data/parquet/{org}/OCP/{report_type}/source=/year=/month=/}. */
  KOKU,
  /** The Python proof of concept's test harness: {@code data/{org}/OCP/source=/year=/month=/day=/{table}/}. */
  POC;

  /** The name used in config files and on the command line. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
