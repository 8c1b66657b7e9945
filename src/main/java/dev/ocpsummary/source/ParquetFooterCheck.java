package dev.ocpsummary.source;

import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * Reads the footer of every input file before Spark scans it, so that a file that is not Parquet,
 * lacks a required column, or stores a column with another type fails the run with a message naming
 * the file and the column, instead of reading as NULLs or failing deep inside a task. Column
 * statistics reject negative measures (usage, request, limit and capacity cannot be negative, and a
 * negative value would silently lower a total). Footers also give the row count and the range of
 * {@code interval_start} without a scan.
 */
final class ParquetFooterCheck {

  /** Footers read at once: enough to hide S3 latency, few enough not to crowd the connection pool. */
  private static final int CONCURRENT_READS = 8;

  private final Configuration hadoopConf;

  ParquetFooterCheck(Configuration hadoopConf) {
    this.hadoopConf = hadoopConf;
  }

  /** A row group as its footer describes it: its rows and, when statistics give it, its interval_start range. */
  record RowGroupFacts(long rows, Optional<LocalDateTime> firstIntervalStart, Optional<LocalDateTime> lastIntervalStart) {

    /** Whether the row group may hold rows in [from, until): without statistics it may. */
    boolean mayHoldRowsIn(LocalDate from, LocalDate until) {
      return firstIntervalStart.isEmpty()
          || lastIntervalStart.isEmpty()
          || (!lastIntervalStart.get().isBefore(from.atStartOfDay()) && firstIntervalStart.get().isBefore(until.atStartOfDay()));
    }
  }

  /** What a footer tells about a file: its row groups. */
  record FileFacts(List<RowGroupFacts> rowGroups) {

    FileFacts {
      rowGroups = List.copyOf(rowGroups);
    }

    long rows() {
      return rowGroups.stream().mapToLong(RowGroupFacts::rows).sum();
    }

    /** The file's smallest interval_start, if every row group has statistics. */
    Optional<LocalDateTime> firstIntervalStart() {
      return bound(RowGroupFacts::firstIntervalStart, true);
    }

    /** The file's largest interval_start, if every row group has statistics. */
    Optional<LocalDateTime> lastIntervalStart() {
      return bound(RowGroupFacts::lastIntervalStart, false);
    }

    /** The rows of the row groups that may hold rows in [from, until). */
    FooterEstimate estimateFor(LocalDate from, LocalDate until) {
      long rows = 0;
      int counted = 0;
      for (RowGroupFacts group : rowGroups) {
        if (group.mayHoldRowsIn(from, until)) {
          rows += group.rows();
          counted++;
        }
      }
      return new FooterEstimate(rows, counted, rowGroups.size() - counted);
    }

    /** Whether some interval_start lies outside [from, until). */
    boolean holdsRowsOutside(LocalDate from, LocalDate until) {
      return firstIntervalStart().map(first -> first.isBefore(from.atStartOfDay())).orElse(false)
          || lastIntervalStart().map(last -> !last.isBefore(until.atStartOfDay())).orElse(false);
    }

    private Optional<LocalDateTime> bound(
        Function<RowGroupFacts, Optional<LocalDateTime>> end, boolean smallest) {
      Optional<LocalDateTime> bound = Optional.empty();
      for (RowGroupFacts group : rowGroups) {
        Optional<LocalDateTime> value = end.apply(group);
        if (value.isEmpty()) {
          return Optional.empty();
        }
        if (bound.isEmpty() || (smallest ? value.get().isBefore(bound.get()) : value.get().isAfter(bound.get()))) {
          bound = value;
        }
      }
      return bound;
    }
  }

  /**
   * Checks files at once (footers over S3 are a request or two each, mostly waiting) and returns
   * what their footers tell, in the files' order; a bad file fails as {@link #check} would, the
   * first in that order when several are bad.
   */
  List<FileFacts> checkAll(List<FileStatus> files, ReportType report) {
    return Concurrently.map(files, CONCURRENT_READS, "parquet-footer-check", file -> check(file, report));
  }

  /**
   * Checks one file against the report's columns and returns what its footer tells. The listing's
   * status of the file spares the store a second look-up of it.
   */
  FileFacts check(FileStatus status, ReportType report) {
    Path file = status.getPath();
    ParquetMetadata footer = readFooter(status);
    MessageType schema = footer.getFileMetaData().getSchema();
    for (ReportType.ReadColumn column : report.columns()) {
      Optional<Type> found = field(schema, column.name());
      if (found.isEmpty()) {
        if (column.required()) {
          throw new InputException(
              "file " + file + " lacks required column '" + column.name() + "' of the " + report.folder() + " report");
        }
        continue;
      }
      String problem = typeProblem(found.get(), column.type());
      if (problem != null) {
        throw new InputException("file " + file + ": column '" + column.name() + "' " + problem);
      }
    }
    rejectNegativeMeasures(file, footer, report);
    return new FileFacts(footer.getBlocks().stream().map(ParquetFooterCheck::rowGroupFacts).toList());
  }

  private static void rejectNegativeMeasures(Path file, ParquetMetadata footer, ReportType report) {
    for (ReportType.ReadColumn column : report.columns()) {
      if (!column.type().equals(DataTypes.DoubleType)) {
        continue;
      }
      for (BlockMetaData block : footer.getBlocks()) {
        for (ColumnChunkMetaData chunk : block.getColumns()) {
          Statistics<?> stats = chunk.getStatistics();
          if (chunk.getPath().toDotString().equals(column.name())
              && stats != null
              && stats.hasNonNullValue()
              && stats.genericGetMin() instanceof Double min
              && min < 0) {
            throw new InputException(
                "file " + file + ": column '" + column.name() + "' holds negative values (minimum " + min
                    + "); usage, request, limit and capacity cannot be negative");
          }
        }
      }
    }
  }

  /** A row group's rows and the range of its interval_start statistics, if it has them. */
  private static RowGroupFacts rowGroupFacts(BlockMetaData block) {
    for (ColumnChunkMetaData chunk : block.getColumns()) {
      if (!chunk.getPath().toDotString().equals(InputColumns.INTERVAL_START)) {
        continue;
      }
      Statistics<?> stats = chunk.getStatistics();
      if (stats == null || !stats.hasNonNullValue() || !(stats.genericGetMin() instanceof Long min)) {
        break;
      }
      long max = (Long) stats.genericGetMax();
      return new RowGroupFacts(block.getRowCount(), Optional.of(timestamp(min, chunk)), Optional.of(timestamp(max, chunk)));
    }
    return new RowGroupFacts(block.getRowCount(), Optional.empty(), Optional.empty());
  }

  private static LocalDateTime timestamp(long value, ColumnChunkMetaData chunk) {
    LogicalTypeAnnotation logical = chunk.getPrimitiveType().getLogicalTypeAnnotation();
    boolean millis = logical instanceof TimestampLogicalTypeAnnotation ts && ts.getUnit() == TimeUnit.MILLIS;
    long micros = millis ? value * 1000 : value;
    return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000), (int) Math.floorMod(micros, 1_000_000) * 1000, ZoneOffset.UTC);
  }

  private ParquetMetadata readFooter(FileStatus status) {
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(status, hadoopConf))) {
      return reader.getFooter();
    } catch (IOException | RuntimeException e) {
      throw new InputException("file " + status.getPath() + " is not a readable Parquet file: " + firstLine(e), e);
    }
  }

  private static Optional<Type> field(MessageType schema, String name) {
    return schema.containsField(name) ? Optional.of(schema.getType(name)) : Optional.empty();
  }

  /** Null when the Parquet type can be read as {@code expected}, else why not. */
  private static String typeProblem(Type type, DataType expected) {
    if (!type.isPrimitive() || type.isRepetition(Type.Repetition.REPEATED)) {
      return "is a nested or repeated field, expected " + expected.simpleString();
    }
    PrimitiveType primitive = type.asPrimitiveType();
    PrimitiveTypeName physical = primitive.getPrimitiveTypeName();
    LogicalTypeAnnotation logical = primitive.getLogicalTypeAnnotation();
    String actual = physical + (logical == null ? "" : " (" + logical + ")");
    if (expected.equals(DataTypes.DoubleType)) {
      return physical == PrimitiveTypeName.DOUBLE && logical == null
          ? null
          : "has type " + actual + ", expected DOUBLE";
    }
    if (expected.equals(DataTypes.StringType)) {
      return physical == PrimitiveTypeName.BINARY
              && logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
          ? null
          : "has type " + actual + ", expected a UTF-8 string";
    }
    if (expected.equals(DataTypes.TimestampNTZType)) {
      if (physical == PrimitiveTypeName.INT64 && logical instanceof TimestampLogicalTypeAnnotation ts) {
        if (ts.getUnit() == TimeUnit.NANOS) {
          return "has nanosecond timestamps, expected milli- or microseconds";
        }
        return ts.isAdjustedToUTC()
            ? "is a UTC-adjusted timestamp, expected a naive UTC timestamp (isAdjustedToUTC=false) as Koku writes"
            : null;
      }
      return "has type " + actual + ", expected TIMESTAMP(MILLIS|MICROS, isAdjustedToUTC=false)";
    }
    throw new IllegalArgumentException("no footer rule for " + expected);
  }

  private static String firstLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    List<String> lines = message.lines().toList();
    return lines.isEmpty() ? message : lines.get(0);
  }
}
