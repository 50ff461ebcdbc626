package io.exowatch.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.exowatch.schemas.avro.DeadLetter;
import io.exowatch.schemas.avro.Evidence;
import io.exowatch.schemas.registry.SchemaRegistryClients;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pins the exact bytes of Confluent's frame, so a change of encoding can never pass unnoticed. */
class GoldenBytesTest {

    private final String scope = "golden-" + UUID.randomUUID();

    @AfterEach
    void dropScope() {
        SchemaRegistryClients.dropMockScope(scope);
    }

    @Test
    void shouldFrameEvidenceAsMagicByteBigEndianIdAndPlainAvro() {
        final SpecificAvroSerde<Evidence> serde =
                AvroSerdes.specific(Evidence.class, Map.of("schema.registry.url", "mock://" + scope), false);

        final byte[] frame = serde.serializer().serialize("golden-evidence",
                Evidence.newBuilder().setLabel("a").setField("b").setText("c").build());

        // 00 | 00000001 (first id of a fresh registry) | "a","b","c" as zig-zag length 1 (02) + UTF-8 byte.
        assertThat(HexFormat.of().formatHex(frame)).isEqualTo("00" + "00000001" + "0261" + "0262" + "0263");
    }

    @Test
    void shouldFrameUnionsBytesBooleanAndTimestampAsAvroBinary() {
        final SpecificAvroSerde<DeadLetter> serde =
                AvroSerdes.specific(DeadLetter.class, Map.of("schema.registry.url", "mock://" + scope), false);
        final DeadLetter letter = DeadLetter.newBuilder()
                .setStage("ENRICH").setSource("x").setReason("y")
                .setErrorClass(null).setKey("k").setUrl(null).setOriginalText(null)
                .setOriginalBytes(ByteBuffer.wrap(new byte[] {0x01, (byte) 0xff}))
                .setTruncated(true).setOriginTopic(null).setOriginPartition(3).setOriginOffset(null)
                .setTs(Instant.ofEpochMilli(1000))
                .build();

        final byte[] frame = serde.serializer().serialize("golden-dlq", letter);

        assertThat(HexFormat.of().formatHex(frame)).isEqualTo("00" + "00000001"
                + "0c454e52494348"  // stage "ENRICH": length 6 -> zig-zag 0c
                + "0278" + "0279"   // source "x", reason "y"
                + "00"              // errorClass: union branch 0 (null)
                + "02026b"          // key: branch 1, "k"
                + "00" + "00"       // url, originalText: null
                + "020401ff"        // originalBytes: branch 1, length 2, 01 ff
                + "01"              // truncated: true
                + "00"              // originTopic: null
                + "0206"            // originPartition: branch 1, int 3 -> zig-zag 06
                + "00"              // originOffset: null
                + "d00f");          // ts: 1000 ms -> zig-zag 2000 -> varint d0 0f
        assertThat(serde.deserializer().deserialize("golden-dlq", frame)).isEqualTo(letter);
    }

    @Test
    void shouldWriteAndReadSchemaIdsBigEndian() {
        final byte[] header = new byte[WireFormat.HEADER_SIZE];

        WireFormat.writeHeader(header, 0, 0x12345678);

        assertThat(HexFormat.of().formatHex(header)).isEqualTo("0012345678");
        assertThat(WireFormat.readSchemaId(header, 0)).isEqualTo(0x12345678);
        WireFormat.writeHeader(header, 0, Integer.MAX_VALUE);
        assertThat(HexFormat.of().formatHex(header)).isEqualTo("007fffffff");
    }
}
