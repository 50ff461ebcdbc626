package io.exowatch.enrich.internal;

import io.exowatch.schemas.avro.DeadLetter;
import io.exowatch.schemas.avro.EnrichedArticle;
import io.exowatch.schemas.avro.EnrichedTrial;
import io.exowatch.schemas.avro.TrialEvent;

/**
 * What a processor of the topology emits; the topology splits the stream by kind and sends each
 * to its topic. The record key is the output key: the trial or article id, or for link messages
 * the id or lookup key of the recipient.
 */
public sealed interface Emit {

  /** An enriched trial for {@code trials-enriched}; {@code null} value = tombstone. */
  record Trial(EnrichedTrial value) implements Emit {}

  /** An enriched article for {@code articles-enriched}; {@code null} value = tombstone. */
  record Article(EnrichedArticle value) implements Emit {}

  /** A trial event for {@code trial-events}. */
  record Event(TrialEvent value) implements Emit {}

  /** A dead letter for {@code enrich-dlq}. */
  record Dead(DeadLetter value) implements Emit {}

  /** A fact for the link index. */
  record Fact(LinkMessage value) implements Emit {}

  /** A link change for a trial. */
  record ToTrial(LinkMessage value) implements Emit {}

  /** A link change for an article. */
  record ToArticle(LinkMessage value) implements Emit {}

  /** What a trial says of its identity, for the identity step. */
  record ToIdentity(IdentityMessage value) implements Emit {}
}
