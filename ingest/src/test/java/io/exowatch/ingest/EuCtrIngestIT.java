package io.exowatch.ingest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.exowatch.ingest.euctr.EuCtrPages;
import io.exowatch.ingest.euctr.EuCtrPages.Trial;
import io.exowatch.ingest.source.Cursor;
import io.exowatch.ingest.source.EuCtrSource;
import io.exowatch.ingest.testing.Fixtures;
import io.exowatch.ingest.testing.KafkaHarness;
import io.exowatch.ingest.testing.RegistryIngest;
import io.exowatch.localstack.LocalStack;
import io.exowatch.localstack.junit.EmbeddedStack;
import io.exowatch.schemas.avro.SecondaryId;
import io.exowatch.schemas.avro.TrialRecord;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The EU CTR source in the ingest service, end to end: a local stand-in of clinicaltrialsregister.eu
 * (WireMock) serving search pages, full-text downloads and protocol pages in the register's layouts, and
 * the embedded broker and schema registry. Each test has its own topics.
 */
@EmbeddedStack(openSearch = false)
class EuCtrIngestIT {

  @RegisterExtension
  static WireMockExtension site = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();


  private static final Trial ARDS = Trial.of("2021-004567-18", "UC-MSC extracellular vesicles in ARDS", "ES", "DE");
  private static final Trial FOOT = Trial.of("2020-000111-22", "MSC exosome gel for diabetic foot ulcers", "FR");
  private static final Trial KNEE = Trial.of("2019-003921-41", "MSC secretome in knee osteoarthritis", "IT");

  private KafkaHarness kafka;
  private RegistryIngest ingest;

  @BeforeEach
  void setUp(final LocalStack stack) {
    kafka = new KafkaHarness(stack);
    ingest = new RegistryIngest(kafka);
  }

  @AfterEach
  void tearDown() throws Exception {
    kafka.close();
  }

  private IngestService service(final IngestListener listener) {
    final IngestSettings.Registry registry = RegistryIngest.registry(EuCtrSource.NAME, site.baseUrl()).query("exosome");
    return ingest.service(new EuCtrSource(RegistryIngest.client(registry), registry, Clock.systemUTC()), listener);
  }

  private static void stubSearch(final int page, final String html) {
    site.stubFor(get(urlPathEqualTo("/ctr-search/search")).withQueryParam("page", equalTo(Integer.toString(page)))
        .willReturn(aResponse().withHeader("Content-Type", "text/html; charset=UTF-8").withBody(html)));
  }

  private static void stubDownload(final int page, final String text) {
    site.stubFor(get(urlPathEqualTo("/ctr-search/rest/download/full")).withQueryParam("page", equalTo(Integer.toString(page)))
        .willReturn(aResponse().withHeader("Content-Type", "text/plain; charset=UTF-8").withBody(text)));
  }

  /** Page 1 lists ARDS (ES, DE) and FOOT, page 2 lists KNEE; the downloads hold them. */
  private static void stubTwoPages() {
    stubSearch(1, EuCtrPages.searchPage(1, 2, 3, List.of(ARDS, FOOT)));
    stubDownload(1, EuCtrPages.download(List.of(ARDS, FOOT)));
    stubSearch(2, EuCtrPages.searchPage(2, 2, 3, List.of(KNEE)));
    stubDownload(2, EuCtrPages.download(List.of(KNEE)));
  }

  /**
   * The download (the project's own file in the register's layout) holds ARDS in two member states and
   * KNEE; FOOT, listed but not in it, comes from its protocol page.
   */
  @Test
  void shouldPublishOneRecordPerTrialKeyedByItsEudraCtNumber() {
    stubSearch(1, EuCtrPages.searchPage(1, 1, 3, List.of(ARDS, FOOT, KNEE)));
    stubDownload(1, Fixtures.resource("euctr/download-two-trials.txt"));
    site.stubFor(get(urlPathEqualTo("/ctr-search/trial/2020-000111-22/FR")).willReturn(aResponse()
        .withHeader("Content-Type", "text/html; charset=UTF-8").withBody(Fixtures.resource("euctr/protocol-2020-000111-22-FR.html"))));
    final IngestSummary summary;
    try (IngestService service = service(IngestListener.NONE)) {
      summary = service.runOnce();
    }
    assertThat(summary.result(EuCtrSource.NAME)).hasValueSatisfying(r -> {
      assertThat(r.outcome()).isEqualTo(SourceResult.Outcome.COMPLETED);
      assertThat(r.recordsPublished()).isEqualTo(3);
      assertThat(r.deadLetters()).isZero();
    });
    final List<ConsumerRecord<String, Object>> trials = kafka.readAll(kafka.topics().trials());
    assertThat(trials).extracting(ConsumerRecord::key)
        .containsExactlyInAnyOrder("2021-004567-18", "2019-003921-41", "2020-000111-22");
    assertThat(trials).allSatisfy(r -> {
      final TrialRecord t = (TrialRecord) r.value();
      assertThat(t.getRegistry()).isEqualTo("EUCTR");
      assertThat(t.getRegistryId()).isEqualTo(r.key());
      assertThat(t.getContentHash()).hasSize(64);
    });
    final TrialRecord ards = trials.stream().filter(r -> r.key().equals("2021-004567-18"))
        .map(r -> (TrialRecord) r.value()).findFirst().orElseThrow();
    assertThat(ards.getCountries()).startsWith("Spain", "Germany");
    assertThat(ards.getSecondaryIds()).contains(
        new SecondaryId("NCT05123456", "US NCT (ClinicalTrials.gov registry) number", "CTGOV"));
    assertThat(ingest.lastCursor(EuCtrSource.NAME)).isEqualTo(Cursor.EMPTY);
  }

  @Test
  void shouldDeadLetterAMalformedSearchPageAndRecordWithUrlAndReasonAndKeepTheCursorOnThePage() {
    stubSearch(1, EuCtrPages.searchPage(1, 2, 3, List.of(ARDS, FOOT)));
    stubDownload(1, EuCtrPages.download(List.of(ARDS, FOOT)) + EuCtrPages.block("2020-12345-1", "lost digits", "BE"));
    stubSearch(2, "<html><head><title>Maintenance</title></head><body>The register is being updated.</body></html>");
    final IngestSummary summary;
    try (IngestService service = service(IngestListener.NONE)) {
      summary = service.runOnce();
    }
    assertThat(summary.result(EuCtrSource.NAME)).hasValueSatisfying(r -> {
      assertThat(r.outcome()).isEqualTo(SourceResult.Outcome.STOPPED);
      assertThat(r.recordsPublished()).isEqualTo(2);
      assertThat(r.deadLetters()).isEqualTo(2);
    });
    assertThat(ingest.trialKeys()).containsExactlyInAnyOrder("2021-004567-18", "2020-000111-22");
    assertThat(ingest.deadLetters()).hasSize(2).anySatisfy(d -> {
      assertThat(d.getStage()).isEqualTo("INGEST");
      assertThat(d.getSource()).isEqualTo(EuCtrSource.NAME);
      assertThat(d.getUrl()).contains("/ctr-search/search?query=exosome&page=2");
      assertThat(d.getReason()).contains("not an EU CTR search results page", "'Maintenance'");
      assertThat(d.getErrorClass()).endsWith("EuCtrParseException");
      assertThat(d.getOriginalText()).contains("The register is being updated.");
    }).anySatisfy(d -> {
      assertThat(d.getUrl()).contains("/ctr-search/rest/download/full?query=exosome&page=1&mode=current_page");
      assertThat(d.getReason()).contains("block #4", "'2020-12345-1'");
      assertThat(d.getOriginalText()).contains("EudraCT Number: 2020-12345-1");
    });
    assertThat(ingest.lastCursor(EuCtrSource.NAME)).isEqualTo(Cursor.of(Map.of("page", "2")));
  }

  @Test
  void shouldResumeARestartedIngestAtTheStoredPageWithoutDuplicates() {
    stubTwoPages();
    final IngestSummary interrupted = RegistryIngest.runStoppingAfterFirstPage(this::service);
    assertThat(interrupted.result(EuCtrSource.NAME)).hasValueSatisfying(r -> {
      assertThat(r.outcome()).isEqualTo(SourceResult.Outcome.INTERRUPTED);
      assertThat(r.recordsPublished()).isEqualTo(2);
    });
    assertThat(ingest.lastCursor(EuCtrSource.NAME)).isEqualTo(Cursor.of(Map.of("page", "2")));

    final IngestSummary resumed;
    try (IngestService restarted = service(IngestListener.NONE)) {
      resumed = restarted.runOnce();
    }
    assertThat(resumed.result(EuCtrSource.NAME)).hasValueSatisfying(r -> {
      assertThat(r.outcome()).isEqualTo(SourceResult.Outcome.COMPLETED);
      assertThat(r.recordsPublished()).isEqualTo(1);
    });
    assertThat(ingest.trialKeys()).containsExactlyInAnyOrder("2021-004567-18", "2020-000111-22", "2019-003921-41");
    site.verify(1, getRequestedFor(urlPathEqualTo("/ctr-search/search")).withQueryParam("page", equalTo("1")));
    site.verify(1, getRequestedFor(urlPathEqualTo("/ctr-search/rest/download/full")).withQueryParam("page", equalTo("2")));
    assertThat(ingest.lastCursor(EuCtrSource.NAME)).isEqualTo(Cursor.EMPTY);
  }
}
