package io.exowatch.enrich.internal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One entry of the {@code link-index} store. Under a trial id: whether the trial exists and which
 * articles mention it. Under an article lookup key ({@code doi:...}, {@code pmid:...}): which
 * article answers to it and which trials reference it.
 *
 * @param trialPresent the trial exists (trial-id entries)
 * @param mentionedBy article id → title of the articles that mention the trial (trial-id entries)
 * @param article the article answering to the key, or null (lookup-key entries)
 * @param referencedBy trial ids whose references name the key, sorted (lookup-key entries)
 */
public record LinkIndexEntry(boolean trialPresent, Map<String, String> mentionedBy, Article article,
    List<String> referencedBy) {

  /**
   * An article as the index knows it.
   *
   * @param id the article id
   * @param title its title, may be null
   */
  public record Article(String id, String title) {}

  /** Copies the collections, sorted. */
  public LinkIndexEntry {
    mentionedBy = mentionedBy == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(mentionedBy));
    referencedBy = referencedBy == null ? List.of() : List.copyOf(new TreeSet<>(referencedBy));
  }

  /** An entry that knows nothing. */
  public static LinkIndexEntry empty() {
    return new LinkIndexEntry(false, Map.of(), null, List.of());
  }

  /** Whether the entry knows nothing (and can be deleted). */
  @JsonIgnore
  public boolean isEmpty() {
    return !trialPresent && mentionedBy.isEmpty() && article == null && referencedBy.isEmpty();
  }
}
