package dev.ocpsummary.datagen;

import java.time.LocalDate;
import java.util.Collection;

/**
 * Receives hourly report rows ({@code Object[]} in {@link OcpTable#columns()} order) and writes them in
 * one layout. Rows of one table and day arrive in the order they are to be stored; days may
 * interleave. {@link #finishDay} lets a caller that writes day by day release a day's files early.
 */
interface RowSink extends AutoCloseable {

  /** Removes what earlier runs wrote for these days of the target's source, so none of it is read again. */
  void clear(Collection<LocalDate> days);

  void accept(OcpTable table, LocalDate day, Object[] row);

  /** Closes every open file of {@code day}; later rows of that day start new files. */
  void finishDay(LocalDate day);

  /** What was written so far. */
  WrittenFiles written();

  @Override
  void close();
}
