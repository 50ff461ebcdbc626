package io.exowatch.ingest.ictrp.internal;

import java.util.List;

/** Writes cells back as one CSV line (RFC 4180 quoting: cells with a comma, quote, line break or edge space are quoted). */
public final class CsvLines {

  private CsvLines() {
  }

  /** The cells as one CSV line, without a line terminator; {@code null} cells are empty. */
  public static String of(final List<String> cells) {
    final StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      append(b, cells.get(i));
    }
    return b.toString();
  }

  private static void append(final StringBuilder b, final String cell) {
    if (cell == null || cell.isEmpty()) {
      return;
    }
    final boolean quote = cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0
        || cell.indexOf('\r') >= 0 || Character.isWhitespace(cell.charAt(0))
        || Character.isWhitespace(cell.charAt(cell.length() - 1));
    if (!quote) {
      b.append(cell);
      return;
    }
    b.append('"').append(cell.replace("\"", "\"\"")).append('"');
  }
}
