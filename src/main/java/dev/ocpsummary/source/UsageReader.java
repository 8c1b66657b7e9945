package dev.ocpsummary.source;

import dev.ocpsummary.config.InputSettings;
import dev.ocpsummary.config.RunRequest;
import java.io.IOException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the hourly OCP reports of one source and window from a local path, {@code file://} or
 * {@code s3a://} URI, in either layout (DESIGN decision 8): Koku's, {@code
 * {root}/data/parquet/{org}/OCP/{report_type}/source={uuid}/year={YYYY}/month={MM}/}, or the proof
 * of concept's, {@code {root}/data/{org}/OCP/source={uuid}/year={YYYY}/month={MM}/day={DD}/{table}/}
 * (with Koku's column types).
 *
 * <p>Pruning happens before any scan: only the folders of the source that the window touches are
 * listed (months in Koku's layout, days in the POC's), and rows are filtered on {@code
 * interval_start} to the window's days, which Parquet row-group statistics turn into skipped row
 * groups. Every file's footer is checked first (see {@link
 * ParquetFooterCheck}). Pod usage is required: a missing month (or day) folder fails the run with its path.
 * Label reports are optional: without files they read as empty, and the run says so.
 */
public final class UsageReader {

  private static final Logger LOG = LoggerFactory.getLogger(UsageReader.class);

  /** The rows of one report for the window, and how many rows its files hold in total. */
  public record ReportInput(Dataset<Row> rows, long fileRows, int fileCount) {}

  private final SparkSession spark;
  private final InputSettings input;

  public UsageReader(SparkSession spark, InputSettings input) {
    this.spark = spark;
    this.input = input;
  }

  /** The month folder of a report for one source, as a Hadoop path string. */
  public static String monthFolder(InputSettings input, ReportType report, String sourceUuid, YearMonth month) {
    return String.format(
        "%s/data/parquet/%s/OCP/%s/source=%s/year=%04d/month=%02d",
        root(input), input.org(), report.folder(), sourceUuid, month.getYear(), month.getMonthValue());
  }

  /** The day folder of a report for one source in the POC layout, as a Hadoop path string. */
  public static String pocDayFolder(InputSettings input, ReportType report, String sourceUuid, LocalDate day) {
    return String.format(
        "%s/data/%s/OCP/source=%s/year=%04d/month=%02d/day=%02d/%s",
        root(input), input.org(), sourceUuid, day.getYear(), day.getMonthValue(), day.getDayOfMonth(), report.pocFolder());
  }

  /** The folders that hold the window's rows of a report, in the configured layout. */
  static List<String> windowFolders(InputSettings input, ReportType report, RunRequest request) {
    return switch (input.layout()) {
      case KOKU -> request.months().stream().map(m -> monthFolder(input, report, request.sourceUuid(), m)).toList();
      case POC -> request.days().stream().map(d -> pocDayFolder(input, report, request.sourceUuid(), d)).toList();
    };
  }

  private static String root(InputSettings input) {
    return input.root().endsWith("/") ? input.root().substring(0, input.root().length() - 1) : input.root();
  }

  public ReportInput read(ReportType report, RunRequest request) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    ParquetFooterCheck footers = new ParquetFooterCheck(conf);
    List<String> files = new ArrayList<>();
    long fileRows = 0;
    for (String folder : windowFolders(input, report, request)) {
      List<Path> folderFiles = listDataFiles(new Path(folder));
      if (folderFiles.isEmpty() && report.requiredReport()) {
        throw new InputException(
            "no " + report.folder() + " data for " + request + ": folder " + folder + " does not exist or holds no files");
      }
      for (Path file : folderFiles) {
        fileRows += footers.check(file, report);
        files.add(file.toString());
      }
    }
    if (files.isEmpty()) {
      LOG.info("No {} files for {}: treated as empty", report.folder(), request);
      return new ReportInput(spark.createDataFrame(List.of(), report.schema()), 0, 0);
    }
    LOG.info("{}: {} files, {} rows in total, for {}", report.folder(), files.size(), fileRows, request);
    Dataset<Row> rows =
        spark
            .read()
            .schema(report.schema())
            .parquet(files.toArray(String[]::new))
            .where(
                functions
                    .col(InputColumns.INTERVAL_START)
                    .geq(functions.lit(request.start().atStartOfDay()))
                    .and(
                        functions
                            .col(InputColumns.INTERVAL_START)
                            .lt(functions.lit(request.end().plusDays(1).atStartOfDay()))));
    return new ReportInput(rows, fileRows, files.size());
  }

  private List<Path> listDataFiles(Path folder) {
    try {
      FileSystem fs = folder.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(folder)) {
        return List.of();
      }
      FileStatus[] statuses = fs.listStatus(folder);
      return Arrays.stream(statuses)
          .filter(FileStatus::isFile)
          .map(FileStatus::getPath)
          .filter(p -> !p.getName().startsWith("_") && !p.getName().startsWith("."))
          .sorted()
          .toList();
    } catch (IOException | RuntimeException e) {
      throw new InputException("cannot list " + folder + ": " + e.getMessage(), e);
    }
  }
}
