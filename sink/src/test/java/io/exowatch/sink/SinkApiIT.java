package io.exowatch.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.exowatch.localstack.LocalStack;
import io.exowatch.localstack.junit.EmbeddedStack;
import io.exowatch.sink.internal.http.HttpApi;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The HTTP API's validation, errors, health, metrics and headers, on a running sink. */
@EmbeddedStack
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SinkApiIT {

  private SinkHarness h;
  private SinkService sink;

  @BeforeAll
  void start(final LocalStack stack) throws Exception {
    h = new SinkHarness(stack);
    sink = h.startSink();
    h.publish("NCT30000001", TestRecords.ardsTrial("NCT30000001", "Exosomes for ARDS"));
    h.awaitTrial(sink, "NCT30000001");
  }

  @AfterAll
  void stop() {
    sink.close();
    h.close();
  }

  private void assertBadRequest(final String path, final String message) throws Exception {
    final SinkHarness.Answer a = h.get(sink, path);
    assertThat(a.status()).as(path).isEqualTo(400);
    assertThat(a.response().headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    final JsonNode body = h.json.readTree(a.body());
    assertThat(body.path("status").asInt()).isEqualTo(400);
    assertThat(body.path("error").asText()).contains(message);
  }

  @Test
  void shouldRefuseUnknownParametersAndValuesWith400NamingThem() throws Exception {
    assertBadRequest("/api/trials?colour=red", "Unknown parameter 'colour'");
    assertBadRequest("/api/trials?phase=PHASE9", "Unknown value 'PHASE9' for phase");
    assertBadRequest("/api/trials?collapse=maybe", "'collapse' must be true or false, was 'maybe'");
    assertBadRequest("/api/articles?kind=NOVEL", "Unknown value 'NOVEL' for kind");
    assertBadRequest("/api/events?category=NOPE", "Unknown value 'NOPE' for category");
    assertBadRequest("/api/trials/NCT30000001?verbose=1", "Unknown parameter 'verbose'");
  }

  @Test
  void shouldRefuseASizeOverOneHundredWith400() throws Exception {
    assertBadRequest("/api/trials?size=101", "'size' must be between 0 and 100, was 101");
    assertBadRequest("/api/articles?size=1000", "'size' must be between 0 and 100");
  }

  @Test
  void shouldRefuseMalformedIdsWith400AndUnknownIdsWith404() throws Exception {
    assertBadRequest("/api/trials/NCT%3Cscript%3E", "Malformed trial id");
    assertBadRequest("/api/articles/isbn:12345", "Malformed article id");
    final SinkHarness.Answer missing = h.get(sink, "/api/trials/NCT99999999");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(h.json.readTree(missing.body()).path("error").asText()).isEqualTo("No trial with id NCT99999999");
    assertThat(h.get(sink, "/api/articles/pmid:123").status()).isEqualTo(404);
    assertThat(h.get(sink, "/api/nothing-here").status()).isEqualTo(404);
  }

  @Test
  void shouldTreatQuerySyntaxAsPlainTextNeverAsAQueryLanguage() throws Exception {
    // Raw query_string would fail on these or let users address fields; simple_query_string does neither.
    for (final String q : new String[] {"title:(a OR", "_id:NCT30000001", "*:*", "\"unclosed", "a && b || !c", "exosome)\\"}) {
      final SinkHarness.Answer a = h.get(sink, "/api/trials?q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8));
      assertThat(a.status()).as(q).isEqualTo(200);
    }
    // A GET by id is real time; search sees the trial after the index's next refresh.
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
        assertThat(h.getJson(sink, "/api/trials?q=ARDS").path("total").asLong()).isEqualTo(1));
  }

  @Test
  void shouldReportReadyWhenKafkaAndOpenSearchAnswer() throws Exception {
    final JsonNode health = h.getJson(sink, "/health");
    assertThat(health.path("status").asText()).isEqualTo("UP");
    assertThat(health.path("components").path("kafka").asText()).isEqualTo("UP");
    assertThat(health.path("components").path("opensearch").asText()).isEqualTo("UP");
  }

  @Test
  void shouldExposePrometheusMetrics() throws Exception {
    h.getJson(sink, "/api/trials");
    final SinkHarness.Answer a = h.get(sink, "/metrics");
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.response().headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
    assertThat(a.body()).contains("# TYPE exowatch_sink_documents_indexed_total counter")
        .containsPattern("exowatch_sink_documents_indexed_total [1-9]")
        .contains("exowatch_http_requests_total{route=\"/api/trials\",status=\"200\"}");
  }

  @Test
  void shouldServeThePageWithAStrictContentSecurityPolicy() throws Exception {
    final SinkHarness.Answer page = h.get(sink, "/");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("<script src=\"/app.js\" defer></script>").doesNotContain("https://");
    assertThat(page.response().headers().firstValue("Content-Security-Policy")).contains(HttpApi.CSP);
    assertThat(HttpApi.CSP).contains("script-src 'self'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
    assertThat(page.response().headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    final SinkHarness.Answer js = h.get(sink, "/app.js");
    assertThat(js.response().headers().firstValue("Content-Type").orElse("")).startsWith("text/javascript");
    assertThat(js.body()).doesNotContain("innerHTML").doesNotContain("insertAdjacentHTML").doesNotContain("eval(");
    assertThat(h.get(sink, "/api/trials").response().headers().firstValue("Content-Security-Policy")).contains(HttpApi.CSP);
  }
}
