package io.exowatch.ingest.source;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.exowatch.ingest.IngestSettings;
import io.exowatch.ingest.http.FakeTime;
import io.exowatch.ingest.http.HttpSettings;
import io.exowatch.ingest.http.SiteClient;
import io.exowatch.ingest.testing.Fixtures;
import io.exowatch.ingest.testing.RecordingSink;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LandingPageSourceTest {

  @RegisterExtension
  static WireMockExtension web = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private FakeTime time;

  @BeforeEach
  void setUp() {
    time = new FakeTime(Instant.parse("2024-05-01T12:00:00Z"));
  }

  private LandingPageSource source(final List<URI> urls, final int maxDois) {
    final IngestSettings.Pages settings = new IngestSettings.Pages(true, urls, URI.create(web.baseUrl() + "/doi/"),
        true, maxDois, List.of(), Duration.ofHours(24), 100);
    final SiteClient client = SiteClient.builder("pages").allowBaseUrl(settings.doiResolver()).rateLimit(100)
        .settings(HttpSettings.defaults().withRetries(1, Duration.ofMillis(1), Duration.ofMillis(1)))
        .clock(time).sleeper(time).build();
    return new LandingPageSource(client, settings, time);
  }

  private static void stubHtml(final String path, final String html) {
    web.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withHeader("Content-Type", "text/html; charset=utf-8")
        .withHeader("ETag", "\"v1\"").withBody(html)));
  }

  @Test
  void shouldFetchConfiguredPagesAndSkipThemWhenUnchanged() throws Exception {
    web.stubFor(get(urlPathEqualTo("/a/7")).withHeader("If-None-Match", equalTo("\"v1\""))
        .willReturn(aResponse().withStatus(304)));
    web.stubFor(get(urlPathEqualTo("/a/7")).atPriority(10).willReturn(aResponse().withHeader("ETag", "\"v1\"")
        .withBody(Fixtures.resource("pages/dc-prism.html"))));
    final LandingPageSource src = source(List.of(URI.create(web.baseUrl() + "/a/7")), 10);
    final RecordingSink first = new RecordingSink();
    src.run(Cursor.EMPTY, first);
    final RecordingSink second = new RecordingSink();
    src.run(Cursor.EMPTY, second);
    assertThat(first.articleIds()).containsExactly("doi:10.7777/wound.2022.7");
    assertThat(second.articleIds()).isEmpty();
    assertThat(second.rejected()).isEmpty();
    web.verify(2, getRequestedFor(urlPathEqualTo("/a/7")));
  }

  @Test
  void shouldResolveOfferedDoisThroughTheResolverAndFollowRedirects() throws Exception {
    web.stubFor(get(urlPathEqualTo("/doi/10.1101/2024.03.01.000001"))
        .willReturn(aResponse().withStatus(302).withHeader("Location", "/content/p1")));
    stubHtml("/content/p1", Fixtures.resource("pages/og-only.html"));
    final LandingPageSource src = source(List.of(), 10);
    src.offerDois(List.of("https://doi.org/10.1101/2024.03.01.000001"));
    final RecordingSink sink = new RecordingSink();
    src.run(Cursor.EMPTY, sink);
    assertThat(sink.articleIds()).containsExactly("doi:10.1101/2024.03.01.000001");
    assertThat(sink.batches().get(0).cursorAfter().getList("pending")).containsExactly("10.1101/2024.03.01.000001");
    assertThat(sink.lastCursor().getList("pending")).isEmpty();
    final var record = sink.batches().get(1).articles().get(0);
    assertThat(record.getSourceUrl()).isEqualTo(web.baseUrl() + "/content/p1");
  }

  @Test
  void shouldDeadLetterARedirectToAHostThatIsNotAllowedAndGoOn() throws Exception {
    web.stubFor(get(urlPathEqualTo("/doi/10.1234/away"))
        .willReturn(aResponse().withStatus(302).withHeader("Location", "http://publisher.invalid/x")));
    stubHtml("/doi/10.7777/wound.2022.7", Fixtures.resource("pages/dc-prism.html"));
    final LandingPageSource src = source(List.of(), 10);
    src.offerDois(List.of("10.1234/away", "10.7777/wound.2022.7"));
    final RecordingSink sink = new RecordingSink();
    src.run(Cursor.EMPTY, sink);
    assertThat(sink.rejected()).singleElement().satisfies(r -> {
      assertThat(r.key()).isEqualTo("doi:10.1234/away");
      assertThat(r.reason()).contains("publisher.invalid", "not allowed");
    });
    assertThat(sink.articleIds()).containsExactly("doi:10.7777/wound.2022.7");
  }

  @Test
  void shouldKeepADoiPendingWhenItsFetchFailsForNowAndCapDoisPerPass() throws Exception {
    web.stubFor(get(urlPathEqualTo("/doi/10.1234/down")).willReturn(aResponse().withStatus(503)));
    stubHtml("/doi/10.7777/wound.2022.7", Fixtures.resource("pages/dc-prism.html"));
    final LandingPageSource src = source(List.of(), 1);
    src.offerDois(List.of("10.1234/down", "10.7777/wound.2022.7"));
    final RecordingSink sink = new RecordingSink();
    src.run(Cursor.EMPTY, sink);
    assertThat(sink.articleIds()).isEmpty();
    assertThat(sink.rejected()).isEmpty();
    assertThat(sink.lastCursor().getList("pending")).containsExactlyInAnyOrder("10.1234/down", "10.7777/wound.2022.7");
    final RecordingSink next = new RecordingSink();
    src.run(Cursor.EMPTY.withList("pending", List.of("10.7777/wound.2022.7")), next);
    assertThat(next.articleIds()).containsExactly("doi:10.7777/wound.2022.7");
  }

  @Test
  void shouldDeadLetterAPageWithoutArticleMetadataWithItsHtml() throws Exception {
    stubHtml("/doi/10.1234/missing", Fixtures.resource("pages/not-an-article.html"));
    final LandingPageSource src = source(List.of(), 10);
    src.offerDois(List.of("10.1234/missing"));
    final RecordingSink sink = new RecordingSink();
    src.run(Cursor.EMPTY, sink);
    assertThat(sink.rejected()).singleElement().satisfies(r -> {
      assertThat(r.reason()).contains("MISSING_FIELD", "no title");
      assertThat(r.content()).contains("Sorry, we could not find that page.");
    });
  }
}
