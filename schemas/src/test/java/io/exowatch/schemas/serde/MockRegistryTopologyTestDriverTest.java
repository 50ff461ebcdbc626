package io.exowatch.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.exowatch.schemas.avro.TrialRecord;
import io.exowatch.schemas.registry.SchemaRegistryClients;
import io.exowatch.schemas.testing.TestRecords;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The {@code mock://} registry behind serdes in a Kafka Streams {@link TopologyTestDriver} test, as enrich uses it. */
class MockRegistryTopologyTestDriverTest {

    private final String scope = "topology-" + UUID.randomUUID();

    @AfterEach
    void dropScope() {
        SchemaRegistryClients.dropMockScope(scope);
    }

    @Test
    void shouldCarryTrialsThroughATopologyWithTheMockRegistry() {
        final Map<String, Object> config = Map.of("schema.registry.url", "mock://" + scope);
        final SpecificAvroSerde<TrialRecord> trials = AvroSerdes.specific(TrialRecord.class, config, false);
        final StreamsBuilder builder = new StreamsBuilder();
        builder.stream("trials-raw", Consumed.with(Serdes.String(), trials))
                .filter((id, trial) -> trial.getStatus() != null)
                .mapValues(trial -> {
                    trial.setAcronym(trial.getAcronym() + "-seen");
                    return trial;
                })
                .to("trials-seen", Produced.with(Serdes.String(), trials));
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "mock-registry-topology");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");

        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
            final TestInputTopic<String, TrialRecord> in = driver.createInputTopic("trials-raw",
                    Serdes.String().serializer(), trials.serializer());
            final TestOutputTopic<String, TrialRecord> out = driver.createOutputTopic("trials-seen",
                    Serdes.String().deserializer(), trials.deserializer());
            in.pipeInput("NCT09996000", TestRecords.trial("NCT09996000"));

            final TrialRecord seen = out.readValue();
            assertThat(seen.getRegistryId()).isEqualTo("NCT09996000");
            assertThat(seen.getAcronym()).isEqualTo("EXO-ARDS-seen");
            assertThat(out.isEmpty()).isTrue();
        }
        assertThat(SchemaRegistryClients.create("mock://" + scope).getAllVersions("trials-seen-value"))
                .containsExactly(1);
    }
}
