package io.exowatch.sink;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exowatch.common.config.CommonKeys;
import io.exowatch.common.config.ExoConfig;
import io.exowatch.localstack.LocalStack;
import io.exowatch.localstack.junit.UniqueNames;
import io.exowatch.schemas.avro.DeadLetter;
import io.exowatch.schemas.avro.EnrichedArticle;
import io.exowatch.schemas.avro.EnrichedTrial;
import io.exowatch.schemas.avro.TrialEvent;
import io.exowatch.schemas.serde.AvroSerdes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One isolated sink setup on the shared embedded stack: its own topics (3 partitions), aliases,
 * consumer group and HTTP port, producers of the enriched records and events, and JSON calls to the
 * API. Close it to close the producers (sinks started from it are closed by their tests).
 */
public final class SinkHarness implements AutoCloseable {

  /** JSON mapper for answers. */
  public final ObjectMapper json = new ObjectMapper();
  private final LocalStack stack;
  private final String suffix;
  private final Map<String, String> settings = new HashMap<>();
  private final KafkaProducer<String, EnrichedTrial> trials;
  private final KafkaProducer<String, EnrichedArticle> articles;
  private final KafkaProducer<String, TrialEvent> events;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** Topics and names unique to this harness. */
  public SinkHarness(final LocalStack stack) {
    this.stack = stack;
    this.suffix = UniqueNames.uniqueName("sink").substring("sink-".length());
    for (final String t : List.of(trialsTopic(), articlesTopic(), eventsTopic())) {
      stack.createTopic(t, 3, !t.equals(eventsTopic()));
    }
    stack.createTopic(dlqTopic(), 1, false);
    settings.put(CommonKeys.KAFKA_BOOTSTRAP_SERVERS.name(), stack.bootstrapServers());
    settings.put(CommonKeys.SCHEMA_REGISTRY_URL.name(), stack.schemaRegistryUrl());
    settings.put(CommonKeys.OPENSEARCH_URL.name(), stack.openSearchUrl());
    settings.put(SinkKeys.HTTP_PORT.name(), "0");
    settings.put(SinkKeys.HTTP_BIND_ADDRESS.name(), "127.0.0.1");
    settings.put(SinkKeys.GROUP_ID.name(), "sink-" + suffix);
    settings.put(SinkKeys.BATCH_LINGER.name(), "50ms");
    settings.put(SinkKeys.TRIALS_TOPIC.name(), trialsTopic());
    settings.put(SinkKeys.ARTICLES_TOPIC.name(), articlesTopic());
    settings.put(SinkKeys.EVENTS_TOPIC.name(), eventsTopic());
    settings.put(SinkKeys.DLQ_TOPIC.name(), dlqTopic());
    settings.put(SinkKeys.TRIALS_ALIAS.name(), "trials-" + suffix);
    settings.put(SinkKeys.ARTICLES_ALIAS.name(), "articles-" + suffix);
    final Map<String, Object> p = new HashMap<>();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    final Map<String, Object> serde = Map.of("schema.registry.url", stack.schemaRegistryUrl());
    trials = new KafkaProducer<>(p, new StringSerializer(), AvroSerdes.specific(EnrichedTrial.class, serde, false).serializer());
    articles = new KafkaProducer<>(p, new StringSerializer(), AvroSerdes.specific(EnrichedArticle.class, serde, false).serializer());
    events = new KafkaProducer<>(p, new StringSerializer(), AvroSerdes.specific(TrialEvent.class, serde, false).serializer());
  }

  /** The enriched-trials topic of this harness. */
  public String trialsTopic() {
    return "trials-enriched-" + suffix;
  }

  /** The enriched-articles topic. */
  public String articlesTopic() {
    return "articles-enriched-" + suffix;
  }

  /** The trial-events topic. */
  public String eventsTopic() {
    return "trial-events-" + suffix;
  }

  /** The dead-letter topic. */
  public String dlqTopic() {
    return "sink-dlq-" + suffix;
  }

  /** The trials alias. */
  public String trialsAlias() {
    return "trials-" + suffix;
  }

  /** Sets a configuration key for sinks started afterwards. */
  public SinkHarness set(final String key, final String value) {
    settings.put(key, value);
    return this;
  }

  /** The configuration of a sink of this harness. */
  public ExoConfig config() {
    return ExoConfig.of(settings);
  }

  /** Starts a sink with this harness's configuration. */
  public SinkService startSink() {
    return SinkService.start(config());
  }

  /** Publishes a trial (or a tombstone when {@code value} is null) and waits for the acknowledgement. */
  public RecordMetadata publish(final String key, final EnrichedTrial value) throws Exception {
    return trials.send(new ProducerRecord<>(trialsTopic(), key, value)).get(30, TimeUnit.SECONDS);
  }

  /** Publishes an article. */
  public RecordMetadata publishArticle(final String key, final EnrichedArticle value) throws Exception {
    return articles.send(new ProducerRecord<>(articlesTopic(), key, value)).get(30, TimeUnit.SECONDS);
  }

  /** Publishes a trial event. */
  public RecordMetadata publishEvent(final String key, final TrialEvent value) throws Exception {
    return events.send(new ProducerRecord<>(eventsTopic(), key, value)).get(30, TimeUnit.SECONDS);
  }

  /** An HTTP answer. */
  public record Answer(int status, String body, HttpResponse<String> response) {}

  /** GET {@code path} on {@code sink}. */
  public Answer get(final SinkService sink, final String path) throws IOException, InterruptedException {
    final HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sink.url() + path))
        .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), r.body(), r);
  }

  /** GET {@code path} as JSON, expecting 200. */
  public JsonNode getJson(final SinkService sink, final String path) throws IOException, InterruptedException {
    final Answer a = get(sink, path);
    if (a.status() != 200) {
      throw new AssertionError("GET " + path + " answered " + a.status() + ": " + a.body());
    }
    return json.readTree(a.body());
  }

  /** Waits until {@code /api/trials/{id}} answers 200 and returns it. */
  public JsonNode awaitTrial(final SinkService sink, final String id) {
    final JsonNode[] out = new JsonNode[1];
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
      final Answer a = get(sink, "/api/trials/" + id);
      if (a.status() == 200) {
        out[0] = json.readTree(a.body());
        return true;
      }
      return false;
    });
    return out[0];
  }

  /** Documents in the trials index right now (after a refresh). */
  public long countTrials() throws IOException, InterruptedException {
    http.send(HttpRequest.newBuilder(URI.create(stack.openSearchUrl() + "/" + trialsAlias() + "/_refresh"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    final HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(stack.openSearchUrl() + "/" + trialsAlias() + "/_count"))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    return json.readTree(r.body()).path("count").asLong();
  }

  /** Every dead letter in this harness's dead-letter topic, read from the beginning until {@code expected} are seen. */
  public List<ConsumerRecord<String, DeadLetter>> deadLetters(final int expected) {
    final Map<String, Object> c = new HashMap<>();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    c.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + suffix + "-" + System.nanoTime());
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    final List<ConsumerRecord<String, DeadLetter>> out = new ArrayList<>();
    try (KafkaConsumer<String, DeadLetter> consumer = new KafkaConsumer<>(c, new StringDeserializer(),
        AvroSerdes.specific(DeadLetter.class, Map.of("schema.registry.url", stack.schemaRegistryUrl()), false).deserializer())) {
      consumer.subscribe(List.of(dlqTopic()));
      await().atMost(Duration.ofSeconds(60)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
        return out.size() >= expected;
      });
    }
    return out;
  }

  @Override
  public void close() {
    trials.close();
    articles.close();
    events.close();
  }
}
