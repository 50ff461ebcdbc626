package io.exowatch.enrich.testing;

import io.exowatch.enrich.EnrichProgress;
import io.exowatch.enrich.EnrichTopics;
import io.exowatch.enrich.EnrichTopology;
import io.exowatch.enrich.RecordClassifier;
import io.exowatch.schemas.avro.ArticleRecord;
import io.exowatch.schemas.avro.DeadLetter;
import io.exowatch.schemas.avro.EnrichedArticle;
import io.exowatch.schemas.avro.EnrichedTrial;
import io.exowatch.schemas.avro.TrialEvent;
import io.exowatch.schemas.avro.TrialRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The enrich topology in a {@link TopologyTestDriver}, on the production topic names, with serdes
 * against a fresh in-memory registry ({@code mock://<random scope>}).
 */
public final class EnrichDriver implements AutoCloseable {

  /** The driver's wall clock at start. */
  public static final Instant START = Instant.parse("2026-11-02T08:00:00Z");

  public final EnrichTopics topics;
  public final EnrichProgress progress = new EnrichProgress();
  public final TopologyTestDriver driver;
  public final TestInputTopic<String, TrialRecord> trials;
  public final TestInputTopic<String, byte[]> trialBytes;
  public final TestInputTopic<String, ArticleRecord> articles;
  public final TestOutputTopic<String, EnrichedTrial> enrichedTrials;
  public final TestOutputTopic<String, EnrichedArticle> enrichedArticles;
  public final TestOutputTopic<String, TrialEvent> events;
  public final TestOutputTopic<String, DeadLetter> deadLetters;

  /** A driver running the topology with {@code classifier}; state under {@code stateDir}. */
  public EnrichDriver(final RecordClassifier classifier, final Path stateDir) {
    topics = EnrichTopics.create(Map.of("schema.registry.url", "mock://enrich-" + UUID.randomUUID()));
    final Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "enrich-topology-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    driver = new TopologyTestDriver(EnrichTopology.build(topics, classifier, progress), props, START);
    final StringSerializer keys = new StringSerializer();
    final StringDeserializer keysOut = new StringDeserializer();
    trials = driver.createInputTopic(topics.trialsRaw().name(), keys, topics.trialsRaw().valueSerde().serializer());
    trialBytes = driver.createInputTopic(topics.trialsRaw().name(), keys, new ByteArraySerializer());
    articles = driver.createInputTopic(topics.articlesRaw().name(), keys,
        topics.articlesRaw().valueSerde().serializer());
    enrichedTrials = driver.createOutputTopic(topics.trialsEnriched().name(), keysOut,
        topics.trialsEnriched().valueSerde().deserializer());
    enrichedArticles = driver.createOutputTopic(topics.articlesEnriched().name(), keysOut,
        topics.articlesEnriched().valueSerde().deserializer());
    events = driver.createOutputTopic(topics.trialEvents().name(), keysOut,
        topics.trialEvents().valueSerde().deserializer());
    deadLetters = driver.createOutputTopic(topics.deadLetters().name(), keysOut,
        topics.deadLetters().valueSerde().deserializer());
  }

  /** Pipes a trial keyed by its registry id. */
  public void send(final TrialRecord trial) {
    trials.pipeInput(trial.getRegistryId(), trial);
  }

  /** Pipes an article keyed by its id. */
  public void send(final ArticleRecord article) {
    articles.pipeInput(article.getId(), article);
  }

  @Override
  public void close() {
    driver.close();
  }
}
