package dev.ocpsummary.datagen;

/**
 * The three physical column types of Koku's OCP Parquet (specs/data-gen.md C.3): naive UTC
 * timestamps in milliseconds, doubles, and UTF-8 strings. Row values are held as {@code Long} epoch
 * milliseconds, {@code Double}, and Parquet {@code Binary} respectively; {@code null} is a null cell.
 */
public enum ColumnType {
  TIMESTAMP,
  DOUBLE,
  STRING
}
