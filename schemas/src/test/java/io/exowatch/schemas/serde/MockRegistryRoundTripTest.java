package io.exowatch.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exowatch.schemas.avro.TrialRecord;
import io.exowatch.schemas.registry.SchemaRegistryClient;
import io.exowatch.schemas.registry.SchemaRegistryClients;
import io.exowatch.schemas.testing.TestRecords;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Serdes against the in-memory {@code mock://} registry: round trips, subjects, evolution and configuration. */
class MockRegistryRoundTripTest {

    private final String scope = "round-trip-" + UUID.randomUUID();
    private final Map<String, Object> config = Map.of("schema.registry.url", "mock://" + scope);

    @AfterEach
    void dropScope() {
        SchemaRegistryClients.dropMockScope(scope);
    }

    @Test
    void shouldRoundTripASpecificRecordThroughTheMockRegistry() {
        final SpecificAvroSerde<TrialRecord> serde = AvroSerdes.specific(TrialRecord.class, config, false);
        final TrialRecord trial = TestRecords.trial("NCT09990010");

        final byte[] frame = serde.serializer().serialize("trials-raw", trial);
        final TrialRecord back = serde.deserializer().deserialize("trials-raw", frame);

        assertThat(back).isEqualTo(trial);
        assertThat(back.getFetchedAt()).isEqualTo(Instant.parse("2025-01-10T08:30:00.123Z"));
        assertThat(frame[0]).isZero();
        assertThat(WireFormat.readSchemaId(frame, 0))
                .isEqualTo(SchemaRegistryClients.create("mock://" + scope)
                        .getLatestSchemaMetadata("trials-raw-value").id());
    }

    @Test
    void shouldRoundTripAGenericRecordWithTheWriterSchema() {
        final Schema schema = SchemaBuilder.record("Sample").namespace("io.exowatch.test").fields()
                .requiredString("id").optionalInt("count").name("tags").type().array().items().stringType()
                .noDefault().endRecord();
        final GenericRecord record = new GenericData.Record(schema);
        record.put("id", "s-1");
        record.put("count", 7);
        record.put("tags", List.of("a", "b"));
        final GenericAvroSerde serde = AvroSerdes.generic(config, false);

        final GenericRecord back = serde.deserializer().deserialize("samples",
                serde.serializer().serialize("samples", record));

        assertThat(back.getSchema()).isEqualTo(schema);
        assertThat(back.get("id")).hasToString("s-1");
        assertThat(back.get("count")).isEqualTo(7);
        assertThat((List<?>) back.get("tags")).extracting(Object::toString).containsExactly("a", "b");
    }

    @Test
    void shouldRegisterKeysAndValuesUnderTheirOwnSubjects() {
        final SchemaRegistryClient registry = SchemaRegistryClients.create("mock://" + scope);
        final SpecificAvroSerde<TrialRecord> keySerde = AvroSerdes.specific(TrialRecord.class, config, true);
        final SpecificAvroSerde<TrialRecord> valueSerde = AvroSerdes.specific(TrialRecord.class, config, false);

        keySerde.serializer().serialize("trials-by-trial", TestRecords.trial("NCT09990011"));
        assertThat(registry.getAllVersions("trials-by-trial-key")).containsExactly(1);
        assertThatThrownBy(() -> registry.getAllVersions("trials-by-trial-value"))
                .hasMessageContaining("40401");

        valueSerde.serializer().serialize("trials-by-trial", TestRecords.trial("NCT09990011"));
        assertThat(registry.getAllVersions("trials-by-trial-value")).containsExactly(1);
        // The same schema text has one id registry-wide, whichever subject it is under.
        assertThat(registry.getLatestSchemaMetadata("trials-by-trial-key").id())
                .isEqualTo(registry.getLatestSchemaMetadata("trials-by-trial-value").id());
    }

    @Test
    void shouldReadDataWrittenWithAnOlderSchemaIntoTodaysClass() throws IOException {
        final Schema older = TestRecords.trialSchemaWithoutPayloadFields();
        final SchemaRegistryClient registry = SchemaRegistryClients.create("mock://" + scope);
        final int olderId = registry.register("trials-raw-value", older);
        final GenericRecord oldRecord = asGeneric(TestRecords.trial("NCT09990012"), older);
        final byte[] frame = frame(olderId, older, oldRecord);

        final TrialRecord read = AvroSerdes.specific(TrialRecord.class, config, false).deserializer()
                .deserialize("trials-raw", frame);

        assertThat(read.getRegistryId()).isEqualTo("NCT09990012");
        assertThat(read.getSourcePayload()).isNull();
        assertThat(read.getSourcePayloadTruncated()).isFalse();
        assertThat(read.getInterventions()).hasSize(2);
    }

    @Test
    void shouldReadGeneratedClassesByWriterNameWithSpecificAvroReader() {
        final AvroSerializer<TrialRecord> serializer = new AvroSerializer<>();
        serializer.configure(config, false);
        final AvroDeserializer<Object> deserializer = new AvroDeserializer<>();
        deserializer.configure(Map.of("schema.registry.url", "mock://" + scope, "specific.avro.reader", "true"), false);
        final AvroDeserializer<Object> generic = new AvroDeserializer<>();
        generic.configure(config, false);
        final byte[] frame = serializer.serialize("trials-raw", TestRecords.trial("NCT09990013"));

        assertThat(deserializer.deserialize("trials-raw", frame)).isInstanceOf(TrialRecord.class);
        assertThat(generic.deserialize("trials-raw", frame)).isInstanceOf(GenericData.Record.class);
    }

    @Test
    void shouldNameAWriterSchemaWithoutAGeneratedClassWhenSpecificReaderIsOn() {
        final Schema unknown = SchemaBuilder.record("Unknown").namespace("com.example.elsewhere").fields()
                .requiredString("id").endRecord();

        assertThatThrownBy(() -> specificByName().deserialize("elsewhere", genericFrame("elsewhere", unknown)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("No generated class for com.example.elsewhere.Unknown");
    }

    @Test
    void shouldNotLoadAnArbitraryClassNamedByAWriterSchema() {
        // A writer schema naming a JDK class must not make the reader instantiate it.
        final Schema hostile = SchemaBuilder.record("ProcessBuilder").namespace("java.lang").fields()
                .requiredString("id").endRecord();

        assertThatThrownBy(() -> specificByName().deserialize("hostile", genericFrame("hostile", hostile)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Avro refuses to load java.lang.ProcessBuilder");
    }

    private AvroDeserializer<Object> specificByName() {
        final AvroDeserializer<Object> deserializer = new AvroDeserializer<>();
        deserializer.configure(Map.of("schema.registry.url", "mock://" + scope, "specific.avro.reader", true), false);
        return deserializer;
    }

    private byte[] genericFrame(final String topic, final Schema schema) {
        final GenericRecord record = new GenericData.Record(schema);
        record.put("id", "x");
        return AvroSerdes.generic(config, false).serializer().serialize(topic, record);
    }

    @Test
    void shouldRefuseAnUnregisteredSchemaWhenAutoRegisterIsOff() {
        final SpecificAvroSerde<TrialRecord> serde = AvroSerdes.specific(TrialRecord.class,
                Map.of("schema.registry.url", "mock://" + scope, "auto.register.schemas", false), false);

        assertThatThrownBy(() -> serde.serializer().serialize("trials-raw", TestRecords.trial("NCT09990014")))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("subject 'trials-raw-value'")
                .hasMessageContaining("mock://" + scope)
                .hasMessageContaining("40401");
    }

    @Test
    void shouldUseTheRegisteredIdWhenAutoRegisterIsOff() {
        final int id = SchemaRegistryClients.create("mock://" + scope)
                .register("trials-raw-value", TrialRecord.getClassSchema());
        final SpecificAvroSerde<TrialRecord> serde = AvroSerdes.specific(TrialRecord.class,
                Map.of("schema.registry.url", "mock://" + scope, "auto.register.schemas", "false"), false);

        final byte[] frame = serde.serializer().serialize("trials-raw", TestRecords.trial("NCT09990015"));

        assertThat(WireFormat.readSchemaId(frame, 0)).isEqualTo(id);
    }

    @Test
    void shouldConvertToTheLatestVersionWithUseLatestVersion() {
        final SchemaRegistryClient registry = SchemaRegistryClients.create("mock://" + scope);
        registry.register("trials-raw-value", TestRecords.trialSchemaWithoutPayloadFields());
        final int latestId = registry.getLatestSchemaMetadata("trials-raw-value").id();
        final SpecificAvroSerde<TrialRecord> serde = AvroSerdes.specific(TrialRecord.class,
                Map.of("schema.registry.url", "mock://" + scope, "auto.register.schemas", false,
                        "use.latest.version", true), false);
        final TrialRecord trial = TestRecords.trial("NCT09990016");
        trial.setSourcePayload("{\"dropped\":true}");

        final byte[] frame = serde.serializer().serialize("trials-raw", trial);
        final TrialRecord read = serde.deserializer().deserialize("trials-raw", frame);

        assertThat(WireFormat.readSchemaId(frame, 0)).isEqualTo(latestId);
        assertThat(read.getRegistryId()).isEqualTo("NCT09990016");
        // The latest version has no payload field, so the payload is not in the message.
        assertThat(read.getSourcePayload()).isNull();
    }

    @Test
    void shouldNameTheMissingRegistryUrlKey() {
        assertThatThrownBy(() -> AvroSerdes.specific(TrialRecord.class, Map.of(), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.url");
    }

    @Test
    void shouldRejectAMalformedRegistryUrl() {
        assertThatThrownBy(() -> AvroSerdes.generic(Map.of("schema.registry.url", "localhost:8081"), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'localhost:8081'");
    }

    @Test
    void shouldAcceptBasicAuthKeysAndStillWork() {
        final GenericAvroSerde serde = AvroSerdes.generic(Map.of("schema.registry.url", "mock://" + scope,
                "basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "u:p"), false);
        final Schema schema = SchemaBuilder.record("Ping").fields().requiredLong("at").endRecord();
        final GenericRecord ping = new GenericData.Record(schema);
        ping.put("at", 5L);

        assertThat(serde.deserializer().deserialize("pings", serde.serializer().serialize("pings", ping)).get("at"))
                .isEqualTo(5L);
    }

    @Test
    void shouldServeTheSameScopeToSeparatelyConfiguredSerdes() {
        final byte[] frame = AvroSerdes.specific(TrialRecord.class, config, false).serializer()
                .serialize("trials-raw", TestRecords.trial("NCT09990017"));

        final TrialRecord read = AvroSerdes.specific(TrialRecord.class, config, false).deserializer()
                .deserialize("trials-raw", frame);

        assertThat(read.getRegistryId()).isEqualTo("NCT09990017");
    }

    @Test
    void shouldSerializeConcurrentlyFromManyThreads() throws InterruptedException {
        final SpecificAvroSerde<TrialRecord> serde = AvroSerdes.specific(TrialRecord.class, config, false);
        final List<Throwable> failures = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        final List<Thread> threads = new java.util.ArrayList<>();
        for (int t = 0; t < 4; t++) {
            final String id = "NCT0999002" + t;
            threads.add(new Thread(() -> {
                try {
                    for (int i = 0; i < 200; i++) {
                        final TrialRecord trial = TestRecords.trial(id);
                        assertThat(serde.deserializer().deserialize("trials-raw",
                                serde.serializer().serialize("trials-raw", trial))).isEqualTo(trial);
                    }
                } catch (final Throwable e) {
                    failures.add(e);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (final Thread thread : threads) {
            thread.join(30_000);
        }

        assertThat(failures).isEmpty();
    }

    private static GenericRecord asGeneric(final TrialRecord trial, final Schema older) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new org.apache.avro.specific.SpecificDatumWriter<>(TrialRecord.class)
                .write(trial, encoder);
        encoder.flush();
        return new GenericDatumReader<GenericRecord>(TrialRecord.getClassSchema(), older)
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }

    private static byte[] frame(final int id, final Schema schema, final GenericRecord record) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final byte[] header = new byte[WireFormat.HEADER_SIZE];
        WireFormat.writeHeader(header, 0, id);
        out.write(header);
        final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
