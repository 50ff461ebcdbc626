package io.exowatch.enrich.internal;

import io.exowatch.enrich.EnrichProgress;
import io.exowatch.schemas.avro.TrialRecord;
import java.time.Instant;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies link changes ({@code links-by-trial}) to a trial's links and re-emits the enriched trial
 * when the articles it shows change. Changes for a trial that is not (or no longer) known are
 * dropped: the index sends them again when the trial appears.
 */
public final class TrialLinkProcessor implements Processor<String, LinkMessage, String, Emit> {

  private static final Logger LOG = LoggerFactory.getLogger(TrialLinkProcessor.class);

  private final RecordReader<TrialRecord> reader;
  private final EnrichProgress progress;
  private ProcessorContext<String, Emit> context;
  private KeyValueStore<String, byte[]> records;
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
    final byte[] raw = trialId == null || record.value() == null ? null : records.get(trialId);
    if (raw == null) {
      LOG.debug("Dropping {} for unknown trial {}", record.value(), trialId);
      return;
    }
    final Links stored = links.get(trialId);
    final Links before = stored == null ? Links.none() : stored;
    final Links after = before.apply(record.value());
    if (after.isEmpty()) {
      links.delete(trialId);
    } else {
      links.put(trialId, after);
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
}
