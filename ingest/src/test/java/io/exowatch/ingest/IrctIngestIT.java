package io.exowatch.ingest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.exowatch.ingest.source.Cursor;
import io.exowatch.ingest.source.IrctSource;
import io.exowatch.ingest.testing.Fixtures;
import io.exowatch.ingest.testing.KafkaHarness;
import io.exowatch.ingest.testing.RegistryIngest;
import io.exowatch.localstack.LocalStack;
import io.exowatch.localstack.junit.EmbeddedStack;
import io.exowatch.schemas.avro.TrialRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The IRCT source through the ingest service and the embedded broker and schema registry, against a
 * local stand-in of the IRCT site serving pages written in its formats. Each test has its own topics.
 */
@EmbeddedStack(openSearch = false)
class IrctIngestIT {

  @RegisterExtension
  static WireMockExtension site = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);

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
    final IngestSettings.Registry settings = RegistryIngest.registry(IrctSource.NAME, site.baseUrl());
    return ingest.service(new IrctSource(RegistryIngest.client(settings), settings, CLOCK), listener);
  }

  private static void stubSearch(final int page, final String resource) {
    site.stubFor(get(urlPathEqualTo("/search/result")).withQueryParam("page", equalTo(Integer.toString(page)))
        .willReturn(aResponse().withHeader("Content-Type", "text/html; charset=utf-8")
            .withBody(Fixtures.resource(resource))));
  }

  private static void stubTrial(final long n, final String resource) {
    site.stubFor(get(urlPathEqualTo("/trial/" + n + "/xml")).willReturn(aResponse()
        .withHeader("Content-Type", "application/xml; charset=utf-8").withBody(Fixtures.resource(resource))));
  }

  private static void stubTwoPagesOfThreeTrials() {
    stubSearch(1, "irct/search-page-1.html");
    stubSearch(2, "irct/search-page-2.html");
    stubTrial(46789, "irct/trial-msc-exosome.xml");
    stubTrial(7428, "irct/trial-suspended.xml");
    stubTrial(75321, "irct/trial-missing-sections.xml");
  }

  @Test
  void shouldPublishEveryTrialKeyedByItsRegistrationNumberAndStartOverAfterAFullPass() {
    stubTwoPagesOfThreeTrials();
    final IngestSummary summary;
    try (IngestService service = service(IngestListener.NONE)) {
      summary = service.runOnce();
    }
    assertThat(summary.result(IrctSource.NAME)).hasValueSatisfying(r -> {
      assertThat(r.outcome()).isEqualTo(SourceResult.Outcome.COMPLETED);
      assertThat(r.pages()).isEqualTo(2);
      assertThat(r.recordsPublished()).isEqualTo(3);
    });
    final List<ConsumerRecord<String, Object>> trials = kafka.readAll(kafka.topics().trials());
    assertThat(trials).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(
        "IRCT20200217046526N2", "IRCT201108247428N1", "IRCT20130812014333N223");
    assertThat(trials).allSatisfy(r -> {
      final TrialRecord t = (TrialRecord) r.value();
      assertThat(t.getRegistry()).isEqualTo("IRCT");
      assertThat(t.getRegistryId()).isEqualTo(r.key());
      assertThat(t.getSourceUrl()).startsWith(site.baseUrl() + "/trial/");
      assertThat(t.getContentHash()).hasSize(64);
    });
    assertThat(trials).filteredOn(r -> r.key().equals("IRCT20200217046526N2")).singleElement().satisfies(r ->
        assertThat(((TrialRecord) r.value()).getSecondaryIds()).anySatisfy(s -> {
          assertThat(s.getId()).isEqualTo("NCT04602442");
          assertThat(s.getRegistry()).isEqualTo("CTGOV");
        }));
    assertThat(ingest.cursors(IrctSource.NAME)).containsExactly(Cursor.of(Map.of("page", "2")), Cursor.EMPTY);
  }

  @Test
  void shouldDeadLetterAnUnreadableResultsPageAndAMissingTrialWithTheirUrlsAndReasons() {
    stubSearch(1, "irct/search-page-1.html");
    stubSearch(2, "irct/error-page.html");
    stubTrial(46789, "irct/trial-msc-exosome.xml");
    site.stubFor(get(urlPathEqualTo("/trial/7428/xml")).willReturn(aResponse().withStatus(404).withBody("Not Found")));
    final IngestSummary summary;
    try (IngestService service = service(IngestListener.NONE)) {
      summary = service.runOnce();
    }
    assertThat(summary.result(IrctSource.NAME)).hasValueSatisfying(r -> {
      assertThat(r.outcome()).isEqualTo(SourceResult.Outcome.STOPPED);
      assertThat(r.deadLetters()).isEqualTo(2);
    });
    assertThat(ingest.trialKeys()).containsExactly("IRCT20200217046526N2");
    assertThat(ingest.deadLetters()).hasSize(2).allSatisfy(d -> {
      assertThat(d.getStage()).isEqualTo("INGEST");
      assertThat(d.getSource()).isEqualTo(IrctSource.NAME);
    });
    assertThat(ingest.deadLetters()).anySatisfy(d -> {
      assertThat(d.getUrl()).endsWith("/trial/7428/xml");
      assertThat(d.getReason()).contains("HTTP 404");
    });
    assertThat(ingest.deadLetters()).anySatisfy(d -> {
      assertThat(d.getUrl()).contains("/search/result", "page=2");
      assertThat(d.getReason()).contains("not an IRCT search results page", "Service temporarily unavailable");
      assertThat(d.getErrorClass()).endsWith("IrctParseException");
      assertThat(d.getOriginalText()).contains("The registry is being updated");
    });
    // The unreadable page is where the next pass starts.
    assertThat(ingest.cursors(IrctSource.NAME)).last().isEqualTo(Cursor.of(Map.of("page", "2")));
  }

  @Test
  void shouldResumeARestartedIngestAtTheStoredPageWithNothingLostOrDuplicated() {
    stubTwoPagesOfThreeTrials();
    final IngestSummary interrupted = RegistryIngest.runStoppingAfterFirstPage(this::service);
    assertThat(interrupted.result(IrctSource.NAME)).hasValueSatisfying(r -> {
      assertThat(r.outcome()).isEqualTo(SourceResult.Outcome.INTERRUPTED);
      assertThat(r.recordsPublished()).isEqualTo(2);
    });
    assertThat(ingest.cursors(IrctSource.NAME)).last().isEqualTo(Cursor.of(Map.of("page", "2")));

    final IngestSummary resumed;
    try (IngestService restarted = service(IngestListener.NONE)) {
      resumed = restarted.runOnce();
    }
    assertThat(resumed.result(IrctSource.NAME)).hasValueSatisfying(r -> {
      assertThat(r.outcome()).isEqualTo(SourceResult.Outcome.COMPLETED);
      assertThat(r.recordsPublished()).isEqualTo(1);
    });
    assertThat(ingest.trialKeys()).containsExactlyInAnyOrder("IRCT20200217046526N2", "IRCT201108247428N1",
        "IRCT20130812014333N223");
    site.verify(1, getRequestedFor(urlPathEqualTo("/search/result")).withQueryParam("page", equalTo("1")));
    site.verify(1, getRequestedFor(urlPathEqualTo("/search/result")).withQueryParam("page", equalTo("2")));
    site.verify(1, getRequestedFor(urlPathEqualTo("/trial/46789/xml")));
    assertThat(ingest.cursors(IrctSource.NAME)).last().isEqualTo(Cursor.EMPTY);
  }
}
