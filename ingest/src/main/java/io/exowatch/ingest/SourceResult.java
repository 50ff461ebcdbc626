package io.exowatch.ingest;

import io.exowatch.ingest.source.Cursor;
import java.time.Duration;

/**
 * How one pass of one source ended.
 *
 * @param source the source's name
 * @param outcome how it ended
 * @param pages requests whose results were handed on
 * @param recordsPublished records acknowledged by Kafka
 * @param deadLetters dead letters acknowledged by Kafka
 * @param error why it did not complete, or {@code null}
 * @param took how long it ran
 * @param cursor the cursor stored last (where the next pass starts)
 */
public record SourceResult(String source, Outcome outcome, int pages, long recordsPublished, long deadLetters,
    String error, Duration took, Cursor cursor) {

  /** How a pass ended. */
  public enum Outcome {
    /** Every page was fetched and handed on. */
    COMPLETED,
    /** A response could not be paged past; it was dead-lettered and the next pass resumes from it. */
    STOPPED,
    /** A request failed for good (retries exhausted, a 4xx) or Kafka refused a write. */
    FAILED,
    /** The service was closed during the pass; the next pass resumes from the stored cursor. */
    INTERRUPTED
  }

  /** A one-line description for the console. */
  public String describe() {
    return String.format(java.util.Locale.ROOT, "%-10s %-11s pages=%d records=%d dead-letters=%d in %.1fs%s",
        source, outcome, pages, recordsPublished, deadLetters, took.toMillis() / 1000.0,
        error == null ? "" : " - " + error);
  }
}
