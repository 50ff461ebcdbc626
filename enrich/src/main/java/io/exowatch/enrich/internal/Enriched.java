package io.exowatch.enrich.internal;

import io.exowatch.schemas.avro.ArticleRecord;
import io.exowatch.schemas.avro.Classification;
import io.exowatch.schemas.avro.EnrichedArticle;
import io.exowatch.schemas.avro.EnrichedTrial;
import io.exowatch.schemas.avro.TrialRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Builds the enriched records the topology emits. */
public final class Enriched {

  private Enriched() {}

  /**
   * A trial with its classification, links to articles and its identity across registries.
   *
   * @param trial the record
   * @param classification its classification
   * @param links its links to articles
   * @param claims the other registrations its record names ({@link SameAs#of})
   * @param identity the real trial it belongs to, as the identity step last said (or assumed)
   * @param now when it was enriched
   */
  public static EnrichedTrial trial(final TrialRecord trial, final Classification classification,
      final Links links, final List<String> claims, final SameAsView identity, final Instant now) {
    return new EnrichedTrial(trial, classification, links.articles(), sameAs(claims, identity),
        identity.canonicalId(), now);
  }

  /** The other registrations of a trial: those its record names, then the rest of its real trial's. */
  public static List<String> sameAs(final List<String> claims, final SameAsView identity) {
    final Set<String> sameAs = new LinkedHashSet<>(claims);
    sameAs.addAll(identity.others());
    return new ArrayList<>(sameAs);
  }

  /** An article with its classification and the trials linked to it. */
  public static EnrichedArticle article(final ArticleRecord article, final Classification classification,
      final Links links, final Instant now) {
    return new EnrichedArticle(article, classification, links.ids(), now);
  }
}
