package dev.ocpsummary.exec;

import dev.ocpsummary.config.InputSettings;
import dev.ocpsummary.config.RunRequest;
import dev.ocpsummary.source.InputColumns;
import dev.ocpsummary.source.InputException;
import dev.ocpsummary.source.ReportType;
import dev.ocpsummary.source.UsageReader;
import java.io.IOException;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * AUTO's estimate of a window's input rows, from Parquet footers only (no scan): the rows of every
 * row group, of all four reports, whose {@code interval_start} statistics overlap the window. Koku
 * keeps a month in one folder, so whole-file counts would overstate a one-day window up to 31-fold;
 * row groups without statistics are counted whole, so the estimate never falls below the truth.
 *
 * @param rows the estimated input rows
 * @param files the files whose footers were read
 * @param rowGroups row groups counted
 * @param rowGroupsSkipped row groups whose statistics lie outside the window
 */
record InputEstimate(long rows, int files, int rowGroups, int rowGroupsSkipped) {

  static InputEstimate of(Configuration conf, InputSettings input, RunRequest request) {
    long windowStart = request.start().atStartOfDay().toEpochSecond(ZoneOffset.UTC) * 1_000_000L;
    long windowEnd = request.end().plusDays(1).atStartOfDay().toEpochSecond(ZoneOffset.UTC) * 1_000_000L;
    long rows = 0;
    int files = 0;
    int counted = 0;
    int skipped = 0;
    for (ReportType report : ReportType.values()) {
      for (YearMonth month : request.months()) {
        Path folder = new Path(UsageReader.monthFolder(input, report, request.sourceUuid(), month));
        for (FileStatus file : dataFiles(conf, folder)) {
          files++;
          ParquetMetadata footer = footer(conf, file.getPath());
          TimestampLogicalTypeAnnotation unit = timestampUnit(footer.getFileMetaData().getSchema());
          for (BlockMetaData block : footer.getBlocks()) {
            if (overlaps(block, unit, windowStart, windowEnd)) {
              rows += block.getRowCount();
              counted++;
            } else {
              skipped++;
            }
          }
        }
      }
    }
    return new InputEstimate(rows, files, counted, skipped);
  }

  private static FileStatus[] dataFiles(Configuration conf, Path folder) {
    try {
      FileSystem fs = folder.getFileSystem(conf);
      if (!fs.exists(folder)) {
        return new FileStatus[0];
      }
      return java.util.Arrays.stream(fs.listStatus(folder))
          .filter(FileStatus::isFile)
          .filter(s -> !s.getPath().getName().startsWith("_") && !s.getPath().getName().startsWith("."))
          .toArray(FileStatus[]::new);
    } catch (IOException | RuntimeException e) {
      throw new InputException("cannot list " + folder + ": " + e.getMessage(), e);
    }
  }

  private static ParquetMetadata footer(Configuration conf, Path file) {
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf))) {
      return reader.getFooter();
    } catch (IOException | RuntimeException e) {
      throw new InputException("file " + file + " is not a readable Parquet file: " + e.getMessage(), e);
    }
  }

  /** The unit of an INT64 timestamp interval_start, or null when the statistics cannot be read as one. */
  private static TimestampLogicalTypeAnnotation timestampUnit(MessageType schema) {
    if (!schema.containsField(InputColumns.INTERVAL_START)) {
      return null;
    }
    var type = schema.getType(InputColumns.INTERVAL_START);
    if (!type.isPrimitive() || type.asPrimitiveType().getPrimitiveTypeName() != PrimitiveTypeName.INT64) {
      return null;
    }
    LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
    return logical instanceof TimestampLogicalTypeAnnotation ts ? ts : null;
  }

  private static boolean overlaps(
      BlockMetaData block, TimestampLogicalTypeAnnotation unit, long windowStartMicros, long windowEndMicros) {
    if (unit == null) {
      return true;
    }
    for (ColumnChunkMetaData column : block.getColumns()) {
      if (!column.getPath().toDotString().equals(InputColumns.INTERVAL_START)) {
        continue;
      }
      Statistics<?> stats = column.getStatistics();
      if (stats == null || stats.isEmpty() || !stats.hasNonNullValue()) {
        return true;
      }
      long min = toMicros(((Number) stats.genericGetMin()).longValue(), unit);
      long max = toMicros(((Number) stats.genericGetMax()).longValue(), unit);
      return max >= windowStartMicros && min < windowEndMicros;
    }
    return true;
  }

  private static long toMicros(long value, TimestampLogicalTypeAnnotation unit) {
    return switch (unit.getUnit()) {
      case MILLIS -> value * 1000L;
      case MICROS -> value;
      case NANOS -> value / 1000L;
    };
  }

  /** For messages: the estimate in words. */
  String describe() {
    return String.format(
        "%,d input rows estimated from the footers of %d files (%d row groups overlap the window, %d do not)",
        rows, files, rowGroups, rowGroupsSkipped);
  }
}
