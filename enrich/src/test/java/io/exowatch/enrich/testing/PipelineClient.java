package io.exowatch.enrich.testing;

import static org.awaitility.Awaitility.await;

import io.exowatch.common.config.ExoConfig;
import io.exowatch.common.kafka.KafkaClients;
import io.exowatch.enrich.EnrichTopics;
import io.exowatch.schemas.avro.TrialEvent;
import io.exowatch.schemas.avro.TrialEventOp;
import io.exowatch.schemas.avro.TrialRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Test-side clients of a running pipeline: produces raw trials, reads {@code trial-events} with
 * {@code isolation.level=read_committed} (only committed transactions), and tells whether the
 * enrich application has consumed every raw record.
 */
public final class PipelineClient implements AutoCloseable {

  private final KafkaClients clients;
  private final EnrichTopics topics;
  private final KafkaProducer<String, TrialRecord> producer;
  private final KafkaConsumer<String, TrialEvent> events;
  private final List<ConsumerRecord<String, TrialEvent>> seen = new ArrayList<>();

  /** Clients for {@code config}'s cluster and {@code topics}; the event reader starts at the beginning. */
  public PipelineClient(final ExoConfig config, final EnrichTopics topics) {
    this.clients = new KafkaClients(config);
    this.topics = topics;
    this.producer = new KafkaProducer<>(clients.producerConfig("it-producer"), new StringSerializer(),
        topics.trialsRaw().valueSerde().serializer());
    final Map<String, Object> consumer = clients.consumerConfig(null, "it-events");
    this.events = new KafkaConsumer<>(consumer, new StringDeserializer(),
        topics.trialEvents().valueSerde().deserializer());
    // Metadata of a topic created a moment ago may not have reached this client yet.
    final List<TopicPartition> partitions = await().atMost(Duration.ofSeconds(30))
        .until(() -> events.partitionsFor(topics.trialEvents().name()).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition())).toList(), p -> !p.isEmpty());
    events.assign(partitions);
    events.seekToBeginning(partitions);
  }

  /** Produces each trial keyed by its registry id and waits for the acks. */
  public void produce(final List<TrialRecord> trials) {
    for (final TrialRecord trial : trials) {
      producer.send(new ProducerRecord<>(topics.trialsRaw().name(), trial.getRegistryId(), trial));
    }
    producer.flush();
  }

  /** Every committed trial event read so far, after one more poll. */
  public List<TrialEvent> events() {
    for (final ConsumerRecord<String, TrialEvent> r : events.poll(Duration.ofMillis(200))) {
      seen.add(r);
    }
    return seen.stream().map(ConsumerRecord::value).toList();
  }

  /** How many events of each op per trial id, from {@link #events()}. */
  public Map<String, Long> count(final List<TrialEvent> events, final TrialEventOp op) {
    return events.stream().filter(e -> e.getOp() == op)
        .collect(Collectors.groupingBy(TrialEvent::getTrialId, Collectors.counting()));
  }

  /**
   * Whether application {@code applicationId} has committed offsets at the end of every partition of
   * {@code rawTopics}.
   */
  public boolean caughtUp(final String applicationId, final Set<String> rawTopics) throws Exception {
    try (Admin admin = clients.admin()) {
      final Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
          .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
      final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      admin.describeTopics(rawTopics).allTopicNames().get(30, TimeUnit.SECONDS).values().forEach(d ->
          d.partitions().forEach(p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
      final var ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
      for (final var end : ends.entrySet()) {
        final OffsetAndMetadata at = committed.get(end.getKey());
        final long position = at == null ? 0 : at.offset();
        if (position < end.getValue().offset()) {
          return false;
        }
      }
      return true;
    }
  }

  @Override
  public void close() {
    producer.close();
    events.close();
  }
}
