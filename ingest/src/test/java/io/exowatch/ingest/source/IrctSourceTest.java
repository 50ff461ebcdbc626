package io.exowatch.ingest.source;

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
import io.exowatch.ingest.IngestSettings;
import io.exowatch.ingest.http.FakeTime;
import io.exowatch.ingest.http.HttpSettings;
import io.exowatch.ingest.http.HttpStatusException;
import io.exowatch.ingest.http.SiteClient;
import io.exowatch.ingest.testing.Fixtures;
import io.exowatch.ingest.testing.RecordingSink;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The IRCT source against a local stand-in of the site; waits go through a fake clock. */
class IrctSourceTest {

  @RegisterExtension
  static WireMockExtension site = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private FakeTime time;
  private IngestSettings.Registry settings;

  @BeforeEach
  void setUp() {
    time = new FakeTime(Instant.parse("2024-05-01T12:00:00Z"));
    settings = IngestSettings.Registry.defaults("irct").baseUrl(URI.create(site.baseUrl())).rateLimit(100);
  }

  private IrctSource source(final IngestSettings.Registry s) {
    final SiteClient client = SiteClient.builder("irct").allowBaseUrl(s.baseUrl()).rateLimit(100)
        .settings(HttpSettings.defaults().withRetries(2, Duration.ofMillis(10), Duration.ofMillis(10)))
        .clock(time).sleeper(time).build();
    return new IrctSource(client, s, time);
  }

  private static void stubSearch(final int page, final String resource) {
    site.stubFor(get(urlPathEqualTo("/search/result")).withQueryParam("page", equalTo(Integer.toString(page)))
        .willReturn(aResponse().withHeader("Content-Type", "text/html; charset=utf-8")
            .withBody(Fixtures.resource(resource))));
  }

  private static void stubTrial(final long n, final String body) {
    site.stubFor(get(urlPathEqualTo("/trial/" + n + "/xml"))
        .willReturn(aResponse().withHeader("Content-Type", "application/xml; charset=utf-8").withBody(body)));
  }

  private static void stubTwoPagesOfThreeTrials() {
    stubSearch(1, "irct/search-page-1.html");
    stubSearch(2, "irct/search-page-2.html");
    stubTrial(46789, Fixtures.resource("irct/trial-msc-exosome.xml"));
    stubTrial(7428, Fixtures.resource("irct/trial-suspended.xml"));
    stubTrial(75321, Fixtures.resource("irct/trial-missing-sections.xml"));
  }

  @Test
  void shouldReadEveryResultsPageAndEachTrialStoringTheNextPageAfterEachBatch() throws Exception {
    stubTwoPagesOfThreeTrials();
    final RecordingSink sink = new RecordingSink();
    source(settings.query("exosome mesenchymal")).run(Cursor.EMPTY, sink);
    assertThat(sink.trialIds()).containsExactly("IRCT20200217046526N2", "IRCT201108247428N1", "IRCT20130812014333N223");
    assertThat(sink.batches()).hasSize(2);
    assertThat(sink.batches().get(0).cursorAfter()).isEqualTo(Cursor.of(Map.of("page", "2")));
    assertThat(sink.batches().get(0).url()).contains("/search/result", "page=1");
    // A finished pass starts over next time.
    assertThat(sink.lastCursor()).isEqualTo(Cursor.EMPTY);
    assertThat(sink.rejected()).isEmpty();
    assertThat(sink.batches().get(0).trials().get(0).getSourceUrl()).isEqualTo(site.baseUrl() + "/trial/46789");
    site.verify(getRequestedFor(urlPathEqualTo("/search/result"))
        .withQueryParam("query", equalTo("exosome mesenchymal"))
        .withQueryParam("filters", containing("\"perPage\":\"100\""))
        .withQueryParam("page", equalTo("1")));
    site.verify(1, getRequestedFor(urlPathEqualTo("/trial/7428/xml")));
  }

  @Test
  void shouldResumeAtTheStoredPage() throws Exception {
    stubTwoPagesOfThreeTrials();
    final RecordingSink sink = new RecordingSink();
    source(settings).run(Cursor.of(Map.of("page", "2")), sink);
    assertThat(sink.trialIds()).containsExactly("IRCT20130812014333N223");
    assertThat(sink.lastCursor()).isEqualTo(Cursor.EMPTY);
    site.verify(0, getRequestedFor(urlPathEqualTo("/search/result")).withQueryParam("page", equalTo("1")));
    site.verify(0, getRequestedFor(urlPathEqualTo("/trial/46789/xml")));
  }

  @Test
  void shouldStopAtMaxPagesAndLeaveTheNextPageForTheNextPass() throws Exception {
    stubTwoPagesOfThreeTrials();
    final RecordingSink sink = new RecordingSink();
    source(settings.maxPages(1)).run(Cursor.EMPTY, sink);
    assertThat(sink.trialIds()).containsExactly("IRCT20200217046526N2", "IRCT201108247428N1");
    assertThat(sink.lastCursor()).isEqualTo(Cursor.of(Map.of("page", "2")));
    site.verify(0, getRequestedFor(urlPathEqualTo("/search/result")).withQueryParam("page", equalTo("2")));
  }

  @Test
  void shouldDeadLetterAnUnreadableResultsPageWithItsUrlAndStopWithoutMovingTheCursor() {
    site.stubFor(get(urlPathEqualTo("/search/result")).willReturn(aResponse()
        .withHeader("Content-Type", "text/html").withBody(Fixtures.resource("irct/error-page.html"))));
    final RecordingSink sink = new RecordingSink();
    assertThatThrownBy(() -> source(settings).run(Cursor.of(Map.of("page", "3")), sink))
        .isInstanceOf(SourceStoppedException.class).hasMessageContaining("page 3");
    assertThat(sink.batches()).singleElement().satisfies(b -> {
      assertThat(b.cursorAfter()).isNull();
      assertThat(b.rejected()).singleElement().satisfies(r -> {
        assertThat(r.url()).contains("/search/result", "page=3");
        assertThat(r.reason()).contains("not an IRCT search results page", "Service temporarily unavailable");
        assertThat(r.errorClass()).endsWith("IrctParseException");
        assertThat(r.content()).contains("The registry is being updated");
      });
    });
  }

  @Test
  void shouldDeadLetterAMalformedTrialAndAMissingOneAndKeepTheRestOfThePage() throws Exception {
    stubSearch(1, "irct/search-page-1.html");
    stubSearch(2, "irct/search-page-2.html");
    final String full = Fixtures.resource("irct/trial-msc-exosome.xml");
    stubTrial(46789, full.substring(0, full.length() / 2));
    site.stubFor(get(urlPathEqualTo("/trial/7428/xml")).willReturn(aResponse().withStatus(404).withBody("Not Found")));
    stubTrial(75321, Fixtures.resource("irct/trial-missing-sections.xml"));
    final RecordingSink sink = new RecordingSink();
    source(settings).run(Cursor.EMPTY, sink);
    assertThat(sink.trialIds()).containsExactly("IRCT20130812014333N223");
    assertThat(sink.rejected()).hasSize(2);
    assertThat(sink.rejected().get(0)).satisfies(r -> {
      assertThat(r.url()).endsWith("/trial/46789/xml");
      assertThat(r.reason()).contains("MALFORMED", "not well-formed");
      assertThat(r.content()).isEqualTo(full.substring(0, full.length() / 2));
    });
    assertThat(sink.rejected().get(1)).satisfies(r -> {
      assertThat(r.url()).endsWith("/trial/7428/xml");
      assertThat(r.reason()).contains("HTTP 404");
    });
    assertThat(sink.lastCursor()).isEqualTo(Cursor.EMPTY);
  }

  @Test
  void shouldWaitForRetryAfterWhenTheSiteAnswers429() throws Exception {
    stubSearch(2, "irct/search-page-2.html");
    site.stubFor(get(urlPathEqualTo("/trial/75321/xml")).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7").withBody("Too Many Requests"))
        .willSetStateTo("calm"));
    site.stubFor(get(urlPathEqualTo("/trial/75321/xml")).inScenario("busy").whenScenarioStateIs("calm")
        .willReturn(aResponse().withHeader("Content-Type", "application/xml")
            .withBody(Fixtures.resource("irct/trial-missing-sections.xml"))));
    final RecordingSink sink = new RecordingSink();
    source(settings).run(Cursor.of(Map.of("page", "2")), sink);
    assertThat(sink.trialIds()).containsExactly("IRCT20130812014333N223");
    assertThat(time.realSleeps()).contains(Duration.ofSeconds(7));
    site.verify(2, getRequestedFor(urlPathEqualTo("/trial/75321/xml")));
  }

  @Test
  void shouldEndThePassWhenATrialStillFailsAfterRetriesSoItsPageIsReadAgain() {
    stubSearch(2, "irct/search-page-2.html");
    site.stubFor(get(urlPathEqualTo("/trial/75321/xml")).willReturn(aResponse().withStatus(503).withBody("busy")));
    final RecordingSink sink = new RecordingSink();
    assertThatThrownBy(() -> source(settings).run(Cursor.of(Map.of("page", "2")), sink))
        .isInstanceOfSatisfying(HttpStatusException.class, e -> assertThat(e.status()).isEqualTo(503));
    assertThat(sink.batches()).isEmpty();
    site.verify(3, getRequestedFor(urlPathEqualTo("/trial/75321/xml")));
  }

  @Test
  void shouldStopWhenTheSiteIgnoresThePageParameter() {
    stubSearch(1, "irct/search-page-1.html");
    stubSearch(2, "irct/search-page-1.html");
    stubTrial(46789, Fixtures.resource("irct/trial-msc-exosome.xml"));
    stubTrial(7428, Fixtures.resource("irct/trial-suspended.xml"));
    final RecordingSink sink = new RecordingSink();
    assertThatThrownBy(() -> source(settings).run(Cursor.EMPTY, sink))
        .isInstanceOf(SourceStoppedException.class).hasMessageContaining("same trials as page 1");
    assertThat(sink.trialIds()).containsExactly("IRCT20200217046526N2", "IRCT201108247428N1");
    assertThat(sink.lastCursor()).isEqualTo(Cursor.of(Map.of("page", "2")));
  }

  @Test
  void shouldNeitherFetchAnExternalDtdNorResolveAnExternalEntityOfATrialDocument() throws Exception {
    stubSearch(2, "irct/search-page-2.html");
    site.stubFor(get(urlPathEqualTo("/evil.dtd")).willReturn(aResponse().withBody("<!ENTITY x \"y\">")));
    site.stubFor(get(urlPathEqualTo("/secret")).willReturn(aResponse().withBody("SECRET")));
    // A remote DTD is not loaded: the trial still parses and the DTD is never requested.
    final String withRemoteDtd = Fixtures.resource("irct/trial-missing-sections.xml")
        .replaceFirst("(?s)<!DOCTYPE trials \\[.*?\\]>", "<!DOCTYPE trials SYSTEM \"" + site.baseUrl() + "/evil.dtd\">");
    stubTrial(75321, withRemoteDtd);
    final RecordingSink first = new RecordingSink();
    source(settings).run(Cursor.of(Map.of("page", "2")), first);
    assertThat(first.trialIds()).containsExactly("IRCT20130812014333N223");
    site.verify(0, getRequestedFor(urlPathEqualTo("/evil.dtd")));

    // An external entity is refused: dead-lettered, and its URL never requested.
    stubTrial(75321, "<?xml version=\"1.0\"?><!DOCTYPE trials [<!ENTITY leak SYSTEM \"" + site.baseUrl()
        + "/secret\">]><trials><trial><main><trial_id>IRCT20130812014333N223</trial_id>"
        + "<public_title>&leak;</public_title></main></trial></trials>");
    final RecordingSink second = new RecordingSink();
    source(settings).run(Cursor.of(Map.of("page", "2")), second);
    assertThat(second.trialIds()).isEmpty();
    assertThat(second.rejected()).singleElement().satisfies(r -> {
      assertThat(r.reason()).contains("FORBIDDEN_CONSTRUCT");
      assertThat(r.url()).endsWith("/trial/75321/xml");
    });
    site.verify(0, getRequestedFor(urlPathEqualTo("/secret")));
  }
}
