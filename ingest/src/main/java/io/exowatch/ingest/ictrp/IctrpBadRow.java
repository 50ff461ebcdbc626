package io.exowatch.ingest.ictrp;

import io.exowatch.ingest.ictrp.internal.CsvLines;
import java.util.List;
import java.util.Objects;

/**
 * A record the reader could not make a row of; the rest of the file is still read.
 *
 * @param number the record's number (1 = first after the header)
 * @param reason why, e.g. {@code "row 17 has 60 cells, the header 58"} or the CSV syntax error
 * @param header the export's header
 * @param cells the cells read, as far as they could be read
 */
public record IctrpBadRow(long number, String reason, IctrpHeader header, List<String> cells) implements IctrpLine {

  /** Copies the cells. */
  public IctrpBadRow {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(header, "header");
    cells = List.copyOf(cells.stream().map(c -> c == null ? "" : c).toList());
  }

  /** The {@code TrialID} cell as found, or {@code null} when the record does not reach it or it is blank. */
  public String trialId() {
    final int i = header.indexOf(IctrpColumn.TRIAL_ID);
    return i < cells.size() && !cells.get(i).isBlank() ? cells.get(i).strip() : null;
  }

  @Override
  public String toCsv() {
    return CsvLines.of(header.names()) + "\n" + CsvLines.of(cells);
  }
}
