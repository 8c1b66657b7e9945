package dev.ocpsummary.source;

import dev.ocpsummary.config.InputSettings;
import dev.ocpsummary.config.RunRequest;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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
   * Every report's rows of the window, as {@link #read} gives them. The reports are listed and their
   * footers read at once, since each mostly waits on storage; a failure is that of the first report
   * in {@link ReportType} order that fails.
   */
  public Map<ReportType, ReportInput> readAll(RunRequest request) {
    openFileSystem();
    List<ReportType> reports = List.of(ReportType.values());
    List<ReportInput> inputs = Concurrently.map(reports, reports.size(), "list-reports", report -> read(report, request));
    Map<ReportType, ReportInput> byReport = new EnumMap<>(ReportType.class);
    for (int i = 0; i < reports.size(); i++) {
      byReport.put(reports.get(i), inputs.get(i));
    }
    return byReport;
  }

  /**
   * Creates the input's file system before the reports are listed at once, which would otherwise
   * each create one (an s3a client takes about a second to set up). A failure is left to the
   * listing, which names the folder.
   */
  private void openFileSystem() {
    try {
      new Path(root(input)).getFileSystem(spark.sparkContext().hadoopConfiguration());
    } catch (IOException | RuntimeException e) {
      LOG.debug("cannot open the file system of {} yet", input.root(), e);
    }
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
      FolderListing listing = listDataFiles(new Path(folder.path()));
      List<FileStatus> folderFiles = listing.dataFiles();
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
        Path file = folderFiles.get(i).getPath();
        ParquetFooterCheck.FileFacts facts = folderFacts.get(i);
        fileRows += facts.rows();
        windowEstimate = windowEstimate.plus(facts.estimateFor(from, until));
        if (facts.holdsRowsOutside(folder.from(), folder.until())) {
          LOG.warn(
              "{} holds rows from {} to {}, outside its folder's period {} .. {}: those rows are skipped",
              file, facts.firstIntervalStart(), facts.lastIntervalStart(), folder.from(), folder.until().minusDays(1));
        }
      }
      folderFiles.forEach(file -> files.add(file.getPath().toString()));
      Dataset<Row> folderRows = readPeriod(listing.scanPaths(), report, from, until);
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

  private Dataset<Row> readPeriod(List<Path> paths, ReportType report, LocalDate from, LocalDate until) {
    return spark
        .read()
        .schema(report.schema())
        .parquet(paths.stream().map(Path::toString).toArray(String[]::new))
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

  /**
   * The data files of a folder, and the paths to give Spark's reader for them: the folder itself when
   * every entry in it is a data file, since Spark then lists it with one request instead of looking
   * up every file (about a second for a month of pod usage over s3a), and reads exactly these files;
   * else the files.
   */
  private record FolderListing(Path folder, List<FileStatus> dataFiles, boolean holdsOnlyDataFiles) {
    List<Path> scanPaths() {
      return holdsOnlyDataFiles ? List.of(folder) : dataFiles.stream().map(FileStatus::getPath).toList();
    }
  }

  /** The folder's data files in name order, none when the folder does not exist: one request over s3a. */
  private FolderListing listDataFiles(Path folder) {
    try {
      FileSystem fs = folder.getFileSystem(spark.sparkContext().hadoopConfiguration());
      FileStatus[] statuses;
      try {
        statuses = fs.listStatus(folder);
      } catch (FileNotFoundException e) {
        return new FolderListing(folder, List.of(), false);
      }
      List<FileStatus> dataFiles =
          Arrays.stream(statuses)
              .filter(FileStatus::isFile)
              .filter(status -> isDataFileName(status.getPath().getName()))
              .sorted(Comparator.comparing(FileStatus::getPath))
              .toList();
      return new FolderListing(folder, dataFiles, dataFiles.size() == statuses.length);
    } catch (IOException | RuntimeException e) {
      throw new InputException("cannot list " + folder + endpointOf(folder) + ": " + e.getMessage(), e);
    }
  }

  /**
   * Whether a file is data: not hidden, not a marker or metadata file ({@code _SUCCESS}, {@code
   * _metadata}), not a copy in progress.
   */
  private static boolean isDataFileName(String name) {
    return !name.startsWith("_") && !name.startsWith(".") && !name.endsWith("._COPYING_");
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
