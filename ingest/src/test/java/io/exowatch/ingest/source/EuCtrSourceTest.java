package io.exowatch.ingest.source;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.exowatch.ingest.IngestSettings;
import io.exowatch.ingest.euctr.EuCtrPages;
import io.exowatch.ingest.euctr.EuCtrPages.Trial;
import io.exowatch.ingest.http.FakeTime;
import io.exowatch.ingest.http.HttpSettings;
import io.exowatch.ingest.http.HttpStatusException;
import io.exowatch.ingest.http.SiteClient;
import io.exowatch.ingest.testing.RecordingSink;
import io.exowatch.schemas.avro.TrialRecord;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The EU CTR source against a local stand-in of the register (WireMock); waits go through a fake clock. */
class EuCtrSourceTest {

  @RegisterExtension
  static WireMockExtension site = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final Trial ARDS = Trial.of("2021-004567-18", "UC-MSC extracellular vesicles in ARDS", "ES", "DE");
  private static final Trial FOOT = Trial.of("2020-000111-22", "MSC exosome gel for diabetic foot ulcers", "FR");
  private static final Trial KNEE = Trial.of("2019-003921-41", "MSC secretome in knee osteoarthritis", "IT");

  private FakeTime time;

  @BeforeEach
  void setUp() {
    time = new FakeTime(Instant.parse("2024-05-01T12:00:00Z"));
  }

  private EuCtrSource source(final int maxPages) {
    final IngestSettings.Registry settings = IngestSettings.Registry.defaults(EuCtrSource.NAME)
        .baseUrl(URI.create(site.baseUrl())).query("exosome").maxPages(maxPages);
    final SiteClient client = SiteClient.builder(EuCtrSource.NAME).allowBaseUrl(settings.baseUrl()).rateLimit(100)
        .settings(HttpSettings.defaults().withRetries(2, Duration.ofMillis(1), Duration.ofMillis(1)))
        .clock(time).sleeper(time).build();
    return new EuCtrSource(client, settings, time);
  }

  private static void stubSearch(final int page, final String html) {
    site.stubFor(get(urlPathEqualTo("/ctr-search/search")).withQueryParam("page", equalTo(Integer.toString(page)))
        .willReturn(aResponse().withHeader("Content-Type", "text/html; charset=UTF-8").withBody(html)));
  }

  private static void stubDownload(final int page, final String text) {
    site.stubFor(get(urlPathEqualTo("/ctr-search/rest/download/full")).withQueryParam("page", equalTo(Integer.toString(page)))
        .willReturn(aResponse().withHeader("Content-Type", "text/plain; charset=UTF-8").withBody(text)));
  }

  private static void stubProtocolPage(final Trial t, final String state) {
    site.stubFor(get(urlPathEqualTo("/ctr-search/trial/" + t.eudractNumber() + "/" + state))
        .willReturn(aResponse().withHeader("Content-Type", "text/html; charset=UTF-8")
            .withBody(EuCtrPages.protocolPage(t, state))));
  }

  /** Page 1 lists ARDS (ES, DE) and FOOT; page 2 lists KNEE; both downloads hold their trials. */
  private static void stubTwoPages() {
    stubSearch(1, EuCtrPages.searchPage(1, 2, 3, List.of(ARDS, FOOT)));
    stubDownload(1, EuCtrPages.download(List.of(ARDS, FOOT)));
    stubSearch(2, EuCtrPages.searchPage(2, 2, 3, List.of(KNEE)));
    stubDownload(2, EuCtrPages.download(List.of(KNEE)));
  }

  @Test
  void shouldPageThroughTheResultsStoringTheNextPageAfterEach() throws Exception {
    stubTwoPages();
    final RecordingSink sink = new RecordingSink();
    source(50).run(Cursor.EMPTY, sink);
    assertThat(sink.trialIds()).containsExactly("2021-004567-18", "2020-000111-22", "2019-003921-41");
    assertThat(sink.batches()).hasSize(2);
    assertThat(sink.batches().get(0).cursorAfter()).isEqualTo(Cursor.of(Map.of("page", "2")));
    assertThat(sink.lastCursor()).isEqualTo(Cursor.EMPTY);
    assertThat(sink.rejected()).isEmpty();
    final TrialRecord ards = sink.batches().get(0).trials().get(0);
    assertThat(ards.getCountries()).containsExactly("Spain", "Germany");
    assertThat(ards.getRegistry()).isEqualTo("EUCTR");
    site.verify(getRequestedFor(urlPathEqualTo("/ctr-search/search")).withQueryParam("query", equalTo("exosome"))
        .withQueryParam("page", equalTo("1")));
    site.verify(getRequestedFor(urlPathEqualTo("/ctr-search/rest/download/full")).withQueryParam("query", equalTo("exosome"))
        .withQueryParam("page", equalTo("2")).withQueryParam("mode", equalTo("current_page")));
    site.verify(0, getRequestedFor(urlPathMatching("/ctr-search/trial/.*")));
  }

  @Test
  void shouldResumeAtTheStoredPage() throws Exception {
    stubTwoPages();
    final RecordingSink sink = new RecordingSink();
    source(50).run(Cursor.of(Map.of("page", "2")), sink);
    assertThat(sink.trialIds()).containsExactly("2019-003921-41");
    assertThat(sink.lastCursor()).isEqualTo(Cursor.EMPTY);
    site.verify(0, getRequestedFor(urlPathEqualTo("/ctr-search/search")).withQueryParam("page", equalTo("1")));
  }

  @Test
  void shouldStopAtMaxPagesAndGoOnFromThereInTheNextPass() throws Exception {
    stubTwoPages();
    final EuCtrSource source = source(1);
    final RecordingSink first = new RecordingSink();
    source.run(Cursor.EMPTY, first);
    assertThat(first.trialIds()).containsExactly("2021-004567-18", "2020-000111-22");
    assertThat(first.lastCursor()).isEqualTo(Cursor.of(Map.of("page", "2")));
    final RecordingSink second = new RecordingSink();
    source.run(first.lastCursor(), second);
    assertThat(second.trialIds()).containsExactly("2019-003921-41");
    assertThat(second.lastCursor()).isEqualTo(Cursor.EMPTY);
  }

  @Test
  void shouldDeadLetterAnUnreadableSearchPageAndStopWithoutMovingTheCursor() {
    stubSearch(1, "<html><head><title>Error 500</title></head><body>Internal error</body></html>");
    final RecordingSink sink = new RecordingSink();
    assertThatThrownBy(() -> source(50).run(Cursor.of(Map.of("page", "1")), sink))
        .isInstanceOf(SourceStoppedException.class).hasMessageContaining("search page 1");
    assertThat(sink.batches()).singleElement().satisfies(b -> {
      assertThat(b.cursorAfter()).isNull();
      assertThat(b.rejected()).singleElement().satisfies(r -> {
        assertThat(r.url()).contains("/ctr-search/search?query=exosome&page=1");
        assertThat(r.reason()).contains("not an EU CTR search results page", "'Error 500'");
        assertThat(r.content()).contains("Internal error");
      });
    });
    site.verify(0, getRequestedFor(urlPathEqualTo("/ctr-search/rest/download/full")));
  }

  @Test
  void shouldDeadLetterAnUnreadableDownloadAndReadTheListedTrialsFromTheirProtocolPages() throws Exception {
    stubSearch(1, EuCtrPages.searchPage(1, 1, 2, List.of(ARDS, FOOT)));
    stubDownload(1, "<html><head><title>Service Unavailable</title></head><body>Try later</body></html>");
    stubProtocolPage(ARDS, "ES");
    stubProtocolPage(ARDS, "DE");
    stubProtocolPage(FOOT, "FR");
    final RecordingSink sink = new RecordingSink();
    source(50).run(Cursor.EMPTY, sink);
    assertThat(sink.trialIds()).containsExactly("2021-004567-18", "2020-000111-22");
    assertThat(sink.batches().get(0).trials().get(0).getCountries()).containsExactly("Spain", "Germany");
    assertThat(sink.batches().get(0).trials().get(0).getSourcePayload()).contains("section-a");
    assertThat(sink.rejected()).singleElement().satisfies(r -> {
      assertThat(r.url()).contains("/ctr-search/rest/download/full?query=exosome&page=1&mode=current_page");
      assertThat(r.reason()).contains("'Service Unavailable'", "full-text download");
      assertThat(r.content()).contains("Try later");
    });
    assertThat(sink.lastCursor()).isEqualTo(Cursor.EMPTY);
  }

  @Test
  void shouldDeadLetterAMalformedRecordAndPublishTheRestOfThePage() throws Exception {
    stubSearch(1, EuCtrPages.searchPage(1, 1, 2, List.of(ARDS, FOOT)));
    stubDownload(1, EuCtrPages.download(List.of(ARDS)) + EuCtrPages.block("2020-00111-22", FOOT.title(), "FR")
        + "\n" + EuCtrPages.download(List.of(FOOT)).substring(EuCtrPages.PREAMBLE.length()));
    final RecordingSink sink = new RecordingSink();
    source(50).run(Cursor.EMPTY, sink);
    assertThat(sink.trialIds()).containsExactly("2021-004567-18", "2020-000111-22");
    assertThat(sink.rejected()).singleElement().satisfies(r -> {
      assertThat(r.reason()).contains("block #3", "'2020-00111-22'");
      assertThat(r.content()).startsWith("Summary").contains("EudraCT Number: 2020-00111-22");
      assertThat(r.url()).contains("/ctr-search/rest/download/full");
    });
  }

  @Test
  void shouldReadAListedTrialMissingFromTheDownloadFromItsProtocolPage() throws Exception {
    stubSearch(1, EuCtrPages.searchPage(1, 1, 2, List.of(ARDS, FOOT)));
    stubDownload(1, EuCtrPages.download(List.of(ARDS)));
    stubProtocolPage(FOOT, "FR");
    final RecordingSink sink = new RecordingSink();
    source(50).run(Cursor.EMPTY, sink);
    assertThat(sink.trialIds()).containsExactly("2021-004567-18", "2020-000111-22");
    assertThat(sink.rejected()).isEmpty();
    site.verify(1, getRequestedFor(urlPathMatching("/ctr-search/trial/.*")));
  }

  @Test
  void shouldDeadLetterAProtocolPageThatIsGoneAndGoOn() throws Exception {
    stubSearch(1, EuCtrPages.searchPage(1, 1, 2, List.of(ARDS, FOOT)));
    stubDownload(1, EuCtrPages.download(List.of(ARDS)));
    site.stubFor(get(urlPathEqualTo("/ctr-search/trial/2020-000111-22/FR"))
        .willReturn(aResponse().withStatus(404).withBody("Trial not found")));
    final RecordingSink sink = new RecordingSink();
    source(50).run(Cursor.EMPTY, sink);
    assertThat(sink.trialIds()).containsExactly("2021-004567-18");
    assertThat(sink.rejected()).singleElement().satisfies(r -> {
      assertThat(r.key()).isEqualTo("2020-000111-22");
      assertThat(r.url()).endsWith("/ctr-search/trial/2020-000111-22/FR");
      assertThat(r.reason()).contains("HTTP 404", "Trial not found");
    });
    assertThat(sink.lastCursor()).isEqualTo(Cursor.EMPTY);
  }

  @Test
  void shouldWaitAsToldByRetryAfterOnA429() throws Exception {
    site.stubFor(get(urlPathEqualTo("/ctr-search/search")).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7").withBody("Too Many Requests"))
        .willSetStateTo("calm"));
    site.stubFor(get(urlPathEqualTo("/ctr-search/search")).inScenario("busy").whenScenarioStateIs("calm")
        .willReturn(aResponse().withHeader("Content-Type", "text/html").withBody(EuCtrPages.searchPage(1, 1, 1, List.of(KNEE)))));
    stubDownload(1, EuCtrPages.download(List.of(KNEE)));
    final RecordingSink sink = new RecordingSink();
    source(50).run(Cursor.EMPTY, sink);
    assertThat(sink.trialIds()).containsExactly("2019-003921-41");
    assertThat(time.realSleeps()).contains(Duration.ofSeconds(7));
  }

  @Test
  void shouldFailWithoutABatchWhenTheDownloadStaysUnavailable() {
    stubSearch(1, EuCtrPages.searchPage(1, 1, 1, List.of(KNEE)));
    site.stubFor(get(urlPathEqualTo("/ctr-search/rest/download/full")).willReturn(aResponse().withStatus(503)));
    final RecordingSink sink = new RecordingSink();
    assertThatThrownBy(() -> source(50).run(Cursor.of(Map.of("page", "1")), sink))
        .isInstanceOfSatisfying(HttpStatusException.class, e -> assertThat(e.status()).isEqualTo(503));
    assertThat(sink.batches()).isEmpty();
  }

  @Test
  void shouldEndThePassOnAPageWithoutResults() throws Exception {
    stubSearch(1, EuCtrPages.searchPage(1, 0, 0, List.of()));
    final RecordingSink sink = new RecordingSink();
    source(50).run(Cursor.EMPTY, sink);
    assertThat(sink.trialIds()).isEmpty();
    assertThat(sink.lastCursor()).isEqualTo(Cursor.EMPTY);
    site.verify(0, getRequestedFor(urlPathEqualTo("/ctr-search/rest/download/full")));
  }
}
