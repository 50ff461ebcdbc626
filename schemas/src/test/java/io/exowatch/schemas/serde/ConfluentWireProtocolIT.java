package io.exowatch.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exowatch.localstack.EmbeddedSchemaRegistry;
import io.exowatch.localstack.LocalStack;
import io.exowatch.localstack.junit.EmbeddedStack;
import io.exowatch.localstack.junit.UniqueNames;
import io.exowatch.schemas.avro.TrialRecord;
import io.exowatch.schemas.registry.CompatibilityResult;
import io.exowatch.schemas.registry.IncompatibleSchemaException;
import io.exowatch.schemas.registry.SchemaRegistryClient;
import io.exowatch.schemas.registry.SchemaRegistryClients;
import io.exowatch.schemas.registry.SchemaRegistryUnavailableException;
import io.exowatch.schemas.testing.KafkaRoundTrip;
import io.exowatch.schemas.testing.TestRecords;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Our serdes and registry client against the real embedded broker and Confluent-API registry from local-stack:
 * round trips, registry restarts, compatibility refusals and evolution, and an unreachable registry.
 */
@EmbeddedStack(openSearch = false)
class ConfluentWireProtocolIT {

    @Test
    void shouldProduceAndConsumeTrialsThroughTheRegistryAndBroker(final LocalStack stack) {
        final String topic = UniqueNames.uniqueName("trials-raw");
        final Map<String, Object> config = Map.of("schema.registry.url", stack.schemaRegistryUrl());
        final List<Map.Entry<String, TrialRecord>> sent = new ArrayList<>();
        IntStream.range(0, 20).forEach(i -> sent.add(new SimpleEntry<>("NCT0999" + (1000 + i),
                TestRecords.trial("NCT0999" + (1000 + i)))));
        sent.add(new SimpleEntry<>("NCT09991000", null));

        KafkaRoundTrip.produce(stack.bootstrapServers(), topic,
                AvroSerdes.specific(TrialRecord.class, config, false).serializer(), sent);
        final List<ConsumerRecord<String, TrialRecord>> read = KafkaRoundTrip.consume(stack.bootstrapServers(), topic,
                AvroSerdes.specific(TrialRecord.class, config, false).deserializer(), sent.size());

        assertThat(read).extracting(ConsumerRecord::key).containsExactlyElementsOf(
                sent.stream().map(Map.Entry::getKey).toList());
        assertThat(read).extracting(ConsumerRecord::value).containsExactlyElementsOf(
                sent.stream().map(Map.Entry::getValue).toList());
        assertThat(read.get(read.size() - 1).value()).as("tombstone").isNull();
        assertThat(SchemaRegistryClients.create(stack.schemaRegistryUrl()).getAllVersions(topic + "-value"))
                .containsExactly(1);
    }

    @Test
    void shouldDecodeOldMessagesWithTheSameIdsAfterTheRegistryRestarts(final LocalStack stack) {
        final String topic = UniqueNames.uniqueName("trials-restart");
        final String storage = UniqueNames.uniqueName("schemas-restart");
        final TrialRecord trial = TestRecords.trial("NCT09992000");
        final int id;
        try (EmbeddedSchemaRegistry first = EmbeddedSchemaRegistry.start(stack.bootstrapServers(), 0, storage)) {
            final SpecificAvroSerde<TrialRecord> serde = AvroSerdes.specific(TrialRecord.class,
                    Map.of("schema.registry.url", first.url()), false);
            KafkaRoundTrip.produce(stack.bootstrapServers(), topic, serde.serializer(),
                    List.of(new SimpleEntry<>("NCT09992000", trial)));
            id = SchemaRegistryClients.create(first.url()).getLatestSchemaMetadata(topic + "-value").id();
        }

        try (EmbeddedSchemaRegistry second = EmbeddedSchemaRegistry.start(stack.bootstrapServers(), 0, storage)) {
            // A fresh serde has no cached ids: the id in the old frame must resolve through the restarted registry.
            final List<ConsumerRecord<String, TrialRecord>> read = KafkaRoundTrip.consume(stack.bootstrapServers(),
                    topic, AvroSerdes.specific(TrialRecord.class, Map.of("schema.registry.url", second.url()), false)
                            .deserializer(), 1);

            assertThat(read).singleElement().satisfies(r -> {
                assertThat(r.value()).isEqualTo(trial);
                assertThat(WireFormat.readSchemaId(rawValue(stack, topic), 0)).isEqualTo(id);
            });
            final SchemaRegistryClient client = SchemaRegistryClients.create(second.url());
            assertThat(client.getSchemaById(id)).isEqualTo(TrialRecord.getClassSchema());
            assertThat(client.register(topic + "-value", TrialRecord.getClassSchema())).isEqualTo(id);
        }
    }

    @Test
    void shouldRefuseAnIncompatibleSchemaWith409NamingTheSubject(final LocalStack stack) {
        final String subject = UniqueNames.uniqueName("samples") + "-value";
        final Schema v1 = SchemaBuilder.record("Sample").namespace("io.exowatch.test").fields()
                .requiredString("id").endRecord();
        final Schema withRequiredField = SchemaBuilder.record("Sample").namespace("io.exowatch.test").fields()
                .requiredString("id").requiredInt("count").endRecord();
        final SchemaRegistryClient client = SchemaRegistryClients.create(stack.schemaRegistryUrl());
        client.register(subject, v1);

        final CompatibilityResult test = client.testCompatibility(subject, withRequiredField);

        assertThat(test.compatible()).isFalse();
        assertThat(test.messages()).isNotEmpty();
        assertThatThrownBy(() -> client.register(subject, withRequiredField))
                .isInstanceOfSatisfying(IncompatibleSchemaException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.subject()).isEqualTo(subject);
                    assertThat(e.url()).startsWith("POST " + stack.schemaRegistryUrl() + "/subjects/");
                })
                .hasMessageContaining("subject '" + subject + "'")
                .hasMessageContaining("count");
        assertThat(client.getAllVersions(subject)).containsExactly(1);
    }

    @Test
    void shouldAcceptABackwardCompatibleNewOptionalFieldAndReadOldDataWithTheNewReader(final LocalStack stack)
            throws IOException {
        final String topic = UniqueNames.uniqueName("trials-evolve");
        final Map<String, Object> config = Map.of("schema.registry.url", stack.schemaRegistryUrl());
        final Schema older = TestRecords.trialSchemaWithoutPayloadFields();
        final GenericRecord oldTrial = asGeneric(TestRecords.trial("NCT09993000"), older);
        final TrialRecord newTrial = TestRecords.trial("NCT09993001");
        newTrial.setSourcePayload("{\"protocolSection\":{}}");

        KafkaRoundTrip.produce(stack.bootstrapServers(), topic, AvroSerdes.generic(config, false).serializer(),
                List.of(new SimpleEntry<>("NCT09993000", oldTrial)));
        KafkaRoundTrip.produce(stack.bootstrapServers(), topic,
                AvroSerdes.specific(TrialRecord.class, config, false).serializer(),
                List.of(new SimpleEntry<>("NCT09993001", newTrial)));
        final List<ConsumerRecord<String, TrialRecord>> read = KafkaRoundTrip.consume(stack.bootstrapServers(), topic,
                AvroSerdes.specific(TrialRecord.class, config, false).deserializer(), 2);

        assertThat(SchemaRegistryClients.create(stack.schemaRegistryUrl()).getAllVersions(topic + "-value"))
                .containsExactly(1, 2);
        assertThat(read).hasSize(2);
        assertThat(read.get(0).value().getRegistryId()).isEqualTo("NCT09993000");
        assertThat(read.get(0).value().getSourcePayload()).as("default of the new field").isNull();
        assertThat(read.get(0).value().getInterventions()).hasSize(2);
        assertThat(read.get(1).value()).isEqualTo(newTrial);
    }

    @Test
    void shouldRetryThenNameTheUrlWhenTheRegistryIsUnreachable(final LocalStack stack) {
        final String dead = "http://127.0.0.1:" + closedPort();
        final Map<String, Object> config = Map.of("schema.registry.url", dead,
                "schema.registry.max.retries", 3, "schema.registry.retries.wait.ms", 100);
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        final long start = System.nanoTime();

        try (KafkaProducer<String, TrialRecord> producer = new KafkaProducer<>(props, new StringSerializer(),
                AvroSerdes.specific(TrialRecord.class, config, false).serializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(UniqueNames.uniqueName("trials-dead"),
                    "NCT09994000", TestRecords.trial("NCT09994000"))))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining(dead)
                    .hasMessageContaining("failed after 4 attempts")
                    .hasCauseInstanceOf(SchemaRegistryUnavailableException.class);
        }
        // 3 retries after 100, 200 and 400 ms: bounded, and the backoff really happened.
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(700L, 15_000L);
    }

    private static byte[] rawValue(final LocalStack stack, final String topic) {
        final List<ConsumerRecord<String, byte[]>> raw = KafkaRoundTrip.consume(stack.bootstrapServers(), topic,
                new org.apache.kafka.common.serialization.ByteArrayDeserializer(), 1);
        return raw.get(0).value();
    }

    private static GenericRecord asGeneric(final TrialRecord trial, final Schema older) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(TrialRecord.class).write(trial, encoder);
        encoder.flush();
        return new GenericDatumReader<GenericRecord>(TrialRecord.getClassSchema(), older)
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
