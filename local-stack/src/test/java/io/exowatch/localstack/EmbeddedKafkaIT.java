package io.exowatch.localstack;

import static io.exowatch.localstack.junit.UniqueNames.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.exowatch.localstack.junit.EmbeddedStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared broker: plain produce/consume, transactions, exactly-once Kafka Streams, topic creation. */
@EmbeddedStack(openSearch = false)
class EmbeddedKafkaIT {

    private LocalStack stack;

    @TempDir
    Path stateDir;

    @BeforeEach
    void prepare(LocalStack stack) {
        this.stack = stack;
    }

    @Test
    void shouldDeliverProducedRecordsToAConsumer() throws Exception {
        final String topic = uniqueName("trials-raw");
        stack.createTopic(topic, 3, false);
        try (KafkaProducer<String, String> producer =
                EmbeddedKafkaRestartIT.producer(stack.bootstrapServers())) {
            for (int i = 0; i < 30; i++) {
                producer.send(new ProducerRecord<>(topic, "NCT0000000" + i, "trial " + i)).get();
            }
        }

        final List<ConsumerRecord<String, String>> records =
                EmbeddedKafkaRestartIT.readAll(stack.bootstrapServers(), topic, 30);

        assertThat(records).hasSize(30);
        assertThat(records).extracting(ConsumerRecord::value).contains("trial 0", "trial 29");
        assertThat(records).extracting(ConsumerRecord::partition).containsOnly(0, 1, 2);
    }

    @Test
    void shouldHideAbortedTransactionsFromReadCommittedConsumers() throws Exception {
        final String topic = uniqueName("trial-events");
        stack.createTopic(topic, 1, false);
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, uniqueName("tx"));
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "NCT1", "aborted"));
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "NCT1", "committed"));
            producer.commitTransaction();
        }

        final List<ConsumerRecord<String, String>> records =
                EmbeddedKafkaRestartIT.readAll(stack.bootstrapServers(), topic, 1);

        assertThat(records).extracting(ConsumerRecord::value).containsExactly("committed");
    }

    @Test
    void shouldRunAnExactlyOnceStreamsApplication() throws Exception {
        final String input = uniqueName("articles-raw");
        final String output = uniqueName("articles-enriched");
        stack.createTopic(input, 1, true);
        stack.createTopic(output, 1, true);
        final StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()))
                .mapValues(value -> value.toUpperCase(Locale.ROOT))
                .to(output, Produced.with(Serdes.String(), Serdes.String()));
        final Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, uniqueName("eos-app"));
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.STATE_DIR_CONFIG, Files.createDirectories(stateDir.resolve("streams")).toString());
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
        final AtomicReference<KafkaStreams.State> state = new AtomicReference<>();
        try (KafkaStreams streams = new KafkaStreams(builder.build(), config)) {
            streams.setStateListener((newState, oldState) -> state.set(newState));
            streams.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> state.get() == KafkaStreams.State.RUNNING);
            try (KafkaProducer<String, String> producer =
                    EmbeddedKafkaRestartIT.producer(stack.bootstrapServers())) {
                producer.send(new ProducerRecord<>(input, "doi:10.1/x", "exosome")).get();
            }

            final List<ConsumerRecord<String, String>> records =
                    EmbeddedKafkaRestartIT.readAll(stack.bootstrapServers(), output, 1);

            assertThat(records).extracting(ConsumerRecord::value).containsExactly("EXOSOME");
            streams.close(Duration.ofSeconds(30));
            streams.cleanUp();
        }
    }

    @Test
    void shouldCreateTopicsIdempotentlyWithTheAskedCleanupPolicy() throws Exception {
        final String topic = uniqueName("trials-enriched");

        stack.createTopic(topic, 2, true);
        stack.createTopic(topic, 5, false);

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            final TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            assertThat(description.partitions()).as("second call leaves the topic as it was").hasSize(2);
            final String cleanup = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, topic)))
                    .all().get().values().iterator().next().get("cleanup.policy").value();
            assertThat(cleanup).isEqualTo("compact");
        }
    }
}
