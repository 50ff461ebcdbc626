package io.exowatch.enrich.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.exowatch.schemas.avro.DeadLetter;
import io.exowatch.schemas.registry.SchemaRegistryUnavailableException;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** Dead letters: bounded originals, and which failures are passing ones. */
class DeadLettersTest {

  @Test
  void shouldCutALongOriginalAndSayItWasCut() {
    final DeadLetter letter = new DeadLetters(4).of("k", new byte[] {1, 2, 3, 4, 5, 6}, "trials-raw", 2, 17L,
        "bad", new IllegalStateException("x"), Instant.EPOCH);

    assertThat(letter.getOriginalBytes()).isEqualTo(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}));
    assertThat(letter.getTruncated()).isTrue();
    assertThat(letter.getStage()).isEqualTo("ENRICH");
    assertThat(letter.getOriginPartition()).isEqualTo(2);
    assertThat(letter.getOriginOffset()).isEqualTo(17L);
    assertThat(letter.getErrorClass()).isEqualTo(IllegalStateException.class.getName());
  }

  @Test
  void shouldTreatAnUnreachableRegistryAsPassingEvenWhenWrapped() {
    final SchemaRegistryUnavailableException down = new SchemaRegistryUnavailableException(
        "GET /schemas/ids/7", "http://127.0.0.1:1", 4, -1, -1, "connection refused", "http://127.0.0.1:1", null);

    assertThat(DeadLetters.isTransient(new SerializationException("Cannot fetch schema id 7", down))).isTrue();
    assertThat(DeadLetters.isTransient(new SerializationException("Unknown magic byte 0x7b"))).isFalse();
    assertThat(DeadLetters.isTransient(null)).isFalse();
  }

  @Test
  void shouldDescribeTheCauseChain() {
    assertThat(DeadLetters.describe(new IllegalStateException("outer", new IllegalArgumentException("inner"))))
        .isEqualTo("IllegalStateException: outer <- IllegalArgumentException: inner");
  }
}
