package dev.ocpsummary.bench;

/**
 * One data scale as its runs saw it.
 *
 * @param name the scale's name
 * @param inputRows input rows (footer sums; the largest any run of the scale recorded)
 * @param inputBytes input Parquet bytes (likewise)
 * @param outputRows median summary rows written by the scale's passed runs; null when none passed
 */
public record ScaleInfo(String name, long inputRows, long inputBytes, Long outputRows) {

  /** Parquet bytes per input row, or NaN without rows. */
  public double bytesPerRow() {
    return inputRows == 0 ? Double.NaN : (double) inputBytes / inputRows;
  }
}
