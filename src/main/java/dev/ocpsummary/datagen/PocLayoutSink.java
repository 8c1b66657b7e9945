package dev.ocpsummary.datagen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.io.api.Binary;

/**
 * Writes rows in the POC's layout (specs/data-gen.md C.2) with Koku's typing (C.3): one {@code
 * data.parquet} per table and UTC day under {@code data/{org}/OCP/source=/year=/month=/day=/{folder}/},
 * every row with a {@code cluster_id} string column appended. No daily files: the POC has none. Tables
 * without rows get no folder.
 */
final class PocLayoutSink implements RowSink {

  private final Configuration conf;
  private final OutputTarget target;
  private final Binary clusterId;
  private final WrittenFiles written = new WrittenFiles();
  private final Map<OcpTable, Map<LocalDate, ParquetTableWriter>> open = new EnumMap<>(OcpTable.class);
  private final Map<ParquetTableWriter, String> paths = new HashMap<>();

  PocLayoutSink(Configuration conf, OutputTarget target) {
    this.conf = conf;
    this.target = target;
    this.clusterId = Binary.fromString(target.clusterId());
  }

  static List<TableColumn> columns(OcpTable table) {
    List<TableColumn> columns = new ArrayList<>(table.columns());
    columns.add(TableColumn.text(OcpTable.CLUSTER_ID));
    return columns;
  }

  String folder(OcpTable table, LocalDate day) {
    return String.format(
        "%s/data/%s/OCP/source=%s/year=%04d/month=%02d/day=%02d/%s",
        target.root(), target.org(), target.sourceUuid(), day.getYear(), day.getMonthValue(), day.getDayOfMonth(), table.pocFolder());
  }

  @Override
  public void clear(Collection<LocalDate> days) {
    for (OcpTable table : OcpTable.values()) {
      for (LocalDate day : days) {
        Path folder = new Path(folder(table, day));
        try {
          FileSystem fs = folder.getFileSystem(conf);
          if (fs.exists(folder)) {
            fs.delete(folder, true);
          }
        } catch (IOException e) {
          throw new UncheckedIOException("cannot clear " + folder + ": " + e.getMessage(), e);
        }
      }
    }
  }

  @Override
  public void accept(OcpTable table, LocalDate day, Object[] row) {
    ParquetTableWriter writer =
        open.computeIfAbsent(table, t -> new HashMap<>())
            .computeIfAbsent(
                day,
                d -> {
                  String path = folder(table, d) + "/data.parquet";
                  ParquetTableWriter created = ParquetTableWriter.create(conf, new Path(path), columns(table));
                  paths.put(created, path);
                  return created;
                });
    Object[] withCluster = java.util.Arrays.copyOf(row, row.length + 1);
    withCluster[row.length] = clusterId;
    writer.write(withCluster);
  }

  @Override
  public void finishDay(LocalDate day) {
    for (Map.Entry<OcpTable, Map<LocalDate, ParquetTableWriter>> ofTable : open.entrySet()) {
      ParquetTableWriter writer = ofTable.getValue().remove(day);
      if (writer != null) {
        finish(ofTable.getKey(), writer);
      }
    }
  }

  private void finish(OcpTable table, ParquetTableWriter writer) {
    writer.close();
    written.add(table, false, paths.remove(writer), writer.rows());
  }

  @Override
  public WrittenFiles written() {
    return written;
  }

  @Override
  public void close() {
    for (Map.Entry<OcpTable, Map<LocalDate, ParquetTableWriter>> ofTable : open.entrySet()) {
      for (ParquetTableWriter writer : ofTable.getValue().values()) {
        finish(ofTable.getKey(), writer);
      }
      ofTable.getValue().clear();
    }
  }
}
