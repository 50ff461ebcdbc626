package io.exowatch.ingest.source;

import io.exowatch.ingest.http.FetchException;

/**
 * A place records come from: a fetcher (one {@link io.exowatch.ingest.http.SiteClient} per site)
 * and a pure parser, paging from a {@link Cursor}. Implementations: {@link CtGovSource},
 * {@link PubMedSource}, {@link EuropePmcSource}, {@link LandingPageSource}.
 */
public interface Source {

  /** Short stable name, also the cursor's key: {@code ctgov}, {@code pubmed}, {@code europepmc}, {@code pages}. */
  String name();

  /**
   * One pass from {@code cursor} (an empty cursor means a full pass). Each request's records,
   * rejected content and next cursor go to {@code sink} before the next request is made.
   *
   * @throws FetchException a request failed for good (retries exhausted, a 4xx); the stored cursor
   *     is that of the last accepted batch
   * @throws SourceStoppedException a response could not be paged past and was dead-lettered
   * @throws InterruptedException the pass was interrupted (the service is closing)
   */
  void run(Cursor cursor, BatchSink sink) throws FetchException, SourceStoppedException, InterruptedException;
}
