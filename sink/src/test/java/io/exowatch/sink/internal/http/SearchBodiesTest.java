package io.exowatch.sink.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The request bodies of the trial search: collapsing, sorting, counting real trials, the registration lookup. */
class SearchBodiesTest {

  private final SearchBodies bodies = new SearchBodies(new ObjectMapper());

  private static TrialQuery query(final Map<String, List<String>> params) {
    return TrialQuery.parse(params);
  }

  @Test
  void shouldCollapseHitsOnTheCanonicalIdByDefaultAndLeaveCountingToTheFacetSearch() {
    final ObjectNode body = bodies.trialHits(query(Map.of("registry", List.of("CHICTR"), "from", List.of("20"))));
    assertThat(body.path("collapse").path("field").asText()).isEqualTo("canonicalId");
    assertThat(body.path("collapse").has("inner_hits")).isFalse();
    assertThat(body.path("from").asInt()).isEqualTo(20);
    assertThat(body.path("track_total_hits").asBoolean()).isFalse();
    assertThat(body.path("post_filter").toString()).isEqualTo("{\"bool\":{\"filter\":[{\"terms\":{\"registry\":[\"CHICTR\"]}}]}}");
    assertThat(body.path("_source").toString()).contains("\"canonicalId\"").contains("\"registrations\"").contains("\"registry\"");
  }

  @Test
  void shouldNotCollapseWhenAskedForOneHitPerRegistration() {
    final ObjectNode body = bodies.trialHits(query(Map.of("collapse", List.of("false"))));
    assertThat(body.has("collapse")).isFalse();
    final ObjectNode facets = bodies.trialFacets(query(Map.of("collapse", List.of("false"))));
    assertThat(facets.toString()).doesNotContain("cardinality");
    assertThat(facets.path("aggs").path("registry").path("aggs").path("values").has("aggs")).isFalse();
  }

  @Test
  void shouldPickTheRepresentativeByTheRequestsSort() {
    // Collapse keeps the top document of each group by the search's own sort.
    final ObjectNode byUpdate = bodies.trialHits(query(Map.of("sort", List.of("lastUpdate"))));
    assertThat(byUpdate.path("sort").toString()).isEqualTo("[{\"lastUpdate\":{\"order\":\"desc\",\"missing\":\"_last\"}}]");
    assertThat(byUpdate.path("collapse").path("field").asText()).isEqualTo("canonicalId");
    assertThat(bodies.trialHits(query(Map.of("q", List.of("ARDS")))).has("sort")).isFalse();
  }

  @Test
  void shouldCountRealTrialsWithACardinalityOfTheCanonicalIdInTotalsAndEveryFacet() {
    final ObjectNode body = bodies.trialFacets(query(Map.of("route", List.of("INHALATION"), "registry", List.of("CTGOV"))));
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
          .isEqualTo(SearchBodies.TRIAL_COUNT_PRECISION);
      assertThat(values.path("terms").path("order").toString()).as(facet).isEqualTo("[{\"trials\":\"desc\"},{\"_key\":\"asc\"}]");
    }
    // Disjunctive: the registry facet leaves out the registry filter, keeps the route filter.
    final String registryFilter = body.path("aggs").path("registry").path("filter").toString();
    assertThat(registryFilter).contains("INHALATION").doesNotContain("CTGOV");
  }

  @Test
  void shouldLookUpEveryRegistrationOfThePagesTrialsWithoutTheRequestsFilters() {
    final ObjectNode body = bodies.registrations(List.of("NCT01234567", "ChiCTR2000029990"));
    assertThat(body.path("query").toString())
        .isEqualTo("{\"bool\":{\"filter\":[{\"terms\":{\"canonicalId\":[\"NCT01234567\",\"ChiCTR2000029990\"]}}]}}");
    assertThat(body.path("size").asInt()).isEqualTo(20);
    assertThat(body.path("_source").toString()).isEqualTo("[\"id\",\"registry\",\"canonicalId\"]");
  }
}
