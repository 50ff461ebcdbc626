package io.exowatch.ingest.source;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.exowatch.ingest.IngestSettings;
import io.exowatch.ingest.ctgov.CtGovStudyParser;
import io.exowatch.ingest.http.FakeTime;
import io.exowatch.ingest.http.HttpSettings;
import io.exowatch.ingest.http.HttpStatusException;
import io.exowatch.ingest.http.SiteClient;
import io.exowatch.ingest.testing.CtGovJson;
import io.exowatch.ingest.testing.RecordingSink;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ClinicalTrials.gov source against a local fake API; waits go through a fake clock. */
class CtGovSourceTest {

  @RegisterExtension
  static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private FakeTime time;
  private CtGovSource source;

  @BeforeEach
  void setUp() {
    time = new FakeTime(Instant.parse("2024-05-01T12:00:00Z"));
    final IngestSettings.CtGov settings = IngestSettings.CtGov.defaults()
        .baseUrl(URI.create(api.baseUrl() + "/api/v2")).pageSize(2);
    final SiteClient client = SiteClient.builder("ctgov").allowBaseUrl(settings.baseUrl()).rateLimit(100)
        .settings(HttpSettings.defaults().withRetries(1, Duration.ofMillis(1), Duration.ofMillis(1)))
        .clock(time).sleeper(time).build();
    source = new CtGovSource(client, settings, new CtGovStudyParser(), time);
  }

  private void stubPage(final String token, final String body) {
    api.stubFor(get(urlPathEqualTo("/api/v2/studies"))
        .withQueryParam("pageToken", token == null ? absent() : equalTo(token))
        .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(body)));
  }

  @Test
  void shouldPageUntilThereIsNoNextTokenStoringTheTokenAfterEachPage() throws Exception {
    stubPage(null, CtGovJson.page(List.of(CtGovJson.study("NCT00000001", "a", "2024-03-01"),
        CtGovJson.study("NCT00000002", "b", "2024-03-07")), "T2"));
    stubPage("T2", CtGovJson.page(List.of(CtGovJson.study("NCT00000003", "c", "2024-03-05")), null));
    final RecordingSink sink = new RecordingSink();
    source.run(Cursor.EMPTY, sink);
    assertThat(sink.trialIds()).containsExactly("NCT00000001", "NCT00000002", "NCT00000003");
    assertThat(sink.batches().get(0).cursorAfter()).isEqualTo(Cursor.of(Map.of("pageToken", "T2", "maxSeen", "2024-03-07")));
    assertThat(sink.lastCursor()).isEqualTo(Cursor.of(Map.of("since", "2024-03-07")));
    api.verify(getRequestedFor(urlPathEqualTo("/api/v2/studies"))
        .withQueryParam("query.term", equalTo(source.term(null)))
        .withQueryParam("pageSize", equalTo("2"))
        .withQueryParam("format", equalTo("json")));
  }

  @Test
  void shouldAskOnlyForStudiesUpdatedSinceTheCursor() throws Exception {
    stubPage(null, CtGovJson.page(List.of(CtGovJson.study("NCT00000009", "changed", "2024-04-02")), null));
    final RecordingSink sink = new RecordingSink();
    source.run(Cursor.EMPTY.with("since", "2024-03-07"), sink);
    api.verify(getRequestedFor(urlPathEqualTo("/api/v2/studies"))
        .withQueryParam("query.term", containing("AREA[LastUpdatePostDate]RANGE[2024-03-07,MAX]")));
    assertThat(sink.lastCursor()).isEqualTo(Cursor.of(Map.of("since", "2024-04-02")));
  }

  @Test
  void shouldKeepTheSinceDateWhenNothingChanged() throws Exception {
    stubPage(null, CtGovJson.page(List.of(), null));
    final RecordingSink sink = new RecordingSink();
    source.run(Cursor.EMPTY.with("since", "2024-03-07"), sink);
    assertThat(sink.trialIds()).isEmpty();
    assertThat(sink.lastCursor()).isEqualTo(Cursor.of(Map.of("since", "2024-03-07")));
  }

  @Test
  void shouldResumeAtTheStoredPageToken() throws Exception {
    stubPage("T2", CtGovJson.page(List.of(CtGovJson.study("NCT00000003", "c", "2024-03-05")), null));
    final RecordingSink sink = new RecordingSink();
    source.run(Cursor.of(Map.of("pageToken", "T2", "maxSeen", "2024-03-07")), sink);
    assertThat(sink.trialIds()).containsExactly("NCT00000003");
    assertThat(sink.lastCursor()).isEqualTo(Cursor.of(Map.of("since", "2024-03-07")));
    api.verify(0, getRequestedFor(urlPathEqualTo("/api/v2/studies")).withQueryParam("pageToken", absent()));
  }

  @Test
  void shouldRestartThePassWhenTheStoredTokenIsRefused() throws Exception {
    api.stubFor(get(urlPathEqualTo("/api/v2/studies")).withQueryParam("pageToken", equalTo("STALE"))
        .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "text/plain").withBody("invalid pageToken")));
    stubPage(null, CtGovJson.page(List.of(CtGovJson.study("NCT00000001", "a", "2024-03-01")), null));
    final RecordingSink sink = new RecordingSink();
    source.run(Cursor.of(Map.of("since", "2024-02-01", "pageToken", "STALE")), sink);
    assertThat(sink.trialIds()).containsExactly("NCT00000001");
    assertThat(sink.lastCursor()).isEqualTo(Cursor.of(Map.of("since", "2024-03-01")));
  }

  @Test
  void shouldFailAtOnceOnA4xxOfAFreshPass() {
    api.stubFor(get(urlPathEqualTo("/api/v2/studies"))
        .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "text/plain").withBody("bad query.term")));
    assertThatThrownBy(() -> source.run(Cursor.EMPTY, new RecordingSink()))
        .isInstanceOfSatisfying(HttpStatusException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.getMessage()).contains("bad query.term", "/api/v2/studies");
        });
  }

  @Test
  void shouldDeadLetterATruncatedPageAndStopWithoutMovingTheCursor() {
    final String full = CtGovJson.page(List.of(CtGovJson.study("NCT00000001", "a", "2024-03-01")), "T2");
    stubPage(null, full.substring(0, full.length() / 2));
    final RecordingSink sink = new RecordingSink();
    assertThatThrownBy(() -> source.run(Cursor.EMPTY.with("since", "2024-01-01"), sink))
        .isInstanceOf(SourceStoppedException.class).hasMessageContaining("page 1");
    assertThat(sink.batches()).singleElement().satisfies(b -> {
      assertThat(b.cursorAfter()).isNull();
      assertThat(b.rejected()).singleElement().satisfies(r -> {
        assertThat(r.content()).isEqualTo(full.substring(0, full.length() / 2));
        assertThat(r.url()).contains("/api/v2/studies");
      });
    });
  }

  @Test
  void shouldDeadLetterAnHtmlErrorPageWhereJsonWasExpected() {
    api.stubFor(get(urlPathEqualTo("/api/v2/studies")).willReturn(aResponse().withHeader("Content-Type", "text/html")
        .withBody("<html><head><title>Maintenance</title></head><body>Back soon</body></html>")));
    final RecordingSink sink = new RecordingSink();
    assertThatThrownBy(() -> source.run(Cursor.EMPTY, sink)).isInstanceOf(SourceStoppedException.class);
    assertThat(sink.rejected()).singleElement().satisfies(r -> {
      assertThat(r.reason()).containsIgnoringCase("HTML");
      assertThat(r.content()).contains("Back soon");
    });
  }

  @Test
  void shouldDeadLetterOneBadStudyAndKeepTheRestOfThePage() throws Exception {
    stubPage(null, CtGovJson.page(List.of(CtGovJson.study("NCT00000001", "a", "2024-03-01"),
        CtGovJson.studyWithoutId("no id here")), null));
    final RecordingSink sink = new RecordingSink();
    source.run(Cursor.EMPTY, sink);
    assertThat(sink.trialIds()).containsExactly("NCT00000001");
    assertThat(sink.rejected()).singleElement().satisfies(r -> {
      assertThat(r.reason()).contains("study #1", "nctId");
      assertThat(r.content()).contains("no id here");
    });
  }
}
