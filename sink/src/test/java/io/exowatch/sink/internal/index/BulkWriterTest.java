package io.exowatch.sink.internal.index;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bulk writer against a local HTTP server answering like OpenSearch's {@code _bulk}. */
class BulkWriterTest {

  private final ObjectMapper json = new ObjectMapper();
  private final List<Long> sleeps = new ArrayList<>();
  private WireMockServer server;
  private OpenSearchHttp http;
  private BulkWriter writer;

  @BeforeEach
  void start() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    http = OpenSearchHttp.connect(URI.create("http://127.0.0.1:" + server.port()), json);
    writer = new BulkWriter(http, new RetryPolicy(3, Duration.ofMillis(100), sleeps::add));
  }

  @AfterEach
  void stop() throws Exception {
    http.close();
    server.stop();
  }

  private Pending.Write write(final String id, final long version) throws Exception {
    final Map<String, Object> doc = Map.of("id", id, "title", "t " + id);
    return new Pending.Write(new Pending.Origin("trials-enriched", 0, version, id, new byte[] {1}), "trials", id, version,
        doc, json.writeValueAsBytes(doc));
  }

  private static String items(final String... items) {
    return "{\"took\":1,\"errors\":true,\"items\":[" + String.join(",", items) + "]}";
  }

  private static String item(final String op, final int status, final String error) {
    return "{\"" + op + "\":{\"_index\":\"trials-v1\",\"_id\":\"x\",\"status\":" + status
        + (error == null ? "" : ",\"error\":" + error) + "}}";
  }

  @Test
  void shouldSendIndexAndDeleteLinesWithExternalVersions() throws Exception {
    server.stubFor(post("/_bulk").willReturn(aResponse().withStatus(200)
        .withBody(items(item("index", 201, null), item("delete", 404, null)))));
    final Pending.Write tombstone = new Pending.Write(new Pending.Origin("trials-enriched", 0, 9, "NCT2", null),
        "trials", "NCT2", 9, null, null);
    final BulkOutcome outcome = writer.write(List.of(write("NCT1", 7), tombstone));
    assertThat(outcome.indexed()).isEqualTo(1);
    assertThat(outcome.deleted()).isEqualTo(1);
    final String body = server.getAllServeEvents().get(0).getRequest().getBodyAsString();
    final String doc = new String(json.writeValueAsBytes(Map.of("id", "NCT1", "title", "t NCT1")), StandardCharsets.UTF_8);
    assertThat(body).isEqualTo(
        "{\"index\":{\"_index\":\"trials\",\"_id\":\"NCT1\",\"version\":7,\"version_type\":\"external\"}}\n"
            + doc + "\n"
            + "{\"delete\":{\"_index\":\"trials\",\"_id\":\"NCT2\",\"version\":9,\"version_type\":\"external\"}}\n");
    server.verify(postRequestedFor(urlEqualTo("/_bulk")).withHeader("Content-Type", containing("application/x-ndjson")));
  }

  @Test
  void shouldCountVersionConflictsWithoutTreatingThemAsErrors() throws Exception {
    server.stubFor(post("/_bulk").willReturn(aResponse().withStatus(200).withBody(items(item("index", 409,
        "{\"type\":\"version_conflict_engine_exception\",\"reason\":\"current version [9] is higher\"}")))));
    final BulkOutcome outcome = writer.write(List.of(write("NCT1", 3)));
    assertThat(outcome.conflicts()).isEqualTo(1);
    assertThat(outcome.rejected()).isEmpty();
    assertThat(sleeps).isEmpty();
  }

  @Test
  void shouldReturnMappingErrorsAsRejectionsWithTheOpenSearchReason() throws Exception {
    server.stubFor(post("/_bulk").willReturn(aResponse().withStatus(200).withBody(items(item("index", 201, null),
        item("index", 400, "{\"type\":\"mapper_parsing_exception\",\"reason\":\"failed to parse field [startDate] of type [date]\","
            + "\"caused_by\":{\"type\":\"illegal_argument_exception\",\"reason\":\"failed to parse date field [March 2019]\"}}")))));
    final BulkOutcome outcome = writer.write(List.of(write("NCT1", 1), write("NCT2", 2)));
    assertThat(outcome.indexed()).isEqualTo(1);
    assertThat(outcome.rejected()).singleElement().satisfies(r -> {
      assertThat(r.write().id()).isEqualTo("NCT2");
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.type()).isEqualTo("mapper_parsing_exception");
      assertThat(r.reason()).contains("failed to parse field [startDate]").contains("[March 2019]");
    });
    assertThat(sleeps).isEmpty();
  }

  @Test
  void shouldRetryAWholeRequestAnswered429WithBackoff() throws Exception {
    server.stubFor(post("/_bulk").inScenario("busy").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(429).withBody("{\"error\":{\"type\":\"es_rejected_execution_exception\"},\"status\":429}"))
        .willSetStateTo("second"));
    server.stubFor(post("/_bulk").inScenario("busy").whenScenarioStateIs("second")
        .willReturn(aResponse().withStatus(503).withBody("unavailable")).willSetStateTo("ok"));
    server.stubFor(post("/_bulk").inScenario("busy").whenScenarioStateIs("ok")
        .willReturn(aResponse().withStatus(200).withBody(items(item("index", 201, null)))));
    assertThat(writer.write(List.of(write("NCT1", 1))).indexed()).isEqualTo(1);
    assertThat(sleeps).hasSize(2);
    assertThat(sleeps.get(0)).isBetween(50L, 100L);
    assertThat(sleeps.get(1)).isBetween(100L, 200L);
  }

  @Test
  void shouldRetryOnlyTheItemsAnswered429() throws Exception {
    server.stubFor(post("/_bulk").inScenario("items").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(200).withBody(items(item("index", 201, null),
            item("index", 429, "{\"type\":\"es_rejected_execution_exception\",\"reason\":\"queue full\"}"))))
        .willSetStateTo("ok"));
    server.stubFor(post("/_bulk").inScenario("items").whenScenarioStateIs("ok")
        .willReturn(aResponse().withStatus(200).withBody(items(item("index", 201, null)))));
    final BulkOutcome outcome = writer.write(List.of(write("NCT1", 1), write("NCT2", 2)));
    assertThat(outcome.indexed()).isEqualTo(2);
    final List<LoggedRequest> requests = server.findAll(postRequestedFor(urlEqualTo("/_bulk")));
    assertThat(requests).hasSize(2);
    final String second = requests.stream().map(LoggedRequest::getBodyAsString).filter(b -> !b.contains("NCT1")).findFirst().orElseThrow();
    assertThat(second).contains("\"_id\":\"NCT2\"");
    assertThat(sleeps).hasSize(1);
  }

  @Test
  void shouldGiveUpAfterTheRetryLimitNamingTheUrlAndStatus() throws Exception {
    server.stubFor(post("/_bulk").willReturn(aResponse().withStatus(502).withBody("bad gateway")));
    assertThatThrownBy(() -> writer.write(List.of(write("NCT1", 1))))
        .isInstanceOfSatisfying(BulkFailedException.class, e -> assertThat(e.isTransient()).isTrue())
        .hasMessageContaining("127.0.0.1:" + server.port()).hasMessageContaining("after 3 retries")
        .hasMessageContaining("HTTP 502");
    assertThat(sleeps).hasSize(3);
    server.verify(4, postRequestedFor(urlEqualTo("/_bulk")));
  }

  @Test
  void shouldFailAtOnceWhenTheRequestIsRefusedWith4xx() throws Exception {
    server.stubFor(post("/_bulk").willReturn(aResponse().withStatus(403).withBody("{\"error\":\"forbidden\"}")));
    assertThatThrownBy(() -> writer.write(List.of(write("NCT1", 1))))
        .hasMessageContaining("refused, HTTP 403")
        .isInstanceOfSatisfying(BulkFailedException.class, e -> assertThat(e.isTransient()).isFalse());
    assertThat(sleeps).isEmpty();
    server.verify(1, postRequestedFor(urlEqualTo("/_bulk")).withRequestBody(containing("NCT1")));
  }

  @Test
  void shouldRetryConnectionFailures() throws Exception {
    final int port = server.port();
    server.stop();
    assertThatThrownBy(() -> writer.write(List.of(write("NCT1", 1))))
        .isInstanceOf(BulkFailedException.class).hasMessageContaining("127.0.0.1:" + port);
    assertThat(sleeps).hasSize(3);
  }
}
