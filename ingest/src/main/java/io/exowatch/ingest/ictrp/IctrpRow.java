package io.exowatch.ingest.ictrp;

import io.exowatch.ingest.ictrp.internal.CsvLines;
import java.util.List;
import java.util.Objects;

/**
 * One record of an ICTRP export: a registration in one registry (EU CTR: in one member state).
 * {@link #get} reads a column by name and cleans the cell: surrounding white space, the extra layer of
 * quotes the weekly full export puts around values ({@code """17 February 2025"""} reads as
 * {@code "17 February 2025"} after CSV unquoting) and its {@code NULL} placeholder are removed. Markup
 * ({@code <br>}) and entities stay: the parser makes plain text.
 *
 * @param number the record's number (1 = first after the header)
 * @param header the export's header
 * @param cells the cells, as many as the header has columns
 */
public record IctrpRow(long number, IctrpHeader header, List<String> cells) implements IctrpLine {

  /** Checks the cell count and copies the cells. */
  public IctrpRow {
    Objects.requireNonNull(header, "header");
    cells = List.copyOf(cells.stream().map(c -> c == null ? "" : c).toList());
    if (cells.size() != header.size()) {
      throw new IllegalArgumentException("row " + number + " has " + cells.size() + " cells, the header "
          + header.size());
    }
  }

  /** The cleaned cell of {@code column}, or {@code null} when the export lacks the column or the cell is empty. */
  public String get(final IctrpColumn column) {
    final int i = header.indexOf(column);
    return i < 0 ? null : clean(cells.get(i));
  }

  /** A cell without edge white space, one layer of wrapping quotes and the {@code NULL} placeholder; {@code null} if empty. */
  static String clean(final String cell) {
    String s = cell.strip();
    if (s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"') {
      s = s.substring(1, s.length() - 1).strip();
    }
    return s.isEmpty() || "NULL".equals(s) ? null : s;
  }

  @Override
  public String toCsv() {
    return CsvLines.of(header.names()) + "\n" + CsvLines.of(cells);
  }
}
