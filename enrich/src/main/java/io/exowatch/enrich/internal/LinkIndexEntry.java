package io.exowatch.enrich.internal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.TreeSet;

/**
 * One entry of the {@code link-index} store, under an article lookup key ({@code doi:...},
 * {@code pmid:...}): which article answers to it and which trials reference it.
 *
 * @param article the article answering to the key, or null
 * @param referencedBy trial ids whose references name the key, sorted
 */
public record LinkIndexEntry(Article article, List<String> referencedBy) {

  /**
   * An article as the index knows it.
   *
   * @param id the article id
   * @param title its title, may be null
   */
  public record Article(String id, String title) {}

  /** Copies the trial ids, sorted. */
  public LinkIndexEntry {
    referencedBy = referencedBy == null ? List.of() : List.copyOf(new TreeSet<>(referencedBy));
  }

  /** An entry that knows nothing. */
  public static LinkIndexEntry empty() {
    return new LinkIndexEntry(null, List.of());
  }

  /** Whether the entry knows nothing (and can be deleted). */
  @JsonIgnore
  public boolean isEmpty() {
    return article == null && referencedBy.isEmpty();
  }
}
