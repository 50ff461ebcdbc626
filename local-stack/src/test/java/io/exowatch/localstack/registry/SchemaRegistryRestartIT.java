package io.exowatch.localstack.registry;

import static io.exowatch.localstack.junit.UniqueNames.uniqueName;
import static io.exowatch.localstack.registry.Schemas.field;
import static io.exowatch.localstack.registry.Schemas.fieldWithDefault;
import static io.exowatch.localstack.registry.Schemas.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.exowatch.localstack.EmbeddedSchemaRegistry;
import io.exowatch.localstack.LocalStack;
import io.exowatch.localstack.LocalStackException;
import io.exowatch.localstack.junit.EmbeddedStack;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Registries of their own on the shared broker, each with its own storage topic (so global settings and
 * restarts do not touch the shared registry): persistence across restarts, the global config, the storage
 * layout, and a clear failure when the port is taken.
 */
@EmbeddedStack(openSearch = false)
class SchemaRegistryRestartIT {

    private static final String V1 = record("Trial", field("id", "string"));
    private static final String V2 = record("Trial", field("id", "string"), fieldWithDefault("title", "string", "\"\""));
    private static final String ARTICLE = record("Article", field("doi", "string"));

    private LocalStack stack;
    private String topic;

    @BeforeEach
    void prepare(LocalStack stack) {
        this.stack = stack;
        this.topic = uniqueName("_schemas");
    }

    @Test
    void shouldKeepIdsVersionsAndConfigWhenRestartedOnTheSameBroker() {
        final int trialV1;
        final int trialV2;
        final int article;
        try (EmbeddedSchemaRegistry first = EmbeddedSchemaRegistry.start(stack.bootstrapServers(), 0, topic)) {
            final RegistryHttp http = new RegistryHttp(first.url());
            trialV1 = http.registerId("trials-raw-value", V1);
            trialV2 = http.registerId("trials-raw-value", V2);
            article = http.registerId("articles-raw-value", ARTICLE);
            http.setCompatibility("articles-raw-value", "FULL_TRANSITIVE");
            http.delete("/subjects/articles-raw-value/versions/1");
        }

        try (EmbeddedSchemaRegistry second = EmbeddedSchemaRegistry.start(stack.bootstrapServers(), 0, topic)) {
            final RegistryHttp http = new RegistryHttp(second.url());
            assertThat(List.of(trialV1, trialV2, article)).containsExactly(1, 2, 3);
            assertThat(http.get("/subjects/trials-raw-value/versions").text()).isEqualTo("[1,2]");
            final JsonNode latest = http.get("/subjects/trials-raw-value/versions/latest").json();
            assertThat(latest.get("id").asInt()).isEqualTo(trialV2);
            assertThat(latest.get("version").asInt()).isEqualTo(2);
            assertThat(http.get("/schemas/ids/" + trialV1).status()).isEqualTo(200);
            assertThat(http.get("/config/articles-raw-value").json().get("compatibilityLevel").asText())
                    .isEqualTo("FULL_TRANSITIVE");
            assertThat(http.get("/subjects/articles-raw-value/versions").errorCode())
                    .as("soft delete survives the restart").isEqualTo(40401);

            assertThat(http.registerId("trials-raw-value", V1)).as("known schema keeps its id").isEqualTo(trialV1);
            final String newSchema = record("Event", field("op", "string"));
            assertThat(http.registerId("trial-events-value", newSchema)).as("ids continue, never reused").isEqualTo(4);
        }
    }

    @Test
    void shouldStoreGlobalConfigAndStartFromTheDefaultBackward() {
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(stack.bootstrapServers(), 0, topic)) {
            final RegistryHttp http = new RegistryHttp(registry.url());
            assertThat(http.get("/config").text()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");

            assertThat(http.put("/config", "{\"compatibility\":\"NONE\"}").text()).isEqualTo("{\"compatibility\":\"NONE\"}");
            assertThat(http.get("/config").text()).isEqualTo("{\"compatibilityLevel\":\"NONE\"}");
            http.registerId("s-value", V1);
            assertThat(http.register("s-value", record("Trial", field("other", "int"))).status())
                    .as("NONE accepts any change").isEqualTo(200);
            assertThat(http.get("/config/s-value?defaultToGlobal=true").json().get("compatibilityLevel").asText())
                    .isEqualTo("NONE");
        }
        try (EmbeddedSchemaRegistry restarted = EmbeddedSchemaRegistry.start(stack.bootstrapServers(), 0, topic)) {
            assertThat(new RegistryHttp(restarted.url()).get("/config").text())
                    .isEqualTo("{\"compatibilityLevel\":\"NONE\"}");
        }
    }

    @Test
    void shouldStoreRecordsInACompactedTopicKeyedLikeConfluents() throws Exception {
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(stack.bootstrapServers(), 0, topic)) {
            final RegistryHttp http = new RegistryHttp(registry.url());
            http.registerId("trials-raw-value", V1);
            http.setCompatibility("trials-raw-value", "FULL");
        }

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            final TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            assertThat(description.partitions()).hasSize(1);
            final String cleanup = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, topic)))
                    .all().get().values().iterator().next().get("cleanup.policy").value();
            assertThat(cleanup).isEqualTo("compact");
        }
        final List<ConsumerRecord<byte[], byte[]>> records = readTopic(topic, 2);
        assertThat(records).hasSize(2);
        final JsonNode schemaKey = RegistryHttp.JSON.readTree(records.get(0).key());
        assertThat(schemaKey.toString())
                .isEqualTo("{\"keytype\":\"SCHEMA\",\"subject\":\"trials-raw-value\",\"version\":1,\"magic\":1}");
        final JsonNode schemaValue = RegistryHttp.JSON.readTree(records.get(0).value());
        assertThat(schemaValue.get("subject").asText()).isEqualTo("trials-raw-value");
        assertThat(schemaValue.get("id").asInt()).isEqualTo(1);
        assertThat(schemaValue.get("version").asInt()).isEqualTo(1);
        assertThat(schemaValue.get("deleted").asBoolean()).isFalse();
        assertThat(schemaValue.get("schema").asText()).contains("\"name\":\"Trial\"");
        assertThat(new String(records.get(1).key(), StandardCharsets.UTF_8))
                .isEqualTo("{\"keytype\":\"CONFIG\",\"subject\":\"trials-raw-value\",\"magic\":0}");
        assertThat(new String(records.get(1).value(), StandardCharsets.UTF_8))
                .isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
    }

    @Test
    void shouldFailClearlyWhenThePortIsTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            final int port = taken.getLocalPort();

            assertThatThrownBy(() -> EmbeddedSchemaRegistry.start(stack.bootstrapServers(), port, topic))
                    .isInstanceOf(LocalStackException.class)
                    .hasMessageContaining("Schema registry port " + port)
                    .hasMessageContaining("already in use");
        }
    }

    @Test
    void shouldServeRegistrationsFromConcurrentClientsWithDistinctIds() throws Exception {
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(stack.bootstrapServers(), 0, topic)) {
            final RegistryHttp http = new RegistryHttp(registry.url());
            final List<Thread> threads = new ArrayList<>();
            final List<Integer> ids = Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < 8; i++) {
                final String schema = record("Concurrent" + i, field("id", "string"));
                final String subject = "concurrent-" + i + "-value";
                final Thread thread = new Thread(() -> ids.add(http.registerId(subject, schema)));
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join(Duration.ofSeconds(30).toMillis());
            }
            assertThat(ids).hasSize(8).doesNotHaveDuplicates().allMatch(id -> id >= 1 && id <= 8);
        }
    }

    private List<ConsumerRecord<byte[], byte[]>> readTopic(String name, int expected) {
        final Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(new TopicPartition(name, 0)));
            consumer.seekToBeginning(List.of(new TopicPartition(name, 0)));
            final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
