package io.exowatch.ingest.pubmed;

import java.util.List;

/**
 * An esearch answer.
 *
 * @param count how many records match
 * @param retMax how many ids this answer holds at most
 * @param retStart offset of the first id
 * @param webEnv the history server's session, when {@code usehistory=y}; else {@code null}
 * @param queryKey the query's key in that session; else {@code null}
 * @param ids the PMIDs of this answer
 */
public record ESearchResult(long count, int retMax, int retStart, String webEnv, String queryKey,
    List<String> ids) {

  /** Copies the ids. */
  public ESearchResult {
    ids = List.copyOf(ids);
  }

  /** Whether the answer points at a history-server result set. */
  public boolean hasHistory() {
    return webEnv != null && queryKey != null;
  }
}
