package io.exowatch.enrich.internal;

import io.exowatch.schemas.avro.ArticleRecord;
import io.exowatch.schemas.avro.Classification;
import io.exowatch.schemas.avro.EnrichedArticle;
import io.exowatch.schemas.avro.EnrichedTrial;
import io.exowatch.schemas.avro.TrialRecord;
import java.time.Instant;

/** Builds the enriched records the topology emits. */
public final class Enriched {

  private Enriched() {}

  /** A trial with its classification, links to articles and ids in other registries. */
  public static EnrichedTrial trial(final TrialRecord trial, final Classification classification,
      final Links links, final Instant now) {
    return new EnrichedTrial(trial, classification, links.articles(), SameAs.of(trial), null, now);
  }

  /** An article with its classification and the trials linked to it. */
  public static EnrichedArticle article(final ArticleRecord article, final Classification classification,
      final Links links, final Instant now) {
    return new EnrichedArticle(article, classification, links.ids(), now);
  }
}
