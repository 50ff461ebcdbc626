package io.exowatch.sink.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exowatch.sink.internal.index.OpenSearchHttp;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SearchServiceTest {

  private final ObjectMapper json = new ObjectMapper();
  private final OpenSearchHttp http = OpenSearchHttp.connect(URI.create("http://127.0.0.1:1"), json);
  private final SearchService service = new SearchService(http, "trials", "articles");

  @AfterEach
  void close() throws Exception {
    http.close();
  }

  @Test
  void shouldSplitMarkedFragmentsIntoAlternatingPlainAndMatchedSegments() {
    final String fragment = "MSC " + SearchService.PRE + "exosomes" + SearchService.POST + " for "
        + SearchService.PRE + "ARDS" + SearchService.POST;
    assertThat(service.segments(fragment).toString()).isEqualTo("[\"MSC \",\"exosomes\",\" for \",\"ARDS\",\"\"]");
  }

  @Test
  void shouldKeepMarkupInScrapedTextAsPlainSegmentText() {
    final String fragment = "<img src=x onerror=alert(1)> " + SearchService.PRE + "exosome" + SearchService.POST;
    assertThat(service.segments(fragment).get(0).asText()).isEqualTo("<img src=x onerror=alert(1)> ");
    assertThat(service.segments(fragment).get(1).asText()).isEqualTo("exosome");
  }

  @Test
  void shouldReturnOnePlainSegmentWhenNothingIsMarked() {
    assertThat(service.segments("no match here").toString()).isEqualTo("[\"no match here\"]");
  }

  private static TrialQuery query(final Map<String, List<String>> params) {
    return TrialQuery.parse(params);
  }

  @Test
  void shouldCollapseHitsOnTheCanonicalIdByDefaultAndLeaveCountingToTheFacetSearch() {
    final ObjectNode body = service.trialHitsBody(query(Map.of("registry", List.of("CHICTR"), "from", List.of("20"))));
    assertThat(body.path("collapse").path("field").asText()).isEqualTo("canonicalId");
    assertThat(body.path("collapse").has("inner_hits")).isFalse();
    assertThat(body.path("from").asInt()).isEqualTo(20);
    assertThat(body.path("track_total_hits").asBoolean()).isFalse();
    assertThat(body.path("post_filter").toString()).isEqualTo("{\"bool\":{\"filter\":[{\"terms\":{\"registry\":[\"CHICTR\"]}}]}}");
    assertThat(body.path("_source").toString()).contains("\"canonicalId\"").contains("\"registrations\"").contains("\"registry\"");
  }

  @Test
  void shouldNotCollapseWhenAskedForOneHitPerRegistration() {
    final ObjectNode body = service.trialHitsBody(query(Map.of("collapse", List.of("false"))));
    assertThat(body.has("collapse")).isFalse();
    final ObjectNode facets = service.trialFacetsBody(query(Map.of("collapse", List.of("false"))));
    assertThat(facets.toString()).doesNotContain("cardinality");
    assertThat(facets.path("aggs").path("registry").path("aggs").path("values").has("aggs")).isFalse();
  }

  @Test
  void shouldPickTheRepresentativeByTheRequestsSort() {
    // Collapse keeps the top document of each group by the search's own sort.
    final ObjectNode byUpdate = service.trialHitsBody(query(Map.of("sort", List.of("lastUpdate"))));
    assertThat(byUpdate.path("sort").toString()).isEqualTo("[{\"lastUpdate\":{\"order\":\"desc\",\"missing\":\"_last\"}}]");
    assertThat(byUpdate.path("collapse").path("field").asText()).isEqualTo("canonicalId");
    assertThat(service.trialHitsBody(query(Map.of("q", List.of("ARDS")))).has("sort")).isFalse();
  }

  @Test
  void shouldCountRealTrialsWithACardinalityOfTheCanonicalIdInTotalsAndEveryFacet() {
    final ObjectNode body = service.trialFacetsBody(query(Map.of("route", List.of("INHALATION"), "registry", List.of("CTGOV"))));
    assertThat(body.path("size").asInt()).isZero();
    final JsonNode matching = body.path("aggs").path("matching");
    assertThat(matching.path("filter").toString()).contains("\"routes\":[\"INHALATION\"]").contains("\"registry\":[\"CTGOV\"]");
    assertThat(matching.path("aggs").path("trials").path("cardinality").toString())
        .as("the total is exact up to OpenSearch's largest threshold")
        .isEqualTo("{\"field\":\"canonicalId\",\"precision_threshold\":40000}");
    for (final String facet : List.of("category", "applications", "mscSources", "routes", "productTypes", "phase", "status", "registry")) {
      final JsonNode values = body.path("aggs").path(facet).path("aggs").path("values");
      assertThat(values.path("aggs").path("trials").path("cardinality").path("field").asText()).as(facet).isEqualTo("canonicalId");
      assertThat(values.path("aggs").path("trials").path("cardinality").path("precision_threshold").asInt()).as(facet)
          .isEqualTo(SearchService.TRIAL_COUNT_PRECISION);
      assertThat(values.path("terms").path("order").toString()).as(facet).isEqualTo("[{\"trials\":\"desc\"},{\"_key\":\"asc\"}]");
    }
    // Disjunctive: the registry facet leaves out the registry filter, keeps the route filter.
    final String registryFilter = body.path("aggs").path("registry").path("filter").toString();
    assertThat(registryFilter).contains("INHALATION").doesNotContain("CTGOV");
  }

  @Test
  void shouldLookUpEveryRegistrationOfThePagesTrialsWithoutTheRequestsFilters() {
    final ObjectNode body = service.registrationsBody(List.of("NCT01234567", "ChiCTR2000029990"));
    assertThat(body.path("query").toString())
        .isEqualTo("{\"bool\":{\"filter\":[{\"terms\":{\"canonicalId\":[\"NCT01234567\",\"ChiCTR2000029990\"]}}]}}");
    assertThat(body.path("size").asInt()).isEqualTo(20);
    assertThat(body.path("_source").toString()).isEqualTo("[\"id\",\"registry\",\"canonicalId\"]");
  }

  private JsonNode doc(final String text) throws Exception {
    return json.readTree(text.replace('\'', '"'));
  }

  @Test
  void shouldListTheRepresentativeThenTheOtherIndexedRegistrationsThenIdsOnlyNamedInSameAs() throws Exception {
    final JsonNode rep = doc("{'id':'ChiCTR2000012345','registry':'CHICTR','canonicalId':'NCT01234567',"
        + "'registrations':['ChiCTR2000012345','NCT01234567','2019-001234-56','XYZ-1']}");
    final List<JsonNode> members = List.of(
        doc("{'id':'ChiCTR2000012345','registry':'CHICTR','canonicalId':'NCT01234567'}"),
        doc("{'id':'IRCT20130812014333N223','registry':'IRCT','canonicalId':'NCT01234567'}"),
        doc("{'id':'NCT01234567','registry':'CTGOV','canonicalId':'NCT01234567'}"));
    assertThat(service.registrations(rep, members).toString()).isEqualTo(doc("["
        + "{'id':'ChiCTR2000012345','registry':'CHICTR','indexed':true},"
        + "{'id':'IRCT20130812014333N223','registry':'IRCT','indexed':true},"
        + "{'id':'NCT01234567','registry':'CTGOV','indexed':true},"
        + "{'id':'2019-001234-56','registry':'EUCTR','indexed':false},"
        + "{'id':'XYZ-1','indexed':false}]").toString());
  }

  @Test
  void shouldTreatADocumentWithoutCanonicalIdAsItsOwnTrialAndReadItsSameAs() throws Exception {
    final JsonNode old = doc("{'id':'NCT04276987','registry':'CTGOV','sameAs':['ChiCTR2000029990']}");
    assertThat(SearchService.canonicalId(old)).isEqualTo("NCT04276987");
    assertThat(service.registrations(old, List.of()).toString()).isEqualTo(doc("["
        + "{'id':'NCT04276987','registry':'CTGOV','indexed':true},"
        + "{'id':'ChiCTR2000029990','registry':'CHICTR','indexed':false}]").toString());
  }

  @Test
  void shouldLookUpRegistrationsOnlyForHitsThatNameAnother() throws Exception {
    assertThat(SearchService.namesOtherRegistrations(doc("{'id':'NCT1','canonicalId':'NCT1','registrations':['NCT1']}"))).isFalse();
    assertThat(SearchService.namesOtherRegistrations(doc("{'id':'NCT1'}"))).isFalse();
    assertThat(SearchService.namesOtherRegistrations(doc("{'id':'ChiCTR2000012345','canonicalId':'NCT1','registrations':['ChiCTR2000012345']}"))).isTrue();
    assertThat(SearchService.namesOtherRegistrations(doc("{'id':'NCT1','canonicalId':'NCT1','registrations':['NCT1','ChiCTR2000012345']}"))).isTrue();
    assertThat(SearchService.namesOtherRegistrations(doc("{'id':'NCT1','sameAs':['ChiCTR2000012345']}"))).isTrue();
  }
}
