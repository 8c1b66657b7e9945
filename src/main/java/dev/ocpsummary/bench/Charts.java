package dev.ocpsummary.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The report's PNG charts, drawn headlessly with JFreeChart from the statistics: wall time, peak RSS
 * and smallest viable heap against input rows (log scale, both modes, min–max whiskers where there
 * are repeated runs), a time-versus-memory scatter and the phase breakdown. A chart without data is
 * not drawn; {@link #write} says which were.
 */
public final class Charts {

  static {
    // Charts are drawn on servers without a display.
    System.setProperty("java.awt.headless", "true");
  }

  static final int WIDTH = 900;
  static final int HEIGHT = 560;
  private static final Color CACHE_COLOR = new Color(0x1f, 0x77, 0xb4);
  private static final Color ITERATE_COLOR = new Color(0xd6, 0x27, 0x28);

  /**
   * A chart of the report.
   *
   * @param file the PNG's name in the charts folder
   * @param title what it shows
   * @param drawn false when there was nothing to draw (then no file exists)
   */
  public record Chart(String file, String title, boolean drawn) {}

  private Charts() {}

  /** Draws every chart into {@code dir} (created when needed). */
  public static List<Chart> write(Path dir, RunStatistics stats, ThresholdFit.Result fit) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
    }
    List<Chart> charts = new ArrayList<>();
    charts.add(metricVsRows(dir, "time_vs_rows.png", "Process wall time vs input rows (median, min–max)",
        "wall time (s)", stats, Metric.WALL));
    charts.add(metricVsRows(dir, "peak_rss_vs_rows.png", "Peak RSS vs input rows (median, min–max)",
        "peak RSS of the process tree (MiB)", stats, Metric.PEAK_RSS));
    charts.add(minHeapVsRows(dir, "min_heap_vs_rows.png", stats, fit));
    charts.add(timeVsMemory(dir, "time_vs_memory.png", stats));
    charts.add(phases(dir, "phases.png", stats));
    return charts;
  }

  private static Chart metricVsRows(Path dir, String file, String title, String yLabel, RunStatistics stats, Metric metric) {
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    for (String mode : BenchRun.MODES) {
      YIntervalSeries series = new YIntervalSeries(mode);
      for (ScaleInfo scale : stats.scales()) {
        Stats s = stats.summary(scale.name(), mode).stat(metric);
        if (s != null && scale.inputRows() > 0) {
          series.add(scale.inputRows(), s.median(), s.min(), s.max());
        }
      }
      data.addSeries(series);
    }
    if (data.getSeries(0).getItemCount() + data.getSeries(1).getItemCount() == 0) {
      return new Chart(file, title, false);
    }
    JFreeChart chart = ChartFactory.createXYLineChart(title, "input rows", yLabel, data, PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    rowsAxis(plot);
    XYErrorRenderer renderer = new XYErrorRenderer();
    renderer.setDrawXError(false);
    renderer.setDefaultLinesVisible(true);
    styleModes(renderer);
    renderer.setErrorPaint(Color.GRAY);
    plot.setRenderer(renderer);
    return save(dir, file, title, chart);
  }

  private static Chart minHeapVsRows(Path dir, String file, RunStatistics stats, ThresholdFit.Result fit) {
    String title = "Smallest viable heap vs input rows (heap sweep), with the budget";
    XYSeriesCollection data = new XYSeriesCollection();
    long minRows = Long.MAX_VALUE;
    long maxRows = 0;
    for (String mode : BenchRun.MODES) {
      XYSeries series = new XYSeries(mode);
      for (ThresholdFit.Point p : fit.points()) {
        if (p.mode().equals(mode) && p.heap().found() && p.scale().inputRows() > 0) {
          series.add(p.scale().inputRows(), p.heap().heapMib());
          minRows = Math.min(minRows, p.scale().inputRows());
          maxRows = Math.max(maxRows, p.scale().inputRows());
        }
      }
      data.addSeries(series);
    }
    if (maxRows == 0) {
      return new Chart(file, title, false);
    }
    for (String mode : BenchRun.MODES) {
      ThresholdFit.Line line = fit.fits().get(mode);
      if (line != null) {
        data.addSeries(fitCurve(mode + " fit", line, minRows, maxRows, fit.thresholdRows()));
      }
    }
    JFreeChart chart =
        ChartFactory.createXYLineChart(title, "input rows", "smallest viable -Xmx (MiB)", data, PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    rowsAxis(plot);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
    styleModes(renderer);
    for (int i = 2; i < data.getSeriesCount(); i++) {
      boolean cache = data.getSeriesKey(i).toString().startsWith(BenchRun.CACHE);
      renderer.setSeriesPaint(i, cache ? CACHE_COLOR : ITERATE_COLOR);
      renderer.setSeriesLinesVisible(i, true);
      renderer.setSeriesShapesVisible(i, false);
      renderer.setSeriesStroke(i, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
    }
    plot.setRenderer(renderer);
    if (fit.budget() != null) {
      plot.addRangeMarker(marker(fit.budget().heapMib(), "budget B = " + Fmt.integer(fit.budget().heapMib()) + " MiB", Color.BLACK));
      plot.addRangeMarker(marker(fit.budget().safeMib(),
          "s·B = " + fit.budget().safety() + " × B = " + Fmt.num(fit.budget().safeMib(), 0) + " MiB", Color.DARK_GRAY));
      NumberAxis range = (NumberAxis) plot.getRangeAxis();
      range.setUpperBound(Math.max(range.getUpperBound(), fit.budget().heapMib() * 1.1));
    }
    if (fit.thresholdRows() != null && fit.thresholdRows() > 0) {
      ValueMarker threshold = marker(fit.thresholdRows(), "T = " + Fmt.integer(fit.thresholdRows()) + " rows", Color.GRAY);
      threshold.setLabelAnchor(RectangleAnchor.TOP_LEFT);
      threshold.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
      plot.addDomainMarker(threshold);
    }
    return save(dir, file, title, chart);
  }

  private static Chart timeVsMemory(Path dir, String file, RunStatistics stats) {
    String title = "Time vs memory per scale (medians)";
    XYSeriesCollection data = new XYSeriesCollection();
    List<List<String>> labels = new ArrayList<>();
    for (String mode : BenchRun.MODES) {
      XYSeries series = new XYSeries(mode, false);
      List<String> names = new ArrayList<>();
      for (ScaleInfo scale : stats.scales()) {
        ModeSummary s = stats.summary(scale.name(), mode);
        if (s.median(Metric.PEAK_RSS) != null && s.median(Metric.WALL) != null) {
          series.add(s.median(Metric.PEAK_RSS), s.median(Metric.WALL));
          names.add(scale.name());
        }
      }
      data.addSeries(series);
      labels.add(names);
    }
    if (labels.get(0).isEmpty() && labels.get(1).isEmpty()) {
      return new Chart(file, title, false);
    }
    JFreeChart chart =
        ChartFactory.createScatterPlot(title, "peak RSS (MiB)", "wall time (s)", data, PlotOrientation.VERTICAL, true, false, false);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    styleModes(renderer);
    renderer.setDefaultItemLabelGenerator((dataset, series, item) -> labels.get(series).get(item));
    renderer.setDefaultItemLabelsVisible(true);
    renderer.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    chart.getXYPlot().setRenderer(renderer);
    return save(dir, file, title, chart);
  }

  private static Chart phases(Path dir, String file, RunStatistics stats) {
    String title = "Pipeline phases per scale and mode (median seconds)";
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    Map<String, Metric> phases =
        Map.of("list", Metric.PHASE_LIST, "read", Metric.PHASE_READ, "aggregate", Metric.PHASE_AGGREGATE, "write", Metric.PHASE_WRITE);
    for (ScaleInfo scale : stats.scales()) {
      for (String mode : BenchRun.MODES) {
        for (String phase : BenchRun.PHASES) {
          Double median = stats.summary(scale.name(), mode).median(phases.get(phase));
          if (median != null) {
            data.addValue(median, phase, scale.name() + " " + mode);
          }
        }
      }
    }
    if (data.getColumnCount() == 0) {
      return new Chart(file, title, false);
    }
    JFreeChart chart =
        ChartFactory.createStackedBarChart(title, "scale and mode", "seconds (median of each phase)", data, PlotOrientation.HORIZONTAL, true, false, false);
    CategoryPlot plot = chart.getCategoryPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    int height = Math.max(HEIGHT, 80 + 28 * data.getColumnCount());
    return save(dir, file, title, chart, height);
  }

  private static XYSeries fitCurve(String key, ThresholdFit.Line line, long minRows, long maxRows, Long threshold) {
    // Sampled on a log grid so the straight line looks right on the log axis; reaches T when T is farther.
    double from = minRows;
    double to = threshold == null ? maxRows : Math.max(maxRows, threshold);
    XYSeries curve = new XYSeries(key);
    int steps = 40;
    for (int i = 0; i <= steps; i++) {
      double x = from * Math.pow(to / from, (double) i / steps);
      curve.add(x, line.a() + line.b() * x);
    }
    return curve;
  }

  private static LogAxis rowsAxis(XYPlot plot) {
    LogAxis axis = new LogAxis("input rows (log scale)");
    axis.setBase(10);
    axis.setSmallestValue(1);
    axis.setNumberFormatOverride(new DecimalFormat("#,##0"));
    plot.setDomainAxis(axis);
    // Ticks at powers of ten once the data span a decade; automatic ticks there fall on odd numbers.
    if (axis.getUpperBound() / axis.getLowerBound() >= 10) {
      axis.setTickUnit(new NumberTickUnit(1.0), false, false);
      axis.setAutoTickUnitSelection(false, false);
      axis.setMinorTickCount(9);
      axis.setMinorTickMarksVisible(true);
    }
    return axis;
  }

  private static ValueMarker marker(double value, String label, Color color) {
    ValueMarker marker =
        new ValueMarker(value, color, new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {3f, 3f}, 0f));
    marker.setLabel(label);
    marker.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
    marker.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
    return marker;
  }

  private static void styleModes(XYLineAndShapeRenderer renderer) {
    renderer.setSeriesPaint(0, CACHE_COLOR);
    renderer.setSeriesPaint(1, ITERATE_COLOR);
    renderer.setSeriesShapesVisible(0, true);
    renderer.setSeriesShapesVisible(1, true);
  }

  private static Chart save(Path dir, String file, String title, JFreeChart chart) {
    return save(dir, file, title, chart, HEIGHT);
  }

  private static Chart save(Path dir, String file, String title, JFreeChart chart, int height) {
    chart.setBackgroundPaint(Color.WHITE);
    if (chart.getPlot() instanceof XYPlot plot) {
      plot.setBackgroundPaint(Color.WHITE);
      plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
      plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    }
    try {
      ChartUtils.saveChartAsPNG(dir.resolve(file).toFile(), chart, WIDTH, height);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the chart " + dir.resolve(file) + ": " + e.getMessage(), e);
    }
    return new Chart(file, title, true);
  }
}
