package io.exowatch.sink.internal.index;

import io.exowatch.schemas.avro.DeadLetter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes the sink's dead letters (stage {@code SINK}) to its dead-letter topic and waits for the
 * broker's acknowledgement, so a batch's offsets are committed only once its rejects are safe.
 * Original content is bounded: the record's bytes to {@link #MAX_BYTES}, the rejected document's
 * JSON to {@link #MAX_TEXT} characters, with {@code truncated} set when cut.
 */
public final class DeadLetters {

  /** Most bytes of the original Kafka value kept. */
  public static final int MAX_BYTES = 256 * 1024;
  /** Most characters of the rejected document kept as text. */
  public static final int MAX_TEXT = 64 * 1024;

  private final Producer<String, DeadLetter> producer;
  private final String topic;

  /** Dead letters to {@code topic} through {@code producer}. */
  public DeadLetters(final Producer<String, DeadLetter> producer, final String topic) {
    this.producer = producer;
    this.topic = topic;
  }

  /** The dead letter of a document OpenSearch refused. */
  public static DeadLetter rejected(final BulkOutcome.Rejected r) {
    final Pending.Write w = r.write();
    final String reason = "OpenSearch rejected document " + w.id() + " for index " + w.index() + ": HTTP "
        + r.status() + " " + r.type() + ": " + r.reason();
    final String text = w.json() == null ? null : new String(w.json(), StandardCharsets.UTF_8);
    return letter(w.origin(), reason, r.type(), text);
  }

  /** The dead letter of a record that could not be decoded. */
  public static DeadLetter undecodable(final Pending.Undecodable u) {
    return letter(u.origin(), "Cannot decode " + u.origin().position() + ": " + u.reason(), u.errorClass(), null);
  }

  private static DeadLetter letter(final Pending.Origin o, final String reason, final String errorClass, final String text) {
    final byte[] value = o.value();
    final boolean bytesCut = value != null && value.length > MAX_BYTES;
    final boolean textCut = text != null && text.length() > MAX_TEXT;
    return DeadLetter.newBuilder()
        .setStage("SINK")
        .setSource(o.topic())
        .setReason(reason)
        .setErrorClass(errorClass)
        .setKey(o.key())
        .setUrl(null)
        .setOriginalText(textCut ? text.substring(0, MAX_TEXT) : text)
        .setOriginalBytes(value == null ? null : ByteBuffer.wrap(bytesCut ? Arrays.copyOf(value, MAX_BYTES) : value))
        .setTruncated(bytesCut || textCut)
        .setOriginTopic(o.topic())
        .setOriginPartition(o.partition())
        .setOriginOffset(o.offset())
        .setTs(Instant.now())
        .build();
  }

  /**
   * Publishes {@code letters} and waits for all acknowledgements.
   *
   * @throws BulkFailedException (transient) when the broker does not acknowledge within 30 s
   */
  public void publish(final List<DeadLetter> letters) throws BulkFailedException, InterruptedException {
    if (letters.isEmpty()) {
      return;
    }
    final List<Future<RecordMetadata>> acks = new ArrayList<>(letters.size());
    for (final DeadLetter l : letters) {
      acks.add(producer.send(new ProducerRecord<>(topic, l.getKey(), l)));
    }
    producer.flush();
    for (final Future<RecordMetadata> ack : acks) {
      try {
        ack.get(30, TimeUnit.SECONDS);
      } catch (final ExecutionException | TimeoutException e) {
        throw new BulkFailedException("Cannot publish " + letters.size() + " dead letters to " + topic + ": " + e, true, e);
      }
    }
  }
}
