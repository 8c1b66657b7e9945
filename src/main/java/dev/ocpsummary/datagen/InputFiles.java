package dev.ocpsummary.datagen;

import java.io.File;
import java.nio.file.Path;

/**
 * Which of the files {@code generate} writes {@code summarize} reads: the hourly Parquet files of
 * the Koku layout, not Hadoop's checksum files and not Koku's daily files ({@code data/parquet/daily/}).
 * What to upload when generated data goes to S3.
 */
public final class InputFiles {

  private InputFiles() {}

  /** Whether a generated file is one of the hourly Parquet inputs. */
  public static boolean isHourlyInput(Path file) {
    String name = file.getFileName().toString();
    String separator = File.separator;
    return name.endsWith(".parquet") && !name.startsWith(".") && !file.toString().contains(separator + "daily" + separator);
  }
}
