package io.exowatch.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.exowatch.common.config.CommonKeys;
import io.exowatch.common.config.ExoConfig;
import io.exowatch.common.kafka.KafkaClients;
import io.exowatch.schemas.avro.DeadLetter;
import io.exowatch.schemas.avro.EnrichedArticle;
import io.exowatch.schemas.avro.EnrichedTrial;
import io.exowatch.schemas.avro.TrialEvent;
import io.exowatch.schemas.registry.SchemaRegistryClient;
import io.exowatch.schemas.registry.SchemaRegistryClients;
import io.exowatch.schemas.serde.AvroSerdes;
import io.exowatch.sink.internal.SinkMetrics;
import io.exowatch.sink.internal.batch.BatchBuffer;
import io.exowatch.sink.internal.events.EventRelay;
import io.exowatch.sink.internal.http.HttpApi;
import io.exowatch.sink.internal.http.SearchService;
import io.exowatch.sink.internal.index.BulkWriter;
import io.exowatch.sink.internal.index.DeadLetters;
import io.exowatch.sink.internal.index.Documents;
import io.exowatch.sink.internal.index.IdentityBackfill;
import io.exowatch.sink.internal.index.IndexSetup;
import io.exowatch.sink.internal.index.Indexer;
import io.exowatch.sink.internal.index.OpenSearchHttp;
import io.exowatch.sink.internal.index.Pending;
import io.exowatch.sink.internal.index.RetryPolicy;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink: indexes {@code trials-enriched} and {@code articles-enriched} into OpenSearch and
 * serves the search API, the {@code /api/events} stream, {@code /health}, {@code /metrics} and the
 * page on {@code http.port}. Configured by {@link SinkKeys} and {@link CommonKeys}
 * ({@code kafka.bootstrap.servers}, {@code schema.registry.url}, {@code opensearch.url}).
 *
 * <pre>{@code
 * try (SinkService sink = SinkService.start(config)) {
 *     System.out.println("Search at " + sink.url());
 *     ...
 * }
 * }</pre>
 *
 * <p>{@link #start} creates the index templates, indices and aliases when missing (or adds this
 * build's new fields to the existing ones), gives trial documents of an earlier sink the fields
 * search collapses on ({@code IdentityBackfill}), then starts the indexer thread and the HTTP
 * server; a start that fails halfway closes what it started.
 * {@link #close} ends the event streams, stops the server, lets the indexer send and commit what
 * it holds, and closes the clients.
 */
public final class SinkService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SinkService.class);

  private final List<AutoCloseable> resources = new ArrayList<>();
  private final SinkMetrics metrics = new SinkMetrics();
  private Indexer indexer;
  private Thread indexerThread;
  private HttpApi http;
  private int port;
  private volatile boolean closed;

  private SinkService() {}

  /**
   * Starts the sink.
   *
   * @throws SinkException naming the component that failed (nothing is left running then)
   * @throws io.exowatch.common.config.ConfigException when a setting is malformed
   */
  public static SinkService start(final ExoConfig config) {
    final SinkService sink = new SinkService();
    try {
      sink.doStart(config);
      return sink;
    } catch (final RuntimeException e) {
      sink.close();
      throw e instanceof SinkException || e instanceof io.exowatch.common.config.ConfigException
          ? e : new SinkException("Sink failed to start: " + e.getMessage(), e);
    }
  }

  private void doStart(final ExoConfig config) {
    // Every setting is parsed before any I/O, so a malformed one fails at once naming its key.
    SinkKeys.all().forEach(config::get);
    CommonKeys.all().forEach(config::get);
    final ObjectMapper json = new ObjectMapper();
    final KafkaClients clients = new KafkaClients(config);
    final URI openSearchUrl = URI.create(config.get(CommonKeys.OPENSEARCH_URL));
    final OpenSearchHttp os = OpenSearchHttp.connect(openSearchUrl, json);
    resources.add(os);
    final RetryPolicy retry = RetryPolicy.of(config.get(SinkKeys.MAX_RETRIES), config.get(SinkKeys.RETRY_BACKOFF));
    final String trialsAlias = config.get(SinkKeys.TRIALS_ALIAS);
    final String articlesAlias = config.get(SinkKeys.ARTICLES_ALIAS);
    setUpIndices(new IndexSetup(os, config.get(SinkKeys.INDEX_SHARDS), config.get(SinkKeys.INDEX_REPLICAS)),
        new IdentityBackfill(os, IdentityBackfill.DEFAULT_PAGE), trialsAlias, articlesAlias, retry, openSearchUrl,
        config.get(SinkKeys.STARTUP_TIMEOUT));

    final SchemaRegistryClient registry = SchemaRegistryClients.create(config.get(CommonKeys.SCHEMA_REGISTRY_URL));
    final Map<String, Object> serdeConfig = clients.serdeConfig();
    final Deserializer<EnrichedTrial> trials = AvroSerdes.specific(EnrichedTrial.class, registry, serdeConfig, false).deserializer();
    final Deserializer<EnrichedArticle> articles = AvroSerdes.specific(EnrichedArticle.class, registry, serdeConfig, false).deserializer();
    final Deserializer<TrialEvent> events = AvroSerdes.specific(TrialEvent.class, registry, serdeConfig, false).deserializer();

    final Producer<String, DeadLetter> dlqProducer = new KafkaProducer<>(clients.producerConfig("exowatch-sink-dlq"),
        new StringSerializer(), AvroSerdes.specific(DeadLetter.class, registry, serdeConfig, false).serializer());
    resources.add(dlqProducer);

    final Map<String, Object> consumerConfig = clients.consumerConfig(config.get(SinkKeys.GROUP_ID), "exowatch-sink");
    consumerConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.max(500, config.get(SinkKeys.BATCH_MAX_DOCS)));
    final KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
    final Map<String, Indexer.Target> targets = new HashMap<>();
    targets.put(config.get(SinkKeys.TRIALS_TOPIC), new Indexer.Target(trialsAlias,
        (topic, value, partition, offset) -> Documents.trial(trials.deserialize(topic, value), partition, offset)));
    targets.put(config.get(SinkKeys.ARTICLES_TOPIC), new Indexer.Target(articlesAlias,
        (topic, value, partition, offset) -> Documents.article(articles.deserialize(topic, value), partition, offset)));
    final BatchBuffer<Pending> buffer = new BatchBuffer<>(config.get(SinkKeys.BATCH_MAX_DOCS),
        config.get(SinkKeys.BATCH_MAX_BYTES), config.get(SinkKeys.BATCH_LINGER));
    indexer = new Indexer(consumer, targets, new BulkWriter(os, retry),
        new DeadLetters(dlqProducer, config.get(SinkKeys.DLQ_TOPIC)), buffer, retry, metrics, json,
        System::currentTimeMillis);
    metrics.lagSupplier(indexer::lag);
    indexerThread = new Thread(indexer, "exowatch-sink-indexer");
    indexerThread.setUncaughtExceptionHandler((t, e) -> LOG.error("Indexer thread died", e));
    indexerThread.start();

    final Admin admin = clients.admin();
    resources.add(admin);
    final AtomicInteger sseIds = new AtomicInteger();
    final EventRelay relay = new EventRelay(config.get(SinkKeys.EVENTS_TOPIC), () -> {
      final Map<String, Object> c = clients.consumerConfig(null, "exowatch-sink-sse-" + sseIds.incrementAndGet());
      return new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
    }, events, config.get(SinkKeys.SSE_HEARTBEAT), config.get(SinkKeys.SSE_MAX_CLIENTS), metrics, json);
    final SearchService search = new SearchService(os, trialsAlias, articlesAlias);
    final Map<String, BooleanSupplier> checks = new LinkedHashMap<>();
    checks.put("kafka", () -> kafkaAnswers(admin));
    checks.put("opensearch", search::storeAnswers);
    checks.put("indexer", () -> indexerThread.isAlive());
    http = new HttpApi(search, relay, metrics, json, checks);
    try {
      port = http.start(config.get(SinkKeys.HTTP_BIND_ADDRESS), config.get(SinkKeys.HTTP_PORT));
    } catch (final RuntimeException e) {
      throw new SinkException("Cannot start the HTTP server on " + config.get(SinkKeys.HTTP_BIND_ADDRESS) + ":"
          + config.get(SinkKeys.HTTP_PORT) + ": " + e.getMessage(), e);
    }
    LOG.info("Sink started: indexing {} and {} into {} ({}, {}); HTTP on port {}", config.get(SinkKeys.TRIALS_TOPIC),
        config.get(SinkKeys.ARTICLES_TOPIC), openSearchUrl, trialsAlias, articlesAlias, port);
  }

  private static void setUpIndices(final IndexSetup setup, final IdentityBackfill backfill, final String trials,
      final String articles, final RetryPolicy retry, final URI url, final Duration timeout) {
    final long deadline = System.nanoTime() + timeout.toNanos();
    for (int attempt = 1; ; attempt++) {
      try {
        setup.ensure(trials, IndexSetup.Kind.TRIALS);
        setup.ensure(articles, IndexSetup.Kind.ARTICLES);
        // Before the indexer and the HTTP server: search never sees documents without canonicalId.
        backfill.run(trials);
        return;
      } catch (final IOException e) {
        if (System.nanoTime() >= deadline) {
          throw new SinkException("Cannot set up the indices on OpenSearch at " + url + " within "
              + timeout.toSeconds() + " s (sink.startup-timeout): " + e.getMessage(), e);
        }
        LOG.warn("Setting up indices on {} failed ({}); attempt {}, retrying until {} s have passed",
            url, e.getMessage(), attempt, timeout.toSeconds());
        try {
          retry.pause(Math.min(attempt, 5));
        } catch (final InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new SinkException("Interrupted while setting up the indices on " + url, ie);
        }
      }
    }
  }

  private static boolean kafkaAnswers(final Admin admin) {
    try {
      admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
      return true;
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (final Exception e) {
      return false;
    }
  }

  /** The port the HTTP server listens on. */
  public int port() {
    return port;
  }

  /** The base URL of the HTTP server on the loopback address. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Whether the indexer is running and its last batch succeeded. */
  public boolean indexing() {
    return indexerThread != null && indexerThread.isAlive() && indexer.healthy();
  }

  /** The counters so far. */
  public SinkStats stats() {
    return new SinkStats(metrics.indexed.sum(), metrics.deleted.sum(), metrics.conflicts.sum(), metrics.rejected.sum(),
        metrics.undecodable.sum(), metrics.bulkRequests.sum(), metrics.bulkFailures.sum(), metrics.sseClients.get());
  }

  /** Stops streams and server, lets the indexer send and commit what it holds, closes the clients. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (http != null) {
      try {
        http.close();
      } catch (final RuntimeException e) {
        LOG.warn("Stopping the HTTP server failed: {}", e.toString());
      }
    }
    if (indexer != null) {
      indexer.stop();
      try {
        indexerThread.join(Duration.ofSeconds(60).toMillis());
      } catch (final InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (final Exception e) {
        LOG.warn("Closing {} failed: {}", resources.get(i).getClass().getSimpleName(), e.toString());
      }
    }
    LOG.info("Sink stopped: {}", stats());
  }
}
