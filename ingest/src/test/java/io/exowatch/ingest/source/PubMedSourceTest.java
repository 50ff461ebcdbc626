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
import io.exowatch.ingest.IngestSettings;
import io.exowatch.ingest.http.FakeTime;
import io.exowatch.ingest.http.HttpSettings;
import io.exowatch.ingest.http.SiteClient;
import io.exowatch.ingest.testing.PubMedXml;
import io.exowatch.ingest.testing.RecordingSink;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class PubMedSourceTest {

  @RegisterExtension
  static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private FakeTime time;
  private PubMedSource source;

  @BeforeEach
  void setUp() {
    time = new FakeTime(Instant.parse("2024-05-01T12:00:00Z"));
    final IngestSettings.PubMed settings = IngestSettings.PubMed.defaults()
        .baseUrl(URI.create(api.baseUrl() + "/eutils")).batchSize(2);
    final SiteClient client = SiteClient.builder("pubmed").allowBaseUrl(settings.baseUrl()).rateLimit(100)
        .settings(HttpSettings.defaults()).clock(time).sleeper(time).build();
    source = new PubMedSource(client, settings, time);
  }

  private void stubSearch(final long count) {
    api.stubFor(get(urlPathEqualTo("/eutils/esearch.fcgi"))
        .willReturn(aResponse().withHeader("Content-Type", "text/xml").withBody(PubMedXml.search(count, "WE1"))));
  }

  private void stubFetch(final int retstart, final String body) {
    api.stubFor(get(urlPathEqualTo("/eutils/efetch.fcgi")).withQueryParam("retstart", equalTo(Integer.toString(retstart)))
        .willReturn(aResponse().withHeader("Content-Type", "text/xml").withBody(body)));
  }

  @Test
  void shouldSearchWithHistoryThenFetchInBatchesStoringTheOffsetAfterEach() throws Exception {
    stubSearch(5);
    stubFetch(0, PubMedXml.articles(true, 101, 102));
    stubFetch(2, PubMedXml.articles(false, 103, 104));
    stubFetch(4, PubMedXml.articles(true, 105));
    final RecordingSink sink = new RecordingSink();
    source.run(Cursor.EMPTY, sink);
    assertThat(sink.articleIds()).containsExactly("doi:10.5555/pmid.101", "doi:10.5555/pmid.102", "pmid:103",
        "pmid:104", "doi:10.5555/pmid.105");
    assertThat(sink.batches().get(0).cursorAfter()).isEqualTo(Cursor.of(Map.of("until", "2024/05/01", "retstart", "2")));
    assertThat(sink.lastCursor()).isEqualTo(Cursor.of(Map.of("since", "2024/05/01")));
    api.verify(getRequestedFor(urlPathEqualTo("/eutils/esearch.fcgi"))
        .withQueryParam("usehistory", equalTo("y")).withQueryParam("datetype", equalTo("mdat"))
        .withQueryParam("mindate", equalTo("1800/01/01")).withQueryParam("maxdate", equalTo("2024/05/01")));
    api.verify(3, getRequestedFor(urlPathEqualTo("/eutils/efetch.fcgi"))
        .withQueryParam("WebEnv", equalTo("WE1")).withQueryParam("query_key", equalTo("1"))
        .withQueryParam("retmax", equalTo("2")));
  }

  @Test
  void shouldResumeAtTheStoredOffsetWithTheSameDateRange() throws Exception {
    stubSearch(5);
    stubFetch(4, PubMedXml.articles(true, 105));
    final RecordingSink sink = new RecordingSink();
    source.run(Cursor.of(Map.of("since", "2024/04/01", "until", "2024/04/20", "retstart", "4")), sink);
    assertThat(sink.articleIds()).containsExactly("doi:10.5555/pmid.105");
    assertThat(sink.lastCursor()).isEqualTo(Cursor.of(Map.of("since", "2024/04/20")));
    api.verify(getRequestedFor(urlPathEqualTo("/eutils/esearch.fcgi"))
        .withQueryParam("mindate", equalTo("2024/04/01")).withQueryParam("maxdate", equalTo("2024/04/20")));
    api.verify(1, getRequestedFor(urlPathEqualTo("/eutils/efetch.fcgi")));
  }

  @Test
  void shouldDeadLetterABatchWithAnExternalEntityAndGoOnWithoutReadingTheFile(@TempDir final Path dir) throws Exception {
    final Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET-MARKER");
    stubSearch(4);
    stubFetch(0, PubMedXml.withExternalEntity(secret.toUri().toString()));
    stubFetch(2, PubMedXml.articles(true, 103, 104));
    final RecordingSink sink = new RecordingSink();
    source.run(Cursor.EMPTY, sink);
    assertThat(sink.articleIds()).containsExactly("doi:10.5555/pmid.103", "doi:10.5555/pmid.104");
    assertThat(sink.rejected()).singleElement().satisfies(r -> {
      assertThat(r.reason()).contains("FORBIDDEN_CONSTRUCT");
      assertThat(r.content()).contains("<!ENTITY xxe").doesNotContain("TOP-SECRET-MARKER");
    });
    assertThat(sink.batches()).allSatisfy(b -> assertThat(b.toString()).doesNotContain("TOP-SECRET-MARKER"));
    assertThat(sink.lastCursor()).isEqualTo(Cursor.of(Map.of("since", "2024/05/01")));
  }

  @Test
  void shouldFinishAtOnceWhenNothingMatches() throws Exception {
    stubSearch(0);
    final RecordingSink sink = new RecordingSink();
    source.run(Cursor.EMPTY.with("since", "2024/04/30"), sink);
    assertThat(sink.articleIds()).isEmpty();
    assertThat(sink.lastCursor()).isEqualTo(Cursor.of(Map.of("since", "2024/05/01")));
    api.verify(0, getRequestedFor(urlPathEqualTo("/eutils/efetch.fcgi")));
  }

  @Test
  void shouldStopAndDeadLetterAnEsearchError() {
    api.stubFor(get(urlPathEqualTo("/eutils/esearch.fcgi")).willReturn(aResponse()
        .withBody("<eSearchResult><ERROR>Search Backend failed</ERROR></eSearchResult>")));
    final RecordingSink sink = new RecordingSink();
    assertThatThrownBy(() -> source.run(Cursor.EMPTY, sink)).isInstanceOf(SourceStoppedException.class)
        .hasMessageContaining("Search Backend failed");
    assertThat(sink.rejected()).singleElement().satisfies(r -> assertThat(r.content()).contains("Search Backend failed"));
    assertThat(sink.lastCursor()).isNull();
  }

  @Test
  void shouldSendTheApiKeyButNeverShowIt() throws Exception {
    final IngestSettings.PubMed keyed = new IngestSettings.PubMed(true, URI.create(api.baseUrl() + "/eutils"),
        "exosome", 2, Duration.ofHours(6), 10, "SECRET-KEY", "edat");
    final SiteClient client = SiteClient.builder("pubmed").allowBaseUrl(keyed.baseUrl()).rateLimit(100)
        .clock(time).sleeper(time).build();
    api.stubFor(get(urlPathEqualTo("/eutils/esearch.fcgi")).willReturn(aResponse()
        .withBody("<eSearchResult><ERROR>bad</ERROR></eSearchResult>")));
    final RecordingSink sink = new RecordingSink();
    assertThatThrownBy(() -> new PubMedSource(client, keyed, time).run(Cursor.EMPTY, sink))
        .isInstanceOf(SourceStoppedException.class);
    api.verify(getRequestedFor(urlPathEqualTo("/eutils/esearch.fcgi")).withQueryParam("api_key", equalTo("SECRET-KEY"))
        .withQueryParam("datetype", equalTo("edat")));
    assertThat(sink.rejected()).singleElement().satisfies(r -> assertThat(r.url()).contains("api_key=***")
        .doesNotContain("SECRET-KEY"));
  }
}
