package io.exowatch.ingest.ictrp;

import java.time.Duration;
import java.util.Locale;

/**
 * Where an ICTRP import stands (during the run, for progress) or ended.
 *
 * @param rowsRead records read after the header (bad ones included)
 * @param published trial records acknowledged on {@code trials-raw}
 * @param mergedRows rows folded into another row's record (EU CTR member states after the first)
 * @param skipped rows of registries the import skips
 * @param deadLettered rows acknowledged on the dead-letter topic
 * @param elapsed time since the import started
 */
public record IctrpImportCounts(long rowsRead, long published, long mergedRows, long skipped, long deadLettered,
    Duration elapsed) {

  /** Rows read per second so far (0 before any time has passed). */
  public double rowsPerSecond() {
    final long millis = elapsed.toMillis();
    return millis <= 0 ? 0 : rowsRead * 1000.0 / millis;
  }

  /** One line: {@code rows 1200, published 1100, merged 3, skipped 90, dead letters 7, 2400 rows/s}. */
  public String describe() {
    return String.format(Locale.ROOT, "rows %d, published %d, merged %d, skipped %d, dead letters %d, %.0f rows/s",
        rowsRead, published, mergedRows, skipped, deadLettered, rowsPerSecond());
  }
}
