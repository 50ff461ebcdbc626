package io.exowatch.enrich.internal;

import io.exowatch.enrich.EnrichProgress;
import io.exowatch.schemas.avro.Classification;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes and classifies raw values of one input topic. A value that cannot be decoded, or that the
 * classifier rejects, becomes a dead letter (counted and forwarded) and the caller gets nothing;
 * a registry outage is rethrown so that the task fails and the record is read again later.
 *
 * @param <R> the record type
 */
public final class RecordReader<R> {

  private static final Logger LOG = LoggerFactory.getLogger(RecordReader.class);

  private final String topic;
  private final String kind;
  private final Deserializer<R> decoder;
  private final Function<R, Classification> classifier;
  private final DeadLetters deadLetters;
  private final EnrichProgress progress;

  /**
   * A reader of {@code topic}'s values.
   *
   * @param topic the raw topic the values come from (named in dead letters)
   * @param kind what a value is, for messages (e.g. {@code TrialRecord})
   * @param decoder the value deserializer
   * @param classifier the classification step
   * @param deadLetters builds dead letters
   * @param progress counters
   */
  public RecordReader(final String topic, final String kind, final Deserializer<R> decoder,
      final Function<R, Classification> classifier, final DeadLetters deadLetters, final EnrichProgress progress) {
    this.topic = topic;
    this.kind = kind;
    this.decoder = decoder;
    this.classifier = classifier;
    this.deadLetters = deadLetters;
    this.progress = progress;
  }

  /**
   * A decoded, classified value.
   *
   * @param value the record
   * @param classification its classification
   * @param <R> the record type
   */
  public record Classified<R>(R value, Classification classification) {}

  /**
   * Decodes and classifies {@code bytes} read under {@code key}; on failure forwards a dead letter
   * (keyed {@code key}) through {@code context} and returns empty.
   *
   * @param context where to forward the dead letter
   * @param record the record being processed (its timestamp is kept)
   * @param key the trial or article id
   * @param bytes the raw value
   * @param headers the raw record's headers
   * @param fromInput whether {@code bytes} is the current input record (its partition and offset go in the dead letter)
   */
  public Optional<Classified<R>> read(final ProcessorContext<String, Emit> context, final Record<String, ?> record,
      final String key, final byte[] bytes, final Headers headers, final boolean fromInput) {
    final R value;
    try {
      value = decoder.deserialize(topic, headers, bytes);
    } catch (final RuntimeException e) {
      return failed(context, record, key, bytes, fromInput, "Cannot decode the " + kind + " value of " + key
          + " on " + topic + ": " + DeadLetters.describe(e), e);
    }
    final Classification classification;
    try {
      classification = classifier.apply(value);
    } catch (final RuntimeException e) {
      return failed(context, record, key, bytes, fromInput, "The classifier failed on the " + kind + " " + key
          + " from " + topic + ": " + DeadLetters.describe(e), e);
    }
    progress.classified();
    return Optional.of(new Classified<>(value, classification));
  }

  private Optional<Classified<R>> failed(final ProcessorContext<String, Emit> context, final Record<String, ?> record,
      final String key, final byte[] bytes, final boolean fromInput, final String reason, final RuntimeException error) {
    if (DeadLetters.isTransient(error)) {
      throw error;
    }
    final Optional<RecordMetadata> origin = fromInput ? context.recordMetadata() : Optional.empty();
    final Integer partition = origin.map(RecordMetadata::partition).orElse(null);
    final Long offset = origin.map(RecordMetadata::offset).orElse(null);
    LOG.warn("Dead letter for key {} from {} partition {} offset {}: {}", key, topic, partition, offset, reason);
    progress.deadLetter();
    context.forward(new Record<String, Emit>(key, new Emit.Dead(deadLetters.of(key, bytes, topic, partition, offset,
        reason, error, Instant.ofEpochMilli(context.currentSystemTimeMs()))), record.timestamp()));
    return Optional.empty();
  }
}
