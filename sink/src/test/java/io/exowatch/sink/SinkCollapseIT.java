package io.exowatch.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exowatch.localstack.LocalStack;
import io.exowatch.localstack.junit.EmbeddedStack;
import io.exowatch.schemas.avro.Category;
import io.exowatch.schemas.avro.EnrichedTrial;
import io.exowatch.schemas.avro.Phase;
import io.exowatch.schemas.avro.TrialStatus;
import io.exowatch.sink.internal.index.Documents;
import io.exowatch.sink.internal.index.IndexSetup;
import io.exowatch.sink.internal.index.OpenSearchHttp;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * One hit per real trial on the embedded OpenSearch node: registrations sharing a
 * {@code canonicalId} collapse into one hit listing every id, totals and facets count trials,
 * paging runs over trials, and documents indexed by an earlier sink (no {@code canonicalId}, on an
 * index made with the earlier mapping) are upgraded at start and still show once each.
 */
@EmbeddedStack
class SinkCollapseIT {

  private static final String NCT = "NCT01234567";
  private static final String CHICTR = "ChiCTR2000012345";
  private static final String OTHER = "NCT09999991";

  private static Map<String, Long> facet(final JsonNode facets, final String name, final String what) {
    final Map<String, Long> m = new LinkedHashMap<>();
    facets.path(name).forEach(b -> m.put(b.path("value").asText(), b.path(what).asLong()));
    return m;
  }

  private static List<String> ids(final JsonNode registrations) {
    final List<String> out = new ArrayList<>();
    registrations.forEach(r -> out.add(r.path("id").asText()));
    return out;
  }

  /** One registration of a trial that has {@code canonicalId} and is the same as {@code sameAs}. */
  private static EnrichedTrial registration(final String id, final String title, final String canonicalId,
      final List<String> sameAs, final String startDate, final String lastUpdate) {
    final EnrichedTrial t = TestRecords.ardsTrial(id, title);
    t.getTrial().setStartDate(startDate);
    t.getTrial().setLastUpdatePosted(lastUpdate);
    t.setCanonicalId(canonicalId);
    t.setSameAs(sameAs);
    return t;
  }

  @Test
  void shouldShowATrialRegisteredInTwoRegistriesAsOneHitListingBothIdsAndCountItOnce(final LocalStack stack) throws Exception {
    try (SinkHarness h = new SinkHarness(stack); SinkService sink = h.startSink()) {
      // ChiCTR lists the NCT id; enrich links both ways and gives both the first-seen id as canonicalId.
      h.publish(NCT, registration(NCT, "Inhaled MSC Exosomes for ARDS", NCT, List.of(CHICTR), "2021-03", "2021-03"));
      h.publish(CHICTR, registration(CHICTR, "Nebulised umbilical cord MSC exosomes in ARDS", NCT, List.of(NCT), "2020-11", "2022-05-01"));
      h.publish(OTHER, TestRecords.trial(OTHER, "T Cell Derived Exosomes by Inhalation", Category.OTHER_EV_THERAPY,
          List.of(), List.of(), List.of(), Phase.PHASE1, TrialStatus.COMPLETED, "2020-05"));
      h.publishArticle("doi:10.1000/exo.results", TestRecords.article("doi:10.1000/exo.results", "Inhaled exosomes: results", NCT));
      await().atMost(Duration.ofSeconds(60)).until(() -> h.getJson(sink, "/api/trials?collapse=false").path("total").asLong() == 3);

      final JsonNode all = h.getJson(sink, "/api/trials");
      assertThat(all.path("collapsed").asBoolean()).isTrue();
      assertThat(all.path("total").asLong()).isEqualTo(2);
      assertThat(all.path("registrations").asLong()).isEqualTo(3);
      assertThat(all.path("hits")).hasSize(2);
      final Map<String, JsonNode> byCanonical = new HashMap<>();
      all.path("hits").forEach(hit -> byCanonical.put(hit.path("canonicalId").asText(), hit));
      assertThat(byCanonical).containsOnlyKeys(NCT, OTHER);
      final JsonNode pair = byCanonical.get(NCT);
      assertThat(ids(pair.path("registrations"))).containsExactlyInAnyOrder(NCT, CHICTR);
      assertThat(pair.path("registrations").get(0).path("id").asText()).isEqualTo(pair.path("id").asText());
      pair.path("registrations").forEach(r -> {
        assertThat(r.path("indexed").asBoolean()).isTrue();
        assertThat(r.path("registry").asText()).isEqualTo(r.path("id").asText().startsWith("NCT") ? "CTGOV" : "CHICTR");
      });
      // The unrelated trial stays its own hit.
      assertThat(ids(byCanonical.get(OTHER).path("registrations"))).containsExactly(OTHER);

      // A query both registrations match: one hit, both ids; one hit per registration on request.
      final JsonNode ards = h.getJson(sink, "/api/trials?q=ARDS");
      assertThat(ards.path("total").asLong()).isEqualTo(1);
      assertThat(ards.path("hits")).hasSize(1);
      assertThat(ids(ards.path("hits").get(0).path("registrations"))).containsExactlyInAnyOrder(NCT, CHICTR);
      final JsonNode ardsEach = h.getJson(sink, "/api/trials?q=ARDS&collapse=false");
      assertThat(ardsEach.path("collapsed").asBoolean()).isFalse();
      assertThat(ardsEach.path("total").asLong()).isEqualTo(2);
      assertThat(ardsEach.path("hits")).hasSize(2);
      final Set<String> each = new HashSet<>();
      ardsEach.path("hits").forEach(hit -> {
        each.add(hit.path("id").asText());
        assertThat(ids(hit.path("registrations"))).containsExactlyInAnyOrder(NCT, CHICTR);
        hit.path("registrations").forEach(r -> assertThat(r.path("indexed").asBoolean()).isTrue());
      });
      assertThat(each).containsExactlyInAnyOrder(NCT, CHICTR);

      // Facets count real trials (a trial counts under each registry it is in); collapse=false counts registrations.
      assertThat(facet(all.path("facets"), "category", "count")).isEqualTo(Map.of("MSC_EV_THERAPY", 1L, "OTHER_EV_THERAPY", 1L));
      assertThat(facet(all.path("facets"), "category", "registrations")).isEqualTo(Map.of("MSC_EV_THERAPY", 2L, "OTHER_EV_THERAPY", 1L));
      assertThat(facet(all.path("facets"), "registry", "count")).isEqualTo(Map.of("CTGOV", 2L, "CHICTR", 1L));
      assertThat(facet(all.path("facets"), "routes", "count")).isEqualTo(Map.of("INHALATION", 1L));
      final JsonNode perRegistration = h.getJson(sink, "/api/trials?collapse=false");
      assertThat(facet(perRegistration.path("facets"), "category", "count")).isEqualTo(Map.of("MSC_EV_THERAPY", 2L, "OTHER_EV_THERAPY", 1L));
      assertThat(facet(perRegistration.path("facets"), "routes", "count")).isEqualTo(Map.of("INHALATION", 2L));

      // A filter picks the representative among the registrations it lets through; the hit still lists both.
      final JsonNode chinese = h.getJson(sink, "/api/trials?registry=CHICTR");
      assertThat(chinese.path("total").asLong()).isEqualTo(1);
      assertThat(chinese.path("hits").get(0).path("id").asText()).isEqualTo(CHICTR);
      assertThat(ids(chinese.path("hits").get(0).path("registrations"))).containsExactly(CHICTR, NCT);
      assertThat(facet(chinese.path("facets"), "registry", "count")).isEqualTo(Map.of("CTGOV", 2L, "CHICTR", 1L));
      assertThat(facet(chinese.path("facets"), "category", "count")).isEqualTo(Map.of("MSC_EV_THERAPY", 1L));

      // The representative is the best registration by the request's sort.
      final JsonNode byUpdate = h.getJson(sink, "/api/trials?category=MSC_EV_THERAPY&sort=lastUpdate");
      assertThat(byUpdate.path("hits")).hasSize(1);
      assertThat(byUpdate.path("hits").get(0).path("id").asText()).isEqualTo(CHICTR);
      final JsonNode byStart = h.getJson(sink, "/api/trials?category=MSC_EV_THERAPY&sort=startDate");
      assertThat(byStart.path("hits").get(0).path("id").asText()).isEqualTo(NCT);
      assertThat(ids(byStart.path("hits").get(0).path("registrations"))).containsExactly(NCT, CHICTR);

      // The detail of either registration lists both, and the articles linked to any of them.
      final JsonNode detail = h.getJson(sink, "/api/trials/" + CHICTR);
      assertThat(ids(detail.path("registrations"))).containsExactly(CHICTR, NCT);
      await().atMost(Duration.ofSeconds(30)).until(() -> h.getJson(sink, "/api/trials/" + CHICTR).path("articles").size() == 1);
      assertThat(h.getJson(sink, "/api/trials/" + CHICTR).path("articles").get(0).path("id").asText()).isEqualTo("doi:10.1000/exo.results");

      // Charts count trials too: the pair once per start year its registrations give.
      final JsonNode charts = h.getJson(sink, "/api/charts/trials?category=MSC_EV_THERAPY");
      assertThat(charts.path("total").asLong()).isEqualTo(1);
      assertThat(h.getJson(sink, "/api/charts/trials?category=MSC_EV_THERAPY&collapse=false").path("total").asLong()).isEqualTo(2);
    }
  }

  @Test
  void shouldPageOverRealTrialsWithoutRepeatingOrLosingOne(final LocalStack stack) throws Exception {
    try (SinkHarness h = new SinkHarness(stack); SinkService sink = h.startSink()) {
      final Set<String> trials = new HashSet<>();
      final Set<String> registrations = new HashSet<>();
      for (int i = 0; i < 7; i++) {
        final String nct = String.format("NCT0555000%d", i);
        final String start = String.format("20%02d-0%d", 15 + i, 1 + i % 9);
        trials.add(nct);
        registrations.add(nct);
        if (i % 2 == 0) {
          final String chictr = String.format("ChiCTR210000000%d", i);
          registrations.add(chictr);
          h.publish(nct, registration(nct, "Exosome trial " + i, nct, List.of(chictr), start, start));
          h.publish(chictr, registration(chictr, "Exosome trial " + i + " in China", nct, List.of(nct), start, start));
        } else {
          h.publish(nct, registration(nct, "Exosome trial " + i, null, List.of(), start, start));
        }
      }
      await().atMost(Duration.ofSeconds(60)).until(() ->
          h.getJson(sink, "/api/trials?collapse=false&size=0").path("total").asLong() == registrations.size());

      for (final String sort : List.of("relevance", "startDate")) {
        final List<String> seen = new ArrayList<>();
        for (int from = 0; from < 10; from += 2) {
          final JsonNode page = h.getJson(sink, "/api/trials?size=2&sort=" + sort + "&from=" + from);
          assertThat(page.path("total").asLong()).as(sort + " total at from=" + from).isEqualTo(trials.size());
          page.path("hits").forEach(hit -> seen.add(hit.path("canonicalId").asText()));
        }
        assertThat(seen).as("canonical ids over every page by " + sort).hasSize(trials.size()).containsExactlyInAnyOrderElementsOf(trials);
      }
      final List<String> each = new ArrayList<>();
      for (int from = 0; from < 14; from += 3) {
        h.getJson(sink, "/api/trials?collapse=false&size=3&from=" + from).path("hits").forEach(hit -> each.add(hit.path("id").asText()));
      }
      assertThat(each).containsExactlyInAnyOrderElementsOf(registrations);
    }
  }

  @Test
  void shouldUpgradeAnIndexOfAnEarlierSinkSoItsDocumentsStillShowOnceEach(final LocalStack stack) throws Exception {
    try (SinkHarness h = new SinkHarness(stack);
         OpenSearchHttp os = OpenSearchHttp.connect(URI.create(stack.openSearchUrl()), h.json)) {
      // The earlier sink's index: this mapping without the identity fields, documents without them.
      final String index = IndexSetup.indexName(h.trialsAlias());
      final ObjectNode earlierMapping = (ObjectNode) IndexSetup.mappings(IndexSetup.Kind.TRIALS, h.json);
      ((ObjectNode) earlierMapping.path("properties")).remove(List.of("canonicalId", "registrations"));
      final ObjectNode create = h.json.createObjectNode();
      create.putObject("settings").put("number_of_shards", 1).put("number_of_replicas", 0);
      create.set("mappings", earlierMapping);
      create.putObject("aliases").putObject(h.trialsAlias()).put("is_write_index", true);
      assertThat(os.sendJson("PUT", "/" + index, create).status()).isEqualTo(200);
      for (final String id : List.of("NCT30000001", "NCT30000002", "NCT30000003")) {
        final Map<String, Object> doc = Documents.trial(TestRecords.ardsTrial(id, "Earlier exosome trial " + id), 0, 7);
        doc.remove("canonicalId");
        doc.remove("registrations");
        if (id.equals("NCT30000003")) {
          doc.put("sameAs", List.of("ChiCTR2000099999"));
        }
        final OpenSearchHttp.Reply put = os.sendJson("PUT", "/" + index + "/_doc/" + id + "?version=7&version_type=external&refresh=true", doc);
        assertThat(put.status()).as(put.text()).isEqualTo(201);
      }

      try (SinkService sink = h.startSink()) {
        final JsonNode mapping = os.parse(os.send("GET", "/" + index + "/_mapping", null, null));
        assertThat(mapping.path(index).path("mappings").path("properties").path("canonicalId").path("type").asText()).isEqualTo("keyword");
        assertThat(mapping.path(index).path("mappings").path("properties").path("registrations").path("type").asText()).isEqualTo("keyword");

        // Before the HTTP server answered, each earlier document got its own id as canonicalId, at its own version.
        final JsonNode all = h.getJson(sink, "/api/trials");
        assertThat(all.path("total").asLong()).isEqualTo(3);
        assertThat(all.path("hits")).hasSize(3);
        all.path("hits").forEach(hit -> assertThat(hit.path("canonicalId").asText()).isEqualTo(hit.path("id").asText()));
        final JsonNode stored = os.parse(os.send("GET", "/" + index + "/_doc/NCT30000003", null, null));
        assertThat(stored.path("_version").asLong()).isEqualTo(7);
        assertThat(stored.path("_source").path("canonicalId").asText()).isEqualTo("NCT30000003");
        assertThat(stored.path("_source").path("registrations").toString()).isEqualTo("[\"NCT30000003\",\"ChiCTR2000099999\"]");
        assertThat(stored.path("_source").path("title").asText()).isEqualTo("Earlier exosome trial NCT30000003");
        final JsonNode withSameAs = h.getJson(sink, "/api/trials?q=NCT30000003").path("hits").get(0);
        assertThat(withSameAs.path("registrations").toString())
            .isEqualTo("[{\"id\":\"NCT30000003\",\"registry\":\"CTGOV\",\"indexed\":true},"
                + "{\"id\":\"ChiCTR2000099999\",\"registry\":\"CHICTR\",\"indexed\":false}]");

        // New records index next to them, with the new fields, and collapse as usual.
        h.publish("ChiCTR2000099999", registration("ChiCTR2000099999", "Earlier trial's Chinese registration",
            "ChiCTR2000099999", List.of(), "2021-03", "2021-03"));
        await().atMost(Duration.ofSeconds(60)).until(() -> h.getJson(sink, "/api/trials").path("total").asLong() == 4);
        assertThat(h.getJson(sink, "/api/trials?collapse=false").path("total").asLong()).isEqualTo(4);
      }
      // A second start finds nothing left to upgrade and changes nothing.
      try (SinkService again = h.startSink()) {
        assertThat(h.getJson(again, "/api/trials").path("total").asLong()).isEqualTo(4);
        assertThat(os.parse(os.send("GET", "/" + index + "/_doc/NCT30000001", null, null)).path("_version").asLong()).isEqualTo(7);
      }
    }
  }
}
