package io.exowatch.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exowatch.schemas.avro.TrialRecord;
import io.exowatch.schemas.registry.SchemaRegistryClients;
import io.exowatch.schemas.testing.TestRecords;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every malformed frame gets a SerializationException that says what is wrong; none hangs or yields null. */
class BadFrameTest {

    private static final String TOPIC = "bad-frames";

    private final String scope = "bad-frames-" + UUID.randomUUID();
    private final SpecificAvroSerde<TrialRecord> serde =
            AvroSerdes.specific(TrialRecord.class, Map.of("schema.registry.url", "mock://" + scope), false);

    @AfterEach
    void dropScope() {
        SchemaRegistryClients.dropMockScope(scope);
    }

    @Test
    void shouldNameTheUnknownMagicByteTheExpectedZeroAndTheTopic() {
        final byte[] frame = serde.serializer().serialize(TOPIC, TestRecords.trial("NCT09990001"));
        frame[0] = 0x01;

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, frame))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown magic byte 0x01")
                .hasMessageContaining("expected 0x00")
                .hasMessageContaining("'" + TOPIC + "'");
    }

    @Test
    void shouldRejectPlainTextAsUnknownMagicByte() {
        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, "{\"id\":1}".getBytes()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown magic byte 0x7b");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4})
    void shouldRejectFramesShorterThanFiveBytesAsTruncated(final int length) {
        final byte[] frame = new byte[length];

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, frame))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Truncated Confluent frame")
                .hasMessageContaining("has " + length + " byte")
                .hasMessageContaining("at least 5");
    }

    @Test
    void shouldRejectAnAvroBodyThatEndsEarly() {
        final byte[] frame = serde.serializer().serialize(TOPIC, TestRecords.trial("NCT09990002"));
        final byte[] cut = Arrays.copyOf(frame, frame.length - 40);

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, cut))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Truncated Avro body")
                .hasMessageContaining("schema id 1");
    }

    @Test
    void shouldRejectAHeaderWithNoBodyAsTruncatedAvro() {
        final byte[] frame = serde.serializer().serialize(TOPIC, TestRecords.trial("NCT09990003"));

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, Arrays.copyOf(frame, 5)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Truncated Avro body");
    }

    @Test
    void shouldNameAnUnknownSchemaIdAndTheRegistry() {
        final byte[] frame = {0, 0, 0, 0x03, (byte) 0xe7, 0x02, 0x61};

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, frame))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown schema id 999")
                .hasMessageContaining("mock://" + scope)
                .hasMessageContaining("'" + TOPIC + "'");
    }

    @Test
    void shouldRejectCorruptAvroWithAClearError() {
        final byte[] frame = serde.serializer().serialize(TOPIC, TestRecords.trial("NCT09990004"));
        // The secondary-id array's first item holds a union branch index: make it 9, which does not exist.
        final byte[] corrupt = frame.clone();
        final int unionIndexAt = indexOf(corrupt, "ChiCTR2400099001".getBytes()) + "ChiCTR2400099001".length();
        corrupt[unionIndexAt] = 18;

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, corrupt))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("'" + TOPIC + "'")
                .hasMessageContaining("schema id 1");
    }

    @Test
    void shouldPassTombstonesThroughAsNull() {
        assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
        assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
        assertThat(serde.deserializer().deserialize(TOPIC, null, (ByteBuffer) null)).isNull();
    }

    @Test
    void shouldReadAFrameInPlaceFromAByteBufferSlice() {
        final TrialRecord trial = TestRecords.trial("NCT09990005");
        final byte[] frame = serde.serializer().serialize(TOPIC, trial);
        final byte[] padded = new byte[frame.length + 20];
        System.arraycopy(frame, 0, padded, 7, frame.length);
        final ByteBuffer buffer = ByteBuffer.wrap(padded, 7, frame.length);

        assertThat(serde.deserializer().deserialize(TOPIC, null, buffer)).isEqualTo(trial);
        assertThat(buffer.position()).isEqualTo(7);
    }

    @Test
    void shouldReadAFrameFromADirectByteBuffer() {
        final TrialRecord trial = TestRecords.trial("NCT09990006");
        final byte[] frame = serde.serializer().serialize(TOPIC, trial);
        final ByteBuffer direct = ByteBuffer.allocateDirect(frame.length).put(frame).flip();

        assertThat(serde.deserializer().deserialize(TOPIC, null, direct)).isEqualTo(trial);
    }

    private static int indexOf(final byte[] haystack, final byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("needle not found");
    }
}
