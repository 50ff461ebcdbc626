package io.exowatch.sink;

import io.exowatch.common.config.ConfigKey;
import java.time.Duration;
import java.util.List;

/**
 * Configuration keys of the sink ({@code exowatch sink}): the HTTP port, the consumer group,
 * batching, retries, and the OpenSearch index names. Every key has a default; see each constant.
 */
public final class SinkKeys {

  /** Port of the search API, SSE stream and web page. Default 8080; 0 picks a free port. */
  public static final ConfigKey<Integer> HTTP_PORT = ConfigKey.integer(
      "http.port", 8080, "Port of the sink's HTTP server (search API, /api/events, the page); 0 picks a free port.");

  /** Address the HTTP server binds to. Default {@code 0.0.0.0}. */
  public static final ConfigKey<String> HTTP_BIND_ADDRESS = ConfigKey.string(
      "http.bind-address", "0.0.0.0", "Address the sink's HTTP server binds to (127.0.0.1 to keep it local).");

  /** Consumer group of the indexer. Default {@code exowatch-sink}. */
  public static final ConfigKey<String> GROUP_ID = ConfigKey.string(
      "sink.group-id", "exowatch-sink", "Kafka consumer group of the indexer; offsets are committed after each successful bulk request.");

  /** Documents per bulk request at most. Default 1000. */
  public static final ConfigKey<Integer> BATCH_MAX_DOCS = ConfigKey.integer(
      "sink.batch.max-docs", 1000, "Most documents in one bulk request; a full batch is sent at once.");

  /** Bytes of source JSON per bulk request at most. Default 5 MiB. */
  public static final ConfigKey<Long> BATCH_MAX_BYTES = ConfigKey.size(
      "sink.batch.max-bytes", 5L * 1024 * 1024, "Most bytes of document JSON in one bulk request (k/m suffixes).");

  /** How long the first document of a batch waits for more. Default 500 ms. */
  public static final ConfigKey<Duration> BATCH_LINGER = ConfigKey.duration(
      "sink.batch.linger", Duration.ofMillis(500), "How long a non-full batch waits for more documents before it is sent.");

  /** Retries of a bulk request on I/O errors, 429 and 5xx. Default 5. */
  public static final ConfigKey<Integer> MAX_RETRIES = ConfigKey.integer(
      "sink.max-retries", 5, "Retries of a bulk request (or of its items) answered with 429/5xx or failing with an I/O error; then the batch is re-read from Kafka later.");

  /** First retry delay, doubled each retry (with jitter). Default 200 ms. */
  public static final ConfigKey<Duration> RETRY_BACKOFF = ConfigKey.duration(
      "sink.retry.backoff", Duration.ofMillis(200), "Delay before the first retry; doubled on each further retry, with jitter, capped at 30s.");

  /** How long start-up waits for OpenSearch to accept the index setup. Default 60 s. */
  public static final ConfigKey<Duration> STARTUP_TIMEOUT = ConfigKey.duration(
      "sink.startup-timeout", Duration.ofSeconds(60), "How long the sink waits at start for OpenSearch to answer (index templates, aliases) before failing.");

  /** Alias searched and written for trials. Default {@code trials}. */
  public static final ConfigKey<String> TRIALS_ALIAS = ConfigKey.string(
      "sink.index.trials", "trials", "Alias of the trials index; the index behind it is <alias>-v<mapping version>.");

  /** Alias searched and written for articles. Default {@code articles}. */
  public static final ConfigKey<String> ARTICLES_ALIAS = ConfigKey.string(
      "sink.index.articles", "articles", "Alias of the articles index; the index behind it is <alias>-v<mapping version>.");

  /** Primary shards of a new index. Default 1. */
  public static final ConfigKey<Integer> INDEX_SHARDS = ConfigKey.integer(
      "sink.index.shards", 1, "Primary shards of each index the sink creates.");

  /** Replicas of a new index. Default 0 (single node). */
  public static final ConfigKey<Integer> INDEX_REPLICAS = ConfigKey.integer(
      "sink.index.replicas", 0, "Replicas of each index the sink creates; 1 or more on a multi-node cluster.");

  /** Kafka topic of the enriched trials. Default {@code trials-enriched}. */
  public static final ConfigKey<String> TRIALS_TOPIC = ConfigKey.string(
      "sink.topic.trials", "trials-enriched", "Topic of EnrichedTrial records the sink indexes.");

  /** Kafka topic of the enriched articles. Default {@code articles-enriched}. */
  public static final ConfigKey<String> ARTICLES_TOPIC = ConfigKey.string(
      "sink.topic.articles", "articles-enriched", "Topic of EnrichedArticle records the sink indexes.");

  /** Kafka topic of trial change events relayed by SSE. Default {@code trial-events}. */
  public static final ConfigKey<String> EVENTS_TOPIC = ConfigKey.string(
      "sink.topic.events", "trial-events", "Topic of TrialEvent records relayed on /api/events.");

  /** Dead-letter topic of the sink. Default {@code sink-dlq}. */
  public static final ConfigKey<String> DLQ_TOPIC = ConfigKey.string(
      "sink.topic.dlq", "sink-dlq", "Topic where records OpenSearch rejects for good (or that cannot be decoded) go, as DeadLetter.");

  /** Interval of SSE heartbeat comments. Default 15 s. */
  public static final ConfigKey<Duration> SSE_HEARTBEAT = ConfigKey.duration(
      "sink.sse.heartbeat", Duration.ofSeconds(15), "Interval of the comment lines that keep idle /api/events connections open through proxies.");

  /** Most concurrent SSE clients. Default 64. */
  public static final ConfigKey<Integer> SSE_MAX_CLIENTS = ConfigKey.integer(
      "sink.sse.max-clients", 64, "Most concurrent /api/events connections (each holds one Kafka consumer); more get 503.");

  private SinkKeys() {}

  /** Every key declared here. */
  public static List<ConfigKey<?>> all() {
    return List.of(HTTP_PORT, HTTP_BIND_ADDRESS, GROUP_ID, BATCH_MAX_DOCS, BATCH_MAX_BYTES, BATCH_LINGER, MAX_RETRIES,
        RETRY_BACKOFF, STARTUP_TIMEOUT, TRIALS_ALIAS, ARTICLES_ALIAS, INDEX_SHARDS, INDEX_REPLICAS, TRIALS_TOPIC, ARTICLES_TOPIC,
        EVENTS_TOPIC, DLQ_TOPIC, SSE_HEARTBEAT, SSE_MAX_CLIENTS);
  }
}
