package io.exowatch.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What one pass over the enabled sources did.
 *
 * @param started when the pass began
 * @param took how long it ran
 * @param results per source, in the order they ran
 */
public record IngestSummary(Instant started, Duration took, List<SourceResult> results) {

  /** Copies the results. */
  public IngestSummary {
    results = List.copyOf(results);
  }

  /** Records published by all sources. */
  public long recordsPublished() {
    return results.stream().mapToLong(SourceResult::recordsPublished).sum();
  }

  /** Dead letters written by all sources. */
  public long deadLetters() {
    return results.stream().mapToLong(SourceResult::deadLetters).sum();
  }

  /**
   * Whether some source did not complete: it failed for good, stopped at a dead-lettered page, or was
   * interrupted. {@code exowatch ingest --once} exits non-zero then.
   */
  public boolean hasFailures() {
    return results.stream().anyMatch(r -> r.outcome() != SourceResult.Outcome.COMPLETED);
  }

  /** The result of one source, if it ran. */
  public java.util.Optional<SourceResult> result(final String source) {
    return results.stream().filter(r -> r.source().equals(source)).findFirst();
  }

  /** A few lines for the console: one per source and a total. */
  public String describe() {
    return results.stream().map(SourceResult::describe).collect(Collectors.joining("\n"))
        + String.format(java.util.Locale.ROOT, "%ntotal      records=%d dead-letters=%d in %.1fs%s", recordsPublished(),
        deadLetters(), took.toMillis() / 1000.0, hasFailures() ? " (some sources did not complete)" : "");
  }
}
