package io.exowatch.enrich.internal;

import java.util.List;

/**
 * What the {@code article-fingerprints} store remembers of an article: a hash of its content
 * (fetch metadata left out) and of its classification labels, its title as links show it, the
 * keys it answers to and the trial ids it mentions (so that a change or a deletion can withdraw them).
 *
 * @param content hash of the content fields
 * @param classification hash of the classification labels
 * @param title the title
 * @param lookupKeys the article's own id, DOI key and PMID key, sorted
 * @param mentions normalised trial ids the article mentions, sorted
 */
public record ArticleFingerprint(long content, long classification, String title, List<String> lookupKeys,
    List<String> mentions) {

  /** Copies the lists. */
  public ArticleFingerprint {
    lookupKeys = lookupKeys == null ? List.of() : List.copyOf(lookupKeys);
    mentions = mentions == null ? List.of() : List.copyOf(mentions);
  }

  /** Whether content or labels differ in {@code current}. */
  public boolean differsFrom(final ArticleFingerprint current) {
    return content != current.content || classification != current.classification;
  }
}
