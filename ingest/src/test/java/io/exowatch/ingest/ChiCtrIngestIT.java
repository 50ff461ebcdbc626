package io.exowatch.ingest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.exowatch.ingest.chictr.ChiCtrPages;
import io.exowatch.ingest.source.ChiCtrSource;
import io.exowatch.ingest.source.Cursor;
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
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The ChiCTR source in the ingest service, end to end: a local stand-in of chictr.org.cn (WireMock)
 * serving pages in the site's markup, and the embedded broker and schema registry. Each test has its
 * own topics.
 */
@EmbeddedStack(openSearch = false)
class ChiCtrIngestIT {

  @RegisterExtension
  static WireMockExtension site = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();


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
    final IngestSettings.Registry registry = RegistryIngest.registry(ChiCtrSource.NAME, site.baseUrl());
    return ingest.service(new ChiCtrSource(RegistryIngest.client(registry), registry, Clock.systemUTC()), listener);
  }

  private static void stubResults(final int page, final String body) {
    site.stubFor(get(urlPathEqualTo("/searchproj.html")).withQueryParam("page", equalTo(Integer.toString(page)))
        .willReturn(aResponse().withHeader("Content-Type", "text/html; charset=utf-8").withBody(body)));
  }

  private static void stubProject(final String projectId, final String body) {
    site.stubFor(get(urlPathEqualTo("/showproj.html")).withQueryParam("proj", equalTo(projectId))
        .willReturn(aResponse().withHeader("Content-Type", "text/html; charset=utf-8").withBody(body)));
  }

  /** Results page 1 lists projects 1..10, page 2 lists 11 and 12 (12 in all). */
  private static void stubTwoResultsPages() {
    IntStream.rangeClosed(1, 12).forEach(n -> stubProject(ChiCtrPages.projectId(n), ChiCtrPages.project(n)));
    stubResults(1, ChiCtrPages.results(12, IntStream.rangeClosed(1, 10).mapToObj(ChiCtrPages::row).toList()));
    stubResults(2, ChiCtrPages.results(12, IntStream.rangeClosed(11, 12).mapToObj(ChiCtrPages::row).toList()));
  }

  @Test
  void shouldPublishRegistrationsKeyedByTheirNormalisedIdsWithTheirOtherRegistryIds() {
    stubResults(1, Fixtures.resource("chictr/search-mixed-rows.html"));
    stubProject("198765", Fixtures.resource("chictr/project-msc-exosome-nct.html"));
    stubProject("7012", Fixtures.resource("chictr/project-older-trc.html"));
    final IngestSummary summary;
    try (IngestService service = service(IngestListener.NONE)) {
      summary = service.runOnce();
    }
    assertThat(summary.result(ChiCtrSource.NAME)).hasValueSatisfying(r -> {
      assertThat(r.outcome()).isEqualTo(SourceResult.Outcome.COMPLETED);
      assertThat(r.recordsPublished()).isEqualTo(2);
      assertThat(r.deadLetters()).isEqualTo(1);
    });
    final List<ConsumerRecord<String, Object>> trials = kafka.readAll(kafka.topics().trials());
    // Three partitions: read back in key-hash order, not publishing order.
    assertThat(trials).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("ChiCTR2300071234", "ChiCTR-TRC-12002536");
    final TrialRecord exosome = trials.stream().filter(r -> r.key().equals("ChiCTR2300071234"))
        .map(r -> (TrialRecord) r.value()).findFirst().orElseThrow();
    assertThat(exosome.getRegistry()).isEqualTo("CHICTR");
    assertThat(exosome.getSecondaryIds()).contains(new SecondaryId("NCT05216562", "Partner or other registry", "CTGOV"));
    assertThat(exosome.getSourceUrl()).isEqualTo(site.baseUrl() + "/showproj.html?proj=198765");
    assertThat(exosome.getContentHash()).hasSize(64);
    // The result row without a project link is a dead letter naming the results page.
    assertThat(ingest.deadLetters()).singleElement().satisfies(d -> {
      assertThat(d.getSource()).isEqualTo(ChiCtrSource.NAME);
      assertThat(d.getKey()).isEqualTo("ChiCTR2200061111");
      assertThat(d.getUrl()).contains("/searchproj.html");
      assertThat(d.getReason()).contains("no project link");
    });
    assertThat(ingest.lastCursor(ChiCtrSource.NAME).values()).containsOnlyKeys("lastFullPass");
  }

  @Test
  void shouldDeadLetterAMalformedResultsPageWithItsUrlAndReasonAndKeepTheCursorThere() {
    stubTwoResultsPages();
    stubResults(2, Fixtures.resource("chictr/project-unknown-layout.html"));
    stubProject(ChiCtrPages.projectId(4), Fixtures.resource("chictr/waf-challenge.html"));
    final IngestSummary summary;
    try (IngestService service = service(IngestListener.NONE)) {
      summary = service.runOnce();
    }
    assertThat(summary.result(ChiCtrSource.NAME)).hasValueSatisfying(r -> {
      assertThat(r.outcome()).isEqualTo(SourceResult.Outcome.STOPPED);
      assertThat(r.recordsPublished()).isEqualTo(9);
      assertThat(r.deadLetters()).isEqualTo(2);
    });
    assertThat(ingest.trialKeys()).hasSize(9).doesNotContain(ChiCtrPages.registrationNumber(4));
    assertThat(ingest.deadLetters()).hasSize(2).anySatisfy(d -> {
      assertThat(d.getStage()).isEqualTo("INGEST");
      assertThat(d.getUrl()).contains("/searchproj.html", "page=2");
      assertThat(d.getReason()).contains("unknown layout");
      assertThat(d.getErrorClass()).endsWith("ChiCtrParseException");
      assertThat(d.getOriginalText()).contains("<dt>Registration number</dt>");
    }).anySatisfy(d -> {
      assertThat(d.getKey()).isEqualTo(ChiCtrPages.registrationNumber(4));
      assertThat(d.getUrl()).endsWith("/showproj.html?proj=" + ChiCtrPages.projectId(4));
      assertThat(d.getReason()).contains("acw_sc__v2");
    });
    assertThat(ingest.lastCursor(ChiCtrSource.NAME)).isEqualTo(Cursor.of(Map.of("page", "2")));
  }

  @Test
  void shouldResumeARestartedIngestAtTheStoredPageWithoutDuplicates() {
    stubTwoResultsPages();
    final IngestSummary interrupted = RegistryIngest.runStoppingAfterFirstPage(this::service);
    assertThat(interrupted.result(ChiCtrSource.NAME)).hasValueSatisfying(r -> {
      assertThat(r.outcome()).isEqualTo(SourceResult.Outcome.INTERRUPTED);
      assertThat(r.recordsPublished()).isEqualTo(10);
    });
    assertThat(ingest.lastCursor(ChiCtrSource.NAME)).isEqualTo(Cursor.of(Map.of("page", "2")));

    final IngestSummary resumed;
    try (IngestService restarted = service(IngestListener.NONE)) {
      resumed = restarted.runOnce();
    }
    assertThat(resumed.result(ChiCtrSource.NAME)).hasValueSatisfying(r -> {
      assertThat(r.outcome()).isEqualTo(SourceResult.Outcome.COMPLETED);
      assertThat(r.recordsPublished()).isEqualTo(2);
    });
    assertThat(ingest.trialKeys()).containsExactlyInAnyOrderElementsOf(
        IntStream.rangeClosed(1, 12).mapToObj(ChiCtrPages::registrationNumber).toList());
    site.verify(1, getRequestedFor(urlPathEqualTo("/searchproj.html")).withQueryParam("page", equalTo("1")));
    site.verify(1, getRequestedFor(urlPathEqualTo("/searchproj.html")).withQueryParam("page", equalTo("2")));
    site.verify(12, getRequestedFor(urlPathEqualTo("/showproj.html")));
    assertThat(ingest.lastCursor(ChiCtrSource.NAME).values()).containsOnlyKeys("lastFullPass");
  }
}
