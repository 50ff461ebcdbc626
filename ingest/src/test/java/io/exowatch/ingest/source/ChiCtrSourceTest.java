package io.exowatch.ingest.source;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
import io.exowatch.ingest.chictr.ChiCtrPages;
import io.exowatch.ingest.chictr.ChiCtrParseException;
import io.exowatch.ingest.http.FakeTime;
import io.exowatch.ingest.http.HttpSettings;
import io.exowatch.ingest.http.HttpStatusException;
import io.exowatch.ingest.http.SiteClient;
import io.exowatch.ingest.testing.Fixtures;
import io.exowatch.ingest.testing.RecordingSink;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ChiCTR source against a local stand-in of the site serving pages in its markup; waits go through a fake clock. */
class ChiCtrSourceTest {

  @RegisterExtension
  static WireMockExtension site = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

  private FakeTime time;

  @BeforeEach
  void setUp() {
    time = new FakeTime(NOW);
  }

  private ChiCtrSource source(final int maxPages) {
    final IngestSettings.Registry settings = IngestSettings.Registry.defaults(ChiCtrSource.NAME)
        .baseUrl(URI.create(site.baseUrl())).query(ChiCtrSource.DEFAULT_QUERY).maxPages(maxPages);
    final SiteClient client = SiteClient.builder(ChiCtrSource.NAME).allowBaseUrl(settings.baseUrl()).rateLimit(100)
        .settings(HttpSettings.defaults().withRetries(1, Duration.ofMillis(1), Duration.ofMillis(1)))
        .clock(time).sleeper(time).build();
    return new ChiCtrSource(client, settings, time);
  }

  private static void stubResults(final int page, final String body) {
    site.stubFor(get(urlPathEqualTo("/searchproj.html")).withQueryParam("page", equalTo(Integer.toString(page)))
        .willReturn(aResponse().withHeader("Content-Type", "text/html; charset=utf-8").withBody(body)));
  }

  private static void stubProject(final String projectId, final String body) {
    site.stubFor(get(urlPathEqualTo("/showproj.html")).withQueryParam("proj", equalTo(projectId))
        .willReturn(aResponse().withHeader("Content-Type", "text/html; charset=utf-8").withBody(body)));
  }

  /** Projects 1..n, each with its page. */
  private static List<ChiCtrPages.Row> projects(final int from, final int to) {
    IntStream.rangeClosed(from, to).forEach(n -> stubProject(ChiCtrPages.projectId(n), ChiCtrPages.project(n)));
    return IntStream.rangeClosed(from, to).mapToObj(ChiCtrPages::row).toList();
  }

  private static List<String> ids(final int from, final int to) {
    return IntStream.rangeClosed(from, to).mapToObj(ChiCtrPages::registrationNumber).toList();
  }

  @Test
  void shouldReadEveryResultsPageAndProjectStoringTheNextPageAfterEach() throws Exception {
    stubResults(1, ChiCtrPages.results(12, projects(1, 10)));
    stubResults(2, ChiCtrPages.results(12, projects(11, 12)));
    final RecordingSink sink = new RecordingSink();
    source(50).run(Cursor.EMPTY, sink);
    assertThat(sink.trialIds()).containsExactlyElementsOf(ids(1, 12));
    assertThat(sink.batches()).hasSize(2);
    assertThat(sink.batches().get(0).cursorAfter()).isEqualTo(Cursor.of(Map.of("page", "2")));
    assertThat(sink.batches().get(0).url()).contains("/searchproj.html", "page=1");
    assertThat(sink.lastCursor().values()).containsOnlyKeys("lastFullPass");
    assertThat(Instant.parse(sink.lastCursor().get("lastFullPass").orElseThrow())).isAfterOrEqualTo(NOW);
    assertThat(sink.rejected()).isEmpty();
    site.verify(getRequestedFor(urlPathEqualTo("/searchproj.html")).withQueryParam("title", equalTo("exosome"))
        .withQueryParam("btngo", equalTo("btn")).withQueryParam("page", equalTo("1")));
    site.verify(12, getRequestedFor(urlPathEqualTo("/showproj.html")));
    assertThat(sink.batches().get(1).trials().get(0).getSourceUrl())
        .isEqualTo(site.baseUrl() + "/showproj.html?proj=" + ChiCtrPages.projectId(11));
  }

  @Test
  void shouldResumeAtTheStoredPage() throws Exception {
    stubResults(2, ChiCtrPages.results(12, projects(11, 12)));
    final RecordingSink sink = new RecordingSink();
    source(50).run(Cursor.of(Map.of("page", "2")), sink);
    assertThat(sink.trialIds()).containsExactlyElementsOf(ids(11, 12));
    site.verify(0, getRequestedFor(urlPathEqualTo("/searchproj.html")).withQueryParam("page", equalTo("1")));
    assertThat(sink.lastCursor().values()).containsOnlyKeys("lastFullPass");
  }

  @Test
  void shouldStopAtMaxPagesWithTheNextPageInTheCursor() throws Exception {
    stubResults(1, ChiCtrPages.results(25, projects(1, 10)));
    stubResults(2, ChiCtrPages.results(25, projects(11, 20)));
    final RecordingSink sink = new RecordingSink();
    source(1).run(Cursor.EMPTY, sink);
    assertThat(sink.trialIds()).containsExactlyElementsOf(ids(1, 10));
    assertThat(sink.lastCursor()).isEqualTo(Cursor.of(Map.of("page", "2")));
    site.verify(1, getRequestedFor(urlPathEqualTo("/searchproj.html")));
  }

  @Test
  void shouldFinishAtOnceOnZeroResults() throws Exception {
    stubResults(1, Fixtures.resource("chictr/search-empty.html"));
    final RecordingSink sink = new RecordingSink();
    source(50).run(Cursor.EMPTY, sink);
    assertThat(sink.batches()).singleElement().satisfies(b -> {
      assertThat(b.trials()).isEmpty();
      assertThat(b.cursorAfter().get("lastFullPass")).isPresent();
    });
    site.verify(0, getRequestedFor(urlPathEqualTo("/showproj.html")));
  }

  @Test
  void shouldDeadLetterAnUnreadableResultsPageWithItsUrlAndStopThere() {
    stubResults(1, ChiCtrPages.results(12, projects(1, 10)));
    stubResults(2, Fixtures.resource("chictr/project-unknown-layout.html"));
    final RecordingSink sink = new RecordingSink();
    assertThatThrownBy(() -> source(50).run(Cursor.EMPTY, sink))
        .isInstanceOf(SourceStoppedException.class).hasMessageContaining("results page 2", "unknown layout");
    assertThat(sink.lastCursor()).isEqualTo(Cursor.of(Map.of("page", "2")));
    assertThat(sink.batches().get(1)).satisfies(b -> {
      assertThat(b.cursorAfter()).isNull();
      assertThat(b.rejected()).singleElement().satisfies(r -> {
        assertThat(r.url()).contains("/searchproj.html", "page=2");
        assertThat(r.reason()).contains("unknown layout", "#data-total");
        assertThat(r.errorClass()).isEqualTo(ChiCtrParseException.class.getName());
        assertThat(r.content()).contains("<dt>Registration number</dt>");
      });
    });
  }

  @Test
  void shouldDeadLetterTheFirewallChallengeInsteadOfResults() {
    stubResults(1, Fixtures.resource("chictr/waf-challenge.html"));
    final RecordingSink sink = new RecordingSink();
    assertThatThrownBy(() -> source(50).run(Cursor.EMPTY, sink)).isInstanceOf(SourceStoppedException.class);
    assertThat(sink.rejected()).singleElement().satisfies(r -> assertThat(r.reason()).contains("acw_sc__v2"));
    assertThat(sink.trialIds()).isEmpty();
  }

  @Test
  void shouldDeadLetterOneUnreadableProjectAndKeepTheOthers() throws Exception {
    final List<ChiCtrPages.Row> rows = projects(1, 3);
    stubProject(ChiCtrPages.projectId(2), Fixtures.resource("chictr/project-unknown-layout.html"));
    stubResults(1, ChiCtrPages.results(3, rows));
    final RecordingSink sink = new RecordingSink();
    source(50).run(Cursor.EMPTY, sink);
    assertThat(sink.trialIds()).containsExactly(ChiCtrPages.registrationNumber(1), ChiCtrPages.registrationNumber(3));
    assertThat(sink.rejected()).singleElement().satisfies(r -> {
      assertThat(r.key()).isEqualTo(ChiCtrPages.registrationNumber(2));
      assertThat(r.url()).endsWith("/showproj.html?proj=" + ChiCtrPages.projectId(2));
      assertThat(r.reason()).contains("unknown layout");
      assertThat(r.content()).contains("project-detail");
    });
    assertThat(sink.lastCursor().get("lastFullPass")).isPresent();
  }

  @Test
  void shouldDeadLetterAProjectThatIsGoneAndAResultRowWithoutLink() throws Exception {
    stubProject("198765", Fixtures.resource("chictr/project-msc-exosome-nct.html"));
    site.stubFor(get(urlPathEqualTo("/showproj.html")).withQueryParam("proj", equalTo("7012"))
        .willReturn(aResponse().withStatus(404).withBody("Not Found")));
    stubResults(1, Fixtures.resource("chictr/search-mixed-rows.html"));
    final RecordingSink sink = new RecordingSink();
    source(50).run(Cursor.EMPTY, sink);
    assertThat(sink.trialIds()).containsExactly("ChiCTR2300071234");
    assertThat(sink.rejected()).hasSize(2).anySatisfy(r -> {
      assertThat(r.key()).isEqualTo("ChiCTR2200061111");
      assertThat(r.reason()).contains("no project link");
      assertThat(r.url()).contains("/searchproj.html");
    }).anySatisfy(r -> {
      assertThat(r.key()).isNull();
      assertThat(r.reason()).contains("404");
      assertThat(r.url()).endsWith("proj=7012");
    });
  }

  @Test
  void shouldWaitForRetryAfterWhenTheSiteAnswers429() throws Exception {
    site.stubFor(get(urlPathEqualTo("/searchproj.html")).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7").withBody("Too Many Requests"))
        .willSetStateTo("ok"));
    site.stubFor(get(urlPathEqualTo("/searchproj.html")).inScenario("429").whenScenarioStateIs("ok")
        .willReturn(aResponse().withHeader("Content-Type", "text/html").withBody(ChiCtrPages.results(1, projects(1, 1)))));
    final RecordingSink sink = new RecordingSink();
    source(50).run(Cursor.EMPTY, sink);
    assertThat(sink.trialIds()).containsExactly(ChiCtrPages.registrationNumber(1));
    assertThat(time.realSleeps()).contains(Duration.ofSeconds(7));
    site.verify(2, getRequestedFor(urlPathEqualTo("/searchproj.html")));
  }

  @Test
  void shouldFailThePassWhenTheFirewallRefusesWith405() {
    site.stubFor(get(urlPathEqualTo("/searchproj.html")).willReturn(aResponse().withStatus(405)
        .withHeader("Content-Type", "text/html").withBody(Fixtures.resource("chictr/blocked.html"))));
    final RecordingSink sink = new RecordingSink();
    assertThatThrownBy(() -> source(50).run(Cursor.of(Map.of("page", "3")), sink))
        .isInstanceOfSatisfying(HttpStatusException.class, e -> {
          assertThat(e.status()).isEqualTo(405);
          assertThat(e.getMessage()).contains("HTTP 405", "访问被阻断", "/searchproj.html?title=exosome&btngo=btn&page=3");
        });
    assertThat(sink.batches()).isEmpty();
  }

  @Test
  void shouldStopWhenTheSiteIgnoresThePageParameter() {
    site.stubFor(get(urlPathEqualTo("/searchproj.html")).willReturn(aResponse().withHeader("Content-Type", "text/html")
        .withBody(ChiCtrPages.results(30, projects(1, 10)))));
    final RecordingSink sink = new RecordingSink();
    assertThatThrownBy(() -> source(50).run(Cursor.EMPTY, sink))
        .isInstanceOf(SourceStoppedException.class).hasMessageContaining("ignored the page parameter");
    assertThat(sink.lastCursor()).isEqualTo(Cursor.of(Map.of("page", "2")));
  }
}
