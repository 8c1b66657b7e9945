package dev.ocpsummary.bench;

import java.util.ArrayList;
import java.util.List;

/** A GitHub-flavoured Markdown table; cells are single lines with pipes escaped. */
final class MarkdownTable {

  private final List<String> header;
  private final List<Boolean> rightAligned;
  private final List<List<String>> rows = new ArrayList<>();

  private MarkdownTable(List<String> header, List<Boolean> rightAligned) {
    this.header = header;
    this.rightAligned = rightAligned;
  }

  /** Columns named {@code header}; the first column left-aligned, the others right-aligned (numbers). */
  static MarkdownTable numeric(String... header) {
    List<Boolean> right = new ArrayList<>();
    for (int i = 0; i < header.length; i++) {
      right.add(i > 0);
    }
    return new MarkdownTable(List.of(header), right);
  }

  /** Every column left-aligned. */
  static MarkdownTable text(String... header) {
    List<Boolean> right = new ArrayList<>();
    for (int i = 0; i < header.length; i++) {
      right.add(false);
    }
    return new MarkdownTable(List.of(header), right);
  }

  MarkdownTable row(Object... cells) {
    if (cells.length != header.size()) {
      throw new IllegalArgumentException(cells.length + " cells for " + header.size() + " columns");
    }
    List<String> row = new ArrayList<>();
    for (Object cell : cells) {
      row.add(cell(cell));
    }
    rows.add(row);
    return this;
  }

  String render() {
    StringBuilder out = new StringBuilder();
    line(out, header.stream().map(MarkdownTable::cell).toList());
    List<String> rule = new ArrayList<>();
    for (boolean right : rightAligned) {
      rule.add(right ? "---:" : "---");
    }
    line(out, rule);
    rows.forEach(r -> line(out, r));
    return out.toString();
  }

  private static void line(StringBuilder out, List<String> cells) {
    out.append("| ").append(String.join(" | ", cells)).append(" |\n");
  }

  private static String cell(Object value) {
    String text = value == null ? Fmt.NONE : value.toString();
    return text.replace("\r", " ").replace("\n", " ").replace("|", "\\|");
  }
}
