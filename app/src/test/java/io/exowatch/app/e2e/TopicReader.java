package io.exowatch.app.e2e;

import io.exowatch.schemas.avro.DeadLetter;
import io.exowatch.schemas.avro.TrialEvent;
import io.exowatch.schemas.avro.TrialEventOp;
import io.exowatch.schemas.serde.AvroDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the pipeline's topics on a running {@code exowatch up} as an analyst would: plain Kafka
 * consumers with {@code isolation.level=read_committed} (so records of aborted transactions never
 * count) and the project's {@link AvroDeserializer} against the registry, from the beginning to the
 * last stable offset. Also compares a consumer group's committed offsets with the topics' ends.
 */
final class TopicReader implements AutoCloseable {

  private static final Duration READ_LIMIT = Duration.ofMinutes(2);

  private final String bootstrapServers;
  private final String registryUrl;
  private final Admin admin;

  TopicReader(final String bootstrapServers, final String registryUrl) {
    this.bootstrapServers = bootstrapServers;
    this.registryUrl = registryUrl;
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
  }

  /** How many {@code CREATED} events {@code trial-events} holds per trial id (committed records only). */
  Map<String, Integer> createdPerTrial() {
    final Map<String, Integer> created = new HashMap<>();
    read("trial-events", TrialEvent.class, (key, event) -> {
      if (event != null && event.getOp() == TrialEventOp.CREATED) {
        created.merge(event.getTrialId(), 1, Integer::sum);
      }
    });
    return created;
  }

  /** The committed dead letters of {@code topic}, each described by key, stage, source and reason. */
  List<String> deadLetters(final String topic) {
    final List<String> letters = new ArrayList<>();
    read(topic, DeadLetter.class, (key, letter) -> letters.add(key + ": " + letter));
    return letters;
  }

  /**
   * Partitions of {@code topics} where consumer group {@code groupId} has not committed up to the end
   * (partition → "committed/end"); empty when the group has consumed everything.
   */
  Map<String, String> lag(final String groupId, final Collection<String> topics) throws Exception {
    final Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
    final Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
    admin.describeTopics(topics).allTopicNames().get().forEach((name, description) ->
        description.partitions().forEach(p -> ask.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
    final Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(ask).all().get();
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

  /** Ids of {@code expected} not in {@code counts}, ids in {@code counts} not expected, and ids counted more than once. */
  static String mismatches(final Set<String> expected, final Map<String, Integer> counts) {
    final Set<String> missing = new TreeSet<>(expected);
    missing.removeAll(counts.keySet());
    final Set<String> unexpected = new TreeSet<>(counts.keySet());
    unexpected.removeAll(expected);
    final Map<String, Integer> repeated = counts.entrySet().stream().filter(e -> e.getValue() != 1)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    if (missing.isEmpty() && unexpected.isEmpty() && repeated.isEmpty()) {
      return "";
    }
    return "missing " + missing.size() + " " + first(missing) + "; unexpected " + unexpected.size() + " "
        + first(unexpected) + "; counted more than once " + repeated.size() + " " + first(repeated.entrySet());
  }

  private static String first(final Collection<?> items) {
    return items.stream().limit(20).map(String::valueOf).collect(Collectors.joining(", ", "[", items.size() > 20 ? ", ...]" : "]"));
  }

  private <T> void read(final String topic, final Class<T> type, final BiConsumer<String, T> each) {
    final Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "e2e-reader-" + UUID.randomUUID());
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    config.put("schema.registry.url", registryUrl);
    final Deserializer<T> values = new AvroDeserializer<>(type);
    values.configure(config, false);
    try (KafkaConsumer<String, T> consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
      final List<TopicPartition> partitions = new ArrayList<>();
      final List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
      if (infos == null || infos.isEmpty()) {
        throw new AssertionError("Topic " + topic + " does not exist on " + bootstrapServers);
      }
      infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      // With read_committed, the end offsets are the last stable offsets.
      final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      final long deadline = System.nanoTime() + READ_LIMIT.toNanos();
      while (!reachedEnd(consumer, ends)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("Could not read " + topic + " to its end " + ends + " within " + READ_LIMIT);
        }
        for (final ConsumerRecord<String, T> r : consumer.poll(Duration.ofMillis(500))) {
          each.accept(r.key(), r.value());
        }
      }
    }
  }

  private static boolean reachedEnd(final KafkaConsumer<?, ?> consumer, final Map<TopicPartition, Long> ends) {
    for (final Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }
}
