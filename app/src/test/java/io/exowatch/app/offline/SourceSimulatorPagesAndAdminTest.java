package io.exowatch.app.offline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exowatch.ingest.http.Fetched;
import io.exowatch.ingest.http.SiteClient;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The DOI resolver and landing pages, the admin endpoint, and the config overrides. */
class SourceSimulatorPagesAndAdminTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static SourceSimulator sim;

  @BeforeAll
  static void start() throws Exception {
    sim = SourceSimulator.builder().bundledSnapshot().maxRequestBodyBytes(64 * 1024)
        .clock(Clock.fixed(Instant.parse("2030-05-06T12:00:00Z"), ZoneOffset.UTC)).start();
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @Test
  void shouldRedirectEveryWrittenPagesDoiToThatPage() {
    for (final LandingPage page : OfflineSnapshot.bundled().landingPages()) {
      final HttpResponse<String> redirect = Http.get(URI.create(sim.doiResolverUrl() + page.doi()));
      assertThat(redirect.statusCode()).as(page.doi()).isEqualTo(302);
      final URI location = URI.create(redirect.headers().firstValue("Location").orElseThrow());
      assertThat(location.getPath()).isEqualTo(page.path());
      final HttpResponse<String> html = Http.get(location);
      assertThat(html.statusCode()).isEqualTo(200);
      assertThat(html.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
      assertThat(html.body()).isEqualTo(page.html()).contains(page.doi());
    }
  }

  @Test
  void shouldRenderACitationPageForADoiKnownOnlyFromAnArticleRecord() {
    final HttpResponse<String> redirect = Http.get(URI.create(sim.doiResolverUrl() + "10.1007/S12072-023-10598-4"));
    assertThat(redirect.statusCode()).as("DOIs are case-insensitive").isEqualTo(302);
    final HttpResponse<String> page = Http.get(URI.create(redirect.headers().firstValue("Location").orElseThrow()));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("<meta name=\"citation_doi\" content=\"10.1007/s12072-023-10598-4\">")
        .contains("<meta name=\"citation_pmid\" content=\"49000108\">")
        .contains("citation_title");
    final HttpResponse<String> preprint = Http.get(URI.create(sim.doiResolverUrl() + "10.21203/rs.3.rs-4821177/v1"));
    assertThat(preprint.statusCode()).isEqualTo(302);
    assertThat(sim.requestCount(SourceSimulator.Endpoint.DOI_RESOLVER)).isPositive();
  }

  @Test
  void shouldAnswer404ForAnUnknownDoiOrPage() {
    final HttpResponse<String> doi = Http.get(URI.create(sim.doiResolverUrl() + "10.9999/unknown"));
    assertThat(doi.statusCode()).isEqualTo(404);
    assertThat(doi.body()).contains("DOI Not Found");
    assertThat(Http.get(sim.baseUrl(), "/articles/nothing-here").statusCode()).isEqualTo(404);
    assertThat(sim.requestCount(SourceSimulator.Endpoint.OTHER)).isPositive();
  }

  @Test
  void shouldLetTheIngestSiteClientFollowTheResolverToThePage() throws Exception {
    final SiteClient client = SiteClient.builder("pages").allowBaseUrl(sim.doiResolverUrl()).rateLimit(50).build();
    final Fetched fetched = client.get(URI.create(sim.doiResolverUrl() + "10.1111/iwj.14578"));
    assertThat(fetched.status()).isEqualTo(200);
    assertThat(fetched.finalUrl().getPath()).isEqualTo("/iwj/articles/exosome-hydrogel-diabetic-foot-ulcer");
    assertThat(new String(fetched.body(), StandardCharsets.UTF_8)).contains("\"@type\": \"ScholarlyArticle\"");
  }

  @Test
  void shouldPointEverySourceAtTheSimulatorInTheConfigOverrides() {
    final Map<String, String> o = sim.configOverrides();
    assertThat(o).containsOnlyKeys("sources.ctgov.base-url", "sources.pubmed.base-url", "sources.europepmc.base-url",
        "sources.pages.doi-resolver", "sources.pages.urls", "sources.chictr.base-url", "sources.irct.base-url",
        "sources.isrctn.base-url", "sources.euctr.base-url");
    // Every source, the registries included, is pointed here and none is switched off: nothing leaves the machine.
    assertThat(o.keySet()).noneMatch(k -> k.endsWith(".enabled"));
    assertThat(o.values()).allSatisfy(v -> assertThat(v.split(",")).allSatisfy(u ->
        assertThat(u).startsWith("http://127.0.0.1:" + sim.port() + "/")));
    assertThat(o.get("sources.chictr.base-url")).isEqualTo("http://127.0.0.1:" + sim.port() + "/chictr");
    assertThat(o.get("sources.irct.base-url")).isEqualTo("http://127.0.0.1:" + sim.port() + "/irct");
    assertThat(o.get("sources.isrctn.base-url")).isEqualTo("http://127.0.0.1:" + sim.port() + "/isrctn");
    assertThat(o.get("sources.euctr.base-url")).isEqualTo("http://127.0.0.1:" + sim.port() + "/euctr");
    assertThat(Http.get(URI.create(o.get("sources.chictr.base-url") + "/searchproj.html?title=exosome&btngo=btn&page=1"))
        .statusCode()).isEqualTo(200);
    assertThat(Http.get(URI.create(o.get("sources.irct.base-url") + "/search/result?query=exosome")).statusCode())
        .isEqualTo(200);
    assertThat(Http.get(URI.create(o.get("sources.isrctn.base-url") + "/api/query/format/default?q=exosome"))
        .statusCode()).isEqualTo(200);
    assertThat(Http.get(URI.create(o.get("sources.euctr.base-url") + "/ctr-search/search?query=exosome")).statusCode())
        .isEqualTo(200);
    assertThat(o.get("sources.ctgov.base-url")).isEqualTo("http://127.0.0.1:" + sim.port() + "/api/v2");
    assertThat(o.get("sources.pubmed.base-url")).isEqualTo("http://127.0.0.1:" + sim.port() + "/entrez/eutils");
    assertThat(o.get("sources.europepmc.base-url")).isEqualTo("http://127.0.0.1:" + sim.port() + "/europepmc/webservices/rest");
    assertThat(o.get("sources.pages.doi-resolver")).isEqualTo("http://127.0.0.1:" + sim.port() + "/doi/");
    assertThat(o.get("sources.pages.urls").split(",")).hasSize(5).allSatisfy(u ->
        assertThat(Http.get(URI.create(u)).statusCode()).as(u).isEqualTo(200));
  }

  @Test
  void shouldAddAndThenUpdateATrialPostedToTheAdminEndpoint() throws Exception {
    final String study = new SyntheticStudies(99L).study(0).replaceAll("NCT09\\d{6}", "NCT09900001");
    final HttpResponse<String> created = Http.post(URI.create(sim.baseUrl() + "/_admin/studies"), study);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(MAPPER.readTree(created.body()).path("created").get(0).asText()).isEqualTo("NCT09900001");

    final JsonNode served = MAPPER.readTree(Http.get(sim.ctgovBaseUrl(), "/studies/NCT09900001").body());
    assertThat(served.path("protocolSection").path("statusModule").path("lastUpdatePostDateStruct").path("date").asText())
        .isEqualTo("2030-05-06");

    final HttpResponse<String> updated = Http.post(URI.create(sim.baseUrl() + "/_admin/studies"),
        "{\"studies\": [" + study.replace("\"overallStatus\":\"", "\"overallStatus\":\"X") + "]}");
    assertThat(updated.statusCode()).isEqualTo(200);
    assertThat(MAPPER.readTree(updated.body()).path("updated").get(0).asText()).isEqualTo("NCT09900001");
    assertThat(sim.study("NCT09900001").orElseThrow()).contains("\"overallStatus\":\"X");

    final JsonNode stats = MAPPER.readTree(Http.get(sim.baseUrl(), "/_admin/stats").body());
    assertThat(stats.path("studies").asInt()).isEqualTo(sim.studyCount());
    assertThat(stats.path("requests").path("ADMIN").asLong()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void shouldRejectABadStudyWith400AndAnOversizedBodyWith413() {
    final HttpResponse<String> noId = Http.post(URI.create(sim.baseUrl() + "/_admin/studies"), "{\"protocolSection\": {}}");
    assertThat(noId.statusCode()).isEqualTo(400);
    assertThat(noId.body()).contains("protocolSection.identificationModule.nctId");
    final HttpResponse<String> notJson = Http.post(URI.create(sim.baseUrl() + "/_admin/studies"), "{oops");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(notJson.body()).contains("not valid JSON");
    final HttpResponse<String> huge = Http.post(URI.create(sim.baseUrl() + "/_admin/studies"), "x".repeat(70_000));
    assertThat(huge.statusCode()).isEqualTo(413);
    assertThat(Http.get(sim.baseUrl(), "/_admin/studies").statusCode()).isEqualTo(405);
    final int before = sim.studyCount();
    final HttpResponse<String> partlyBad = Http.post(URI.create(sim.baseUrl() + "/_admin/studies"),
        "{\"studies\": [" + new SyntheticStudies(98L).study(0).replaceAll("NCT09\\d{6}", "NCT09900002") + ", 17]}");
    assertThat(partlyBad.statusCode()).isEqualTo(400);
    assertThat(partlyBad.body()).contains("Study #1");
    assertThat(sim.studyCount()).as("nothing of a rejected request is applied").isEqualTo(before);
  }
}
