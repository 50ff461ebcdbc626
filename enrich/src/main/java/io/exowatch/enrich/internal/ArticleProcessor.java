package io.exowatch.enrich.internal;

import io.exowatch.enrich.EnrichProgress;
import io.exowatch.enrich.internal.LinkMessage.Type;
import io.exowatch.schemas.avro.ArticleRecord;
import io.exowatch.schemas.avro.Classification;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Classifies raw articles (updates of the {@code article-records} table) and emits the enriched
 * article when its content or labels changed; tells the link index which keys it answers to (its
 * id, {@code doi:} and {@code pmid:} keys, so a trial reference giving only a PMID still finds an
 * article keyed by DOI), and tells each trial it mentions. A tombstone forwards a tombstone,
 * withdraws all that and forgets the article.
 */
public final class ArticleProcessor implements Processor<String, byte[], String, Emit> {

  private final RecordReader<ArticleRecord> reader;
  private final EnrichProgress progress;
  private ProcessorContext<String, Emit> context;
  private KeyValueStore<String, ArticleFingerprint> fingerprints;
  private KeyValueStore<String, Links> links;
  private Fingerprinter fingerprinter;

  /**
   * A processor reading articles with {@code reader}.
   *
   * @param reader decodes and classifies raw values, dead-lettering failures
   * @param progress counters
   */
  public ArticleProcessor(final RecordReader<ArticleRecord> reader, final EnrichProgress progress) {
    this.reader = reader;
    this.progress = progress;
  }

  @Override
  public void init(final ProcessorContext<String, Emit> context) {
    this.context = context;
    this.fingerprints = context.getStateStore(StoreNames.ARTICLE_FINGERPRINTS);
    this.links = context.getStateStore(StoreNames.ARTICLE_LINKS);
    this.fingerprinter = new Fingerprinter();
  }

  @Override
  public void process(final Record<String, byte[]> record) {
    progress.articleIn();
    // Never null: compacted topics refuse records without a key, and tables skip them.
    final String articleId = record.key();
    if (record.value() == null) {
      forget(record, articleId);
      return;
    }
    final Optional<RecordReader.Classified<ArticleRecord>> read =
        reader.read(context, record, articleId, record.value(), record.headers(), true);
    if (read.isEmpty()) {
      return;
    }
    final ArticleRecord article = read.get().value();
    final Classification classification = read.get().classification();
    final ArticleFingerprint previous = fingerprints.get(articleId);
    final ArticleFingerprint current = fingerprinter.article(articleId, article, classification);
    if (previous != null && !previous.differsFrom(current)) {
      progress.unchanged();
      return;
    }
    final Links known = links.get(articleId);
    context.forward(new Record<String, Emit>(articleId, new Emit.Article(Enriched.article(article, classification,
        known == null ? Links.none() : known, Instant.ofEpochMilli(context.currentSystemTimeMs()))),
        record.timestamp()));
    announce(record, articleId, previous, current);
    fingerprints.put(articleId, current);
  }

  private void forget(final Record<String, byte[]> record, final String articleId) {
    final ArticleFingerprint previous = fingerprints.get(articleId);
    context.forward(new Record<String, Emit>(articleId, new Emit.Article(null), record.timestamp()));
    if (previous != null) {
      for (final String key : previous.lookupKeys()) {
        fact(record, key, LinkMessage.of(Type.ARTICLE_ABSENT, articleId));
      }
      for (final String trialId : previous.mentions()) {
        toTrial(record, trialId, LinkMessage.of(Type.NOT_MENTIONED_BY, articleId));
      }
    }
    fingerprints.delete(articleId);
    links.delete(articleId);
  }

  /** Tells the link index what changed in the keys the article answers to, and the trials whether it mentions them. */
  private void announce(final Record<String, byte[]> record, final String articleId,
      final ArticleFingerprint previous, final ArticleFingerprint current) {
    final boolean retitled = previous == null || !Objects.equals(previous.title(), current.title());
    final List<String> keysBefore = previous == null ? List.of() : previous.lookupKeys();
    for (final String key : current.lookupKeys()) {
      if (retitled || !keysBefore.contains(key)) {
        fact(record, key, LinkMessage.article(Type.ARTICLE_PRESENT, articleId, current.title()));
      }
    }
    for (final String key : keysBefore) {
      if (!current.lookupKeys().contains(key)) {
        fact(record, key, LinkMessage.of(Type.ARTICLE_ABSENT, articleId));
      }
    }
    final List<String> mentionsBefore = previous == null ? List.of() : previous.mentions();
    for (final String trialId : current.mentions()) {
      if (retitled || !mentionsBefore.contains(trialId)) {
        toTrial(record, trialId, LinkMessage.article(Type.MENTIONED_BY, articleId, current.title()));
      }
    }
    for (final String trialId : mentionsBefore) {
      if (!current.mentions().contains(trialId)) {
        toTrial(record, trialId, LinkMessage.of(Type.NOT_MENTIONED_BY, articleId));
      }
    }
  }

  private void fact(final Record<String, byte[]> record, final String key, final LinkMessage message) {
    context.forward(new Record<String, Emit>(key, new Emit.Fact(message), record.timestamp()));
  }

  private void toTrial(final Record<String, byte[]> record, final String trialId, final LinkMessage message) {
    context.forward(new Record<String, Emit>(trialId, new Emit.ToTrial(message), record.timestamp()));
  }
}
