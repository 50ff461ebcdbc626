package io.exowatch.enrich.internal;

import io.exowatch.enrich.EnrichProgress;
import io.exowatch.schemas.avro.ArticleRecord;
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
 * Applies link changes ({@code links-by-article}) to an article's links and re-emits the enriched
 * article when its linked trial ids change. Changes for an unknown article are dropped.
 */
public final class ArticleLinkProcessor implements Processor<String, LinkMessage, String, Emit> {

  private static final Logger LOG = LoggerFactory.getLogger(ArticleLinkProcessor.class);

  private final RecordReader<ArticleRecord> reader;
  private final EnrichProgress progress;
  private ProcessorContext<String, Emit> context;
  private KeyValueStore<String, ValueAndTimestamp<byte[]>> records;
  private KeyValueStore<String, Links> links;

  /**
   * A processor re-reading stored articles with {@code reader}.
   *
   * @param reader decodes and classifies the stored raw value
   * @param progress counters
   */
  public ArticleLinkProcessor(final RecordReader<ArticleRecord> reader, final EnrichProgress progress) {
    this.reader = reader;
    this.progress = progress;
  }

  @Override
  public void init(final ProcessorContext<String, Emit> context) {
    this.context = context;
    this.records = context.getStateStore(StoreNames.ARTICLE_RECORDS);
    this.links = context.getStateStore(StoreNames.ARTICLE_LINKS);
  }

  @Override
  public void process(final Record<String, LinkMessage> record) {
    final String articleId = record.key();
    final byte[] raw = articleId == null || record.value() == null ? null : ValueAndTimestamp.getValueOrNull(records.get(articleId));
    if (raw == null) {
      LOG.debug("Dropping {} for unknown article {}", record.value(), articleId);
      return;
    }
    final Links stored = links.get(articleId);
    final Links before = stored == null ? Links.none() : stored;
    final Links after = before.apply(record.value());
    if (after.isEmpty()) {
      links.delete(articleId);
    } else {
      links.put(articleId, after);
    }
    if (before.looksLike(after)) {
      return;
    }
    reader.read(context, record, articleId, raw, new RecordHeaders(), false).ifPresent(read -> {
      progress.linkUpdate();
      context.forward(new Record<String, Emit>(articleId, new Emit.Article(Enriched.article(read.value(),
          read.classification(), after, Instant.ofEpochMilli(context.currentSystemTimeMs()))), record.timestamp()));
    });
  }
}
