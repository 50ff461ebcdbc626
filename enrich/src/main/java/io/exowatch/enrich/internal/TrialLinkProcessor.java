package io.exowatch.enrich.internal;

import io.exowatch.enrich.EnrichProgress;
import io.exowatch.enrich.internal.LinkMessage.Type;
import io.exowatch.schemas.avro.TrialRecord;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies what arrives on {@code links-by-trial} to a trial's links and re-emits the enriched trial
 * when the articles it shows change. Mentions by articles are kept even while the trial is unknown
 * (it takes them when it appears) and answered with a link back to the article once it exists;
 * reference links from the index for an unknown trial are dropped (the index sends them again when
 * the trial names the reference). The identity step's word ({@link LinkMessage.Type#SAME_AS}: the
 * trial's canonical id and other registrations) is kept in {@code trial-same-as} and re-emits the
 * trial when it changes what the trial shows.
 */
public final class TrialLinkProcessor implements Processor<String, LinkMessage, String, Emit> {

  private static final Logger LOG = LoggerFactory.getLogger(TrialLinkProcessor.class);

  private final RecordReader<TrialRecord> reader;
  private final EnrichProgress progress;
  private ProcessorContext<String, Emit> context;
  private KeyValueStore<String, ValueAndTimestamp<byte[]>> records;
  private KeyValueStore<String, Links> links;
  private KeyValueStore<String, SameAsView> identities;

  /**
   * A processor re-reading stored trials with {@code reader}.
   *
   * @param reader decodes and classifies the stored raw value
   * @param progress counters
   */
  public TrialLinkProcessor(final RecordReader<TrialRecord> reader, final EnrichProgress progress) {
    this.reader = reader;
    this.progress = progress;
  }

  @Override
  public void init(final ProcessorContext<String, Emit> context) {
    this.context = context;
    this.records = context.getStateStore(StoreNames.TRIAL_RECORDS);
    this.links = context.getStateStore(StoreNames.TRIAL_LINKS);
    this.identities = context.getStateStore(StoreNames.TRIAL_SAME_AS);
  }

  @Override
  public void process(final Record<String, LinkMessage> record) {
    final String trialId = record.key();
    final LinkMessage message = record.value();
    if (trialId == null || message == null) {
      return;
    }
    if (message.type() == Type.SAME_AS) {
      identify(record, trialId, new SameAsView(message.id(), message.ids()));
      return;
    }
    final boolean mention = message.type() == Type.MENTIONED_BY || message.type() == Type.NOT_MENTIONED_BY;
    final byte[] raw = ValueAndTimestamp.getValueOrNull(records.get(trialId));
    if (raw == null && !mention) {
      LOG.debug("Dropping {} for unknown trial {}", message, trialId);
      return;
    }
    final Links stored = links.get(trialId);
    final Links before = stored == null ? Links.none() : stored;
    final Links after = before.apply(asLink(message));
    if (after.isEmpty()) {
      links.delete(trialId);
    } else {
      links.put(trialId, after);
    }
    if (raw == null) {
      return;
    }
    if (mention) {
      answerMention(record, trialId, message.id(), before, after);
    }
    if (before.looksLike(after)) {
      return;
    }
    reemit(record, trialId, raw, after, identities.get(trialId));
  }

  /** Keeps what the identity step says of the trial and shows it, if the trial is here and it changes anything. */
  private void identify(final Record<String, LinkMessage> record, final String trialId, final SameAsView identity) {
    final byte[] raw = ValueAndTimestamp.getValueOrNull(records.get(trialId));
    if (raw == null) {
      LOG.debug("Dropping the identity of unknown trial {}", trialId);
      return;
    }
    if (identity.equals(identities.get(trialId))) {
      return;
    }
    identities.put(trialId, identity);
    final Links stored = links.get(trialId);
    reemit(record, trialId, raw, stored == null ? Links.none() : stored, identity);
  }

  /** The trial again, with {@code links} and {@code identity} ({@code null}: the assumed one). */
  private void reemit(final Record<String, LinkMessage> record, final String trialId, final byte[] raw,
      final Links links, final SameAsView identity) {
    reader.read(context, record, trialId, raw, new RecordHeaders(), false).ifPresent(read -> {
      progress.linkUpdate();
      final List<String> claims = SameAs.of(read.value());
      context.forward(new Record<String, Emit>(trialId, new Emit.Trial(Enriched.trial(read.value(),
          read.classification(), links, claims, identity != null ? identity : SameAsView.assumed(trialId, claims),
          Instant.ofEpochMilli(context.currentSystemTimeMs()))), record.timestamp()));
    });
  }

  /** A mention as the link change it makes on this side. */
  private static LinkMessage asLink(final LinkMessage message) {
    return switch (message.type()) {
      case MENTIONED_BY -> LinkMessage.link(Type.LINK, message.id(), message.title(), LinkMessage.MENTION);
      case NOT_MENTIONED_BY -> LinkMessage.link(Type.UNLINK, message.id(), null, LinkMessage.MENTION);
      case LINK, UNLINK -> message;
      default -> throw new IllegalArgumentException("Not for links-by-trial: " + message);
    };
  }

  /** Tells the article that its mention now links it to this (existing) trial, or no longer does. */
  private void answerMention(final Record<String, LinkMessage> record, final String trialId, final String articleId,
      final Links before, final Links after) {
    final boolean had = before.has(articleId, LinkMessage.MENTION);
    final boolean has = after.has(articleId, LinkMessage.MENTION);
    if (had != has) {
      final LinkMessage answer = LinkMessage.link(has ? Type.LINK : Type.UNLINK, trialId, null, LinkMessage.MENTION);
      context.forward(new Record<String, Emit>(articleId, new Emit.ToArticle(answer), record.timestamp()));
    }
  }
}
