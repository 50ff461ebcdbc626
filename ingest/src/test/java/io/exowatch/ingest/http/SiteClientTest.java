package io.exowatch.ingest.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The HTTP policy against a local fake server; waits go through a fake clock, so nothing sleeps. */
class SiteClientTest {

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort())
      .build();

  private FakeTime time;

  @BeforeEach
  void setUp() {
    time = new FakeTime(Instant.parse("2024-05-01T12:00:00Z"));
  }

  private SiteClient client(final HttpSettings settings, final double rate) {
    return SiteClient.builder("test")
        .allowBaseUrl(URI.create(server.baseUrl()))
        .rateLimit(rate)
        .settings(settings)
        .clock(time)
        .sleeper(time)
        .random(() -> 0.0)
        .build();
  }

  private SiteClient client() {
    return client(HttpSettings.defaults().withReadTimeout(Duration.ofSeconds(5)), 100);
  }

  private URI url(final String path) {
    return URI.create(server.baseUrl() + path);
  }

  @Test
  void shouldSendAUserAgentNamingExoWatchAndAcceptGzip() throws Exception {
    server.stubFor(get("/ok").willReturn(aResponse().withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody("{\"a\":\"é\"}")));
    final Fetched f = client().get(url("/ok"));
    assertThat(f.status()).isEqualTo(200);
    assertThat(f.text()).isEqualTo("{\"a\":\"é\"}");
    assertThat(f.mediaType()).isEqualTo("application/json");
    server.verify(getRequestedFor(urlPathEqualTo("/ok"))
        .withHeader("User-Agent", containing("ExoWatch"))
        .withHeader("Accept-Encoding", equalTo("gzip")));
  }

  @Test
  void shouldRetryA429AfterTheRetryAfterSecondsAndThenSucceed() throws Exception {
    server.stubFor(get("/limited").inScenario("429").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7").withBody("slow down"))
        .willSetStateTo("open"));
    server.stubFor(get("/limited").inScenario("429").whenScenarioStateIs("open")
        .willReturn(aResponse().withBody("fine")));
    final Fetched f = client().get(url("/limited"));
    assertThat(f.text()).isEqualTo("fine");
    assertThat(time.realSleeps()).contains(Duration.ofSeconds(7));
    server.verify(2, getRequestedFor(urlPathEqualTo("/limited")));
  }

  @Test
  void shouldHonourARetryAfterGivenAsAnHttpDate() throws Exception {
    server.stubFor(get("/date").inScenario("date").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "Wed, 01 May 2024 12:00:20 GMT"))
        .willSetStateTo("open"));
    server.stubFor(get("/date").inScenario("date").whenScenarioStateIs("open").willReturn(aResponse().withBody("up")));
    assertThat(client().get(url("/date")).text()).isEqualTo("up");
    assertThat(time.realSleeps()).contains(Duration.ofSeconds(20));
  }

  @Test
  void shouldRetryA500WithExponentialBackoffThenSucceed() throws Exception {
    server.stubFor(get("/flaky").inScenario("500").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(500)).willSetStateTo("second"));
    server.stubFor(get("/flaky").inScenario("500").whenScenarioStateIs("second")
        .willReturn(aResponse().withStatus(502)).willSetStateTo("third"));
    server.stubFor(get("/flaky").inScenario("500").whenScenarioStateIs("third")
        .willReturn(aResponse().withBody("ok")));
    assertThat(client().get(url("/flaky")).text()).isEqualTo("ok");
    // random() = 0 gives the lower half of each window: 1 s -> 500 ms, 2 s -> 1000 ms.
    assertThat(time.realSleeps()).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000));
  }

  @Test
  void shouldGiveUpAfterTheLastRetryWithTheStatusAndUrl() {
    server.stubFor(get("/down").willReturn(aResponse().withStatus(503).withBody("maintenance")));
    final SiteClient c = client(HttpSettings.defaults().withRetries(2, Duration.ofMillis(10), Duration.ofMillis(100)), 100);
    assertThatThrownBy(() -> c.get(url("/down")))
        .isInstanceOfSatisfying(HttpStatusException.class, e -> {
          assertThat(e.status()).isEqualTo(503);
          assertThat(e.isTransient()).isTrue();
          assertThat(e.url()).isEqualTo(url("/down"));
          assertThat(e.getMessage()).contains("HTTP 503", "maintenance", "/down");
        });
    server.verify(3, getRequestedFor(urlPathEqualTo("/down")));
  }

  @Test
  void shouldFailAtOnceOnA4xxOtherThan429WithUrlStatusAndPlainTextBody() {
    server.stubFor(get("/bad").willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "text/plain").withBody("Invalid pageToken: abc")));
    assertThatThrownBy(() -> client().get(url("/bad")))
        .isInstanceOfSatisfying(HttpStatusException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.isTransient()).isFalse();
          assertThat(e.getMessage()).contains("HTTP 400", "Invalid pageToken: abc", server.baseUrl() + "/bad");
        });
    server.verify(1, getRequestedFor(urlPathEqualTo("/bad")));
    assertThat(time.realSleeps()).isEmpty();
  }

  @Test
  void shouldRetryATimeoutAndSucceedWhenTheServerAnswersInTime() throws Exception {
    server.stubFor(get("/slow").inScenario("slow").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withFixedDelay(3_000).withBody("late")).willSetStateTo("fast"));
    server.stubFor(get("/slow").inScenario("slow").whenScenarioStateIs("fast")
        .willReturn(aResponse().withBody("quick")));
    final SiteClient c = client(HttpSettings.defaults().withReadTimeout(Duration.ofMillis(300)), 100);
    assertThat(c.get(url("/slow")).text()).isEqualTo("quick");
    assertThat(time.realSleeps()).hasSize(1);
  }

  @Test
  void shouldReportATimeoutAsTransientWhenRetriesRunOut() {
    server.stubFor(get("/stuck").willReturn(aResponse().withFixedDelay(3_000).withBody("late")));
    final SiteClient c = client(HttpSettings.defaults().withReadTimeout(Duration.ofMillis(200))
        .withRetries(1, Duration.ofMillis(10), Duration.ofMillis(10)), 100);
    assertThatThrownBy(() -> c.get(url("/stuck")))
        .isInstanceOfSatisfying(FetchException.class, e -> {
          assertThat(e.isTransient()).isTrue();
          assertThat(e.getMessage()).contains("200 ms", "/stuck");
        });
  }

  @Test
  void shouldRejectABodyWhoseContentLengthIsOverTheLimitWithoutRetrying() {
    server.stubFor(get("/big").willReturn(aResponse().withBody("x".repeat(5_000))));
    final SiteClient c = client(HttpSettings.defaults().withMaxBodyBytes(1_000), 100);
    assertThatThrownBy(() -> c.get(url("/big")))
        .isInstanceOfSatisfying(BodyTooLargeException.class, e -> {
          assertThat(e.limit()).isEqualTo(1_000);
          assertThat(e.isTransient()).isFalse();
          assertThat(e.getMessage()).contains("1000 bytes", "/big");
        });
    server.verify(1, getRequestedFor(urlPathEqualTo("/big")));
  }

  @Test
  void shouldStopReadingAChunkedBodyOnceItPassesTheLimit() {
    server.stubFor(get("/stream").willReturn(aResponse().withBody("y".repeat(50_000)).withChunkedDribbleDelay(10, 200)));
    final SiteClient c = client(HttpSettings.defaults().withMaxBodyBytes(20_000), 100);
    assertThatThrownBy(() -> c.get(url("/stream")))
        .isInstanceOfSatisfying(BodyTooLargeException.class, e ->
            assertThat(e.partialBody()).hasSizeLessThanOrEqualTo(20_000).isNotEmpty());
  }

  @Test
  void shouldDecodeGzipAndBoundTheDecodedSize() throws Exception {
    final byte[] bomb = gzip("z".repeat(100_000));
    server.stubFor(get("/gz").willReturn(aResponse().withHeader("Content-Encoding", "gzip").withBody(gzip("hello gzip"))));
    server.stubFor(get("/bomb").willReturn(aResponse().withHeader("Content-Encoding", "gzip").withBody(bomb)));
    final SiteClient c = client(HttpSettings.defaults().withMaxBodyBytes(10_000), 100);
    assertThat(bomb.length).isLessThan(10_000);
    assertThat(c.get(url("/gz")).text()).isEqualTo("hello gzip");
    assertThatThrownBy(() -> c.get(url("/bomb"))).isInstanceOf(BodyTooLargeException.class);
  }

  @Test
  void shouldRefuseHostsThatAreNotAllowed() {
    final SiteClient c = client();
    final URI other = URI.create("http://example.org/x");
    assertThat(c.isAllowed(other)).isFalse();
    assertThat(c.isAllowed(URI.create("file:///etc/passwd"))).isFalse();
    assertThatThrownBy(() -> c.get(other)).isInstanceOf(HostNotAllowedException.class)
        .hasMessageContaining("example.org");
  }

  @Test
  void shouldFollowRedirectsOnlyToAllowedHosts() throws Exception {
    server.stubFor(get("/from").willReturn(aResponse().withStatus(302).withHeader("Location", "/to")));
    server.stubFor(get("/to").willReturn(aResponse().withBody("arrived")));
    server.stubFor(get("/away").willReturn(aResponse().withStatus(301).withHeader("Location", "http://evil.example/x")));
    final SiteClient c = client();
    final Fetched f = c.get(url("/from"));
    assertThat(f.text()).isEqualTo("arrived");
    assertThat(f.finalUrl()).isEqualTo(url("/to"));
    assertThatThrownBy(() -> c.get(url("/away"))).isInstanceOf(HostNotAllowedException.class)
        .hasMessageContaining("evil.example");
  }

  @Test
  void shouldAskConditionallyAndReportNotModified() throws Exception {
    server.stubFor(get("/page").withHeader("If-None-Match", equalTo("\"v1\""))
        .willReturn(aResponse().withStatus(304)));
    server.stubFor(get("/page").atPriority(10)
        .willReturn(aResponse().withHeader("ETag", "\"v1\"").withBody("content")));
    final SiteClient c = client();
    final Fetched first = c.getConditional(url("/page"));
    final Fetched second = c.getConditional(url("/page"));
    assertThat(first.notModified()).isFalse();
    assertThat(first.text()).isEqualTo("content");
    assertThat(second.notModified()).isTrue();
    assertThat(second.body()).isEmpty();
  }

  @Test
  void shouldWaitForTheRateLimitBetweenRequestsToOneHost() throws Exception {
    server.stubFor(get("/r").willReturn(aResponse().withBody("r")));
    final SiteClient c = client(HttpSettings.defaults(), 3.0);
    for (int i = 0; i < 4; i++) {
      c.get(url("/r"));
    }
    assertThat(time.realSleeps()).hasSize(3)
        .allSatisfy(d -> assertThat(d.toMillis()).isBetween(333L, 334L));
  }

  private static byte[] gzip(final String s) throws Exception {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(s.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }
}
