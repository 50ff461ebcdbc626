package io.exowatch.app.offline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exowatch.ingest.parse.Parsed;
import io.exowatch.ingest.pubmed.ESearchResult;
import io.exowatch.ingest.pubmed.PubMedParser;
import io.exowatch.schemas.avro.ArticleRecord;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulated E-utilities: esearch with history, efetch in batches or by id, date limits, errors. */
class SourceSimulatorPubMedTest {

  private static final String TERM = Http.q("(mesenchymal[tiab] OR stromal[tiab]) AND (exosome*[tiab] OR \"extracellular vesicle*\"[tiab])");
  /** PMIDs of the bundled articles. */
  private static final Set<String> ALL = Set.of("49000101", "49000102", "49000103", "49000104", "49000106", "49000107",
      "49000108", "49000109", "49000110", "49000111", "49000112", "49000113", "49000114", "49000115", "49000116");
  private static SourceSimulator sim;

  @BeforeAll
  static void start() throws Exception {
    sim = SourceSimulator.builder().bundledSnapshot().start();
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @Test
  void shouldFetchEveryHistoryResultOnceInEfetchBatches() throws Exception {
    final ESearchResult search = PubMedParser.parseSearch(ok(Http.get(sim.pubmedBaseUrl(),
        "/esearch.fcgi?db=pubmed&usehistory=y&retmax=0&term=" + TERM)).body());
    assertThat(search.count()).isEqualTo(ALL.size());
    assertThat(search.hasHistory()).isTrue();
    assertThat(search.webEnv()).startsWith("MCID_");
    assertThat(search.ids()).isEmpty();

    final List<String> fetched = new ArrayList<>();
    final long before = sim.requestCount(SourceSimulator.Endpoint.PUBMED_EFETCH);
    for (int start = 0; start < search.count(); start += 4) {
      final String url = "/efetch.fcgi?db=pubmed&retmode=xml&rettype=abstract&WebEnv=" + search.webEnv()
          + "&query_key=" + search.queryKey() + "&retstart=" + start + "&retmax=4";
      final Parsed<ArticleRecord> batch = PubMedParser.parseArticles(ok(Http.get(sim.pubmedBaseUrl(), url)).body(),
          Instant.now(), sim.pubmedBaseUrl() + url);
      assertThat(batch.failures()).isEmpty();
      assertThat(batch.records()).hasSizeLessThanOrEqualTo(4);
      batch.records().forEach(a -> fetched.add(a.getPmid()));
    }
    assertThat(sim.requestCount(SourceSimulator.Endpoint.PUBMED_EFETCH) - before).isEqualTo(4);
    assertThat(fetched).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ALL);
  }

  @Test
  void shouldCarryDoisTrialIdsAndStructuredAbstractsIntoParsedRecords() throws Exception {
    final Parsed<ArticleRecord> parsed = PubMedParser.parseArticles(ok(Http.get(sim.pubmedBaseUrl(),
        "/efetch.fcgi?db=pubmed&id=49000101,49000103")).body(), Instant.now(), "test");
    assertThat(parsed.records()).hasSize(2);
    final ArticleRecord trial = parsed.records().stream().filter(a -> a.getPmid().equals("49000101")).findFirst().orElseThrow();
    assertThat(trial.getDoi()).isEqualTo("10.1186/s13287-025-04210-3");
    assertThat(trial.getTrialIds()).contains("NCT08000102");
    assertThat(trial.getAbstractSections()).isNotEmpty();
    assertThat(trial.getMeshTerms()).contains("Exosomes");
    final ArticleRecord review = parsed.records().stream().filter(a -> a.getPmid().equals("49000103")).findFirst().orElseThrow();
    assertThat(review.getTrialIds()).contains("NCT03608631", "NCT04389385");
  }

  @Test
  void shouldLeaveOutUnknownIdsInAnEfetchById() throws Exception {
    final String body = ok(Http.get(sim.pubmedBaseUrl(), "/efetch.fcgi?db=pubmed&id=49000115,12345678")).body();
    final Parsed<ArticleRecord> parsed = PubMedParser.parseArticles(body, Instant.now(), "test");
    assertThat(parsed.records()).extracting(ArticleRecord::getPmid).containsExactly("49000115");
    assertThat(body).startsWith("<?xml").contains("<!DOCTYPE PubmedArticleSet");
  }

  @Test
  void shouldLimitEsearchToTheEntryDateRangeOfMinAndMaxDate() throws Exception {
    final ESearchResult r = PubMedParser.parseSearch(ok(Http.get(sim.pubmedBaseUrl(),
        "/esearch.fcgi?db=pubmed&retmax=100&datetype=edat&mindate=2024/06/01&maxdate=3000&term=" + TERM)).body());
    // Entrez dates of the bundled articles on or after 2024-06-01.
    assertThat(new TreeSet<>(r.ids())).containsExactly("49000101", "49000102", "49000103", "49000106", "49000107",
        "49000111", "49000112", "49000116");
    assertThat(r.count()).isEqualTo(8);
  }

  @Test
  void shouldHonourADateRangeWrittenInTheTerm() throws Exception {
    final String term = Http.q("exosome AND (\"2025/01/01\"[Date - Entry] : \"3000\"[Date - Entry])");
    final ESearchResult r = PubMedParser.parseSearch(ok(Http.get(sim.pubmedBaseUrl(), "/esearch.fcgi?db=pubmed&term=" + term)).body());
    assertThat(r.ids()).containsExactly("49000111", "49000106", "49000101");
  }

  @Test
  void shouldAddQueryKeysToAGivenWebEnvAndAnswerJsonWhenAsked() throws Exception {
    final ObjectMapper mapper = new ObjectMapper();
    final JsonNode first = mapper.readTree(ok(Http.get(sim.pubmedBaseUrl(),
        "/esearch.fcgi?db=pubmed&usehistory=y&retmode=json&term=" + TERM)).body()).path("esearchresult");
    final String webEnv = first.path("webenv").asText();
    assertThat(first.path("querykey").asText()).isEqualTo("1");
    assertThat(first.path("count").asText()).isEqualTo("15");
    assertThat(first.path("idlist").size()).isEqualTo(15);
    final JsonNode second = mapper.readTree(ok(Http.get(sim.pubmedBaseUrl(),
        "/esearch.fcgi?db=pubmed&usehistory=y&retmode=json&WebEnv=" + webEnv + "&mindate=2025&maxdate=2025&term=" + TERM))
        .body()).path("esearchresult");
    assertThat(second.path("webenv").asText()).isEqualTo(webEnv);
    assertThat(second.path("querykey").asText()).isEqualTo("2");
    assertThat(second.path("count").asInt()).isLessThan(15).isPositive();
  }

  @Test
  void shouldAnswerErrorsAsXmlWithStatus400() throws Exception {
    final HttpResponse<String> unknownEnv = Http.get(sim.pubmedBaseUrl(), "/efetch.fcgi?db=pubmed&WebEnv=MCID_nope&query_key=1");
    assertThat(unknownEnv.statusCode()).isEqualTo(400);
    assertThat(unknownEnv.body()).contains("<ERROR>Unable to obtain query #1</ERROR>");
    assertThat(Http.get(sim.pubmedBaseUrl(), "/esearch.fcgi?db=pubmed").body()).contains("Empty term");
    assertThat(Http.get(sim.pubmedBaseUrl(), "/esearch.fcgi?db=gene&term=x").statusCode()).isEqualTo(400);
    assertThat(Http.get(sim.pubmedBaseUrl(), "/efetch.fcgi?db=pubmed&id=49000101&retmode=text").statusCode()).isEqualTo(400);
    final HttpResponse<String> badDate = Http.get(sim.pubmedBaseUrl(), "/esearch.fcgi?db=pubmed&term=x&mindate=soon&maxdate=3000");
    assertThat(badDate.statusCode()).isEqualTo(400);
    assertThat(badDate.body()).contains("mindate");
  }

  private static HttpResponse<String> ok(final HttpResponse<String> r) {
    assertThat(r.statusCode()).as("status of %s: %s", r.uri(), r.body()).isEqualTo(200);
    return r;
  }
}
