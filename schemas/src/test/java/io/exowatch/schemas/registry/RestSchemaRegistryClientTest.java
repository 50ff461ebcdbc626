package io.exowatch.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The REST client against a loopback stub answering exactly as Confluent's registry does (paths, content type,
 * error bodies), plus the failures a real registry rarely gives on demand: 5xx, silence, oversized answers.
 */
class RestSchemaRegistryClientTest {

    private static final Schema SCHEMA = SchemaBuilder.record("Sample").namespace("io.exowatch.test").fields()
            .requiredString("id").endRecord();
    private static final SchemaRegistryClientConfig FAST_RETRIES = SchemaRegistryClientConfig.defaults()
            .withRetryBackoff(Duration.ofMillis(20), Duration.ofMillis(100));

    private final StubHttpServer stub = new StubHttpServer();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void shouldRegisterWithConfluentsContentTypeAndAnswerLaterCallsFromCache() throws Exception {
        stub.answer(200, "{\"id\":7}");
        final SchemaRegistryClient client = SchemaRegistryClients.create(stub.url(), FAST_RETRIES);

        final int id = client.register("trials-raw-value", SCHEMA);

        assertThat(id).isEqualTo(7);
        assertThat(client.register("trials-raw-value", SCHEMA)).isEqualTo(7);
        assertThat(client.getId("trials-raw-value", SCHEMA)).isEqualTo(7);
        assertThat(client.getSchemaById(7)).isSameAs(SCHEMA);
        assertThat(stub.requests()).hasSize(1);
        final StubHttpServer.Request request = stub.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/subjects/trials-raw-value/versions");
        assertThat(request.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(request.accept()).startsWith("application/vnd.schemaregistry.v1+json");
        assertThat(new Schema.Parser().parse(json.readTree(request.body()).get("schema").asText())).isEqualTo(SCHEMA);
    }

    @Test
    void shouldFetchASchemaByIdOnceAndThenServeItFromCache() {
        stub.answer(200, "{\"schema\":" + quoted(SCHEMA.toString()) + "}");
        final SchemaRegistryClient client = SchemaRegistryClients.create(stub.url(), FAST_RETRIES);

        assertThat(client.getSchemaById(9)).isEqualTo(SCHEMA);
        assertThat(client.getSchemaById(9)).isEqualTo(SCHEMA);

        assertThat(stub.requests()).singleElement()
                .satisfies(r -> assertThat(r.method() + " " + r.path()).isEqualTo("GET /schemas/ids/9"));
    }

    @Test
    void shouldLookUpReadLatestAndListVersions() {
        final String metadata = "{\"subject\":\"s-value\",\"id\":3,\"version\":2,\"schema\":"
                + quoted(SCHEMA.toString()) + "}";
        stub.answer(200, metadata).answer(200, metadata).answer(200, "[1,2]");
        final SchemaRegistryClient client = SchemaRegistryClients.create(stub.url(), FAST_RETRIES);

        final SchemaMetadata found = client.lookup("s-value", SCHEMA);
        final SchemaMetadata latest = client.getLatestSchemaMetadata("s-value");

        assertThat(found.id()).isEqualTo(3);
        assertThat(found.version()).isEqualTo(2);
        assertThat(latest.schema()).isEqualTo(SCHEMA);
        assertThat(client.getAllVersions("s-value")).containsExactly(1, 2);
        assertThat(stub.requests()).extracting(r -> r.method() + " " + r.path()).containsExactly(
                "POST /subjects/s-value", "GET /subjects/s-value/versions/latest", "GET /subjects/s-value/versions");
    }

    @Test
    void shouldRejectIncompatibleSchemaWith409NamingTheSubjectAndTheRegistrysReason() {
        stub.answer(409, "{\"error_code\":409,\"message\":\"Schema being registered is incompatible with an"
                + " earlier schema for subject \\\"trials-raw-value\\\", details: [READER_FIELD_MISSING_DEFAULT_VALUE]\"}");
        final SchemaRegistryClient client = SchemaRegistryClients.create(stub.url(), FAST_RETRIES);

        assertThatThrownBy(() -> client.register("trials-raw-value", SCHEMA))
                .isInstanceOfSatisfying(IncompatibleSchemaException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo(409);
                    assertThat(e.subject()).isEqualTo("trials-raw-value");
                    assertThat(e.url()).isEqualTo("POST " + stub.url() + "/subjects/trials-raw-value/versions");
                })
                .hasMessageContaining("subject 'trials-raw-value'")
                .hasMessageContaining("READER_FIELD_MISSING_DEFAULT_VALUE");
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void shouldCarryStatusErrorCodeMessageAndUrlOfA404WithoutRetrying() {
        stub.answer(404, "{\"error_code\":40403,\"message\":\"Schema 77 not found\"}");
        final SchemaRegistryClient client = SchemaRegistryClients.create(stub.url(), FAST_RETRIES);

        assertThatThrownBy(() -> client.getSchemaById(77))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(40403);
                    assertThat(e.registryMessage()).isEqualTo("Schema 77 not found");
                    assertThat(e.url()).isEqualTo("GET " + stub.url() + "/schemas/ids/77");
                })
                .hasMessageContaining("HTTP 404 (error_code 40403) from GET " + stub.url() + "/schemas/ids/77");
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void shouldQuoteANonJsonErrorBody() {
        stub.answer(401, "<html>Unauthorized</html>");
        final SchemaRegistryClient client = SchemaRegistryClients.create(stub.url(), FAST_RETRIES);

        assertThatThrownBy(() -> client.getAllVersions("s-value"))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.NO_STATUS);
                })
                .hasMessageContaining("<html>Unauthorized</html>");
    }

    @Test
    void shouldRetryServerErrorsAndSucceedWhenTheRegistryRecovers() {
        stub.answer(503, "{\"error_code\":50003,\"message\":\"Error while forwarding the request\"}")
                .answer(500, "oops")
                .answer(200, "{\"id\":11}");
        final SchemaRegistryClient client = SchemaRegistryClients.create(stub.url(), FAST_RETRIES);

        assertThat(client.register("s-value", SCHEMA)).isEqualTo(11);
        assertThat(stub.requests()).hasSize(3);
    }

    @Test
    void shouldGiveUpAfterBoundedRetriesNamingTheUrlAndAttempts() {
        stub.answer(500, "{\"error_code\":50001,\"message\":\"Error in the backend data store\"}");
        final SchemaRegistryClient client = SchemaRegistryClients.create(stub.url(), FAST_RETRIES.withMaxRetries(2));

        assertThatThrownBy(() -> client.getSchemaById(1))
                .isInstanceOfSatisfying(SchemaRegistryUnavailableException.class, e -> {
                    assertThat(e.attempts()).isEqualTo(3);
                    assertThat(e.status()).isEqualTo(500);
                    assertThat(e.errorCode()).isEqualTo(50001);
                })
                .hasMessageContaining("GET /schemas/ids/1 failed after 3 attempts against [" + stub.url() + "]")
                .hasMessageContaining("Error in the backend data store");
        assertThat(stub.requests()).hasSize(3);
    }

    @Test
    void shouldFailOverToTheNextUrlWhenOneRefusesConnections() {
        stub.answer(200, "{\"id\":5}");
        final String dead = "http://127.0.0.1:" + StubHttpServer.closedPort();
        final SchemaRegistryClient client = SchemaRegistryClients.create(dead + ", " + stub.url(), FAST_RETRIES);

        assertThat(client.register("s-value", SCHEMA)).isEqualTo(5);
        assertThat(client.url()).contains(dead).contains(stub.url());
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void shouldWaitWithGrowingBackoffThenNameTheUnreachableUrl() {
        final String dead = "http://127.0.0.1:" + StubHttpServer.closedPort();
        final SchemaRegistryClient client = SchemaRegistryClients.create(dead,
                SchemaRegistryClientConfig.defaults().withRetryBackoff(Duration.ofMillis(50), Duration.ofSeconds(1)));
        final long start = System.nanoTime();

        assertThatThrownBy(() -> client.getLatestSchemaMetadata("s-value"))
                .isInstanceOfSatisfying(SchemaRegistryUnavailableException.class, e -> {
                    assertThat(e.attempts()).isEqualTo(4);
                    assertThat(e.status()).isEqualTo(SchemaRegistryException.NO_STATUS);
                })
                .hasMessageContaining("failed after 4 attempts against [" + dead + "]")
                .hasMessageContaining("ConnectException");

        // 3 retries wait 50 + 100 + 200 ms (plus up to 25% jitter): bounded, and not skipped.
        final long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(elapsedMs).isBetween(350L, 5_000L);
    }

    @Test
    void shouldTimeOutASilentRegistry() {
        final CountDownLatch release = new CountDownLatch(1);
        stub.answerAfter(() -> await(release), 200, "{\"id\":1}");
        final SchemaRegistryClient client = SchemaRegistryClients.create(stub.url(), FAST_RETRIES.withMaxRetries(0)
                .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300)));
        try {
            assertThatThrownBy(() -> client.register("s-value", SCHEMA))
                    .isInstanceOf(SchemaRegistryUnavailableException.class)
                    .hasMessageContaining("HttpTimeoutException")
                    .hasMessageContaining("300 ms");
        } finally {
            release.countDown();
        }
    }

    @Test
    void shouldRefuseAnOversizedAnswerWithoutRetrying() {
        stub.answer(200, "{\"schema\":\"" + "x".repeat(5000) + "\"}");
        final SchemaRegistryClientConfig small = new SchemaRegistryClientConfig(Duration.ofSeconds(1),
                Duration.ofSeconds(5), 3, Duration.ofMillis(10), Duration.ofMillis(10), 1024);
        final SchemaRegistryClient client = SchemaRegistryClients.create(stub.url(), small);

        assertThatThrownBy(() -> client.getSchemaById(1))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("larger than 1024 bytes");
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void shouldEncodeSubjectNamesAsPathSegments() {
        stub.answer(200, "[1]");
        final SchemaRegistryClient client = SchemaRegistryClients.create(stub.url() + "/", FAST_RETRIES);

        client.getAllVersions("odd name/with slash-value");

        assertThat(stub.requests()).singleElement()
                .satisfies(r -> assertThat(r.path()).isEqualTo("/subjects/odd%20name%2Fwith%20slash-value/versions"));
    }

    @Test
    void shouldTestCompatibilityVerbosely() {
        stub.answer(200, "{\"is_compatible\":false,\"messages\":[\"{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE'}\","
                + "\"{compatibility: 'BACKWARD'}\"]}");
        final SchemaRegistryClient client = SchemaRegistryClients.create(stub.url(), FAST_RETRIES);

        final CompatibilityResult result = client.testCompatibility("s-value", SCHEMA);

        assertThat(result.compatible()).isFalse();
        assertThat(result.messages()).hasSize(2).first().asString().contains("READER_FIELD_MISSING_DEFAULT_VALUE");
        assertThat(stub.requests()).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/compatibility/subjects/s-value/versions/latest");
            assertThat(r.query()).isEqualTo("verbose=true");
        });
    }

    @Test
    void shouldReadAndSetGlobalAndSubjectLevels() throws Exception {
        stub.answer(200, "{\"compatibilityLevel\":\"FULL\"}")
                .answer(200, "{\"compatibility\":\"NONE\"}")
                .answer(404, "{\"error_code\":40408,\"message\":\"Subject 's-value' does not have subject-level"
                        + " compatibility configured\"}");
        final SchemaRegistryClient client = SchemaRegistryClients.create(stub.url(), FAST_RETRIES);

        assertThat(client.getGlobalCompatibility()).isEqualTo(CompatibilityLevel.FULL);
        assertThat(client.setSubjectCompatibility("s-value", CompatibilityLevel.NONE))
                .isEqualTo(CompatibilityLevel.NONE);
        assertThat(client.getSubjectCompatibility("s-value")).isEmpty();
        final StubHttpServer.Request put = stub.requests().get(1);
        assertThat(put.method() + " " + put.path()).isEqualTo("PUT /config/s-value");
        assertThat(json.readTree(put.body()).get("compatibility").asText()).isEqualTo("NONE");
    }

    @Test
    void shouldRejectAnUnparseableSchemaFromTheRegistry() {
        stub.answer(200, "{\"schema\":\"{not avro\"}");
        final SchemaRegistryClient client = SchemaRegistryClients.create(stub.url(), FAST_RETRIES);

        assertThatThrownBy(() -> client.getSchemaById(3))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("unparseable Avro schema for schema id 3");
    }

    @Test
    void shouldRejectANonAvroSchemaType() {
        stub.answer(200, "{\"schema\":\"syntax = \\\"proto3\\\";\",\"schemaType\":\"PROTOBUF\"}");
        final SchemaRegistryClient client = SchemaRegistryClients.create(stub.url(), FAST_RETRIES);

        assertThatThrownBy(() -> client.getSchemaById(4))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("PROTOBUF, not AVRO");
    }

    private String quoted(final String text) {
        try {
            return json.writeValueAsString(text);
        } catch (final Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(final CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
