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

  /** Column of {@link #rowsWithFileName}: the file a row was read from. */
  public static final String INPUT_FILE = "input_file";

  /**
   * The rows of one report for the window, how many rows its files hold in total and for the
   * window, and the files.
   *
   * @param windowEstimate the rows for the window as the files' footers tell ({@link FooterEstimate})
   * @param files the report's files in the window's folders, as Hadoop path strings
   */
  public record ReportInput(Dataset<Row> rows, long fileRows, FooterEstimate windowEstimate, List<String> files) {

    public ReportInput {
      files = List.copyOf(files);
    }

    /** How many files the report has in the window's folders. */
    public int fileCount() {
      return files.size();
    }
  }

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

  /** A folder of the layout and the days [from, until) its rows belong to. */
  record PeriodFolder(String path, LocalDate from, LocalDate until) {}

  /** The folders that hold the window's rows of a report, in the configured layout. */
  static List<PeriodFolder> windowFolders(InputSettings input, ReportType report, RunRequest request) {
    return switch (input.layout()) {
      case KOKU ->
          request.months().stream()
              .map(
                  m ->
                      new PeriodFolder(
                          monthFolder(input, report, request.sourceUuid(), m), m.atDay(1), m.plusMonths(1).atDay(1)))
              .toList();
      case POC ->
          request.days().stream()
              .map(d -> new PeriodFolder(pocDayFolder(input, report, request.sourceUuid(), d), d, d.plusDays(1)))
              .toList();
    };
  }

  private static String root(InputSettings input) {
    return input.root().endsWith("/") ? input.root().substring(0, input.root().length() - 1) : input.root();
  }

  /**
   * The report's rows of the window. Each folder contributes only rows of its own period (its month,
   * or its day in the POC layout): rows a file holds outside it are skipped, and the run says so.
   */
  public ReportInput read(ReportType report, RunRequest request) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    ParquetFooterCheck footers = new ParquetFooterCheck(conf);
    Dataset<Row> rows = null;
    List<String> files = new ArrayList<>();
    long fileRows = 0;
    FooterEstimate windowEstimate = FooterEstimate.NONE;
    for (PeriodFolder folder : windowFolders(input, report, request)) {
      List<Path> folderFiles = listDataFiles(new Path(folder.path()));
      if (folderFiles.isEmpty() && report.requiredReport()) {
        throw new InputException(
            "no " + report.folder() + " data for " + request + ": folder " + folder.path()
                + " does not exist or holds no files" + nearestContents(new Path(folder.path())));
      }
      if (folderFiles.isEmpty()) {
        continue;
      }
      LocalDate from = latest(request.start(), folder.from());
      LocalDate until = earliest(request.end().plusDays(1), folder.until());
      List<ParquetFooterCheck.FileFacts> folderFacts = footers.checkAll(folderFiles, report);
      for (int i = 0; i < folderFiles.size(); i++) {
        Path file = folderFiles.get(i);
        ParquetFooterCheck.FileFacts facts = folderFacts.get(i);
        fileRows += facts.rows();
        windowEstimate = windowEstimate.plus(facts.estimateFor(from, until));
        if (facts.holdsRowsOutside(folder.from(), folder.until())) {
          LOG.warn(
              "{} holds rows from {} to {}, outside its folder's period {} .. {}: those rows are skipped",
              file, facts.firstIntervalStart(), facts.lastIntervalStart(), folder.from(), folder.until().minusDays(1));
        }
      }
      folderFiles.forEach(file -> files.add(file.toString()));
      Dataset<Row> folderRows = readPeriod(folderFiles, report, from, until);
      rows = rows == null ? folderRows : rows.unionAll(folderRows);
    }
    if (rows == null) {
      LOG.info("No {} files for {}: treated as empty", report.folder(), request);
      return new ReportInput(spark.createDataFrame(List.of(), report.schema()), 0, FooterEstimate.NONE, List.of());
    }
    LOG.info("{}: {} files, {} rows in total, for {}", report.folder(), files.size(), fileRows, request);
    return new ReportInput(rows, fileRows, windowEstimate, files);
  }

  /**
   * All rows of a report's files with the file each came from ({@value #INPUT_FILE}), not
   * restricted to the window: for naming the files in a message, never for summing. Read afresh,
   * so that it names files even while the window's rows are cached.
   */
  public Dataset<Row> rowsWithFileName(ReportType report, ReportInput input) {
    if (input.files().isEmpty()) {
      return spark.createDataFrame(List.of(), report.schema()).withColumn(INPUT_FILE, functions.lit(""));
    }
    return spark
        .read()
        .schema(report.schema())
        .parquet(input.files().toArray(String[]::new))
        .withColumn(INPUT_FILE, functions.input_file_name());
  }

  private Dataset<Row> readPeriod(List<Path> files, ReportType report, LocalDate from, LocalDate until) {
    return spark
        .read()
        .schema(report.schema())
        .parquet(files.stream().map(Path::toString).toArray(String[]::new))
        .where(
            functions
                .col(InputColumns.INTERVAL_START)
                .geq(functions.lit(from.atStartOfDay()))
                .and(functions.col(InputColumns.INTERVAL_START).lt(functions.lit(until.atStartOfDay()))));
  }

  private static LocalDate latest(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }

  private static LocalDate earliest(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
  }

  /**
   * What the nearest existing ancestor of a missing folder holds, so that a misnamed folder (say
   * {@code month=1} for {@code month=01}) is seen at once.
   */
  private String nearestContents(Path missing) {
    try {
      FileSystem fs = missing.getFileSystem(spark.sparkContext().hadoopConfiguration());
      for (Path ancestor = missing.getParent(); ancestor != null; ancestor = ancestor.getParent()) {
        if (fs.exists(ancestor)) {
          List<String> names =
              Arrays.stream(fs.listStatus(ancestor)).map(status -> status.getPath().getName()).sorted().limit(6).toList();
          return names.isEmpty() ? "" : " (" + ancestor + " holds: " + String.join(", ", names) + ")";
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("cannot list the ancestors of {}", missing, e);
    }
    return "";
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
      throw new InputException("cannot list " + folder + endpointOf(folder) + ": " + e.getMessage(), e);
    }
  }

  /** " (endpoint URL)" for an s3a path, as s3a resolves it (per-bucket first), since a timeout's text names none. */
  private String endpointOf(Path folder) {
    if (!"s3a".equals(folder.toUri().getScheme())) {
      return "";
    }
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    String endpoint = conf.get("fs.s3a.bucket." + folder.toUri().getHost() + ".endpoint", conf.get("fs.s3a.endpoint", ""));
    return endpoint.isEmpty() ? "" : " (endpoint " + endpoint + ")";
  }
}
