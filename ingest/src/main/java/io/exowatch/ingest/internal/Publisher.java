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
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink of one source's pass: sends a batch's records (trials keyed by registry id, articles by
 * {@code doi:}/{@code pmid:} id) and dead letters, flushes, waits for every acknowledgement, and only
 * then stores the batch's cursor. A record Kafka refuses for what it is (larger than the producer or
 * broker accepts, an invalid record) goes to the dead letters instead, with its original text, so one
 * oversized registration cannot stop a source; any other refusal fails the batch. Counts what it
 * wrote and remembers the DOIs it saw.
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
    final List<Sent> sent = new ArrayList<>();
    for (final TrialRecord t : batch.trials()) {
      sent.add(send(topics.trials(), t.getRegistryId(), t, t.getSourceUrl(), t.getSourcePayload()));
    }
    for (final ArticleRecord a : batch.articles()) {
      sent.add(send(topics.articles(), a.getId(), a, a.getSourceUrl(), a.getSourcePayload()));
    }
    for (final Rejected r : batch.rejected()) {
      sent.add(deadLetter(r));
    }
    if (!sent.isEmpty()) {
      producer.flush();
    }
    // Records Kafka refuses for what they are (too large) become dead letters; the batch goes on. Any
    // other refusal (broker gone, registry unreachable) fails the batch: its cursor stays.
    final List<Sent> replacements = new ArrayList<>();
    int refused = 0;
    for (final Sent s : sent) {
      final Exception failure = s.failure();
      if (failure == null) {
        continue;
      }
      if (s.content() != null && isRecordsOwnFault(failure)) {
        refused++;
        replacements.add(deadLetter(new Rejected(s.key(), s.url(), "Kafka refused the record: " + failure.getMessage(),
            failure.getClass().getName(), s.content())));
      } else {
        throw new PublishException("Kafka refused a record of " + source + " from " + batch.url() + ": "
            + failure.getMessage(), failure);
      }
    }
    if (!replacements.isEmpty()) {
      producer.flush();
      for (final Sent s : replacements) {
        if (s.failure() != null) {
          throw new PublishException("Kafka refused a dead letter of " + source + " from " + batch.url() + ": "
              + s.failure().getMessage(), s.failure());
        }
      }
    }
    if (batch.cursorAfter() != null) {
      cursors.save(source, batch.cursorAfter());
      lastCursor = batch.cursorAfter();
    }
    pages++;
    records += batch.recordCount() - refused;
    deadLetters += batch.rejected().size() + refused;
    remember(batch);
    onProgress.accept(this);
  }

  /**
   * One send: the record's key and where it came from, its original text ({@code null} for dead
   * letters, which are not dead-lettered again), and the pending result (the producer reports a
   * record over the size limit there, not by throwing).
   */
  private record Sent(String key, String url, String content, Future<RecordMetadata> result) {

    /** Why Kafka refused it, after the producer was flushed; {@code null} when written. */
    Exception failure() throws InterruptedException {
      try {
        result.get();
        return null;
      } catch (final ExecutionException e) {
        return e.getCause() instanceof Exception cause ? cause : e;
      }
    }
  }

  private Sent send(final String topic, final String key, final Object value, final String url, final String content) {
    // A record without its original text is dead-lettered with a note instead.
    final String original = content != null ? content : "(no original text kept; key " + key + ")";
    return new Sent(key, url, original, producer.send(new ProducerRecord<>(topic, key, value)));
  }

  private Sent deadLetter(final Rejected r) {
    LOG.warn("{}: dead letter{} from {}: {}", source, r.key() == null ? "" : " " + r.key(), r.url(), r.reason());
    return new Sent(r.key(), r.url(), null,
        producer.send(new ProducerRecord<>(topics.deadLetters(), r.key(), DeadLetters.of(source, r, clock.instant()))));
  }

  /**
   * Whether Kafka refused a record for the record itself, so that sending it again can never
   * succeed. Not serialisation errors: the Avro serializer reports an unreachable schema registry
   * that way, and that must fail the batch so that it is fetched again.
   */
  static boolean isRecordsOwnFault(final Exception e) {
    return e instanceof RecordTooLargeException || e instanceof InvalidRecordException;
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
