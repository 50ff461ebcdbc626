package io.exowatch.common.kafka;

import io.exowatch.common.config.CommonKeys;
import io.exowatch.common.config.ExoConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The one place Kafka client settings are made (STYLE.md 12): producers are idempotent with
 * {@code acks=all}; consumers read committed data and commit offsets themselves. Services build
 * their clients from these maps and take {@code Producer}/{@code Consumer} instances as
 * constructor arguments, so tests can pass their own.
 */
public final class KafkaClients {

  /** Confluent's config key for the registry URL, understood by the serdes in {@code io.exowatch.schemas.serde}. */
  public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";

  private final ExoConfig config;

  /** Client settings for the cluster and registry named in {@code config}. */
  public KafkaClients(final ExoConfig config) {
    this.config = config;
  }

  /** The bootstrap servers. */
  public String bootstrapServers() {
    return config.get(CommonKeys.KAFKA_BOOTSTRAP_SERVERS);
  }

  /** Serde settings: the registry URL (Confluent key names). */
  public Map<String, Object> serdeConfig() {
    final Map<String, Object> m = new HashMap<>();
    m.put(SCHEMA_REGISTRY_URL, config.get(CommonKeys.SCHEMA_REGISTRY_URL));
    return m;
  }

  /** Producer settings: idempotent, {@code acks=all}, lz4, short linger for batching. */
  public Map<String, Object> producerConfig(final String clientId) {
    final Map<String, Object> m = new HashMap<>();
    m.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    m.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    m.put(ProducerConfig.ACKS_CONFIG, "all");
    m.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    m.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    m.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    m.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024);
    return m;
  }

  /** Consumer settings: read-committed, no auto-commit, earliest offset for a new group, no topic auto-creation. */
  public Map<String, Object> consumerConfig(final String groupId, final String clientId) {
    final Map<String, Object> m = new HashMap<>();
    m.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    if (groupId != null) {
      m.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    }
    m.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    m.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    m.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    m.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // Topics are created on purpose (TopicSetup), never as a side effect of reading one.
    m.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    return m;
  }

  /** Admin settings. */
  public Map<String, Object> adminConfig() {
    final Map<String, Object> m = new HashMap<>();
    m.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    m.put(CommonClientConfigs.CLIENT_ID_CONFIG, "exowatch-admin");
    return m;
  }

  /** A new admin client; the caller closes it. */
  public Admin admin() {
    return Admin.create(adminConfig());
  }

  /** Creates the pipeline's missing topics with the configured partitions and replication. */
  public void ensureTopics() {
    try (Admin admin = admin()) {
      TopicSetup.ensure(admin, Topics.all(), config.get(CommonKeys.TOPICS_PARTITIONS),
          config.get(CommonKeys.TOPICS_REPLICATION_FACTOR).shortValue());
    }
  }
}
