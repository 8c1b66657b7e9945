package dev.ocpsummary.datagen;

import java.util.ArrayList;
import java.util.List;

/** The files a sink wrote, each with its table, kind (raw or daily), path and row count. */
public final class WrittenFiles {

  /** One written file. */
  public record File(OcpTable table, boolean daily, String path, long rows) {}

  private final List<File> files = new ArrayList<>();

  synchronized void add(OcpTable table, boolean daily, String path, long rows) {
    files.add(new File(table, daily, path, rows));
  }

  public synchronized List<File> files() {
    return List.copyOf(files);
  }

  /** Rows written to the raw (hourly) files of a table. */
  public synchronized long rawRows(OcpTable table) {
    return files.stream().filter(f -> f.table() == table && !f.daily()).mapToLong(File::rows).sum();
  }
}
