package io.exowatch.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.exowatch.common.config.ConfigKey;
import io.exowatch.common.config.ExoConfig;
import io.exowatch.enrich.internal.CountingDeserializationHandler;
import io.exowatch.schemas.avro.DeadLetter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

/** Kafka Streams settings made from the ExoWatch configuration, and the deserialization handler they name. */
class EnrichConfigTest {

  private final Map<String, String> registry = Map.of("schema.registry.url", "mock://config-" + UUID.randomUUID());

  @Test
  void shouldRunExactlyOnceWithTheConfiguredIdentityAndPlaces() {
    final EnrichConfig config = new EnrichConfig(ExoConfig.of(Map.of(
        "kafka.bootstrap.servers", "broker-1:9092",
        "enrich.application-id", "enrich-blue",
        "enrich.state-dir", "/var/lib/exowatch/enrich",
        "enrich.threads", "2",
        "enrich.commit-interval", "250ms",
        "topics.replication-factor", "3")));
    final EnrichProgress progress = new EnrichProgress();

    final Properties p = config.streamsProperties(EnrichTopics.create(registry), progress);

    assertThat(p.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("exactly_once_v2");
    assertThat(p.get(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("enrich-blue");
    assertThat(p.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)).isEqualTo("broker-1:9092");
    assertThat(p.get(StreamsConfig.STATE_DIR_CONFIG)).isEqualTo("/var/lib/exowatch/enrich");
    assertThat(p.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG)).isEqualTo(2);
    assertThat(p.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(250L);
    assertThat(p.get(StreamsConfig.REPLICATION_FACTOR_CONFIG)).isEqualTo(3);
    assertThat(p.get(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG)).isEqualTo(StreamsConfig.REUSE_KTABLE_SOURCE_TOPICS);
    assertThat(p.get(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG))
        .isEqualTo(CountingDeserializationHandler.class);
    assertThat(p.get(CountingDeserializationHandler.PROGRESS)).isSameAs(progress);
    assertThat(p.get(CountingDeserializationHandler.DEAD_LETTER_TOPIC)).isEqualTo("enrich-dlq");
    assertThat(new StreamsConfig(p).getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("exactly_once_v2");
  }

  @Test
  void shouldDefaultToTheDocumentedValues() {
    final EnrichConfig config = new EnrichConfig(ExoConfig.defaults());

    assertThat(config.applicationId()).isEqualTo("exowatch-enrich");
    assertThat(config.deadLetterMaxBytes()).isEqualTo(1024 * 1024);
    final Properties p = config.streamsProperties(EnrichTopics.create(registry), new EnrichProgress());
    assertThat(p.get(StreamsConfig.STATE_DIR_CONFIG)).isEqualTo("./data/enrich-state");
    assertThat(p.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG)).isEqualTo(1);
    assertThat(p.get(StreamsConfig.REPLICATION_FACTOR_CONFIG)).isEqualTo(1);
    assertThat(EnrichKeys.all()).extracting(ConfigKey::name).allMatch(name -> name.startsWith("enrich."));
    assertThat(EnrichKeys.all()).allSatisfy(key -> assertThat(key.doc()).isNotBlank());
  }

  @Test
  void shouldCountLogAndDeadLetterARecordStreamsCannotDeserialize() {
    final EnrichTopics topics = EnrichTopics.create(registry);
    final EnrichProgress progress = new EnrichProgress();
    final Properties p = new EnrichConfig(ExoConfig.defaults()).streamsProperties(topics, progress);
    final CountingDeserializationHandler handler = new CountingDeserializationHandler();
    final Map<String, Object> configs = new HashMap<>();
    p.forEach((k, v) -> configs.put((String) k, v));
    handler.configure(configs);
    final byte[] value = "{not json".getBytes(StandardCharsets.UTF_8);
    final ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("exowatch-enrich-links-by-trial-repartition",
        1, 42L, "NCT04276987".getBytes(StandardCharsets.UTF_8), value);

    final DeserializationExceptionHandler.Response response = handler.handleError(
        context(record), record, new SerializationException("Cannot read LinkMessage JSON"));

    assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
    assertThat(progress.snapshot().skipped()).isEqualTo(1);
    assertThat(progress.snapshot().deadLetters()).isEqualTo(1);
    assertThat(response.deadLetterQueueRecords()).hasSize(1);
    final ProducerRecord<byte[], byte[]> out = response.deadLetterQueueRecords().get(0);
    assertThat(out.topic()).isEqualTo("enrich-dlq");
    final DeadLetter letter = topics.deadLetters().valueSerde().deserializer().deserialize("enrich-dlq", out.value());
    assertThat(letter.getKey()).isEqualTo("NCT04276987");
    assertThat(letter.getOriginTopic()).isEqualTo("exowatch-enrich-links-by-trial-repartition");
    assertThat(letter.getOriginPartition()).isEqualTo(1);
    assertThat(letter.getOriginOffset()).isEqualTo(42L);
    assertThat(letter.getOriginalBytes()).isEqualTo(ByteBuffer.wrap(value));
    assertThat(letter.getReason()).contains("Cannot read LinkMessage JSON");
  }

  private static ErrorHandlerContext context(final ConsumerRecord<byte[], byte[]> record) {
    return new ErrorHandlerContext() {
      @Override
      public String topic() {
        return record.topic();
      }

      @Override
      public int partition() {
        return record.partition();
      }

      @Override
      public long offset() {
        return record.offset();
      }

      @Override
      public Headers headers() {
        return new RecordHeaders();
      }

      @Override
      public String processorNodeId() {
        return "links-by-trial-repartition-source";
      }

      @Override
      public TaskId taskId() {
        return new TaskId(0, 1);
      }

      @Override
      public long timestamp() {
        return 0L;
      }

      @Override
      public byte[] sourceRawKey() {
        return record.key();
      }

      @Override
      public byte[] sourceRawValue() {
        return record.value();
      }
    };
  }
}
