package io.exowatch.enrich.internal;

import io.exowatch.enrich.EnrichProgress;
import io.exowatch.enrich.internal.LinkMessage.Type;
import io.exowatch.schemas.avro.Classification;
import io.exowatch.schemas.avro.EnrichedTrial;
import io.exowatch.schemas.avro.TrialEventOp;
import io.exowatch.schemas.avro.TrialRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Classifies raw trials (updates of the {@code trial-records} table), detects what changed since
 * the last sighting and says so: an {@code UPDATED} or {@code STATUS_CHANGED} event (passed on by the
 * identity step, so that it follows the trial's {@code CREATED}), the enriched trial, reference facts (the article keys its references name) for the link index, and, for a
 * trial seen for the first time or whose other-registry ids changed, a message to the identity
 * step, which decides whether it is a new real trial ({@code CREATED}) or another registration of
 * one already announced ({@link IdentityProcessor}). A new trial takes the articles that mentioned
 * it before it existed (kept in {@code trial-links}) and tells them it exists now. An identical
 * re-scrape emits nothing. A tombstone forwards a tombstone, withdraws the trial's references,
 * links and identity, and forgets it (mentions by articles are kept for its return).
 */
public final class TrialProcessor implements Processor<String, byte[], String, Emit> {

  private final RecordReader<TrialRecord> reader;
  private final EnrichProgress progress;
  private ProcessorContext<String, Emit> context;
  private KeyValueStore<String, TrialFingerprint> fingerprints;
  private KeyValueStore<String, Links> links;
  private KeyValueStore<String, SameAsView> identities;
  private Fingerprinter fingerprinter;

  /**
   * A processor reading trials with {@code reader}.
   *
   * @param reader decodes and classifies raw values, dead-lettering failures
   * @param progress counters
   */
  public TrialProcessor(final RecordReader<TrialRecord> reader, final EnrichProgress progress) {
    this.reader = reader;
    this.progress = progress;
  }

  @Override
  public void init(final ProcessorContext<String, Emit> context) {
    this.context = context;
    this.fingerprints = context.getStateStore(StoreNames.TRIAL_FINGERPRINTS);
    this.links = context.getStateStore(StoreNames.TRIAL_LINKS);
    this.identities = context.getStateStore(StoreNames.TRIAL_SAME_AS);
    this.fingerprinter = new Fingerprinter();
  }

  @Override
  public void process(final Record<String, byte[]> record) {
    progress.trialIn();
    // Never null: compacted topics refuse records without a key, and tables skip them.
    final String trialId = record.key();
    if (record.value() == null) {
      forget(record, trialId);
      return;
    }
    final Optional<RecordReader.Classified<TrialRecord>> read =
        reader.read(context, record, trialId, record.value(), record.headers(), true);
    if (read.isEmpty()) {
      return;
    }
    final TrialRecord trial = read.get().value();
    final Classification classification = read.get().classification();
    final TrialFingerprint previous = fingerprints.get(trialId);
    final TrialFingerprint current = fingerprinter.trial(trial, classification);
    final Instant now = now();
    final Links known = links.get(trialId);
    final List<String> claims = SameAs.of(trial);
    final SameAsView stored = identities.get(trialId);
    final SameAsView identity = stored != null ? stored : SameAsView.assumed(trialId, claims);
    if (isNew(previous)) {
      toIdentity(record, IdentityMessage.seen(trialId, claims, true, draft(trial, classification, current, now)));
      if (known != null) {
        for (final String articleId : known.idsVia(LinkMessage.MENTION)) {
          toArticle(record, articleId, LinkMessage.link(Type.LINK, trialId, null, LinkMessage.MENTION));
        }
      }
    } else {
      final List<String> changed = previous.changedFields(current);
      if (changed.isEmpty()) {
        progress.unchanged();
        return;
      }
      final TrialEventOp op = previous.statusChanged(current) ? TrialEventOp.STATUS_CHANGED : TrialEventOp.UPDATED;
      // Through the identity step, behind the trial's CREATED if that is still to be decided there.
      toIdentity(record, IdentityMessage.changed(trialId, change(op, changed, previous, current, trial, classification,
          Enriched.sameAs(claims, identity), now)));
      if (changed.contains(SECONDARY_IDS)) {
        toIdentity(record, IdentityMessage.seen(trialId, claims, false, draft(trial, classification, current, now)));
      }
    }
    final EnrichedTrial enriched = Enriched.trial(trial, classification, known == null ? Links.none() : known, claims,
        identity, now);
    context.forward(new Record<String, Emit>(trialId, new Emit.Trial(enriched), record.timestamp()));
    announceReferences(record, trialId, previous, current);
    remember(trialId, current);
  }

  /** The name {@link TrialFingerprint#changedFields} gives the record's secondary ids. */
  static final String SECONDARY_IDS = "secondaryIds";

  /** Never seen, or forgotten since. */
  static boolean isNew(final TrialFingerprint previous) {
    return previous == null;
  }

  private void remember(final String trialId, final TrialFingerprint current) {
    fingerprints.put(trialId, current);
  }

  private void forget(final Record<String, byte[]> record, final String trialId) {
    final TrialFingerprint previous = fingerprints.get(trialId);
    final Links known = links.get(trialId);
    context.forward(new Record<String, Emit>(trialId, new Emit.Trial(null), record.timestamp()));
    if (previous != null) {
      for (final String key : previous.referenceKeys()) {
        fact(record, key, LinkMessage.of(Type.NOT_REFERENCED_BY, trialId));
      }
      if (known != null) {
        for (final String articleId : known.idsVia(LinkMessage.MENTION)) {
          toArticle(record, articleId, LinkMessage.link(Type.UNLINK, trialId, null, LinkMessage.MENTION));
        }
      }
    }
    if (previous != null) {
      toIdentity(record, IdentityMessage.gone(trialId));
    }
    identities.delete(trialId);
    fingerprints.delete(trialId);
    // Mentions are the articles' facts: kept, so that the trial is linked again if it comes back.
    final Links mentions = known == null ? Links.none() : known.onlyVia(LinkMessage.MENTION);
    if (mentions.isEmpty()) {
      links.delete(trialId);
    } else {
      links.put(trialId, mentions);
    }
  }

  /** Tells the link index which article keys the trial's references name now, and which it dropped. */
  private void announceReferences(final Record<String, byte[]> record, final String trialId,
      final TrialFingerprint previous, final TrialFingerprint current) {
    final List<String> before = previous == null ? List.of() : previous.referenceKeys();
    for (final String key : current.referenceKeys()) {
      if (!before.contains(key)) {
        fact(record, key, LinkMessage.of(Type.REFERENCED_BY, trialId));
      }
    }
    for (final String key : before) {
      if (!current.referenceKeys().contains(key)) {
        fact(record, key, LinkMessage.of(Type.NOT_REFERENCED_BY, trialId));
      }
    }
  }

  private IdentityMessage.ChangeDraft change(final TrialEventOp op, final List<String> changedFields,
      final TrialFingerprint previous, final TrialFingerprint current, final TrialRecord trial,
      final Classification classification, final List<String> sameAs, final Instant now) {
    progress.event(op);
    return new IdentityMessage.ChangeDraft(op, changedFields, previous.snapshot(), current.snapshot(),
        trial.getRegistry(), sameAs, classification.getClassifierVersion(), now.toEpochMilli());
  }

  private static IdentityMessage.EventDraft draft(final TrialRecord trial, final Classification classification,
      final TrialFingerprint current, final Instant now) {
    return new IdentityMessage.EventDraft(trial.getRegistry(), current.snapshot(), classification.getClassifierVersion(),
        now.toEpochMilli());
  }

  private void toIdentity(final Record<String, byte[]> record, final IdentityMessage message) {
    context.forward(new Record<String, Emit>(message.id(), new Emit.ToIdentity(message), record.timestamp()));
  }

  private void fact(final Record<String, byte[]> record, final String key, final LinkMessage message) {
    context.forward(new Record<String, Emit>(key, new Emit.Fact(message), record.timestamp()));
  }

  private void toArticle(final Record<String, byte[]> record, final String articleId, final LinkMessage message) {
    context.forward(new Record<String, Emit>(articleId, new Emit.ToArticle(message), record.timestamp()));
  }

  private Instant now() {
    return Instant.ofEpochMilli(context.currentSystemTimeMs());
  }
}
