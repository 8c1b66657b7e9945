package dev.ocpsummary.datagen;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import dev.ocpsummary.source.InputException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.io.api.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converts nise's CSV reports into the Parquet layout with Koku's conversion rules (specs/data-gen.md
 * A.0, A.6), so that real nise output can be summarized: the four time columns lose their {@code
 * +0000 UTC} suffix and become naive UTC timestamps; metric columns become doubles, an empty or
 * unparsable cell 0.0; label columns become Koku's JSON; other columns keep their text, an empty cell
 * stays an empty string; pod rows get Koku's effective usage; rows with a metric above 1e18 are
 * dropped as Koku drops them. Files are found under the folder recursively, whatever their names
 * (nise's {@code October-2025-…-ocp_pod_usage.csv} or payload names); VM, GPU and ROS reports are
 * skipped. Rows stream from each file to the Parquet files; a day's files are closed when a file
 * moves on to the next day.
 */
public final class NiseCsvImport {

  private static final Logger LOG = LoggerFactory.getLogger(NiseCsvImport.class);

  private static final String UTC_SUFFIX = " +0000 UTC";
  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final double ANOMALY_THRESHOLD = 1e18;

  /** Rows read per table, rows dropped as anomalies, files skipped, and the files written. */
  public record Result(Map<OcpTable, Long> rows, long dropped, List<Path> skipped, WrittenFiles written) {}

  private NiseCsvImport() {}

  public static Result run(Configuration conf, Path csvDir, OutputTarget target) {
    if (!Files.isDirectory(csvDir)) {
      throw new InputException("--csv-dir " + csvDir + " is not a folder");
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(csvDir)) {
      files = walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".csv")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + csvDir + ": " + e.getMessage(), e);
    }
    if (files.isEmpty()) {
      throw new InputException("--csv-dir " + csvDir + " holds no .csv file");
    }
    Map<OcpTable, Long> rows = new EnumMap<>(OcpTable.class);
    long[] dropped = {0};
    List<Path> skipped = new java.util.ArrayList<>();
    RowSink sink = Generator.sink(conf, target);
    try (sink) {
      for (Path file : files) {
        if (!convert(file, sink, rows, dropped)) {
          skipped.add(file);
        }
      }
    }
    LOG.info("Imported {} from {} ({} rows dropped as anomalies, {} files skipped)", rows, csvDir, dropped[0], skipped.size());
    return new Result(rows, dropped[0], skipped, sink.written());
  }

  /** Converts one file; false when it holds a report without a table here. */
  private static boolean convert(Path file, RowSink sink, Map<OcpTable, Long> counts, long[] dropped) {
    CsvParserSettings settings = new CsvParserSettings();
    settings.setHeaderExtractionEnabled(true);
    settings.setNullValue("");
    settings.setEmptyValue("");
    settings.setIgnoreLeadingWhitespaces(false);
    settings.setIgnoreTrailingWhitespaces(false);
    settings.setMaxCharsPerColumn(-1);
    settings.setLineSeparatorDetectionEnabled(true);
    CsvParser parser = new CsvParser(settings);
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      parser.beginParsing(reader);
      String[] header = parser.getContext().headers();
      if (header == null) {
        LOG.info("Skipping {}: empty file", file);
        return false;
      }
      Optional<NiseCsvReport> report = NiseCsvReport.of(file, header);
      if (report.isEmpty()) {
        LOG.info("Skipping {}: a nise report without a table here (VM, GPU or ROS)", file);
        return false;
      }
      OcpTable table = report.get().table();
      List<TableColumn> columns = table.niseCsvColumns();
      LocalDate currentDay = null;
      String[] cells;
      while ((cells = parser.parseNext()) != null) {
        long line = parser.getContext().currentLine();
        Object[] row = new Object[table.columns().size()];
        for (int i = 0; i < columns.size(); i++) {
          int position = report.get().positions()[i];
          String text = position < 0 || position >= cells.length || cells[position] == null ? "" : cells[position];
          row[i] = cell(file, line, table, columns.get(i), text);
        }
        if (table == OcpTable.POD_USAGE) {
          row[19] = Math.max((Double) row[8], (Double) row[9]);
          row[20] = Math.max((Double) row[11], (Double) row[12]);
        }
        if (anomalous(table, row)) {
          dropped[0]++;
          continue;
        }
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv((Long) row[2], 86_400_000L));
        if (currentDay != null && !currentDay.equals(day)) {
          sink.finishDay(currentDay);
        }
        currentDay = day;
        sink.accept(table, day, row);
        counts.merge(table, 1L, Long::sum);
      }
      if (currentDay != null) {
        sink.finishDay(currentDay);
      }
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    } finally {
      parser.stopParsing();
    }
  }

  private static Object cell(Path file, long line, OcpTable table, TableColumn column, String text) {
    switch (column.type()) {
      case TIMESTAMP -> {
        String plain = text.endsWith(UTC_SUFFIX) ? text.substring(0, text.length() - UTC_SUFFIX.length()) : text;
        try {
          return UsageRows.millis(LocalDateTime.parse(plain.strip(), TIMESTAMP));
        } catch (DateTimeParseException e) {
          throw new InputException(
              "file " + file + " line " + line + ": column '" + column.name() + "' value '" + text
                  + "' is not a nise timestamp (YYYY-MM-DD HH:MM:SS +0000 UTC)");
        }
      }
      case DOUBLE -> {
        return safeFloat(text);
      }
      default -> {
        return table.labelColumns().contains(column.name()) ? UsageRows.labels(text) : Binary.fromString(text);
      }
    }
  }

  /** Koku's {@code safe_float}: the number, or 0.0 when the text is empty or not a number. */
  static double safeFloat(String text) {
    try {
      return text.isBlank() ? 0.0 : Double.parseDouble(text.strip());
    } catch (NumberFormatException e) {
      return 0.0;
    }
  }

  private static boolean anomalous(OcpTable table, Object[] row) {
    for (int i = 0; i < table.columns().size(); i++) {
      TableColumn column = table.columns().get(i);
      if (column.type() == ColumnType.DOUBLE
          && (column.name().endsWith("_seconds") || column.name().endsWith("_bytes"))
          && row[i] != null
          && (Double) row[i] > ANOMALY_THRESHOLD) {
        return true;
      }
    }
    return false;
  }
}
