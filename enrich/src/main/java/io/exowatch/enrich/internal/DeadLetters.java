package io.exowatch.enrich.internal;

import io.exowatch.schemas.avro.DeadLetter;
import io.exowatch.schemas.registry.SchemaRegistryUnavailableException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;

/**
 * Builds the {@code DeadLetter}s of the enrich stage: the reason, the error class, the original
 * value (cut to a bound, flagged {@code truncated}) and where it came from.
 */
public final class DeadLetters {

  /** The {@code stage} of every dead letter written here. */
  public static final String STAGE = "ENRICH";

  private final int maxBytes;

  /** Dead letters keeping at most {@code maxBytes} of the original value. */
  public DeadLetters(final int maxBytes) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be > 0, was " + maxBytes);
    }
    this.maxBytes = maxBytes;
  }

  /**
   * A dead letter for a value read from {@code topic} that could not be processed.
   *
   * @param key the record key, may be null
   * @param value the original value bytes, may be null
   * @param topic origin topic
   * @param partition origin partition, or null when unknown
   * @param offset origin offset, or null when unknown
   * @param reason what failed, for people
   * @param error the exception, or null
   * @param now when
   */
  public DeadLetter of(final String key, final byte[] value, final String topic, final Integer partition,
      final Long offset, final String reason, final Throwable error, final Instant now) {
    final boolean truncated = value != null && value.length > maxBytes;
    final ByteBuffer original = value == null ? null
        : ByteBuffer.wrap(truncated ? Arrays.copyOf(value, maxBytes) : value);
    return DeadLetter.newBuilder()
        .setStage(STAGE)
        .setSource(topic)
        .setReason(reason)
        .setErrorClass(error == null ? null : error.getClass().getName())
        .setKey(key)
        .setOriginalBytes(original)
        .setTruncated(truncated)
        .setOriginTopic(topic)
        .setOriginPartition(partition)
        .setOriginOffset(offset)
        .setTs(now)
        .build();
  }

  /**
   * Whether {@code error} is a passing failure that must not send a record to the dead-letter topic
   * (the schema registry could not be reached): the task fails instead and the record is read again.
   */
  public static boolean isTransient(final Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SchemaRegistryUnavailableException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** The message of {@code error} and of its causes, for a reason line. */
  public static String describe(final Throwable error) {
    final StringBuilder sb = new StringBuilder();
    for (Throwable t = error; t != null && sb.length() < 2000; t = t.getCause()) {
      if (sb.length() > 0) {
        sb.append(" <- ");
      }
      sb.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
      if (t.getCause() == t) {
        break;
      }
    }
    return sb.toString();
  }
}
