package io.exowatch.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exowatch.localstack.internal.FreePorts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stacks of their own (not the shared one): a persistent run restarted, and starts that fail halfway. */
class LocalStackIT {

    private static final String SCHEMA = "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Trial\\\","
            + "\\\"fields\\\":[{\\\"name\\\":\\\"id\\\",\\\"type\\\":\\\"string\\\"}]}\"}";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path tempDir;

    @Test
    void shouldKeepSchemasAndDocumentsWhenAPersistentStackRestarts() throws Exception {
        final Path dataDir = tempDir.resolve("exowatch-data");
        final int kafkaPort;
        final int registryPort;
        final int openSearchPort;
        try (LocalStack stack = LocalStack.builder().freePorts().dataDir(dataDir).start()) {
            assertThat(stack.hasKafka() && stack.hasSchemaRegistry() && stack.hasOpenSearch()).isTrue();
            kafkaPort = stack.kafka().port();
            registryPort = stack.schemaRegistry().port();
            openSearchPort = stack.openSearch().port();
            assertThat(send("POST", stack.schemaRegistryUrl() + "/subjects/trials-raw-value/versions", SCHEMA))
                    .isEqualTo("{\"id\":1,\"version\":1,\"schema\":"
                            + "\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Trial\\\",\\\"fields\\\":"
                            + "[{\\\"name\\\":\\\"id\\\",\\\"type\\\":\\\"string\\\"}]}\"}");
            send("PUT", stack.openSearchUrl() + "/trials/_doc/NCT03608631?refresh=true", "{\"title\":\"MSC exosomes\"}");
        }
        assertThat(FreePorts.isFree(kafkaPort)).as("broker port released").isTrue();
        assertThat(FreePorts.isFree(registryPort)).as("registry port released").isTrue();
        assertThat(FreePorts.isFree(openSearchPort)).as("OpenSearch port released").isTrue();
        assertThat(dataDir.resolve("kafka/meta.properties")).exists();

        try (LocalStack stack = LocalStack.builder().freePorts().dataDir(dataDir).withOpenSearch(true).start()) {
            assertThat(send("GET", stack.schemaRegistryUrl() + "/subjects/trials-raw-value/versions/latest", null))
                    .contains("\"id\":1").contains("\"version\":1");
            assertThat(send("GET", stack.openSearchUrl() + "/trials/_doc/NCT03608631", null))
                    .contains("MSC exosomes");
        }
    }

    @Test
    void shouldCloseTheBrokerAndNameTheRegistryWhenTheRegistryFailsToStart() throws IOException {
        final int kafkaPort = FreePorts.pick();
        try (ServerSocket taken = bindAnyPort()) {
            final LocalStack.Builder builder = LocalStack.builder().freePorts().withOpenSearch(false)
                    .kafkaPort(kafkaPort).schemaRegistryPort(taken.getLocalPort());

            assertThatThrownBy(builder::start)
                    .isInstanceOf(LocalStackException.class)
                    .hasMessageContaining("schema registry failed")
                    .hasMessageContaining("port " + taken.getLocalPort());
        }
        assertThat(FreePorts.isFree(kafkaPort)).as("the broker that had started is closed").isTrue();
    }

    @Test
    void shouldCloseTheBrokerAndNameOpenSearchWhenOpenSearchFailsToStart() throws IOException {
        final int kafkaPort = FreePorts.pick();
        try (ServerSocket taken = bindAnyPort()) {
            final LocalStack.Builder builder = LocalStack.builder().freePorts()
                    .kafkaPort(kafkaPort).openSearchPort(taken.getLocalPort());

            assertThatThrownBy(builder::start)
                    .isInstanceOf(LocalStackException.class)
                    .hasMessageContaining("OpenSearch node failed")
                    .hasMessageContaining("OpenSearch HTTP port " + taken.getLocalPort());
        }
        assertThat(FreePorts.isFree(kafkaPort)).as("the broker started in parallel is closed").isTrue();
    }

    @Test
    void shouldRefuseARegistryWithoutKafka() {
        assertThatThrownBy(() -> LocalStack.builder().freePorts().withKafka(false).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs withKafka(true)");
    }

    @Test
    void shouldNameTheMissingComponentWhenItsUrlIsAskedFor() {
        try (LocalStack stack = LocalStack.builder().freePorts().withSchemaRegistry(false).withOpenSearch(false)
                .start()) {
            assertThat(stack.bootstrapServers()).startsWith("127.0.0.1:");
            assertThatThrownBy(stack::openSearchUrl).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("without OpenSearch");
            assertThatThrownBy(stack::schemaRegistryUrl).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("without a schema registry");
        }
    }

    private static ServerSocket bindAnyPort() throws IOException {
        final ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return socket;
    }

    private String send(String method, String url, String body) throws IOException, InterruptedException {
        final HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        final HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %s", method, url, response.body()).isBetween(200, 201);
        return response.body();
    }
}
