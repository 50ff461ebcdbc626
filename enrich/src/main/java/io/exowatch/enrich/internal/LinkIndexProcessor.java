package io.exowatch.enrich.internal;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the {@code link-index} store (trial ids and article lookup keys) and turns facts from both
 * sides into link changes for trials and articles ({@link LinkIndex} decides).
 */
public final class LinkIndexProcessor implements Processor<String, LinkMessage, String, Emit> {

  private ProcessorContext<String, Emit> context;
  private KeyValueStore<String, LinkIndexEntry> index;

  @Override
  public void init(final ProcessorContext<String, Emit> context) {
    this.context = context;
    this.index = context.getStateStore(StoreNames.LINK_INDEX);
  }

  @Override
  public void process(final Record<String, LinkMessage> record) {
    if (record.key() == null || record.value() == null) {
      return;
    }
    final LinkIndex.Outcome outcome = LinkIndex.apply(record.key(), index.get(record.key()), record.value());
    if (outcome.entry().isEmpty()) {
      index.delete(record.key());
    } else {
      index.put(record.key(), outcome.entry());
    }
    for (final LinkIndex.Delivery delivery : outcome.deliveries()) {
      final Emit emit = delivery.toTrial() ? new Emit.ToTrial(delivery.message()) : new Emit.ToArticle(delivery.message());
      context.forward(new Record<>(delivery.recipient(), emit, record.timestamp()));
    }
  }
}
