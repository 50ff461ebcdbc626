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
import io.exowatch.ingest.IngestSettings;
import io.exowatch.ingest.http.FakeTime;
import io.exowatch.ingest.http.HttpSettings;
import io.exowatch.ingest.http.SiteClient;
import io.exowatch.ingest.testing.Fixtures;
import io.exowatch.ingest.testing.RecordingSink;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EuropePmcSourceTest {

  @RegisterExtension
  static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private EuropePmcSource source;

  @BeforeEach
  void setUp() {
    final FakeTime time = new FakeTime(Instant.parse("2024-05-01T12:00:00Z"));
    final IngestSettings.EuropePmc settings = IngestSettings.EuropePmc.defaults()
        .baseUrl(URI.create(api.baseUrl() + "/rest")).pageSize(3);
    final SiteClient client = SiteClient.builder("europepmc").allowBaseUrl(settings.baseUrl()).rateLimit(100)
        .settings(HttpSettings.defaults()).clock(time).sleeper(time).build();
    source = new EuropePmcSource(client, settings, time);
  }

  private void stubPage(final String mark, final String body) {
    api.stubFor(get(urlPathEqualTo("/rest/search")).withQueryParam("cursorMark", equalTo(mark))
        .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(body)));
  }

  @Test
  void shouldFollowTheCursorMarkUntilItRepeatsAndDeadLetterUnkeyableResults() throws Exception {
    stubPage("*", Fixtures.resource("europepmc/core-page1.json"));
    stubPage("AoIIQ0ExMjM0NQ==", Fixtures.resource("europepmc/core-page2-last.json"));
    stubPage("AoIIQ0ExMjM0Ng==", "{\"hitCount\":4,\"nextCursorMark\":\"AoIIQ0ExMjM0Ng==\",\"resultList\":{\"result\":[]}}");
    final RecordingSink sink = new RecordingSink();
    source.run(Cursor.EMPTY, sink);
    assertThat(sink.articleIds()).containsExactly("doi:10.1186/s13287-024-00001-x", "pmid:39000002",
        "doi:10.3389/fimmu.2024.000004");
    assertThat(sink.rejected()).singleElement().satisfies(r -> assertThat(r.reason()).contains("neither doi nor pmid"));
    assertThat(sink.batches().get(0).cursorAfter())
        .isEqualTo(Cursor.of(Map.of("until", "2024-05-01", "cursorMark", "AoIIQ0ExMjM0NQ==")));
    assertThat(sink.lastCursor()).isEqualTo(Cursor.of(Map.of("since", "2024-05-01")));
    api.verify(getRequestedFor(urlPathEqualTo("/rest/search")).withQueryParam("resultType", equalTo("core"))
        .withQueryParam("format", equalTo("json")).withQueryParam("pageSize", equalTo("3"))
        .withQueryParam("query", containing("UPDATE_DATE:[1800-01-01 TO 2024-05-01]")));
  }

  @Test
  void shouldSearchOnlyWhatChangedSinceTheCursorAndResumeAtItsMark() throws Exception {
    stubPage("AoIIQ0ExMjM0NQ==", Fixtures.resource("europepmc/core-page2-last.json"));
    stubPage("AoIIQ0ExMjM0Ng==", "{\"hitCount\":4,\"resultList\":{\"result\":[]}}");
    final RecordingSink sink = new RecordingSink();
    source.run(Cursor.of(Map.of("since", "2024-04-01", "until", "2024-04-20", "cursorMark", "AoIIQ0ExMjM0NQ==")), sink);
    assertThat(sink.articleIds()).containsExactly("doi:10.3389/fimmu.2024.000004");
    assertThat(sink.lastCursor()).isEqualTo(Cursor.of(Map.of("since", "2024-04-20")));
    api.verify(0, getRequestedFor(urlPathEqualTo("/rest/search")).withQueryParam("cursorMark", equalTo("*")));
    api.verify(getRequestedFor(urlPathEqualTo("/rest/search"))
        .withQueryParam("query", containing("UPDATE_DATE:[2024-04-01 TO 2024-04-20]")));
  }

  @Test
  void shouldDeadLetterATruncatedPageAndStop() {
    stubPage("*", Fixtures.resource("europepmc/core-page1.json").substring(0, 900));
    final RecordingSink sink = new RecordingSink();
    assertThatThrownBy(() -> source.run(Cursor.EMPTY, sink)).isInstanceOf(SourceStoppedException.class)
        .hasMessageContaining("MALFORMED");
    assertThat(sink.rejected()).hasSize(1);
    assertThat(sink.lastCursor()).isNull();
  }
}
