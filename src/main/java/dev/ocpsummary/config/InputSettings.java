package dev.ocpsummary.config;

/**
 * Where the hourly usage Parquet lives.
 *
 * @param root the folder or bucket prefix above {@code data/}: a path, {@code file://} or {@code s3a://} URI
 * @param layout which folder layout the files follow
 * @param org the Koku account (org) folder of the layout
 */
public record InputSettings(String root, InputLayout layout, String org) {

  public InputSettings withRoot(String newRoot) {
    return new InputSettings(newRoot, layout, org);
  }
}
