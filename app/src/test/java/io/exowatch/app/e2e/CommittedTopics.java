package io.exowatch.app.e2e;

import io.exowatch.common.config.ExoConfig;
import io.exowatch.common.kafka.KafkaClients;
import io.exowatch.schemas.serde.AvroSerdes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads topics as an analyst's consumer would: {@code isolation.level=read_committed} (records of
 * aborted transactions never count), Avro values through the registry, from the beginning to the last
 * stable offset. Also tells how far a consumer group is behind the ends of topics.
 */
final class CommittedTopics implements AutoCloseable {

  private static final Duration LIMIT = Duration.ofSeconds(30);

  private final KafkaClients clients;
  private final Admin admin;

  CommittedTopics(final ExoConfig config) {
    this.clients = new KafkaClients(config);
    this.admin = clients.admin();
  }

  /** Every committed record of {@code topic}, in partition order; fails if the end is not reached within 30 s. */
  <V extends SpecificRecord> List<ConsumerRecord<String, V>> readAll(final String topic, final Class<V> type) {
    final Map<String, Object> config = clients.consumerConfig(null, "registries-e2e-" + UUID.randomUUID());
    final List<ConsumerRecord<String, V>> out = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
        AvroSerdes.specific(type, clients.serdeConfig(), false).deserializer())) {
      final List<PartitionInfo> infos = consumer.partitionsFor(topic, LIMIT);
      if (infos == null || infos.isEmpty()) {
        throw new AssertionError("Topic " + topic + " does not exist");
      }
      final List<TopicPartition> partitions = infos.stream()
          .map(i -> new TopicPartition(topic, i.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      // Read committed: these are the last stable offsets.
      final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, LIMIT);
      final long deadline = System.nanoTime() + LIMIT.toNanos();
      while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("Could not read " + topic + " to its end " + ends + " within " + LIMIT);
        }
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }

  /** The names of the topics starting with {@code prefix} and ending with {@code suffix}. */
  List<String> topicNames(final String prefix, final String suffix) {
    return call(() -> admin.listTopics().names().get(LIMIT.toSeconds(), TimeUnit.SECONDS)).stream()
        .filter(n -> n.startsWith(prefix) && n.endsWith(suffix)).sorted().toList();
  }

  /**
   * Partitions of {@code topics} up to whose end {@code groupId} has not committed ("committed/end"
   * by partition); empty when the group has consumed everything. The committed offsets are read
   * before the ends, so a record produced while this runs shows as lag, never as caught up.
   */
  Map<String, String> lag(final String groupId, final Collection<String> topics) {
    final Map<TopicPartition, OffsetAndMetadata> committed = call(() -> admin.listConsumerGroupOffsets(groupId)
        .partitionsToOffsetAndMetadata().get(LIMIT.toSeconds(), TimeUnit.SECONDS));
    final Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
    call(() -> admin.describeTopics(topics).allTopicNames().get(LIMIT.toSeconds(), TimeUnit.SECONDS))
        .forEach((name, d) -> d.partitions().forEach(p -> ask.put(new TopicPartition(name, p.partition()),
            OffsetSpec.latest())));
    final Map<TopicPartition, ListOffsetsResultInfo> ends =
        call(() -> admin.listOffsets(ask).all().get(LIMIT.toSeconds(), TimeUnit.SECONDS));
    final Map<String, String> behind = new TreeMap<>();
    ends.forEach((tp, end) -> {
      final OffsetAndMetadata at = committed.get(tp);
      final long position = at == null ? 0 : at.offset();
      if (position < end.offset()) {
        behind.put(tp.toString(), position + "/" + end.offset());
      }
    });
    return behind;
  }

  /** Whether {@code groupId} has committed to the end of every partition of {@code topics}. */
  boolean caughtUp(final String groupId, final Set<String> topics) {
    return lag(groupId, topics).isEmpty();
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }

  private interface AdminCall<T> {
    T call() throws InterruptedException, ExecutionException, TimeoutException;
  }

  private static <T> T call(final AdminCall<T> call) {
    try {
      return call.call();
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while asking the broker", e);
    } catch (final ExecutionException | TimeoutException e) {
      throw new IllegalStateException("The broker did not answer: " + e.getMessage(), e);
    }
  }
}
