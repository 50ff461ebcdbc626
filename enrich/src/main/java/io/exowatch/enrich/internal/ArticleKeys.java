package io.exowatch.enrich.internal;

import io.exowatch.schemas.avro.ArticleRecord;
import io.exowatch.schemas.avro.Reference;
import io.exowatch.schemas.avro.TrialRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Lookup keys of articles: {@code doi:<lower-case doi>} and {@code pmid:<digits>}. An article is
 * keyed on {@code articles-raw} by its DOI key when it has a DOI, else by its PMID key; a trial
 * reference may give either, so an article answers to both.
 */
public final class ArticleKeys {

  private static final String[] DOI_PREFIXES = {
    "https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi.org/", "doi:"
  };

  private ArticleKeys() {}

  /** {@code doi:<doi>} with the DOI trimmed, URL or {@code doi:} prefix removed and lower-cased; null when blank. */
  public static String doi(final String doi) {
    if (doi == null) {
      return null;
    }
    String d = doi.strip();
    final String lower = d.toLowerCase(Locale.ROOT);
    for (final String prefix : DOI_PREFIXES) {
      if (lower.startsWith(prefix)) {
        d = d.substring(prefix.length()).strip();
        break;
      }
    }
    return d.isEmpty() ? null : "doi:" + d.toLowerCase(Locale.ROOT);
  }

  /** {@code pmid:<pmid>} with the PMID trimmed; null when blank. */
  public static String pmid(final String pmid) {
    if (pmid == null || pmid.isBlank()) {
      return null;
    }
    return "pmid:" + pmid.strip();
  }

  /** The keys under which {@code trial}'s references can be found, sorted, without duplicates. */
  public static List<String> referencedBy(final TrialRecord trial) {
    final TreeSet<String> keys = new TreeSet<>();
    for (final Reference ref : trial.getReferences()) {
      addIfPresent(keys, doi(ref.getDoi()));
      addIfPresent(keys, pmid(ref.getPmid()));
    }
    return new ArrayList<>(keys);
  }

  /** The keys an article answers to: its own id, its DOI key and its PMID key, sorted, without duplicates. */
  public static List<String> of(final String articleId, final ArticleRecord article) {
    final TreeSet<String> keys = new TreeSet<>();
    keys.add(articleId);
    addIfPresent(keys, doi(article.getDoi()));
    addIfPresent(keys, pmid(article.getPmid()));
    return new ArrayList<>(keys);
  }

  private static void addIfPresent(final TreeSet<String> keys, final String key) {
    if (key != null) {
      keys.add(key);
    }
  }
}
