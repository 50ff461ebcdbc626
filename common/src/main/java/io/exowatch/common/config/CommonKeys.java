package io.exowatch.common.config;

import java.util.List;

/** Keys every service shares: where the broker, the schema registry and the search store are. */
public final class CommonKeys {

  /** Kafka bootstrap servers. Default {@code 127.0.0.1:9092} (the embedded stack's broker). */
  public static final ConfigKey<String> KAFKA_BOOTSTRAP_SERVERS = ConfigKey.string(
      "kafka.bootstrap.servers", "127.0.0.1:9092", "Kafka bootstrap servers (host:port, comma separated).");

  /** Confluent-protocol schema registry URL(s). Default {@code http://127.0.0.1:8081}. */
  public static final ConfigKey<String> SCHEMA_REGISTRY_URL = ConfigKey.string(
      "schema.registry.url", "http://127.0.0.1:8081", "Schema registry URL(s), comma separated (Confluent REST protocol).");

  /** OpenSearch URL. Default {@code http://127.0.0.1:9200}. */
  public static final ConfigKey<String> OPENSEARCH_URL = ConfigKey.string(
      "opensearch.url", "http://127.0.0.1:9200", "OpenSearch base URL.");

  /** Partitions of the topics ExoWatch creates. Default 3. */
  public static final ConfigKey<Integer> TOPICS_PARTITIONS = ConfigKey.integer(
      "topics.partitions", 3, "Partitions of each topic ExoWatch creates (existing topics are left alone).");

  /** Replication factor of the topics ExoWatch creates. Default 1 (single broker). */
  public static final ConfigKey<Integer> TOPICS_REPLICATION_FACTOR = ConfigKey.integer(
      "topics.replication-factor", 1, "Replication factor of each topic ExoWatch creates; 3 on a production cluster.");

  private CommonKeys() {}

  /** Every key declared here. */
  public static List<ConfigKey<?>> all() {
    return List.of(KAFKA_BOOTSTRAP_SERVERS, SCHEMA_REGISTRY_URL, OPENSEARCH_URL, TOPICS_PARTITIONS, TOPICS_REPLICATION_FACTOR);
  }
}
