package io.exowatch.enrich.internal;

import io.exowatch.enrich.EnrichProgress;
import io.exowatch.enrich.internal.LinkMessage.Type;
import io.exowatch.schemas.avro.Classification;
import io.exowatch.schemas.avro.TrialEvent;
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
 * the last sighting and says so: a {@code CREATED}, {@code UPDATED} or {@code STATUS_CHANGED}
 * event, the enriched trial, and reference facts (the article keys its references name) for the
 * link index. A new trial takes the articles that mentioned it before it existed (kept in
 * {@code trial-links}) and tells them it exists now. An identical re-scrape emits nothing. A
 * tombstone forwards a tombstone, withdraws the trial's references and links, and forgets it
 * (mentions by articles are kept for its return).
 */
public final class TrialProcessor implements Processor<String, byte[], String, Emit> {

  private final RecordReader<TrialRecord> reader;
  private final EnrichProgress progress;
  private ProcessorContext<String, Emit> context;
  private KeyValueStore<String, TrialFingerprint> fingerprints;
  private KeyValueStore<String, Links> links;
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
    if (isNew(previous)) {
      emit(record, trialId, event(trialId, TrialEventOp.CREATED, List.of(), null, current, trial, classification, now));
      if (known != null) {
        for (final String articleId : known.idsVia(LinkMessage.MENTION)) {
          toArticle(record, articleId, LinkMessage.link(Type.LINK, trialId, null, LinkMessage.MENTION));
        }
      }
    } else if (!hasChanged(previous, current)) {
      progress.unchanged();
      return;
    } else {
      final TrialEventOp op = previous.statusChanged(current) ? TrialEventOp.STATUS_CHANGED : TrialEventOp.UPDATED;
      emit(record, trialId, event(trialId, op, previous.changedFields(current), previous, current, trial,
          classification, now));
    }
    context.forward(new Record<String, Emit>(trialId, new Emit.Trial(
        Enriched.trial(trial, classification, known == null ? Links.none() : known, now)), record.timestamp()));
    announceReferences(record, trialId, previous, current);
    remember(trialId, current);
  }

  /** Never seen, or forgotten since. */
  static boolean isNew(final TrialFingerprint previous) {
    return previous == null;
  }

  /** Some content field or the classification labels differ. */
  static boolean hasChanged(final TrialFingerprint previous, final TrialFingerprint current) {
    return !previous.changedFields(current).isEmpty();
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

  private TrialEvent event(final String trialId, final TrialEventOp op, final List<String> changedFields,
      final TrialFingerprint previous, final TrialFingerprint current, final TrialRecord trial,
      final Classification classification, final Instant now) {
    progress.event(op);
    return new TrialEvent(trialId, op, changedFields, previous == null ? null : previous.snapshot().toAvro(),
        current.snapshot().toAvro(), trial.getRegistry(), SameAs.of(trial), classification.getClassifierVersion(),
        now);
  }

  private void emit(final Record<String, byte[]> record, final String trialId, final TrialEvent event) {
    context.forward(new Record<String, Emit>(trialId, new Emit.Event(event), record.timestamp()));
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
