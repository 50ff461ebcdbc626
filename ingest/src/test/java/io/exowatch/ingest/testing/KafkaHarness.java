package io.exowatch.ingest.testing;

import io.exowatch.common.config.ExoConfig;
import io.exowatch.common.kafka.KafkaClients;
import io.exowatch.ingest.IngestService;
import io.exowatch.ingest.IngestSettings;
import io.exowatch.ingest.cursor.KafkaCursorStore;
import io.exowatch.localstack.LocalStack;
import io.exowatch.localstack.junit.UniqueNames;
import io.exowatch.schemas.serde.AvroDeserializer;
import io.exowatch.schemas.serde.AvroSerializer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Kafka plumbing of the ingest ITs on the shared embedded stack: unique topics per test, the
 * producer the service gets (Avro values through the registry), cursor stores, and reading topics
 * back to their end.
 */
public final class KafkaHarness implements AutoCloseable {

  private final LocalStack stack;
  private final KafkaClients clients;
  private final IngestSettings.TopicNames topics;
  private final Producer<String, Object> producer;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  /** Creates unique topics on {@code stack} and a producer. */
  public KafkaHarness(final LocalStack stack) {
    this.stack = stack;
    this.clients = new KafkaClients(ExoConfig.of(Map.of(
        "kafka.bootstrap.servers", stack.bootstrapServers(),
        "schema.registry.url", stack.schemaRegistryUrl())));
    this.topics = new IngestSettings.TopicNames(UniqueNames.uniqueName("trials-raw"),
        UniqueNames.uniqueName("articles-raw"), UniqueNames.uniqueName("ingest-dlq"),
        UniqueNames.uniqueName("ingest-cursors"));
    try (Admin admin = clients.admin()) {
      IngestService.ensureTopics(admin, IngestSettings.defaults().withTopics(topics), 3, (short) 1);
    }
    final Map<String, Object> p = new HashMap<>(clients.producerConfig("ingest-it"));
    p.putAll(clients.serdeConfig());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroSerializer.class.getName());
    this.producer = new KafkaProducer<>(p);
  }

  public IngestSettings.TopicNames topics() {
    return topics;
  }

  public Producer<String, Object> producer() {
    return producer;
  }

  /** A new cursor store over this test's cursor topic, as a restarted service would build it; closed with the harness. */
  public KafkaCursorStore newCursorStore() {
    final KafkaCursorStore store = KafkaCursorStore.create(clients.producerConfig("ingest-it-cursors"),
        clients.consumerConfig(null, "ingest-it-cursors-" + UUID.randomUUID()), topics.cursors());
    closeables.add(store);
    return store;
  }

  /** Every record of {@code topic} from the beginning to its current end, Avro values as generated classes. */
  public List<ConsumerRecord<String, Object>> readAll(final String topic) {
    final Map<String, Object> c = new HashMap<>(clients.consumerConfig(null, "ingest-it-reader-" + UUID.randomUUID()));
    c.putAll(clients.serdeConfig());
    c.put("specific.avro.reader", true);
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class.getName());
    return read(topic, c);
  }

  /** Every record of a topic of text values. */
  public List<ConsumerRecord<String, Object>> readAllText(final String topic) {
    final Map<String, Object> c = new HashMap<>(clients.consumerConfig(null, "ingest-it-reader-" + UUID.randomUUID()));
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    return read(topic, c);
  }

  private static List<ConsumerRecord<String, Object>> read(final String topic, final Map<String, Object> config) {
    final List<ConsumerRecord<String, Object>> out = new ArrayList<>();
    try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(config)) {
      final List<TopicPartition> parts = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(i -> new TopicPartition(topic, i.partition())).toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      final Map<TopicPartition, Long> end = consumer.endOffsets(parts, Duration.ofSeconds(30));
      final Instant deadline = Instant.now().plusSeconds(60);
      while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (Instant.now().isAfter(deadline)) {
          throw new AssertionError("Could not read " + topic + " to its end within 60 s");
        }
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }

  public LocalStack stack() {
    return stack;
  }

  @Override
  public void close() throws Exception {
    for (final AutoCloseable c : closeables) {
      c.close();
    }
    producer.close(Duration.ofSeconds(10));
  }
}
