package dev.ocpsummary.datagen;

import java.io.PrintStream;

/**
 * A progress bar for long generations: rows written of the total known in advance, percent, rate and
 * elapsed time. On a terminal it redraws one line; otherwise it prints a line every 10 %. It draws at
 * most twice a second, so it costs nothing measurable; {@link #NONE} draws nothing.
 */
public final class Progress {

  public static final Progress NONE = new Progress(null, "", 0, false);

  private static final long REDRAW_NANOS = 500_000_000L;

  private final PrintStream out;
  private final String label;
  private final long total;
  private final boolean terminal;
  private final long started = System.nanoTime();
  private long done;
  private long lastDrawn;
  private int lastDecile = -1;

  private Progress(PrintStream out, String label, long total, boolean terminal) {
    this.out = out;
    this.label = label;
    this.total = total;
    this.terminal = terminal;
  }

  /** A bar on {@code out} for {@code total} rows; redrawn in place when {@code terminal}. */
  public static Progress bar(PrintStream out, String label, long total, boolean terminal) {
    return new Progress(out, label, total, terminal);
  }

  void advance(long rows) {
    done += rows;
    if (out == null) {
      return;
    }
    long now = System.nanoTime();
    int decile = total == 0 ? 10 : (int) (done * 10 / total);
    if (terminal ? now - lastDrawn >= REDRAW_NANOS : decile > lastDecile) {
      lastDrawn = now;
      lastDecile = decile;
      draw(now);
    }
  }

  /** Draws the final state and ends the line. */
  void finish() {
    if (out == null) {
      return;
    }
    draw(System.nanoTime());
    if (terminal) {
      out.println();
    }
    out.flush();
  }

  private void draw(long now) {
    double seconds = (now - started) / 1e9;
    int percent = total == 0 ? 100 : (int) (done * 100 / total);
    int filled = percent * 30 / 100;
    String line =
        String.format(
            "%s [%s%s] %3d%% %,d/%,d rows, %.1f s, %,.0f rows/s",
            label, "#".repeat(filled), ".".repeat(30 - filled), percent, done, total, seconds, seconds > 0 ? done / seconds : 0.0);
    if (terminal) {
      out.print("\r" + line);
    } else {
      out.println(line);
    }
    out.flush();
  }

  long done() {
    return done;
  }
}
