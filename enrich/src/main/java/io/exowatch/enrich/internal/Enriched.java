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
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Builds the enriched records the topology emits. Enriched records carry the registry's or
 * publisher's content but not its own source document: {@code sourcePayload} is null on
 * {@code trials-enriched} and {@code articles-enriched} (the raw topics keep it), while
 * {@code sourcePayloadTruncated} still says whether the raw record's payload was cut. The payload
 * (up to 256 KiB of JSON, XML or HTML per record) is read by no consumer of the enriched topics, and
 * copying it would be most of each enriched record's bytes to encode, compress and store.
 */
public final class Enriched {

  private static final int TRIAL_PAYLOAD = TrialRecord.getClassSchema().getField("sourcePayload").pos();
  private static final int ARTICLE_PAYLOAD = ArticleRecord.getClassSchema().getField("sourcePayload").pos();

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
    return new EnrichedTrial(withoutPayload(trial, TRIAL_PAYLOAD, TrialRecord::new), classification,
        links.articles(), sameAs(claims, identity), identity.canonicalId(), now);
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
    return new EnrichedArticle(withoutPayload(article, ARTICLE_PAYLOAD, ArticleRecord::new), classification,
        links.ids(), now);
  }

  /**
   * A shallow copy of {@code record} with the field at {@code payload} null (the caller's record is
   * left as it is: it is still used for events and fingerprints).
   */
  static <R extends SpecificRecordBase> R withoutPayload(final R record, final int payload,
      final Supplier<R> empty) {
    if (record.get(payload) == null) {
      return record;
    }
    final R copy = empty.get();
    final int fields = record.getSchema().getFields().size();
    for (int i = 0; i < fields; i++) {
      copy.put(i, i == payload ? null : record.get(i));
    }
    return copy;
  }
}
