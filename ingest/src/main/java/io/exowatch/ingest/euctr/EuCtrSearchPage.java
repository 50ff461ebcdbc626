package io.exowatch.ingest.euctr;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One page of EU CTR search results ({@code /ctr-search/search?query=...&page=n}), 20 trials a page.
 *
 * @param listings the trials listed, in page order
 * @param totalTrials the number of trials the search found ({@code Trials with a EudraCT protocol (N)}), or
 *     {@code null} when the page did not say
 * @param hasNextPage whether there is a page after this one
 */
public record EuCtrSearchPage(List<Listing> listings, Integer totalTrials, boolean hasNextPage) {

  /** Copies the list. */
  public EuCtrSearchPage {
    listings = List.copyOf(listings);
  }

  /** The total hit count, when the page gave it. */
  public OptionalInt total() {
    return totalTrials == null ? OptionalInt.empty() : OptionalInt.of(totalTrials);
  }

  /** The EudraCT numbers listed, in page order. */
  public List<String> eudractNumbers() {
    return listings.stream().map(Listing::eudractNumber).toList();
  }

  /**
   * One listed trial.
   *
   * @param eudractNumber its EudraCT number ({@code 2005-002909-23})
   * @param memberStates the member-state codes of its protocol links ({@code PT}, {@code GB}, {@code 3rd}), in order
   */
  public record Listing(String eudractNumber, List<String> memberStates) {

    /** Checks and copies. */
    public Listing {
      Objects.requireNonNull(eudractNumber, "eudractNumber");
      memberStates = List.copyOf(memberStates);
    }
  }
}
