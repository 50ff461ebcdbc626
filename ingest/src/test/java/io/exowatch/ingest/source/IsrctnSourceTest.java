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
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.exowatch.ingest.IngestSettings;
import io.exowatch.ingest.http.FakeTime;
import io.exowatch.ingest.http.HttpSettings;
import io.exowatch.ingest.http.SiteClient;
import io.exowatch.ingest.testing.Fixtures;
import io.exowatch.ingest.testing.RecordingSink;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ISRCTN source against a local stand-in of the API; waits go through a fake clock. */
class IsrctnSourceTest {

  @RegisterExtension
  static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String PATH = "/api/query/format/default";
  private static final Pattern WINDOW = Pattern.compile("lastEdited GE (\\S+) AND lastEdited LE (\\S+)$");

  private FakeTime time;
  private IngestSettings.Registry settings;

  @BeforeEach
  void setUp() {
    time = new FakeTime(Instant.parse("2024-05-01T12:00:00Z"));
    settings = IngestSettings.Registry.defaults("isrctn").baseUrl(URI.create(api.baseUrl())).query("exosome")
        .rateLimit(100);
  }

  private IsrctnSource source(final IngestSettings.Registry s) {
    final SiteClient client = SiteClient.builder("isrctn").allowBaseUrl(s.baseUrl()).rateLimit(100)
        .settings(HttpSettings.defaults().withRetries(2, Duration.ofMillis(10), Duration.ofMillis(10)))
        .clock(time).sleeper(time).build();
    return new IsrctnSource(client, s, time);
  }

  private static void stubAny(final String body) {
    api.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse()
        .withHeader("Content-Type", "application/xml;charset=UTF-8").withBody(body)));
  }

  @Test
  void shouldAskAFullPassForEverythingEditedBeforeItStartedAndStoreThatTime() throws Exception {
    stubAny(Fixtures.resource("isrctn/search-msc-ev.xml"));
    final RecordingSink sink = new RecordingSink();
    source(settings).run(Cursor.EMPTY, sink);
    assertThat(sink.trialIds()).containsExactly("ISRCTN47392018", "ISRCTN83701142", "ISRCTN15520987");
    assertThat(sink.lastCursor()).isEqualTo(Cursor.of(Map.of("since", "2024-05-01T12:00:00Z")));
    api.verify(1, getRequestedFor(urlPathEqualTo(PATH)));
    api.verify(getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("limit", equalTo("100")).withQueryParam("q",
        equalTo("(exosome) AND lastEdited GE 2000-01-01T00:00:00.000Z AND lastEdited LE 2024-05-01T11:59:59.999Z")));
  }

  @Test
  void shouldAskOnlyForTrialsEditedSinceTheLastPassWithADayOfOverlap() throws Exception {
    stubAny(Fixtures.resource("isrctn/record-missing-sections.xml"));
    final RecordingSink sink = new RecordingSink();
    source(settings).run(Cursor.of(Map.of("since", "2024-04-20T06:00:00Z")), sink);
    assertThat(sink.trialIds()).containsExactly("ISRCTN60912387");
    api.verify(getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("q",
        equalTo("(exosome) AND lastEdited GE 2024-04-19T06:00:00.000Z AND lastEdited LE 2024-05-01T11:59:59.999Z")));
    assertThat(sink.lastCursor()).isEqualTo(Cursor.of(Map.of("since", "2024-05-01T12:00:00Z")));
  }

  @Test
  void shouldNarrowAWindowHoldingMoreThanAPageAndCoverThePassWithoutGaps() throws Exception {
    // The whole span holds 250 trials: too many for one response.
    api.stubFor(get(urlPathEqualTo(PATH)).atPriority(1)
        .withQueryParam("q", containing("GE 2000-01-01T00:00:00.000Z AND lastEdited LE 2024-05-01T11:59:59.999Z"))
        .willReturn(aResponse().withHeader("Content-Type", "application/xml")
            .withBody(Fixtures.resource("isrctn/search-msc-ev.xml").replace("totalCount=\"3\"", "totalCount=\"250\""))));
    api.stubFor(get(urlPathEqualTo(PATH)).atPriority(5).willReturn(aResponse().withHeader("Content-Type", "application/xml")
        .withBody(Fixtures.resource("isrctn/record-missing-sections.xml"))));
    final RecordingSink sink = new RecordingSink();
    source(settings).run(Cursor.EMPTY, sink);

    final List<Instant[]> windows = requestedWindows();
    assertThat(windows.size()).isBetween(3, 20);
    assertThat(windows.get(0)[0]).isEqualTo(Instant.parse("2000-01-01T00:00:00Z"));
    assertThat(windows.get(1)[0]).isEqualTo(windows.get(0)[0]);
    assertThat(windows.get(1)[1]).isBefore(windows.get(0)[1]);
    for (int i = 2; i < windows.size(); i++) {
      // Each window starts right after the one before: no trial edited in between is skipped.
      assertThat(windows.get(i)[0]).isEqualTo(windows.get(i - 1)[1].plusMillis(1));
    }
    assertThat(windows.get(windows.size() - 1)[1]).isEqualTo(Instant.parse("2024-05-01T11:59:59.999Z"));
    // The too-long window gave no records, only a narrower window to go on from.
    assertThat(sink.batches().get(0).trials()).isEmpty();
    assertThat(sink.batches().get(0).cursorAfter().get("to")).hasValueSatisfying(
        to -> assertThat(Instant.parse(to)).isEqualTo(windows.get(1)[1].plusMillis(1)));
    assertThat(sink.trialIds()).hasSize(windows.size() - 1).containsOnly("ISRCTN60912387");
    assertThat(sink.lastCursor()).isEqualTo(Cursor.of(Map.of("since", "2024-05-01T12:00:00Z")));
  }

  @Test
  void shouldAskForEveryTrialOfAOneSecondWindowInOneResponse() throws Exception {
    final String crowded = Fixtures.resource("isrctn/search-msc-ev.xml").replace("totalCount=\"3\"", "totalCount=\"150\"");
    api.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("limit", equalTo("100")).willReturn(aResponse()
        .withHeader("Content-Type", "application/xml").withBody(crowded)));
    api.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("limit", equalTo("150")).willReturn(aResponse()
        .withHeader("Content-Type", "application/xml").withBody(Fixtures.resource("isrctn/page-with-bad-trial.xml")
            .replace("totalCount=\"2\"", "totalCount=\"150\""))));
    final RecordingSink sink = new RecordingSink();
    source(settings).run(Cursor.of(Map.of("from", "2024-04-30T10:00:00Z", "to", "2024-04-30T10:00:01Z",
        "until", "2024-04-30T10:00:01Z")), sink);
    api.verify(1, getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("limit", equalTo("150")));
    // The stand-in still held back 148 of them: that is reported, not silently lost.
    assertThat(sink.rejected()).anySatisfy(r -> assertThat(r.reason()).contains("148 trials edited within one second"));
    assertThat(sink.lastCursor()).isEqualTo(Cursor.of(Map.of("since", "2024-04-30T10:00:01Z")));
  }

  @Test
  void shouldResumeAnUnfinishedPassAtItsStoredWindow() throws Exception {
    stubAny(Fixtures.resource("isrctn/record-missing-sections.xml"));
    final RecordingSink sink = new RecordingSink();
    source(settings).run(Cursor.of(Map.of("since", "2024-04-01T00:00:00Z", "from", "2024-04-10T00:00:00Z",
        "to", "2024-04-12T00:00:00Z", "until", "2024-04-20T00:00:00Z")), sink);
    final List<Instant[]> windows = requestedWindows();
    assertThat(windows).hasSize(3);
    assertThat(windows.get(0)).containsExactly(Instant.parse("2024-04-10T00:00:00Z"),
        Instant.parse("2024-04-11T23:59:59.999Z"));
    assertThat(sink.batches().get(0).cursorAfter()).isEqualTo(Cursor.of(Map.of("since", "2024-04-01T00:00:00Z",
        "from", "2024-04-12T00:00:00Z", "to", "2024-04-16T00:00:00Z", "until", "2024-04-20T00:00:00Z")));
    assertThat(sink.lastCursor()).isEqualTo(Cursor.of(Map.of("since", "2024-04-20T00:00:00Z")));
  }

  @Test
  void shouldStopAtMaxPagesAndLeaveTheNextWindowForTheNextPass() throws Exception {
    stubAny(Fixtures.resource("isrctn/record-missing-sections.xml"));
    final RecordingSink sink = new RecordingSink();
    source(settings.maxPages(1)).run(Cursor.of(Map.of("from", "2024-04-10T00:00:00Z", "to", "2024-04-11T00:00:00Z",
        "until", "2024-04-20T00:00:00Z")), sink);
    api.verify(1, getRequestedFor(urlPathEqualTo(PATH)));
    assertThat(sink.lastCursor()).isEqualTo(Cursor.of(Map.of("from", "2024-04-11T00:00:00Z",
        "to", "2024-04-13T00:00:00Z", "until", "2024-04-20T00:00:00Z")));
  }

  @Test
  void shouldAskForTheRestOfThePassWhenTheStoredWindowEndsBeforeItStarts() throws Exception {
    stubAny(Fixtures.resource("isrctn/record-missing-sections.xml"));
    final RecordingSink sink = new RecordingSink();
    source(settings).run(Cursor.of(Map.of("from", "2024-04-10T00:00:00Z", "to", "2024-04-01T00:00:00Z",
        "until", "2024-04-20T00:00:00Z")), sink);
    api.verify(1, getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("q",
        equalTo("(exosome) AND lastEdited GE 2024-04-10T00:00:00.000Z AND lastEdited LE 2024-04-19T23:59:59.999Z")));
    assertThat(sink.lastCursor()).isEqualTo(Cursor.of(Map.of("since", "2024-04-20T00:00:00Z")));
  }

  @Test
  void shouldDeadLetterAnHtmlErrorPageWithItsUrlAndStopWithoutMovingTheCursor() {
    api.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withHeader("Content-Type", "text/html")
        .withBody(Fixtures.resource("isrctn/error-page.html"))));
    final RecordingSink sink = new RecordingSink();
    assertThatThrownBy(() -> source(settings).run(Cursor.of(Map.of("since", "2024-04-20T06:00:00Z")), sink))
        .isInstanceOf(SourceStoppedException.class).hasMessageContaining("could not be read");
    assertThat(sink.batches()).singleElement().satisfies(b -> {
      assertThat(b.cursorAfter()).isNull();
      assertThat(b.rejected()).singleElement().satisfies(r -> {
        assertThat(r.url()).contains(PATH, "lastEdited");
        assertThat(r.reason()).contains("HTML", "ISRCTN - Error");
        assertThat(r.errorClass()).endsWith("IsrctnParseException");
        assertThat(r.content()).contains("Sorry, something went wrong");
      });
    });
  }

  @Test
  void shouldDeadLetterAFullTrialWithoutNumberAndKeepTheOthers() throws Exception {
    stubAny(Fixtures.resource("isrctn/page-with-bad-trial.xml"));
    final RecordingSink sink = new RecordingSink();
    source(settings).run(Cursor.EMPTY, sink);
    assertThat(sink.trialIds()).containsExactly("ISRCTN60912387");
    assertThat(sink.rejected()).singleElement().satisfies(r -> {
      assertThat(r.key()).isNull();
      assertThat(r.url()).contains(PATH);
      assertThat(r.reason()).contains("fullTrial #0", "isrctn");
      assertThat(r.content()).contains("A record without its number");
    });
  }

  @Test
  void shouldWaitForRetryAfterWhenTheApiAnswers429() throws Exception {
    api.stubFor(get(urlPathEqualTo(PATH)).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "5")).willSetStateTo("calm"));
    api.stubFor(get(urlPathEqualTo(PATH)).inScenario("busy").whenScenarioStateIs("calm")
        .willReturn(aResponse().withHeader("Content-Type", "application/xml")
            .withBody(Fixtures.resource("isrctn/record-missing-sections.xml"))));
    final RecordingSink sink = new RecordingSink();
    source(settings).run(Cursor.EMPTY, sink);
    assertThat(sink.trialIds()).containsExactly("ISRCTN60912387");
    assertThat(time.realSleeps()).contains(Duration.ofSeconds(5));
    api.verify(2, getRequestedFor(urlPathEqualTo(PATH)));
  }

  /** The [GE, LE] bounds of every request, in the order they were made. */
  private static List<Instant[]> requestedWindows() {
    // WireMock lists the newest request first.
    final List<ServeEvent> events = new ArrayList<>(api.getAllServeEvents());
    Collections.reverse(events);
    return events.stream()
        .map(ServeEvent::getRequest)
        .map(r -> {
          final Matcher m = WINDOW.matcher(r.queryParameter("q").firstValue());
          assertThat(m.find()).as("q of %s", r.getUrl()).isTrue();
          return new Instant[] {Instant.parse(m.group(1)), Instant.parse(m.group(2))};
        })
        .toList();
  }
}
