package io.exowatch.enrich.internal;

import io.exowatch.enrich.EnrichProgress;
import io.exowatch.schemas.avro.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' deserialization handler for the enrich application: a record Kafka Streams itself
 * cannot deserialize (raw topics are read as bytes, so in practice a corrupt internal link message)
 * is logged with task, topic, partition and offset, counted, written to the dead-letter topic and
 * skipped. Configured by {@code EnrichConfig} through the keys below (objects in the Streams config).
 */
public final class CountingDeserializationHandler implements DeserializationExceptionHandler {

  /** Config key: the {@link EnrichProgress} to count in. */
  public static final String PROGRESS = "exowatch.enrich.progress";
  /** Config key: the dead-letter topic name. */
  public static final String DEAD_LETTER_TOPIC = "exowatch.enrich.dead-letter-topic";
  /** Config key: the {@code Serializer<DeadLetter>} for that topic. */
  public static final String DEAD_LETTER_SERIALIZER = "exowatch.enrich.dead-letter-serializer";
  /** Config key: the largest original value kept, an {@link Integer}. */
  public static final String DEAD_LETTER_MAX_BYTES = "exowatch.enrich.dead-letter-max-bytes";

  private static final Logger LOG = LoggerFactory.getLogger(CountingDeserializationHandler.class);

  private EnrichProgress progress;
  private String topic;
  private Serializer<DeadLetter> serializer;
  private DeadLetters deadLetters;

  @Override
  @SuppressWarnings("unchecked")
  public void configure(final Map<String, ?> configs) {
    progress = (EnrichProgress) configs.get(PROGRESS);
    topic = (String) configs.get(DEAD_LETTER_TOPIC);
    serializer = (Serializer<DeadLetter>) configs.get(DEAD_LETTER_SERIALIZER);
    final Object max = configs.get(DEAD_LETTER_MAX_BYTES);
    deadLetters = new DeadLetters(max instanceof Number n ? n.intValue() : 1024 * 1024);
  }

  @Override
  public Response handleError(final ErrorHandlerContext context, final ConsumerRecord<byte[], byte[]> record,
      final Exception exception) {
    LOG.warn("Skipping a record Kafka Streams cannot deserialize: task {}, topic {}, partition {}, offset {}: {}",
        context.taskId(), context.topic(), context.partition(), context.offset(), exception.toString());
    if (progress != null) {
      progress.skipped();
    }
    if (topic == null || serializer == null) {
      return Response.resume();
    }
    final String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    final DeadLetter letter = deadLetters.of(key, record.value(), context.topic(), context.partition(),
        context.offset(), "Kafka Streams cannot deserialize this record: " + DeadLetters.describe(exception),
        exception, Instant.now());
    if (progress != null) {
      progress.deadLetter();
    }
    return Response.resume(List.of(new ProducerRecord<>(topic, null, record.key(), serializer.serialize(topic, letter))));
  }
}
