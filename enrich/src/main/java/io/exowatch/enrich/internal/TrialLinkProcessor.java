package io.exowatch.enrich.internal;

import io.exowatch.enrich.EnrichProgress;
import io.exowatch.enrich.internal.LinkMessage.Type;
import io.exowatch.schemas.avro.TrialRecord;
import java.time.Instant;
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
 * the trial names the reference).
 */
public final class TrialLinkProcessor implements Processor<String, LinkMessage, String, Emit> {

  private static final Logger LOG = LoggerFactory.getLogger(TrialLinkProcessor.class);

  private final RecordReader<TrialRecord> reader;
  private final EnrichProgress progress;
  private ProcessorContext<String, Emit> context;
  private KeyValueStore<String, ValueAndTimestamp<byte[]>> records;
  private KeyValueStore<String, Links> links;

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
  }

  @Override
  public void process(final Record<String, LinkMessage> record) {
    final String trialId = record.key();
    final LinkMessage message = record.value();
    if (trialId == null || message == null) {
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
    reader.read(context, record, trialId, raw, new RecordHeaders(), false).ifPresent(read -> {
      progress.linkUpdate();
      context.forward(new Record<String, Emit>(trialId, new Emit.Trial(Enriched.trial(read.value(),
          read.classification(), after, Instant.ofEpochMilli(context.currentSystemTimeMs()))), record.timestamp()));
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
