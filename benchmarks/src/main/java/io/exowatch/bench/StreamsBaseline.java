package io.exowatch.bench;

import io.exowatch.enrich.EnrichConfig;
import io.exowatch.enrich.EnrichProgress;
import io.exowatch.enrich.EnrichTopics;
import io.exowatch.enrich.classify.Classifier;
import io.exowatch.schemas.avro.TrialRecord;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The floor under the enrich application: a Kafka Streams application with the enrich
 * application's own settings (exactly-once v2, commit interval, producer settings, one stream
 * thread) that reads the raw trials through the same Avro serde and writes each one back,
 * optionally classifying it on the way (the result is dropped). Whatever enrich does beyond
 * decoding, classifying and writing one record per trial (change detection, events, links,
 * identity) comes on top of the classifying variant, so its ratio to the passthrough bounds
 * enrich's from above.
 */
final class StreamsBaseline {

  private static final Duration LIMIT = Duration.ofMinutes(10);

  private StreamsBaseline() {}

  /**
   * Runs the application as {@code applicationId} over the raw trials into {@code out} and returns
   * the seconds from its first record until its committed raw offsets reach {@code rawEnds}.
   *
   * @param classifier classifies every trial on the way, or {@code null} for a plain passthrough
   */
  static double run(final EnrichConfig enrichConfig, final EnrichTopics topics, final String out,
      final String applicationId, final Classifier classifier, final Map<TopicPartition, Long> rawEnds)
      throws Exception {
    final Properties props = enrichConfig.streamsProperties(topics, new EnrichProgress());
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    final StreamsBuilder builder = new StreamsBuilder();
    // Timed from the first record a stream thread gets: with several threads the instance may report
    // RUNNING only after one of them has done most of the work.
    final AtomicLong first = new AtomicLong();
    KStream<String, TrialRecord> trials = builder.stream(topics.trialsRaw().name(),
        Consumed.with(Serdes.String(), topics.trialsRaw().valueSerde()).withName("raw"))
        .peek((id, trial) -> first.compareAndSet(0, System.nanoTime()), Named.as("first-record"));
    if (classifier != null) {
      trials = trials.peek((id, trial) -> classifier.classify(trial), Named.as("classify"));
    }
    trials.to(out, Produced.with(Serdes.String(), topics.trialsRaw().valueSerde()).withName("out"));
    final CountDownLatch running = new CountDownLatch(1);
    try (Admin admin = enrichConfig.clients().admin();
         KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
      streams.setStateListener((now, before) -> {
        if (now == KafkaStreams.State.RUNNING) {
          running.countDown();
        }
      });
      streams.start();
      if (!running.await(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
        throw new IllegalStateException(applicationId + " did not reach RUNNING within " + LIMIT);
      }
      final long deadline = System.nanoTime() + LIMIT.toNanos();
      while (!EnrichThroughputBenchmark.caughtUp(admin, applicationId, rawEnds)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(applicationId + " did not commit every raw record within " + LIMIT);
        }
        // Checked about every 10 ms (a busy loop would take a core from the application).
        LockSupport.parkNanos(10_000_000L);
      }
      final double seconds = (System.nanoTime() - first.get()) / 1e9;
      streams.close();
      streams.cleanUp();
      return seconds;
    }
  }

  /** The end offsets of the raw trials topic. */
  static Map<TopicPartition, Long> rawEnds(final EnrichConfig enrichConfig, final EnrichTopics topics)
      throws Exception {
    try (Admin admin = enrichConfig.clients().admin()) {
      return EnrichThroughputBenchmark.endOffsets(admin, Set.of(topics.trialsRaw().name()));
    }
  }
}
