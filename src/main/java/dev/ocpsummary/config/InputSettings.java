package dev.ocpsummary.config;

/**
 * Where the hourly usage Parquet lives, and how its rows are taken.
 *
 * @param root the folder or bucket prefix above {@code data/}: a path, {@code file://} or {@code s3a://} URI
 * @param layout which folder layout the files follow
 * @param org the Koku account (org) folder of the layout
 * @param duplicateRows what to do with hourly rows that are exact copies of another row
 */
public record InputSettings(String root, InputLayout layout, String org, DuplicateRowPolicy duplicateRows) {

  /** Settings that drop exact duplicate rows, the default. */
  public InputSettings(String root, InputLayout layout, String org) {
    this(root, layout, org, DuplicateRowPolicy.DROP);
  }

  public InputSettings withRoot(String newRoot) {
    return new InputSettings(newRoot, layout, org, duplicateRows);
  }

  public InputSettings withOrg(String newOrg) {
    return new InputSettings(root, layout, newOrg, duplicateRows);
  }

  public InputSettings withLayout(InputLayout newLayout) {
    return new InputSettings(root, newLayout, org, duplicateRows);
  }
}
