package io.exowatch.ingest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.exowatch.ingest.source.Cursor;
import io.exowatch.ingest.source.IsrctnSource;
import io.exowatch.ingest.testing.Fixtures;
import io.exowatch.ingest.testing.KafkaHarness;
import io.exowatch.ingest.testing.RegistryIngest;
import io.exowatch.localstack.LocalStack;
import io.exowatch.localstack.junit.EmbeddedStack;
import io.exowatch.schemas.avro.TrialRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The ISRCTN source through the ingest service and the embedded broker and schema registry, against a
 * local stand-in of the ISRCTN API answering in its XML format. Each test has its own topics.
 */
@EmbeddedStack(openSearch = false)
class IsrctnIngestIT {

  @RegisterExtension
  static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String PATH = "/api/query/format/default";
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);
  private static final String FULL_SPAN = "GE 2000-01-01T00:00:00.000Z AND lastEdited LE 2024-05-01T11:59:59.999Z";
  private static final Pattern WINDOW = Pattern.compile("lastEdited GE (\\S+) AND lastEdited LE (\\S+)$");

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
    final IngestSettings.Registry settings = RegistryIngest.registry(IsrctnSource.NAME, api.baseUrl())
        .query(IsrctnSource.DEFAULT_QUERY);
    return ingest.service(new IsrctnSource(RegistryIngest.client(settings), settings, CLOCK), listener);
  }

  private static void stubAny(final String body) {
    api.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse()
        .withHeader("Content-Type", "application/xml;charset=UTF-8").withBody(body)));
  }

  @Test
  void shouldPublishEveryTrialKeyedByItsIsrctnIdAndStoreWhenThePassStarted() {
    stubAny(Fixtures.resource("isrctn/search-msc-ev.xml"));
    final IngestSummary summary;
    try (IngestService service = service(IngestListener.NONE)) {
      summary = service.runOnce();
    }
    assertThat(summary.result(IsrctnSource.NAME)).hasValueSatisfying(r -> {
      assertThat(r.outcome()).isEqualTo(SourceResult.Outcome.COMPLETED);
      assertThat(r.recordsPublished()).isEqualTo(3);
    });
    final List<ConsumerRecord<String, Object>> trials = kafka.readAll(kafka.topics().trials());
    assertThat(trials).extracting(ConsumerRecord::key)
        .containsExactlyInAnyOrder("ISRCTN47392018", "ISRCTN83701142", "ISRCTN15520987");
    assertThat(trials).allSatisfy(r -> {
      final TrialRecord t = (TrialRecord) r.value();
      assertThat(t.getRegistry()).isEqualTo("ISRCTN");
      assertThat(t.getRegistryId()).isEqualTo(r.key());
      assertThat(t.getContentHash()).hasSize(64);
    });
    assertThat(trials).filteredOn(r -> r.key().equals("ISRCTN15520987")).singleElement().satisfies(r ->
        assertThat(((TrialRecord) r.value()).getSecondaryIds()).extracting(s -> s.getId() + "@" + s.getRegistry())
            .contains("NCT04491240@CTGOV", "2020-002143-18@EUCTR"));
    assertThat(ingest.lastCursor(IsrctnSource.NAME)).isEqualTo(Cursor.of(Map.of("since", "2024-05-01T12:00:00Z")));
    api.verify(getRequestedFor(urlPathEqualTo(PATH))
        .withQueryParam("q", containing(FULL_SPAN)));
  }

  @Test
  void shouldDeadLetterAnUnreadableResponseWithItsUrlAndReason() {
    stubAny(Fixtures.resource("isrctn/error-page.html"));
    final IngestSummary summary;
    try (IngestService service = service(IngestListener.NONE)) {
      summary = service.runOnce();
    }
    assertThat(summary.result(IsrctnSource.NAME).orElseThrow().outcome()).isEqualTo(SourceResult.Outcome.STOPPED);
    assertThat(ingest.trialKeys()).isEmpty();
    assertThat(ingest.deadLetters()).singleElement().satisfies(d -> {
      assertThat(d.getStage()).isEqualTo("INGEST");
      assertThat(d.getSource()).isEqualTo(IsrctnSource.NAME);
      assertThat(d.getUrl()).contains(PATH, "lastEdited");
      assertThat(d.getReason()).contains("HTML", "ISRCTN - Error");
      assertThat(d.getErrorClass()).endsWith("IsrctnParseException");
      assertThat(d.getOriginalText()).contains("Sorry, something went wrong");
    });
    assertThat(ingest.lastCursor(IsrctnSource.NAME)).isEqualTo(Cursor.EMPTY);
  }

  @Test
  void shouldDeadLetterATrialWithoutNumberAndPublishTheOthers() {
    stubAny(Fixtures.resource("isrctn/page-with-bad-trial.xml"));
    try (IngestService service = service(IngestListener.NONE)) {
      assertThat(service.runOnce().result(IsrctnSource.NAME).orElseThrow().outcome())
          .isEqualTo(SourceResult.Outcome.COMPLETED);
    }
    assertThat(ingest.trialKeys()).containsExactly("ISRCTN60912387");
    assertThat(ingest.deadLetters()).singleElement().satisfies(d -> {
      assertThat(d.getUrl()).contains(PATH);
      assertThat(d.getReason()).contains("fullTrial #0", "isrctn");
      assertThat(d.getOriginalText()).contains("A record without its number");
    });
  }

  @Test
  void shouldResumeARestartedIngestAtTheStoredWindowWithNothingLostOrDuplicated() {
    // The whole span holds too many trials for one response, so the pass walks narrower windows. Each
    // window answers with one trial numbered by the window's first day (ISRCTN + yyyyMMdd).
    api.stubFor(get(urlPathEqualTo(PATH)).atPriority(1).withQueryParam("q", containing(FULL_SPAN))
        .willReturn(aResponse().withHeader("Content-Type", "application/xml")
            .withBody(Fixtures.resource("isrctn/search-msc-ev.xml").replace("totalCount=\"3\"", "totalCount=\"250\""))));
    api.stubFor(get(urlPathEqualTo(PATH)).atPriority(5).willReturn(aResponse()
        .withHeader("Content-Type", "application/xml").withTransformers("response-template")
        .withBody("{{regexExtract request.query.q 'GE ([0-9]{4})-([0-9]{2})-([0-9]{2})' 'd'}}"
            + "<allTrials xmlns=\"http://www.67bricks.com/isrctn\" totalCount=\"1\"><fullTrial><trial>"
            + "<isrctn>{{d.0}}{{d.1}}{{d.2}}</isrctn><trialDescription><title>Edited from {{d.0}}-{{d.1}}-{{d.2}}"
            + "</title></trialDescription></trial></fullTrial></allTrials>")));
    // Batch 1 only narrows the window; batch 2 holds the first window's trial.
    final IngestSummary interrupted = RegistryIngest.runStoppingAfter(2, this::service);
    assertThat(interrupted.result(IsrctnSource.NAME)).hasValueSatisfying(r -> {
      assertThat(r.outcome()).isEqualTo(SourceResult.Outcome.INTERRUPTED);
      assertThat(r.recordsPublished()).isEqualTo(1);
    });
    assertThat(ingest.trialKeys()).containsExactly("ISRCTN20000101");
    final Cursor stored = ingest.lastCursor(IsrctnSource.NAME);
    assertThat(stored.get("until")).contains("2024-05-01T12:00:00Z");
    assertThat(stored.get("from")).isPresent();

    final IngestSummary resumed;
    try (IngestService restarted = service(IngestListener.NONE)) {
      resumed = restarted.runOnce();
    }
    assertThat(resumed.result(IsrctnSource.NAME)).hasValueSatisfying(r ->
        assertThat(r.outcome()).isEqualTo(SourceResult.Outcome.COMPLETED));
    final List<Instant[]> windows = requestedWindows();
    // The full span, then each window exactly once, each starting right after the one before: the
    // restart went on at the stored window, asked nothing twice and skipped nothing.
    assertThat(windows.stream().map(w -> w[0] + "/" + w[1]).toList()).doesNotHaveDuplicates();
    assertThat(windows.get(2)[0]).isEqualTo(Instant.parse(stored.get("from").orElseThrow()));
    for (int i = 2; i < windows.size(); i++) {
      assertThat(windows.get(i)[0]).isEqualTo(windows.get(i - 1)[1].plusMillis(1));
    }
    assertThat(windows.get(windows.size() - 1)[1]).isEqualTo(Instant.parse("2024-05-01T11:59:59.999Z"));
    assertThat(ingest.trialKeys()).doesNotHaveDuplicates().hasSize(windows.size() - 1).contains("ISRCTN20000101");
    assertThat(ingest.lastCursor(IsrctnSource.NAME)).isEqualTo(Cursor.of(Map.of("since", "2024-05-01T12:00:00Z")));
  }

  /** The [GE, LE] bounds of every request, in the order they were made. */
  private static List<Instant[]> requestedWindows() {
    // WireMock lists the newest request first.
    final List<ServeEvent> events = new ArrayList<>(api.getAllServeEvents());
    Collections.reverse(events);
    final List<Instant[]> out = new ArrayList<>();
    for (final ServeEvent e : events) {
      final Matcher m = WINDOW.matcher(e.getRequest().queryParameter("q").firstValue());
      assertThat(m.find()).isTrue();
      out.add(new Instant[] {Instant.parse(m.group(1)), Instant.parse(m.group(2))});
    }
    return out;
  }
}
