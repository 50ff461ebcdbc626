package io.exowatch.enrich;

import io.exowatch.common.config.CommonKeys;
import io.exowatch.common.config.ExoConfig;
import io.exowatch.common.kafka.TopicSetup;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the enrich application: creates missing topics, builds the topology, starts Kafka Streams
 * and waits (with a state listener and a timed latch) until it is {@code RUNNING}. A stream thread
 * that dies of an unexpected error shuts the instance down ({@link #awaitStopped} returns), so that
 * the process exits and is restarted rather than half-running. One instance per object; not reusable.
 */
public final class EnrichService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EnrichService.class);
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

  private final EnrichConfig config;
  private final EnrichTopics topics;
  private final RecordClassifier classifier;
  private final EnrichProgress progress = new EnrichProgress();
  private final CountDownLatch running = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile KafkaStreams streams;

  /** The application on the pipeline's topics, with serdes for the configured registry. */
  public EnrichService(final ExoConfig config, final RecordClassifier classifier) {
    this(config, classifier, EnrichTopics.create(new EnrichConfig(config).serdeConfig()));
  }

  /** The application on {@code topics} (tests use prefixed names). */
  public EnrichService(final ExoConfig config, final RecordClassifier classifier, final EnrichTopics topics) {
    this.config = new EnrichConfig(Objects.requireNonNull(config, "config"));
    this.classifier = Objects.requireNonNull(classifier, "classifier");
    this.topics = Objects.requireNonNull(topics, "topics");
  }

  /** The counters of this instance. */
  public EnrichProgress progress() {
    return progress;
  }

  /** The topics this instance reads and writes. */
  public EnrichTopics topics() {
    return topics;
  }

  /** The Kafka Streams state, or {@code CREATED} before {@link #start()}. */
  public KafkaStreams.State state() {
    final KafkaStreams s = streams;
    return s == null ? KafkaStreams.State.CREATED : s.state();
  }

  /**
   * Creates the application's missing input and output topics, and checks that the two raw topics
   * have the same number of partitions (the link repartition topics are co-partitioned with both).
   *
   * @return the partition count of the raw topics
   * @throws IllegalStateException when the raw topics' partition counts differ or the cluster cannot be reached
   */
  public int ensureTopics() {
    try (Admin admin = config.clients().admin()) {
      TopicSetup.ensure(admin, topics.specs(), config.config().get(CommonKeys.TOPICS_PARTITIONS),
          config.config().get(CommonKeys.TOPICS_REPLICATION_FACTOR).shortValue());
      final Map<String, TopicDescription> raw = admin
          .describeTopics(List.of(topics.trialsRaw().name(), topics.articlesRaw().name()))
          .allTopicNames().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      final int trials = raw.get(topics.trialsRaw().name()).partitions().size();
      final int articles = raw.get(topics.articlesRaw().name()).partitions().size();
      if (trials != articles) {
        throw new IllegalStateException(topics.trialsRaw().name() + " has " + trials + " partitions but "
            + topics.articlesRaw().name() + " has " + articles + ": enrich links the two through repartition"
            + " topics and needs both the same");
      }
      return trials;
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while checking topics", e);
    } catch (final ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Cannot describe the raw topics on " + config.clients().bootstrapServers()
          + ": " + e.getMessage(), e);
    }
  }

  /**
   * Sets the application's committed offsets on both raw topics back to their beginning, so that the
   * next {@link #start()} re-reads (and re-classifies) every record. The fingerprints are kept, so
   * only records whose classification changed emit anything. Call before {@link #start()}, while no
   * instance of the application runs.
   *
   * @return the offset each raw partition was set to
   * @throws IllegalStateException when an instance is still a member of the application's group
   */
  public Map<TopicPartition, Long> rewindRawTopics() {
    if (streams != null) {
      throw new IllegalStateException("Rewind before start(), not while this instance runs");
    }
    final String group = config.applicationId();
    try (Admin admin = config.clients().admin()) {
      requireNoMembers(admin, group);
      final Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
      final Map<String, TopicDescription> raw = admin
          .describeTopics(List.of(topics.trialsRaw().name(), topics.articlesRaw().name()))
          .allTopicNames().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      raw.values().forEach(d -> d.partitions().forEach(
          p -> earliest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.earliest())));
      final Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts =
          admin.listOffsets(earliest).all().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      final Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
      final Map<TopicPartition, Long> result = new HashMap<>();
      starts.forEach((tp, info) -> {
        offsets.put(tp, new OffsetAndMetadata(info.offset()));
        result.put(tp, info.offset());
      });
      admin.alterConsumerGroupOffsets(group, offsets).all().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      LOG.info("Rewound application {} to the beginning of {} and {} ({} partitions)", group,
          topics.trialsRaw().name(), topics.articlesRaw().name(), result.size());
      return result;
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while rewinding " + group, e);
    } catch (final ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Cannot rewind application " + group + " on the raw topics: " + e.getMessage(), e);
    }
  }

  private static void requireNoMembers(final Admin admin, final String group)
      throws InterruptedException, ExecutionException, TimeoutException {
    try {
      final ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all()
          .get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS).get(group);
      if (d != null && !d.members().isEmpty()) {
        throw new IllegalStateException("Application " + group + " still has " + d.members().size()
            + " running member(s) (" + d.groupState() + "): stop every instance before --reclassify");
      }
    } catch (final ExecutionException e) {
      if (!(e.getCause() instanceof GroupIdNotFoundException)) {
        throw e;
      }
    }
  }

  /**
   * Creates missing topics, starts Kafka Streams and waits until it is {@code RUNNING}.
   *
   * @throws IllegalStateException when it does not get there within {@code enrich.startup-timeout}
   *     (the instance is closed again) or was started before
   */
  public synchronized void start() {
    if (streams != null) {
      throw new IllegalStateException("Already started");
    }
    final int partitions = ensureTopics();
    final Topology topology = EnrichTopology.build(topics, classifier, progress,
        new EnrichTopology.Options(partitions, config.deadLetterMaxBytes()));
    LOG.info("Enrich topology for application {}:\n{}", config.applicationId(), topology.describe());
    final KafkaStreams s = new KafkaStreams(topology, config.streamsProperties(topics, progress));
    s.setStateListener((now, before) -> {
      LOG.info("Kafka Streams {} -> {}", before, now);
      if (now == KafkaStreams.State.RUNNING) {
        running.countDown();
      } else if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING
          || now == KafkaStreams.State.PENDING_ERROR) {
        running.countDown();
        if (now != KafkaStreams.State.PENDING_ERROR) {
          stopped.countDown();
        }
      }
    });
    s.setUncaughtExceptionHandler(e -> {
      LOG.error("A stream thread of {} failed; shutting this instance down", config.applicationId(), e);
      return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
    streams = s;
    s.start();
    final Duration timeout = config.startupTimeout();
    try {
      if (!running.await(timeout.toMillis(), TimeUnit.MILLISECONDS) || s.state() != KafkaStreams.State.RUNNING
          && s.state() != KafkaStreams.State.REBALANCING) {
        final KafkaStreams.State state = s.state();
        close();
        throw new IllegalStateException("Enrich application " + config.applicationId() + " did not reach RUNNING"
            + " within " + timeout + " (state " + state + "); see the log for the cause");
      }
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IllegalStateException("Interrupted while starting " + config.applicationId(), e);
    }
    LOG.info("Enrich application {} is running ({} partitions per raw topic)", config.applicationId(), partitions);
  }

  /**
   * Waits until the instance stops (closed, or shut down after a failure).
   *
   * @return whether it stopped within {@code timeout}
   */
  public boolean awaitStopped(final Duration timeout) throws InterruptedException {
    return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Whether the instance stopped because of an error rather than {@link #close()}. */
  public boolean failed() {
    return state() == KafkaStreams.State.ERROR;
  }

  /** Stops processing, commits, leaves the group and closes, waiting up to 30 s. */
  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }

  /**
   * Stops processing, commits, leaves the consumer group (so a restart, or a rewind for
   * {@code --reclassify}, need not wait for the session to time out) and closes, waiting up to
   * {@code timeout}.
   */
  public synchronized void close(final Duration timeout) {
    final KafkaStreams s = streams;
    if (s != null && s.state() != KafkaStreams.State.NOT_RUNNING) {
      if (!s.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
          .withTimeout(timeout))) {
        LOG.warn("Kafka Streams did not close within {}", timeout);
      }
    }
    stopped.countDown();
  }

  /** Deletes this instance's local state directory; only after {@link #close()} (tests do this). */
  public synchronized void cleanUp() {
    final KafkaStreams s = streams;
    if (s != null) {
      s.cleanUp();
    }
  }
}
