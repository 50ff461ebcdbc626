package io.exowatch.app;

import io.exowatch.common.config.CommonKeys;
import io.exowatch.common.config.ExoConfig;
import io.exowatch.common.kafka.KafkaClients;
import io.exowatch.ingest.IngestListener;
import io.exowatch.ingest.IngestService;
import io.exowatch.ingest.IngestSettings;
import io.exowatch.ingest.cursor.KafkaCursorStore;
import io.exowatch.schemas.serde.AvroSerializer;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The ingest service with its Kafka parts, built from configuration: the topics it writes
 * (created when missing), an Avro producer through the registry, and cursors in the compacted
 * cursor topic. Shared by {@code exowatch ingest} and {@code exowatch up}; closing it closes the
 * service, then the cursor store, then the producer.
 */
final class IngestRuntime implements AutoCloseable {

  private final Producer<String, Object> producer;
  private final KafkaCursorStore cursors;
  private final IngestService service;
  private final IngestSettings settings;

  private IngestRuntime(final Producer<String, Object> producer, final KafkaCursorStore cursors,
      final IngestService service, final IngestSettings settings) {
    this.producer = producer;
    this.cursors = cursors;
    this.service = service;
    this.settings = settings;
  }

  /** Creates the ingest topics where missing and builds the service; nothing is fetched yet. */
  static IngestRuntime create(final ExoConfig config, final IngestListener listener) {
    final IngestSettings settings = IngestSettings.from(config);
    final KafkaClients clients = new KafkaClients(config);
    try (Admin admin = clients.admin()) {
      IngestService.ensureTopics(admin, settings, config.get(CommonKeys.TOPICS_PARTITIONS),
          config.get(CommonKeys.TOPICS_REPLICATION_FACTOR).shortValue());
    }
    final Map<String, Object> producerConfig = new HashMap<>(clients.producerConfig("exowatch-ingest"));
    producerConfig.putAll(clients.serdeConfig());
    producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroSerializer.class.getName());
    final Producer<String, Object> producer = new KafkaProducer<>(producerConfig);
    KafkaCursorStore cursors = null;
    try {
      cursors = KafkaCursorStore.create(clients.producerConfig("exowatch-ingest-cursors"),
          clients.consumerConfig(null, "exowatch-ingest-cursors"), settings.topics().cursors());
      final IngestService service = IngestService.builder(settings).producer(producer).cursors(cursors)
          .listener(listener).build();
      return new IngestRuntime(producer, cursors, service, settings);
    } catch (final RuntimeException e) {
      if (cursors != null) {
        cursors.close();
      }
      producer.close();
      throw e;
    }
  }

  /** The service. */
  IngestService service() {
    return service;
  }

  /** The settings it runs with. */
  IngestSettings settings() {
    return settings;
  }

  @Override
  public void close() {
    try {
      service.close();
    } finally {
      try {
        cursors.close();
      } finally {
        producer.close();
      }
    }
  }
}
