package dev.ocpsummary.datagen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Writes one Parquet file of rows, streaming, through Hadoop's file system (a path, {@code file://}
 * or {@code s3a://}), with the physical types Koku's writer produces (specs/data-gen.md C.3): {@code
 * INT64 TIMESTAMP(MILLIS, isAdjustedToUTC=false)}, {@code DOUBLE}, {@code BYTE_ARRAY UTF8}, every
 * column OPTIONAL, snappy, dictionary encoding. Rows are {@code Object[]} in column order ({@link
 * ColumnType} says which Java type each cell holds). Memory is bounded by one row group; a row group
 * holds at most 1 048 576 rows, as pyarrow's.
 */
final class ParquetTableWriter implements AutoCloseable {

  static final int MAX_ROW_GROUP_ROWS = 1_048_576;

  private final ParquetWriter<Object[]> writer;
  private long rows;

  private ParquetTableWriter(ParquetWriter<Object[]> writer) {
    this.writer = writer;
  }

  static ParquetTableWriter create(Configuration conf, Path path, List<TableColumn> columns) {
    try {
      OutputFile file = outputFile(conf, path);
      ParquetWriter<Object[]> writer =
          new Builder(file, columns)
              .withConf(conf)
              .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
              .withCompressionCodec(CompressionCodecName.SNAPPY)
              .withDictionaryEncoding(true)
              .withRowGroupRowCountLimit(MAX_ROW_GROUP_ROWS)
              .withRowGroupSize(256L * 1024 * 1024)
              .build();
      return new ParquetTableWriter(writer);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * Local files are written with plain Java I/O: Hadoop's local file system forks a process to set
   * permissions on every file it creates, which costs more than writing a small file.
   */
  private static OutputFile outputFile(Configuration conf, Path path) throws IOException {
    if ("file".equals(path.toUri().getScheme())) {
      java.nio.file.Path local = java.nio.file.Path.of(path.toUri());
      java.nio.file.Files.createDirectories(local.getParent());
      return new LocalOutputFile(local);
    }
    return HadoopOutputFile.fromPath(path, conf);
  }

  void write(Object[] row) {
    try {
      writer.write(row);
      rows++;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a row: " + e.getMessage(), e);
    }
  }

  long rows() {
    return rows;
  }

  @Override
  public void close() {
    try {
      writer.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close a Parquet file: " + e.getMessage(), e);
    }
  }

  static MessageType schema(List<TableColumn> columns) {
    Types.MessageTypeBuilder message = Types.buildMessage();
    for (TableColumn column : columns) {
      Type field =
          switch (column.type()) {
            case TIMESTAMP -> Types.optional(PrimitiveTypeName.INT64)
                .as(LogicalTypeAnnotation.timestampType(false, LogicalTypeAnnotation.TimeUnit.MILLIS))
                .named(column.name());
            case DOUBLE -> Types.optional(PrimitiveTypeName.DOUBLE).named(column.name());
            case STRING -> Types.optional(PrimitiveTypeName.BINARY)
                .as(LogicalTypeAnnotation.stringType())
                .named(column.name());
          };
      message.addField(field);
    }
    return message.named("schema");
  }

  private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {
    private final List<TableColumn> columns;

    Builder(OutputFile file, List<TableColumn> columns) {
      super(file);
      this.columns = columns;
    }

    @Override
    protected Builder self() {
      return this;
    }

    // the Hadoop-configuration variant is still the abstract one in parquet 1.17
    @SuppressWarnings("deprecation")
    @Override
    protected WriteSupport<Object[]> getWriteSupport(Configuration conf) {
      return new RowWriteSupport(columns);
    }
  }

  private static final class RowWriteSupport extends WriteSupport<Object[]> {
    private final List<TableColumn> columns;
    private final ColumnType[] types;
    private final String[] names;
    private RecordConsumer consumer;

    RowWriteSupport(List<TableColumn> columns) {
      this.columns = columns;
      this.types = columns.stream().map(TableColumn::type).toArray(ColumnType[]::new);
      this.names = columns.stream().map(TableColumn::name).toArray(String[]::new);
    }

    @SuppressWarnings("deprecation")
    @Override
    public WriteContext init(Configuration configuration) {
      return new WriteContext(schema(columns), new HashMap<>());
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      this.consumer = recordConsumer;
    }

    @Override
    public void write(Object[] row) {
      consumer.startMessage();
      for (int i = 0; i < types.length; i++) {
        Object value = row[i];
        if (value == null) {
          continue;
        }
        consumer.startField(names[i], i);
        switch (types[i]) {
          case TIMESTAMP -> consumer.addLong((Long) value);
          case DOUBLE -> consumer.addDouble((Double) value);
          case STRING -> consumer.addBinary((Binary) value);
        }
        consumer.endField(names[i], i);
      }
      consumer.endMessage();
    }
  }
}
