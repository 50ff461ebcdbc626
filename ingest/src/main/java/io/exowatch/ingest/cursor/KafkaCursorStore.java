package io.exowatch.ingest.cursor;

import io.exowatch.ingest.source.Cursor;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cursors in a compacted topic (default {@code ingest-cursors}): key = source name, value = the
 * cursor's JSON, a {@code null} value deletes. On first use the whole topic is read from the
 * beginning to its end offsets (last value per key wins), so a restarted service sees every cursor
 * its predecessor stored; {@link #save} waits for the broker's acknowledgement (the producer should
 * be {@code acks=all}). Takes ownership of the clients and closes them.
 */
public final class KafkaCursorStore implements CursorStore {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaCursorStore.class);
  /** How long a missing cursor topic is waited for (metadata of a topic just created takes a moment). */
  private static final Duration TOPIC_WAIT = Duration.ofSeconds(15);

  private final Producer<String, String> producer;
  private final Consumer<String, String> consumer;
  private final String topic;
  private final Duration timeout;
  private final Map<String, Cursor> cursors = new ConcurrentHashMap<>();
  private volatile boolean loaded;

  /**
   * A store over {@code topic}.
   *
   * @param producer writes cursors; {@code acks=all} recommended
   * @param consumer reads the topic back (partitions are assigned; no group needed)
   * @param topic the compacted cursor topic
   * @param timeout how long reading the topic or acknowledging a write may take
   */
  public KafkaCursorStore(final Producer<String, String> producer, final Consumer<String, String> consumer,
      final String topic, final Duration timeout) {
    this.producer = Objects.requireNonNull(producer, "producer");
    this.consumer = Objects.requireNonNull(consumer, "consumer");
    this.topic = Objects.requireNonNull(topic, "topic");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /**
   * A store with its own string clients built from the given settings (e.g.
   * {@code KafkaClients.producerConfig(...)} and {@code consumerConfig(null, ...)}); serializers are set here.
   */
  public static KafkaCursorStore create(final Map<String, Object> producerConfig,
      final Map<String, Object> consumerConfig, final String topic) {
    final Map<String, Object> p = new HashMap<>(producerConfig);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    final Map<String, Object> c = new HashMap<>(consumerConfig);
    c.remove(ConsumerConfig.GROUP_ID_CONFIG);
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return new KafkaCursorStore(new KafkaProducer<>(p), new KafkaConsumer<>(c), topic, Duration.ofSeconds(60));
  }

  @Override
  public Cursor load(final String source) {
    ensureLoaded();
    return cursors.getOrDefault(source, Cursor.EMPTY);
  }

  @Override
  public void save(final String source, final Cursor cursor) {
    ensureLoaded();
    try {
      producer.send(new ProducerRecord<>(topic, source, cursor.toJson())).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      cursors.put(source, cursor);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CursorStoreException("Interrupted while storing the cursor of " + source + " in " + topic, e);
    } catch (final ExecutionException | TimeoutException e) {
      throw new CursorStoreException("Cannot store the cursor of " + source + " in " + topic + ": "
          + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
    }
  }

  private synchronized void ensureLoaded() {
    if (loaded) {
      return;
    }
    final List<PartitionInfo> infos = partitions();
    final List<TopicPartition> parts = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
    consumer.assign(parts);
    consumer.seekToBeginning(parts);
    final Map<TopicPartition, Long> end = consumer.endOffsets(parts, timeout);
    final Instant deadline = Instant.now().plus(timeout);
    int read = 0;
    while (parts.stream().anyMatch(tp -> consumer.position(tp, timeout) < end.get(tp))) {
      if (Instant.now().isAfter(deadline)) {
        throw new CursorStoreException("Reading cursor topic " + topic + " took longer than " + timeout, null);
      }
      for (final ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
        read++;
        if (r.key() == null) {
          continue;
        }
        if (r.value() == null) {
          cursors.remove(r.key());
          continue;
        }
        try {
          cursors.put(r.key(), Cursor.fromJson(r.value()));
        } catch (final IllegalArgumentException e) {
          LOG.warn("Ignoring an unreadable cursor of {} at {}-{}@{}: {}", r.key(), r.topic(), r.partition(),
              r.offset(), e.getMessage());
        }
      }
    }
    consumer.unsubscribe();
    loaded = true;
    LOG.info("Read {} cursor records from {}: {}", read, topic, cursors.keySet());
  }

  /** The topic's partitions, waiting a little for a topic created a moment ago to show up in metadata. */
  private List<PartitionInfo> partitions() {
    final Instant deadline = Instant.now().plus(TOPIC_WAIT);
    while (true) {
      final List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
      if (infos != null && !infos.isEmpty()) {
        return infos;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new CursorStoreException("Cursor topic " + topic + " does not exist; create it (compacted) first, "
            + "e.g. with 'exowatch topics'", null);
      }
      try {
        Thread.sleep(100);
      } catch (final InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CursorStoreException("Interrupted while looking up cursor topic " + topic, e);
      }
    }
  }

  @Override
  public void close() {
    try {
      producer.close(Duration.ofSeconds(10));
    } finally {
      consumer.close(Duration.ofSeconds(10));
    }
  }
}
