package io.exowatch.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exowatch.localstack.internal.FreePorts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Brokers of their own (not the shared stack): persistence across restarts, temp-dir cleanup, port clashes. */
class EmbeddedKafkaRestartIT {

    @TempDir
    Path tempDir;

    @Test
    void shouldKeepClusterIdAndRecordsWhenPersistentBrokerRestarts() throws Exception {
        final Path dataDir = tempDir.resolve("kafka");
        final String clusterId;
        try (EmbeddedKafka first = EmbeddedKafka.builder().dataDir(dataDir).start()) {
            clusterId = first.clusterId();
            first.createTopic("restart-topic", 1, true);
            try (KafkaProducer<String, String> producer = producer(first.bootstrapServers())) {
                producer.send(new ProducerRecord<>("restart-topic", "NCT03608631", "before restart")).get();
            }
        }
        assertThat(dataDir.resolve("meta.properties")).exists();

        try (EmbeddedKafka second = EmbeddedKafka.builder().dataDir(dataDir).start()) {
            assertThat(second.clusterId()).isEqualTo(clusterId);
            final List<ConsumerRecord<String, String>> records = readAll(second.bootstrapServers(), "restart-topic", 1);
            assertThat(records).extracting(ConsumerRecord::key, ConsumerRecord::value)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("NCT03608631", "before restart"));
        }
    }

    @Test
    void shouldDeleteTemporaryDataDirOnClose() {
        final Path dataDir;
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().start()) {
            dataDir = kafka.dataDir();
            assertThat(dataDir.resolve("meta.properties")).exists();
        }
        assertThat(Files.exists(dataDir)).as("temporary log dir %s deleted", dataDir).isFalse();
    }

    @Test
    void shouldFailFastNamingThePortWhenFixedPortIsTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            final int port = taken.getLocalPort();
            assertThatThrownBy(() -> EmbeddedKafka.builder().port(port).start())
                    .isInstanceOf(LocalStackException.class)
                    .hasMessageContaining("Kafka broker port " + port)
                    .hasMessageContaining("already in use");
        }
        assertThat(FreePorts.pick()).isPositive();
    }

    static KafkaProducer<String, String> producer(String bootstrapServers) {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    static List<ConsumerRecord<String, String>> readAll(String bootstrapServers, String topic, int expected) {
        final Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + topic + "-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        final List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
