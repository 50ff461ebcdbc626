package io.exowatch.sink.internal.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.exowatch.schemas.avro.DeadLetter;
import io.exowatch.sink.internal.SinkMetrics;
import io.exowatch.sink.internal.batch.BatchBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The indexing loop: consumes the enriched topics, turns each record into a bulk write (id = record
 * key, external version = offset, tombstone = delete), batches them in a {@link BatchBuffer} and
 * sends full or lingered batches through the {@link BulkWriter}. Offsets are committed only after a
 * batch's bulk request succeeded and its rejects are in the dead-letter topic; when a batch fails
 * after every retry, the consumer is rewound to the committed offsets and pauses with growing
 * backoff, so nothing is lost or skipped.
 *
 * <p>Why the offset is the version: it is strictly increasing per key (a key always lands on the
 * same partition) and independent of clocks, so replaying a compacted topic, a restart from older
 * committed offsets, or a late duplicate never replaces a newer document (OpenSearch answers 409,
 * counted as a conflict). Rebuilding an index from scratch replays the same offsets.
 */
public final class Indexer implements Runnable {

  /** How one topic is indexed: the alias written and how a value becomes a document. */
  public record Target(String alias, DocumentMapper mapper) {}

  /** Decodes a record value (Avro bytes) into a document. */
  @FunctionalInterface
  public interface DocumentMapper {
    /** The document of {@code value} from {@code topic}, read at {@code partition}/{@code offset}. */
    Map<String, Object> map(String topic, byte[] value, int partition, long offset) throws Exception;
  }

  private static final Logger LOG = LoggerFactory.getLogger(Indexer.class);
  private static final long MAX_POLL_WAIT_MS = 200;

  private final Consumer<String, byte[]> consumer;
  private final Map<String, Target> targets;
  private final BulkWriter writer;
  private final DeadLetters deadLetters;
  private final BatchBuffer<Pending> buffer;
  private final RetryPolicy pausePolicy;
  private final SinkMetrics metrics;
  private final ObjectMapper json;
  private final LongSupplier clock;
  private volatile boolean running = true;
  private volatile boolean healthy = true;
  private int consecutiveFailures;
  private long resumeAtMillis;
  private long lagUpdatedAtMillis;
  private final Map<String, Long> lag = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * An indexer over {@code consumer} (not yet subscribed; the indexer subscribes to the targets' topics).
   *
   * @param pausePolicy backoff between failed batches (its retry limit is not used: batches are re-read until they succeed)
   */
  public Indexer(final Consumer<String, byte[]> consumer, final Map<String, Target> targets, final BulkWriter writer,
      final DeadLetters deadLetters, final BatchBuffer<Pending> buffer, final RetryPolicy pausePolicy,
      final SinkMetrics metrics, final ObjectMapper json, final LongSupplier clock) {
    this.consumer = consumer;
    this.targets = Map.copyOf(targets);
    this.writer = writer;
    this.deadLetters = deadLetters;
    this.buffer = buffer;
    this.pausePolicy = pausePolicy;
    this.metrics = metrics;
    this.json = json;
    this.clock = clock;
  }

  /** Whether the last batch succeeded (false while OpenSearch or the dead-letter topic is failing). */
  public boolean healthy() {
    return healthy;
  }

  /** Records behind the log end per {@code topic-partition}, as of the last poll (updated every few seconds). */
  public Map<String, Long> lag() {
    return java.util.Collections.unmodifiableMap(lag);
  }

  /** Asks the loop to stop: it sends what it holds, commits, and closes the consumer. */
  public void stop() {
    running = false;
    consumer.wakeup();
  }

  @Override
  public void run() {
    consumer.subscribe(targets.keySet(), new ConsumerRebalanceListener() {
      @Override
      public void onPartitionsRevoked(final Collection<TopicPartition> partitions) {
        if (!buffer.isEmpty() && !flush()) {
          buffer.clear();
        }
      }

      @Override
      public void onPartitionsAssigned(final Collection<TopicPartition> partitions) {
        LOG.info("Indexing {}", partitions);
      }
    });
    try {
      while (running) {
        pollOnce();
      }
    } catch (final WakeupException e) {
      if (running) {
        throw e;
      }
    } catch (final RuntimeException e) {
      healthy = false;
      LOG.error("Indexer stopped by an unexpected error; uncommitted records will be read again on restart", e);
      throw e;
    } finally {
      try {
        if (!buffer.isEmpty()) {
          flush();
        }
      } catch (final RuntimeException e) {
        LOG.warn("Could not send the last batch on shutdown ({}); it will be read again on restart", e.toString());
      }
      consumer.close(Duration.ofSeconds(10));
    }
  }

  private void pollOnce() {
    final long now = clock.getAsLong();
    if (resumeAtMillis > 0 && now >= resumeAtMillis) {
      consumer.resume(consumer.paused());
      resumeAtMillis = 0;
    }
    final long wait = Math.min(MAX_POLL_WAIT_MS, buffer.millisUntilDue(now));
    final ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(wait));
    for (final ConsumerRecord<String, byte[]> r : records) {
      final Pending p = decode(r);
      final long bytes = p instanceof Pending.Write w ? w.bytes() : 128;
      if (!buffer.fits(bytes) && !flush()) {
        return; // rewound: the rest of this poll is read again
      }
      if (buffer.add(p, bytes, clock.getAsLong()) && !flush()) {
        return;
      }
    }
    if (buffer.isDue(clock.getAsLong())) {
      flush();
    }
    if (now - lagUpdatedAtMillis >= 5_000) {
      lagUpdatedAtMillis = now;
      for (final TopicPartition tp : consumer.assignment()) {
        consumer.currentLag(tp).ifPresent(n -> lag.put(tp.toString(), n));
      }
      lag.keySet().removeIf(k -> consumer.assignment().stream().noneMatch(tp -> tp.toString().equals(k)));
    }
  }

  private Pending decode(final ConsumerRecord<String, byte[]> r) {
    final Pending.Origin origin = new Pending.Origin(r.topic(), r.partition(), r.offset(), r.key(), r.value());
    final Target target = targets.get(r.topic());
    if (r.key() == null || r.key().isBlank()) {
      return new Pending.Undecodable(origin, "record has no key (the document id)", "MissingKey");
    }
    if (r.value() == null) {
      return new Pending.Write(origin, target.alias(), r.key(), r.offset(), null, null);
    }
    try {
      final Map<String, Object> doc = target.mapper().map(r.topic(), r.value(), r.partition(), r.offset());
      return new Pending.Write(origin, target.alias(), r.key(), r.offset(), doc, json.writeValueAsBytes(doc));
    } catch (final Exception e) {
      return new Pending.Undecodable(origin, e.getMessage(), e.getClass().getName());
    }
  }

  /** Sends the buffer; returns false (after rewinding) when the batch failed. */
  private boolean flush() {
    final List<Pending> batch = buffer.drain();
    if (batch.isEmpty()) {
      return true;
    }
    final List<Pending.Write> writes = new ArrayList<>(batch.size());
    final List<DeadLetter> letters = new ArrayList<>();
    final Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
    for (final Pending p : batch) {
      if (p instanceof Pending.Write w) {
        writes.add(w);
      } else {
        letters.add(DeadLetters.undecodable((Pending.Undecodable) p));
      }
      commit.put(new TopicPartition(p.origin().topic(), p.origin().partition()),
          new OffsetAndMetadata(p.origin().offset() + 1));
    }
    final long start = System.nanoTime();
    try {
      final BulkOutcome outcome = writes.isEmpty() ? new BulkOutcome(0, 0, 0, List.of()) : writer.write(writes);
      outcome.rejected().forEach(r -> {
        LOG.warn("Rejected {} ({}): {}", r.write().id(), r.write().origin().position(), r.reason());
        letters.add(DeadLetters.rejected(r));
      });
      deadLetters.publish(letters);
      consumer.commitSync(commit);
      metrics.bulkNanos.add(System.nanoTime() - start);
      metrics.bulkRequests.increment();
      metrics.indexed.add(outcome.indexed());
      metrics.deleted.add(outcome.deleted());
      metrics.conflicts.add(outcome.conflicts());
      metrics.rejected.add(outcome.rejected().size());
      metrics.undecodable.add(letters.size() - outcome.rejected().size());
      consecutiveFailures = 0;
      healthy = true;
      return true;
    } catch (final BulkFailedException e) {
      fail(e.getMessage(), e);
      return false;
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      fail("interrupted", e);
      return false;
    } catch (final org.apache.kafka.common.KafkaException e) {
      if (e instanceof WakeupException) {
        throw e;
      }
      fail("Kafka: " + e.getMessage(), e);
      return false;
    }
  }

  private void fail(final String why, final Exception e) {
    healthy = false;
    metrics.bulkFailures.increment();
    consecutiveFailures++;
    buffer.clear();
    final Set<TopicPartition> assigned = consumer.assignment();
    final Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned);
    final List<TopicPartition> fromStart = new ArrayList<>();
    for (final TopicPartition tp : assigned) {
      final OffsetAndMetadata o = committed.get(tp);
      if (o == null) {
        fromStart.add(tp);
      } else {
        consumer.seek(tp, o.offset());
      }
    }
    if (!fromStart.isEmpty()) {
      consumer.seekToBeginning(fromStart);
    }
    final long delay = pausePolicy.delayMillis(Math.min(consecutiveFailures, 8));
    consumer.pause(assigned);
    resumeAtMillis = clock.getAsLong() + delay;
    LOG.error("Batch failed ({}); rewound to the committed offsets, next attempt in {} ms", why, delay,
        e instanceof BulkFailedException ? null : e);
  }
}
