package dev.ocpsummary.datagen;

import dev.ocpsummary.config.InputLayout;
import dev.ocpsummary.config.InputSettings;
import dev.ocpsummary.source.UsageReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes rows in Koku's layout (specs/data-gen.md C.1, C.3). Each table's rows of one UTC day go to
 * daily-split raw files named like Koku names the Parquet of a daily-split CSV, {@code
 * {report_type}.{YYYY-MM-DD}.{manifest_id}.{n}_0.parquet}, at most {@code maxRowsPerFile} rows each
 * (nise's CSV split), in the month folder of that day. Beside each raw file, under {@code
 * data/parquet/daily/}, a daily file {@code …{n}_daily_0.parquet} aggregates exactly that raw file's
 * rows, as Koku's daily files do. Tables without rows get no file.
 */
final class KokuLayoutSink implements RowSink {

  private final Configuration conf;
  private final OutputTarget target;
  private final InputSettings readerView;
  private final WrittenFiles written = new WrittenFiles();
  private final Map<OcpTable, Map<LocalDate, OpenFile>> open = new EnumMap<>(OcpTable.class);
  private final Map<OcpTable, Map<LocalDate, Integer>> nextNumber = new EnumMap<>(OcpTable.class);
  private final Set<String> clearedDays = new HashSet<>();

  private final class OpenFile {
    final OcpTable table;
    final LocalDate day;
    final String stem;
    final ParquetTableWriter raw;
    final DailyAggregator daily;

    OpenFile(OcpTable table, LocalDate day, int number) {
      this.table = table;
      this.day = day;
      this.stem = table.kokuFolder() + "." + day + "." + target.manifestId() + "." + number;
      this.raw = ParquetTableWriter.create(conf, new Path(rawFolder(table, day), stem + "_0.parquet"), table.columns());
      this.daily = DailyAggregator.of(table);
    }

    void write(Object[] row) {
      raw.write(row);
      daily.add(row);
    }

    void close() {
      raw.close();
      String rawPath = rawFolder(table, day) + "/" + stem + "_0.parquet";
      written.add(table, false, rawPath, raw.rows());
      Path dailyPath = new Path(dailyFolder(table, day), stem + "_daily_0.parquet");
      try (ParquetTableWriter out = ParquetTableWriter.create(conf, dailyPath, DailyAggregator.columns(table))) {
        daily.rows().forEach(out::write);
        written.add(table, true, dailyPath.toString(), out.rows());
      }
    }
  }

  KokuLayoutSink(Configuration conf, OutputTarget target) {
    this.conf = conf;
    this.target = target;
    this.readerView = new InputSettings(target.root(), InputLayout.KOKU, target.org());
  }

  String rawFolder(OcpTable table, LocalDate day) {
    return UsageReader.monthFolder(readerView, reportType(table), target.sourceUuid(), YearMonth.from(day));
  }

  String dailyFolder(OcpTable table, LocalDate day) {
    YearMonth month = YearMonth.from(day);
    return String.format(
        "%s/data/parquet/daily/%s/OCP/%s/source=%s/year=%04d/month=%02d",
        target.root(), target.org(), table.kokuFolder(), target.sourceUuid(), month.getYear(), month.getMonthValue());
  }

  private static dev.ocpsummary.source.ReportType reportType(OcpTable table) {
    return switch (table) {
      case POD_USAGE -> dev.ocpsummary.source.ReportType.POD_USAGE;
      case STORAGE_USAGE -> dev.ocpsummary.source.ReportType.STORAGE_USAGE;
      case NODE_LABELS -> dev.ocpsummary.source.ReportType.NODE_LABELS;
      case NAMESPACE_LABELS -> dev.ocpsummary.source.ReportType.NAMESPACE_LABELS;
    };
  }

  @Override
  public void clear(Collection<LocalDate> days) {
    for (OcpTable table : OcpTable.values()) {
      for (LocalDate day : days) {
        clearDay(table, day);
      }
    }
  }

  private void clearDay(OcpTable table, LocalDate day) {
    if (!clearedDays.add(table + "|" + day)) {
      return;
    }
    String prefix = table.kokuFolder() + "." + day + ".";
    for (String folder : new String[] {rawFolder(table, day), dailyFolder(table, day)}) {
      Path path = new Path(folder);
      try {
        FileSystem fs = path.getFileSystem(conf);
        if (!fs.exists(path)) {
          continue;
        }
        for (FileStatus file : fs.listStatus(path)) {
          if (file.getPath().getName().startsWith(prefix)) {
            fs.delete(file.getPath(), false);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot clear " + folder + ": " + e.getMessage(), e);
      }
    }
  }

  @Override
  public void accept(OcpTable table, LocalDate day, Object[] row) {
    Map<LocalDate, OpenFile> ofTable = open.computeIfAbsent(table, t -> new HashMap<>());
    OpenFile file = ofTable.get(day);
    if (file != null && file.raw.rows() >= target.maxRowsPerFile()) {
      file.close();
      file = null;
    }
    if (file == null) {
      clearDay(table, day);
      int number = nextNumber.computeIfAbsent(table, t -> new HashMap<>()).merge(day, 1, Integer::sum) - 1;
      file = new OpenFile(table, day, number);
      ofTable.put(day, file);
    }
    file.write(row);
  }

  @Override
  public void finishDay(LocalDate day) {
    for (Map<LocalDate, OpenFile> ofTable : open.values()) {
      OpenFile file = ofTable.remove(day);
      if (file != null) {
        file.close();
      }
    }
  }

  @Override
  public WrittenFiles written() {
    return written;
  }

  @Override
  public void close() {
    for (Map<LocalDate, OpenFile> ofTable : open.values()) {
      ofTable.values().forEach(OpenFile::close);
      ofTable.clear();
    }
  }
}
