package io.exowatch.enrich;

import io.exowatch.common.config.ConfigKey;
import java.time.Duration;
import java.util.List;

/**
 * Configuration keys of the enrich application ({@code exowatch enrich}). Every key has a default;
 * the broker, registry and topic settings come from {@code CommonKeys}.
 */
public final class EnrichKeys {

  /** Kafka Streams application id (consumer group, prefix of internal topics). Default {@code exowatch-enrich}. */
  public static final ConfigKey<String> APPLICATION_ID = ConfigKey.string(
      "enrich.application-id", "exowatch-enrich",
      "Kafka Streams application.id: the consumer group and the prefix of the changelog and repartition topics."
          + " Changing it starts from scratch (every trial is CREATED again).");

  /** Directory of the local state stores (RocksDB). Default {@code ./data/enrich-state}. */
  public static final ConfigKey<String> STATE_DIR = ConfigKey.string(
      "enrich.state-dir", "./data/enrich-state",
      "Directory of the enrich application's local state (fingerprints, links); rebuilt from changelogs when lost.");

  /** Stream threads. Default 1. */
  public static final ConfigKey<Integer> THREADS = ConfigKey.integer(
      "enrich.threads", 1, "Kafka Streams threads of this instance (num.stream.threads).");

  /**
   * How often progress is committed (one transaction per interval). Default 250 ms: a new trial's
   * {@code CREATED} event is visible about two intervals after the raw record arrives (the identity
   * step reads the classified trial only once that transaction is committed, and announces it in
   * the next), so about half a second; longer intervals trade that latency for fewer commits.
   */
  public static final ConfigKey<Duration> COMMIT_INTERVAL = ConfigKey.duration(
      "enrich.commit-interval", Duration.ofMillis(250),
      "Kafka Streams commit.interval.ms: how often a transaction is committed; output becomes visible to"
          + " read_committed readers at each commit, and a new trial's CREATED event about two intervals after"
          + " its raw record arrives.");

  /** How long start-up may take to reach RUNNING. Default 60 s. */
  public static final ConfigKey<Duration> STARTUP_TIMEOUT = ConfigKey.duration(
      "enrich.startup-timeout", Duration.ofSeconds(60),
      "How long the application waits for Kafka Streams to reach RUNNING before giving up.");

  /** Largest original value kept in a dead letter. Default 1 MiB. */
  public static final ConfigKey<Long> DEAD_LETTER_MAX_BYTES = ConfigKey.size(
      "enrich.dead-letter.max-bytes", 1024L * 1024,
      "Largest original value copied into an enrich-dlq record; longer values are cut and marked truncated.");

  private EnrichKeys() {}

  /** Every key declared here. */
  public static List<ConfigKey<?>> all() {
    return List.of(APPLICATION_ID, STATE_DIR, THREADS, COMMIT_INTERVAL, STARTUP_TIMEOUT, DEAD_LETTER_MAX_BYTES);
  }
}
