package io.exowatch.enrich;

import io.exowatch.common.config.CommonKeys;
import io.exowatch.common.config.ExoConfig;
import io.exowatch.common.kafka.KafkaClients;
import io.exowatch.enrich.internal.CountingDeserializationHandler;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The enrich application's settings, read once from an {@link ExoConfig}: Kafka Streams
 * {@link Properties} and the serde configuration.
 *
 * <p>Streams settings: {@code processing.guarantee=exactly_once_v2}; {@code application.id} from
 * {@link EnrichKeys#APPLICATION_ID} (default {@code exowatch-enrich}); bootstrap servers from
 * {@code kafka.bootstrap.servers}; {@code state.dir}, {@code num.stream.threads} and
 * {@code commit.interval.ms} from the {@code enrich.*} keys; {@code replication.factor} of internal
 * topics from {@code topics.replication-factor};
 * {@code topology.optimization=reuse.ktable.source.topics} (as {@link EnrichTopology} builds it);
 * {@code max.task.idle.ms=-1}; the producer's compression, linger and request size from
 * {@link KafkaClients}, with {@code batch.size} {@value #PRODUCER_BATCH_BYTES}; and a
 * deserialization handler that logs task, topic, partition and offset, counts, dead-letters and skips.
 */
public final class EnrichConfig {

  /** Producer {@code batch.size} of the application: 256 KiB. */
  public static final int PRODUCER_BATCH_BYTES = 256 * 1024;

  private final ExoConfig config;
  private final KafkaClients clients;

  /** Settings from {@code config}; values are checked when read. */
  public EnrichConfig(final ExoConfig config) {
    this.config = config;
    this.clients = new KafkaClients(config);
  }

  /** The underlying configuration. */
  public ExoConfig config() {
    return config;
  }

  /** The client factory for the same cluster. */
  public KafkaClients clients() {
    return clients;
  }

  /** The Streams application id. */
  public String applicationId() {
    return config.get(EnrichKeys.APPLICATION_ID);
  }

  /** How long start-up may take. */
  public Duration startupTimeout() {
    return config.get(EnrichKeys.STARTUP_TIMEOUT);
  }

  /** The most bytes of an original value kept in a dead letter. */
  public int deadLetterMaxBytes() {
    return Math.toIntExact(Math.min(Integer.MAX_VALUE - 64, config.get(EnrichKeys.DEAD_LETTER_MAX_BYTES)));
  }

  /** Serde settings (Confluent key names): the schema registry URL. */
  public Map<String, Object> serdeConfig() {
    return clients.serdeConfig();
  }

  /**
   * Kafka Streams properties for this application.
   *
   * @param topics the topics (the dead-letter topic and its serde are handed to the deserialization handler)
   * @param progress the counters the deserialization handler counts in
   * @return new properties
   */
  public Properties streamsProperties(final EnrichTopics topics, final EnrichProgress progress) {
    final Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId());
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, clients.bootstrapServers());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.STATE_DIR_CONFIG, config.get(EnrichKeys.STATE_DIR));
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.get(EnrichKeys.THREADS));
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.get(EnrichKeys.COMMIT_INTERVAL).toMillis());
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, config.get(CommonKeys.TOPICS_REPLICATION_FACTOR));
    p.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.REUSE_KTABLE_SOURCE_TOPICS);
    // Records of different input partitions need no timestamp alignment here: never idle waiting for one.
    p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
    final Map<String, Object> producer = clients.producerConfig("unused");
    for (final String key : new String[] {ProducerConfig.COMPRESSION_TYPE_CONFIG, ProducerConfig.LINGER_MS_CONFIG,
        ProducerConfig.MAX_REQUEST_SIZE_CONFIG}) {
      p.put(StreamsConfig.producerPrefix(key), producer.get(key));
    }
    // One transaction carries several outputs per input record: bigger batches, fewer produce requests.
    p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), PRODUCER_BATCH_BYTES);
    p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, CountingDeserializationHandler.class);
    p.put(CountingDeserializationHandler.PROGRESS, progress);
    p.put(CountingDeserializationHandler.DEAD_LETTER_TOPIC, topics.deadLetters().name());
    p.put(CountingDeserializationHandler.DEAD_LETTER_SERIALIZER, topics.deadLetters().valueSerde().serializer());
    p.put(CountingDeserializationHandler.DEAD_LETTER_MAX_BYTES, deadLetterMaxBytes());
    return p;
  }
}
