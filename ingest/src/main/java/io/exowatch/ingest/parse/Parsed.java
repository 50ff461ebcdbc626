package io.exowatch.ingest.parse;

import java.util.List;

/**
 * What a parser got out of one response: the records it could read and the ones it could not.
 *
 * @param records records in response order
 * @param failures records that failed, in response order
 * @param <T> the record type
 */
public record Parsed<T>(List<T> records, List<RecordFailure> failures) {

  /** Copies the lists. */
  public Parsed {
    records = List.copyOf(records);
    failures = List.copyOf(failures);
  }
}
