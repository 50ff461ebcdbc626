package io.exowatch.ingest.internal;

import io.exowatch.ingest.cursor.CursorStore;
import io.exowatch.ingest.source.Batch;
import io.exowatch.ingest.source.BatchSink;
import io.exowatch.ingest.source.Cursor;
import io.exowatch.ingest.source.Rejected;
import io.exowatch.schemas.avro.ArticleRecord;
import io.exowatch.schemas.avro.Reference;
import io.exowatch.schemas.avro.TrialRecord;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink of one source's pass: sends a batch's records (trials keyed by registry id, articles by
 * {@code doi:}/{@code pmid:} id) and dead letters, flushes, waits for every acknowledgement, and only
 * then stores the batch's cursor. Counts what it wrote and remembers the DOIs it saw.
 */
public final class Publisher implements BatchSink {

  private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);

  /** Kafka refused a write; the batch's cursor was not stored. */
  public static final class PublishException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PublishException(final String message, final Throwable cause) {
      super(message, cause);
    }
  }

  private final String source;
  private final Producer<String, Object> producer;
  private final CursorStore cursors;
  private final Topics topics;
  private final Clock clock;
  private final Consumer<Publisher> onProgress;
  private final Set<String> dois = new LinkedHashSet<>();
  private int pages;
  private long records;
  private long deadLetters;
  private Cursor lastCursor;

  /**
   * Topic names.
   *
   * @param trials raw trials
   * @param articles raw articles
   * @param deadLetters dead letters
   */
  public record Topics(String trials, String articles, String deadLetters) {
  }

  /**
   * A sink for {@code source}.
   *
   * @param onProgress called after each batch is written
   */
  public Publisher(final String source, final Producer<String, Object> producer, final CursorStore cursors,
      final Topics topics, final Clock clock, final Cursor startCursor, final Consumer<Publisher> onProgress) {
    this.source = source;
    this.producer = producer;
    this.cursors = cursors;
    this.topics = topics;
    this.clock = clock;
    this.lastCursor = startCursor;
    this.onProgress = onProgress;
  }

  @Override
  public void accept(final Batch batch) throws InterruptedException {
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedException("ingest is closing");
    }
    final List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (final TrialRecord t : batch.trials()) {
      sent.add(producer.send(new ProducerRecord<>(topics.trials(), t.getRegistryId(), t)));
    }
    for (final ArticleRecord a : batch.articles()) {
      sent.add(producer.send(new ProducerRecord<>(topics.articles(), a.getId(), a)));
    }
    for (final Rejected r : batch.rejected()) {
      LOG.warn("{}: dead letter{} from {}: {}", source, r.key() == null ? "" : " " + r.key(), r.url(), r.reason());
      sent.add(producer.send(new ProducerRecord<>(topics.deadLetters(), r.key(), DeadLetters.of(source, r, clock.instant()))));
    }
    if (!sent.isEmpty()) {
      producer.flush();
    }
    for (final Future<RecordMetadata> f : sent) {
      try {
        f.get();
      } catch (final ExecutionException e) {
        throw new PublishException("Kafka refused a record of " + source + " from " + batch.url() + ": "
            + e.getCause().getMessage(), e.getCause());
      }
    }
    if (batch.cursorAfter() != null) {
      cursors.save(source, batch.cursorAfter());
      lastCursor = batch.cursorAfter();
    }
    pages++;
    records += batch.recordCount();
    deadLetters += batch.rejected().size();
    remember(batch);
    onProgress.accept(this);
  }

  private void remember(final Batch batch) {
    for (final ArticleRecord a : batch.articles()) {
      if (a.getDoi() != null && !"LANDING_PAGE".equals(a.getSource())) {
        dois.add(a.getDoi());
      }
    }
    for (final TrialRecord t : batch.trials()) {
      for (final Reference r : t.getReferences()) {
        if (r.getDoi() != null) {
          dois.add(r.getDoi());
        }
      }
    }
  }

  /** Batches written. */
  public int pages() {
    return pages;
  }

  /** Records acknowledged. */
  public long records() {
    return records;
  }

  /** Dead letters acknowledged. */
  public long deadLetters() {
    return deadLetters;
  }

  /** The cursor stored last (or the one the pass started from). */
  public Cursor lastCursor() {
    return lastCursor;
  }

  /** DOIs of the articles (other than landing pages) and trial references written. */
  public Set<String> dois() {
    return Set.copyOf(dois);
  }
}
