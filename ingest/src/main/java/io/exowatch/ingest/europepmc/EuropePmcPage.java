package io.exowatch.ingest.europepmc;

import io.exowatch.schemas.avro.ArticleRecord;
import io.exowatch.ingest.parse.RecordFailure;
import java.util.List;

/**
 * One page of a Europe PMC search.
 *
 * @param hitCount how many results the query has in all
 * @param records the results that could be read, in order
 * @param failures the results that could not (e.g. neither DOI nor PMID to key them by)
 * @param nextCursorMark the cursor of the next page, or {@code null} when the answer has none
 */
public record EuropePmcPage(long hitCount, List<ArticleRecord> records, List<RecordFailure> failures,
    String nextCursorMark) {

  /** Copies the lists. */
  public EuropePmcPage {
    records = List.copyOf(records);
    failures = List.copyOf(failures);
  }

  /** The number of results on this page, readable or not. */
  public int size() {
    return records.size() + failures.size();
  }

  /**
   * Whether paging ends after this page: no results, no next cursor, or a next cursor equal to the
   * one this page was fetched with (Europe PMC repeats the cursor on the last page).
   */
  public boolean isLast(final String requestedCursorMark) {
    return size() == 0 || nextCursorMark == null || nextCursorMark.isBlank()
        || nextCursorMark.equals(requestedCursorMark);
  }
}
