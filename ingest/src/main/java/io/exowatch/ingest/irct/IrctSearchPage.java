package io.exowatch.ingest.irct;

import java.util.List;
import java.util.OptionalInt;

/**
 * One page of IRCT search results.
 *
 * @param trialNumbers the site's numeric trial ids ({@code /trial/{n}}) in page order, without duplicates
 * @param totalCount the number of results the page reports, when it shows one
 * @param lastPage the highest page number the pagination links to, when there is pagination
 */
public record IrctSearchPage(List<Long> trialNumbers, OptionalInt totalCount, OptionalInt lastPage) {

  /** Copies the list. */
  public IrctSearchPage {
    trialNumbers = List.copyOf(trialNumbers);
  }
}
