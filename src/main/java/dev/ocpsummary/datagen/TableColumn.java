package dev.ocpsummary.datagen;

/** One column of a written table: its name (from {@code InputColumns}) and its physical type. */
public record TableColumn(String name, ColumnType type) {

  static TableColumn timestamp(String name) {
    return new TableColumn(name, ColumnType.TIMESTAMP);
  }

  static TableColumn number(String name) {
    return new TableColumn(name, ColumnType.DOUBLE);
  }

  static TableColumn text(String name) {
    return new TableColumn(name, ColumnType.STRING);
  }
}
