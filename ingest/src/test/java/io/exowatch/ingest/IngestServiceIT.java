package io.exowatch.ingest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.exowatch.ingest.http.HttpSettings;
import io.exowatch.ingest.source.CtGovSource;
import io.exowatch.ingest.source.Cursor;
import io.exowatch.ingest.source.EuropePmcSource;
import io.exowatch.ingest.source.LandingPageSource;
import io.exowatch.ingest.source.PubMedSource;
import io.exowatch.ingest.testing.CtGovJson;
import io.exowatch.ingest.testing.Fixtures;
import io.exowatch.ingest.testing.KafkaHarness;
import io.exowatch.ingest.testing.PubMedXml;
import io.exowatch.localstack.LocalStack;
import io.exowatch.localstack.junit.EmbeddedStack;
import io.exowatch.schemas.avro.ArticleRecord;
import io.exowatch.schemas.avro.DeadLetter;
import io.exowatch.schemas.avro.TrialRecord;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest service end to end: a local fake of each source (WireMock) and the embedded broker and
 * schema registry. Each test has its own topics; waits are real but short (small backoffs and
 * timeouts through the settings).
 */
@EmbeddedStack(openSearch = false)
class IngestServiceIT {

  @RegisterExtension
  static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final HttpSettings FAST_HTTP = new HttpSettings("ExoWatch-IT/1.0", Duration.ofSeconds(2),
      Duration.ofSeconds(5), 1L << 20, 3, Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(5));

  private KafkaHarness kafka;

  @BeforeEach
  void setUp(final LocalStack stack) {
    kafka = new KafkaHarness(stack);
  }

  @AfterEach
  void tearDown() throws Exception {
    kafka.close();
  }

  private IngestSettings.CtGov ctgov(final int pageSize, final double rate) {
    return new IngestSettings.CtGov(true, URI.create(api.baseUrl() + "/api/v2"), "exosome AND mesenchymal", pageSize,
        Duration.ofHours(6), rate);
  }

  private IngestSettings settings(final HttpSettings http) {
    return IngestSettings.defaults().allSourcesOff().withCtGov(ctgov(2, 50)).withHttp(http).withTopics(kafka.topics());
  }

  private IngestService service(final IngestSettings settings, final IngestListener listener) {
    return IngestService.builder(settings).producer(kafka.producer()).cursors(kafka.newCursorStore())
        .listener(listener).build();
  }

  private static void stubCtGovPage(final String token, final String body) {
    api.stubFor(get(urlPathEqualTo("/api/v2/studies"))
        .withQueryParam("query.term", notContaining("RANGE["))
        .withQueryParam("pageToken", token == null ? absent() : equalTo(token))
        .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(body)));
  }

  /** Three pages: NCT...01-02, 03-04, 05; the latest update is 2024-03-09. */
  private static void stubThreeCtGovPages() {
    stubCtGovPage(null, CtGovJson.page(List.of(study(1, "2024-03-01"), study(2, "2024-03-09")), "P2"));
    stubCtGovPage("P2", CtGovJson.page(List.of(study(3, "2024-03-02"), study(4, "2024-03-03")), "P3"));
    stubCtGovPage("P3", CtGovJson.page(List.of(study(5, "2024-03-04")), null));
  }

  private static ObjectNode study(final int n, final String lastUpdate) {
    return CtGovJson.study(String.format("NCT%08d", n), "MSC exosomes trial " + n, lastUpdate);
  }

  private List<String> trialKeys() {
    return kafka.readAll(kafka.topics().trials()).stream().map(ConsumerRecord::key).toList();
  }

  private List<DeadLetter> deadLetters() {
    return kafka.readAll(kafka.topics().deadLetters()).stream().map(r -> (DeadLetter) r.value()).toList();
  }

  private Cursor storedCursor(final String source) {
    return kafka.readAllText(kafka.topics().cursors()).stream().filter(r -> r.key().equals(source))
        .reduce((a, b) -> b).map(r -> Cursor.fromJson((String) r.value())).orElse(Cursor.EMPTY);
  }

  @Test
  void shouldPublishEveryStudyOfSeveralPagesKeyedByNctIdAndStoreTheCursor() {
    stubThreeCtGovPages();
    final IngestSummary summary;
    try (IngestService ingest = service(settings(FAST_HTTP), IngestListener.NONE)) {
      summary = ingest.runOnce();
    }
    assertThat(summary.hasFailures()).isFalse();
    assertThat(summary.result(CtGovSource.NAME)).hasValueSatisfying(r -> {
      assertThat(r.pages()).isEqualTo(3);
      assertThat(r.recordsPublished()).isEqualTo(5);
    });
    final List<ConsumerRecord<String, Object>> trials = kafka.readAll(kafka.topics().trials());
    assertThat(trials).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(
        "NCT00000001", "NCT00000002", "NCT00000003", "NCT00000004", "NCT00000005");
    assertThat(trials).allSatisfy(r -> {
      final TrialRecord t = (TrialRecord) r.value();
      assertThat(t.getRegistryId()).isEqualTo(r.key());
      assertThat(t.getRegistry()).isEqualTo("CTGOV");
      assertThat(t.getSourceUrl()).isNotBlank();
      assertThat(t.getContentHash()).hasSize(64);
    });
    assertThat(storedCursor(CtGovSource.NAME)).isEqualTo(Cursor.of(Map.of("since", "2024-03-09")));
  }

  @Test
  void shouldFetchOnlyWhatChangedOnTheSecondRun() {
    stubThreeCtGovPages();
    api.stubFor(get(urlPathEqualTo("/api/v2/studies"))
        .withQueryParam("query.term", containing("AREA[LastUpdatePostDate]RANGE[2024-03-09,MAX]"))
        .willReturn(aResponse().withHeader("Content-Type", "application/json")
            .withBody(CtGovJson.page(List.of(study(4, "2024-04-11")), null))));
    try (IngestService first = service(settings(FAST_HTTP), IngestListener.NONE)) {
      first.runOnce();
    }
    api.resetRequests();
    final IngestSummary second;
    try (IngestService restarted = service(settings(FAST_HTTP), IngestListener.NONE)) {
      second = restarted.runOnce();
    }
    assertThat(second.recordsPublished()).isEqualTo(1);
    api.verify(1, getRequestedFor(urlPathEqualTo("/api/v2/studies")));
    api.verify(getRequestedFor(urlPathEqualTo("/api/v2/studies"))
        .withQueryParam("query.term", equalTo("(exosome AND mesenchymal) AND AREA[LastUpdatePostDate]RANGE[2024-03-09,MAX]")));
    assertThat(trialKeys()).hasSize(6).filteredOn("NCT00000004"::equals).hasSize(2);
    assertThat(storedCursor(CtGovSource.NAME)).isEqualTo(Cursor.of(Map.of("since", "2024-04-11")));
  }

  @Test
  void shouldResumeARestartedIngestAtTheStoredPageWithNothingLostOrDuplicated() {
    stubThreeCtGovPages();
    final AtomicReference<IngestService> running = new AtomicReference<>();
    final IngestListener stopAfterFirstPage = new IngestListener() {
      @Override
      public void onProgress(final SourceProgress progress) {
        if (progress.pages() == 1) {
          running.get().close();
        }
      }
    };
    final IngestSummary interrupted;
    try (IngestService first = service(settings(FAST_HTTP), stopAfterFirstPage)) {
      running.set(first);
      interrupted = first.runOnce();
    }
    assertThat(interrupted.result(CtGovSource.NAME)).hasValueSatisfying(r -> {
      assertThat(r.outcome()).isEqualTo(SourceResult.Outcome.INTERRUPTED);
      assertThat(r.recordsPublished()).isEqualTo(2);
    });
    assertThat(storedCursor(CtGovSource.NAME).get("pageToken")).contains("P2");

    final IngestSummary resumed;
    try (IngestService restarted = service(settings(FAST_HTTP), IngestListener.NONE)) {
      resumed = restarted.runOnce();
    }
    assertThat(resumed.result(CtGovSource.NAME)).hasValueSatisfying(r -> {
      assertThat(r.outcome()).isEqualTo(SourceResult.Outcome.COMPLETED);
      assertThat(r.recordsPublished()).isEqualTo(3);
    });
    assertThat(trialKeys()).containsExactlyInAnyOrder(
        "NCT00000001", "NCT00000002", "NCT00000003", "NCT00000004", "NCT00000005");
    api.verify(1, getRequestedFor(urlPathEqualTo("/api/v2/studies")).withQueryParam("pageToken", absent()));
    api.verify(1, getRequestedFor(urlPathEqualTo("/api/v2/studies")).withQueryParam("pageToken", equalTo("P2")));
    api.verify(1, getRequestedFor(urlPathEqualTo("/api/v2/studies")).withQueryParam("pageToken", equalTo("P3")));
    assertThat(storedCursor(CtGovSource.NAME)).isEqualTo(Cursor.of(Map.of("since", "2024-03-09")));
  }

  @Test
  void shouldWaitForRetryAfterOnA429AndThenPublish() {
    api.stubFor(get(urlPathEqualTo("/api/v2/studies")).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1").withBody("Too Many Requests"))
        .willSetStateTo("ok"));
    api.stubFor(get(urlPathEqualTo("/api/v2/studies")).inScenario("429").whenScenarioStateIs("ok")
        .willReturn(aResponse().withHeader("Content-Type", "application/json")
            .withBody(CtGovJson.page(List.of(study(1, "2024-03-01")), null))));
    final IngestSummary summary;
    try (IngestService ingest = service(settings(FAST_HTTP), IngestListener.NONE)) {
      summary = ingest.runOnce();
    }
    assertThat(summary.hasFailures()).isFalse();
    assertThat(trialKeys()).containsExactly("NCT00000001");
    final List<Long> at = requestTimes();
    assertThat(at).hasSize(2);
    assertThat(at.get(1) - at.get(0)).isGreaterThanOrEqualTo(950L);
  }

  @Test
  void shouldRetryA500AndThenPublish() {
    api.stubFor(get(urlPathEqualTo("/api/v2/studies")).inScenario("500").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(500).withBody("Internal Server Error")).willSetStateTo("ok"));
    api.stubFor(get(urlPathEqualTo("/api/v2/studies")).inScenario("500").whenScenarioStateIs("ok")
        .willReturn(aResponse().withHeader("Content-Type", "application/json")
            .withBody(CtGovJson.page(List.of(study(1, "2024-03-01")), null))));
    final IngestSummary summary;
    try (IngestService ingest = service(settings(FAST_HTTP), IngestListener.NONE)) {
      summary = ingest.runOnce();
    }
    assertThat(summary.hasFailures()).isFalse();
    assertThat(trialKeys()).containsExactly("NCT00000001");
    api.verify(2, getRequestedFor(urlPathEqualTo("/api/v2/studies")));
  }

  @Test
  void shouldRetryATimeoutAndThenPublish() {
    api.stubFor(get(urlPathEqualTo("/api/v2/studies")).inScenario("slow").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withFixedDelay(4_000).withHeader("Content-Type", "application/json")
            .withBody(CtGovJson.page(List.of(study(9, "2024-03-01")), null)))
        .willSetStateTo("fast"));
    api.stubFor(get(urlPathEqualTo("/api/v2/studies")).inScenario("slow").whenScenarioStateIs("fast")
        .willReturn(aResponse().withHeader("Content-Type", "application/json")
            .withBody(CtGovJson.page(List.of(study(1, "2024-03-01")), null))));
    final IngestSummary summary;
    try (IngestService ingest = service(settings(FAST_HTTP.withReadTimeout(Duration.ofSeconds(1))), IngestListener.NONE)) {
      summary = ingest.runOnce();
    }
    assertThat(summary.hasFailures()).isFalse();
    assertThat(trialKeys()).containsExactly("NCT00000001");
    api.verify(2, getRequestedFor(urlPathEqualTo("/api/v2/studies")));
  }

  @Test
  void shouldDeadLetterATruncatedJsonPageAndLetTheOtherSourcesRun() {
    final String full = CtGovJson.page(List.of(study(1, "2024-03-01"), study(2, "2024-03-02")), "P2");
    stubCtGovPage(null, full.substring(0, full.length() - 40));
    stubEuropePmc();
    final IngestSettings s = settings(FAST_HTTP).withEuropePmc(europePmc());
    final IngestSummary summary;
    try (IngestService ingest = service(s, IngestListener.NONE)) {
      summary = ingest.runOnce();
    }
    assertThat(summary.result(CtGovSource.NAME)).hasValueSatisfying(r -> {
      assertThat(r.outcome()).isEqualTo(SourceResult.Outcome.STOPPED);
      assertThat(r.deadLetters()).isEqualTo(1);
    });
    assertThat(summary.result(EuropePmcSource.NAME)).hasValueSatisfying(r ->
        assertThat(r.outcome()).isEqualTo(SourceResult.Outcome.COMPLETED));
    assertThat(summary.hasFailures()).isTrue();
    assertThat(trialKeys()).isEmpty();
    assertThat(deadLetters()).filteredOn(d -> d.getSource().equals("ctgov")).singleElement().satisfies(d -> {
      assertThat(d.getStage()).isEqualTo("INGEST");
      assertThat(d.getUrl()).contains("/api/v2/studies");
      assertThat(d.getReason()).isNotBlank();
      assertThat(d.getErrorClass()).endsWith("CtGovParseException");
      assertThat(d.getOriginalText()).isEqualTo(full.substring(0, full.length() - 40));
      assertThat(d.getTruncated()).isFalse();
    });
    assertThat(storedCursor(CtGovSource.NAME)).isEqualTo(Cursor.EMPTY);
  }

  @Test
  void shouldDeadLetterAnHtmlErrorPageWhereJsonWasExpected() {
    api.stubFor(get(urlPathEqualTo("/api/v2/studies")).willReturn(aResponse().withHeader("Content-Type", "text/html")
        .withBody("<!DOCTYPE html><html><head><title>Service Unavailable</title></head><body>Try later</body></html>")));
    final IngestSummary summary;
    try (IngestService ingest = service(settings(FAST_HTTP), IngestListener.NONE)) {
      summary = ingest.runOnce();
    }
    assertThat(summary.result(CtGovSource.NAME).orElseThrow().outcome()).isEqualTo(SourceResult.Outcome.STOPPED);
    assertThat(deadLetters()).singleElement().satisfies(d -> {
      assertThat(d.getReason()).containsIgnoringCase("HTML");
      assertThat(d.getOriginalText()).contains("Try later");
    });
  }

  @Test
  void shouldDeadLetterABodyOverTheSizeLimit() {
    final List<ObjectNode> many = IntStream.rangeClosed(1, 400).mapToObj(i -> study(i, "2024-03-01")).toList();
    api.stubFor(get(urlPathEqualTo("/api/v2/studies")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json").withBody(CtGovJson.page(many, null))));
    final IngestSummary summary;
    try (IngestService ingest = service(settings(FAST_HTTP.withMaxBodyBytes(16 * 1024)), IngestListener.NONE)) {
      summary = ingest.runOnce();
    }
    assertThat(summary.result(CtGovSource.NAME)).hasValueSatisfying(r -> {
      assertThat(r.outcome()).isEqualTo(SourceResult.Outcome.STOPPED);
      assertThat(r.error()).contains("size limit");
    });
    assertThat(trialKeys()).isEmpty();
    assertThat(deadLetters()).singleElement().satisfies(d -> {
      assertThat(d.getReason()).contains("16384 bytes");
      assertThat(d.getErrorClass()).endsWith("BodyTooLargeException");
    });
    api.verify(1, getRequestedFor(urlPathEqualTo("/api/v2/studies")));
  }

  @Test
  void shouldDeadLetterXmlWithAnExternalEntityWithoutReadingTheFile(@TempDir final Path dir) throws Exception {
    final Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET-MARKER");
    api.stubFor(get(urlPathEqualTo("/eutils/esearch.fcgi")).willReturn(aResponse()
        .withHeader("Content-Type", "text/xml").withBody(PubMedXml.search(1, "WE"))));
    api.stubFor(get(urlPathEqualTo("/eutils/efetch.fcgi")).willReturn(aResponse()
        .withHeader("Content-Type", "text/xml").withBody(PubMedXml.withExternalEntity(secret.toUri().toString()))));
    final IngestSettings s = settings(FAST_HTTP).withCtGov(ctgov(2, 50).enabled(false)).withPubMed(pubmed());
    final IngestSummary summary;
    try (IngestService ingest = service(s, IngestListener.NONE)) {
      summary = ingest.runOnce();
    }
    assertThat(summary.result(PubMedSource.NAME)).hasValueSatisfying(r -> {
      assertThat(r.outcome()).isEqualTo(SourceResult.Outcome.COMPLETED);
      assertThat(r.deadLetters()).isEqualTo(1);
    });
    assertThat(kafka.readAll(kafka.topics().articles())).isEmpty();
    assertThat(deadLetters()).singleElement().satisfies(d -> {
      assertThat(d.getSource()).isEqualTo("pubmed");
      assertThat(d.getReason()).contains("FORBIDDEN_CONSTRUCT");
      assertThat(d.toString()).doesNotContain("TOP-SECRET-MARKER");
    });
  }

  @Test
  void shouldHoldTheRateLimitMeasuredAtTheServer() {
    stubCtGovPage(null, CtGovJson.page(List.of(study(1, "2024-03-01")), "Q1"));
    for (int i = 1; i <= 6; i++) {
      stubCtGovPage("Q" + i, CtGovJson.page(List.of(study(i + 1, "2024-03-01")), i == 6 ? null : "Q" + (i + 1)));
    }
    final IngestSettings s = settings(FAST_HTTP).withCtGov(ctgov(1, 4.0));
    try (IngestService ingest = service(s, IngestListener.NONE)) {
      assertThat(ingest.runOnce().hasFailures()).isFalse();
    }
    final List<Long> at = requestTimes();
    assertThat(at).hasSize(7);
    final List<Long> gaps = IntStream.range(1, at.size()).mapToObj(i -> at.get(i) - at.get(i - 1)).toList();
    final double perSecond = (at.size() - 1) * 1000.0 / (at.get(at.size() - 1) - at.get(0));
    final long busiestSecond = IntStream.range(0, at.size())
        .mapToLong(i -> at.stream().filter(t -> t >= at.get(i) && t < at.get(i) + 1000).count()).max().orElseThrow();
    System.out.printf("Measured at the fake server: %.2f requests/s overall, at most %d in any second, gaps %s ms%n",
        perSecond, busiestSecond, gaps);
    // 4 requests/s, a bucket of one: spaced 250 ms apart when they leave the client. Arrival times at the
    // server jitter on a loaded machine, so single gaps get some slack; a missing limiter would show gaps
    // of a few milliseconds and ~7 requests in the first second.
    assertThat(perSecond).isLessThanOrEqualTo(4.0 * 1.05);
    assertThat(busiestSecond).isLessThanOrEqualTo(5);
    assertThat(gaps).allSatisfy(g -> assertThat(g).isGreaterThanOrEqualTo(125L));
  }

  @Test
  void shouldRunEverySourceReportAFailedOneAndFollowDoisToLandingPages() {
    api.stubFor(get(urlPathEqualTo("/api/v2/studies")).willReturn(aResponse().withStatus(404)
        .withHeader("Content-Type", "text/plain").withBody("No such endpoint")));
    api.stubFor(get(urlPathEqualTo("/eutils/esearch.fcgi")).willReturn(aResponse()
        .withHeader("Content-Type", "text/xml").withBody(PubMedXml.search(4, "WE"))));
    api.stubFor(get(urlPathEqualTo("/eutils/efetch.fcgi")).willReturn(aResponse()
        .withHeader("Content-Type", "text/xml").withBody(Fixtures.resource("pubmed/efetch-msc-ev.xml"))));
    stubEuropePmc();
    api.stubFor(get(urlPathMatching("/doi/.*")).willReturn(aResponse().withHeader("Content-Type", "text/html")
        .withBody(Fixtures.resource("pages/og-only.html"))));
    final IngestSettings s = settings(FAST_HTTP).withPubMed(pubmed()).withEuropePmc(europePmc())
        .withPages(new IngestSettings.Pages(true, List.of(), URI.create(api.baseUrl() + "/doi/"), true, 10,
            List.of(), Duration.ofHours(24), 50));
    final List<String> finished = new ArrayList<>();
    final IngestSummary summary;
    try (IngestService ingest = service(s, new IngestListener() {
      @Override
      public void onSourceFinished(final SourceResult result) {
        finished.add(result.source() + ":" + result.outcome());
      }
    })) {
      assertThat(ingest.sourceNames()).containsExactly("ctgov", "pubmed", "europepmc", "pages");
      summary = ingest.runOnce();
    }
    assertThat(finished).containsExactly("ctgov:FAILED", "pubmed:COMPLETED", "europepmc:COMPLETED", "pages:COMPLETED");
    assertThat(summary.result(CtGovSource.NAME).orElseThrow().error()).contains("HTTP 404", "No such endpoint");
    api.verify(1, getRequestedFor(urlPathEqualTo("/api/v2/studies")));

    final Map<String, List<String>> sourcesByKey = kafka.readAll(kafka.topics().articles()).stream()
        .collect(Collectors.groupingBy(ConsumerRecord::key,
            Collectors.mapping(r -> ((ArticleRecord) r.value()).getSource(), Collectors.toList())));
    // PubMed and Europe PMC know the first article by the same DOI: one key, DOI first.
    assertThat(sourcesByKey.get("doi:10.1186/s13287-024-00001-x")).contains("PUBMED", "EUROPEPMC");
    assertThat(sourcesByKey).containsKeys("doi:10.1016/s1465-3249(98)00002-2", "pmid:39000004", "pmid:39000002",
        "doi:10.3389/fimmu.2024.000004");
    // DOIs of PubMed and Europe PMC records were followed to their landing pages.
    assertThat(sourcesByKey.entrySet()).filteredOn(e -> e.getValue().contains("LANDING_PAGE"))
        .extracting(Map.Entry::getKey)
        .contains("doi:10.1186/s13287-024-00001-x", "doi:10.3389/fimmu.2024.000004");
    assertThat(summary.result(LandingPageSource.NAME).orElseThrow().recordsPublished()).isEqualTo(3);
    // The PMID-less PubMed article and the Europe PMC preprint without DOI or PMID are dead letters.
    assertThat(deadLetters()).extracting(DeadLetter::getSource).containsExactlyInAnyOrder("pubmed", "europepmc");
  }

  private IngestSettings.PubMed pubmed() {
    return new IngestSettings.PubMed(true, URI.create(api.baseUrl() + "/eutils"), "exosome*[tiab]", 10,
        Duration.ofHours(6), 50, "", "mdat");
  }

  private IngestSettings.EuropePmc europePmc() {
    return new IngestSettings.EuropePmc(true, URI.create(api.baseUrl() + "/rest"), "exosome", 3,
        Duration.ofHours(6), 50);
  }

  private static void stubEuropePmc() {
    api.stubFor(get(urlPathEqualTo("/rest/search")).withQueryParam("cursorMark", equalTo("*"))
        .willReturn(aResponse().withHeader("Content-Type", "application/json")
            .withBody(Fixtures.resource("europepmc/core-page1.json"))));
    api.stubFor(get(urlPathEqualTo("/rest/search")).withQueryParam("cursorMark", equalTo("AoIIQ0ExMjM0NQ=="))
        .willReturn(aResponse().withHeader("Content-Type", "application/json")
            .withBody(Fixtures.resource("europepmc/core-page2-last.json"))));
    api.stubFor(get(urlPathEqualTo("/rest/search")).withQueryParam("cursorMark", equalTo("AoIIQ0ExMjM0Ng=="))
        .willReturn(aResponse().withHeader("Content-Type", "application/json")
            .withBody("{\"hitCount\":4,\"nextCursorMark\":\"AoIIQ0ExMjM0Ng==\",\"resultList\":{\"result\":[]}}")));
  }

  /** When the fake server received each request, in order (ms). */
  private static List<Long> requestTimes() {
    return api.getAllServeEvents().stream()
        .map(ServeEvent::getRequest)
        .map(r -> r.getLoggedDate().getTime())
        .sorted(Comparator.comparing(Function.identity()))
        .toList();
  }
}
