package io.exowatch.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.exowatch.localstack.LocalStack;
import io.exowatch.localstack.junit.EmbeddedStack;
import io.exowatch.schemas.avro.Application;
import io.exowatch.schemas.avro.Category;
import io.exowatch.schemas.avro.DeadLetter;
import io.exowatch.schemas.avro.EnrichedTrial;
import io.exowatch.schemas.avro.MscSource;
import io.exowatch.schemas.avro.Phase;
import io.exowatch.schemas.avro.Route;
import io.exowatch.schemas.avro.TrialStatus;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The sink on the embedded broker, registry and OpenSearch node: indexing, versions, restarts, dead letters. */
@EmbeddedStack
class SinkIndexingIT {

  private static Map<String, Long> facet(final JsonNode facets, final String name) {
    final Map<String, Long> m = new HashMap<>();
    facets.path(name).forEach(b -> m.put(b.path("value").asText(), b.path("count").asLong()));
    return m;
  }

  @Test
  void shouldMakeEnrichedRecordsSearchableWithCorrectFacets(final LocalStack stack) throws Exception {
    try (SinkHarness h = new SinkHarness(stack); SinkService sink = h.startSink()) {
      h.publish("NCT04276987", TestRecords.ardsTrial("NCT04276987", "Exosomes From Allogenic MSC for Severe COVID-19 ARDS"));
      h.publish("NCT03608631", TestRecords.trial("NCT03608631", "iExosomes Loaded With KRAS G12D siRNA in Pancreatic Cancer",
          Category.MSC_EV_THERAPY, List.of(Application.DELIVERY), List.of(MscSource.BONE_MARROW),
          List.of(Route.INTRAVENOUS), Phase.PHASE1, TrialStatus.RECRUITING, "2021-01-27"));
      h.publish("ChiCTR2000029990", TestRecords.trial("ChiCTR2000029990", "Wharton's Jelly MSC Conditioned Medium Gel for Ulcers",
          Category.MSC_SECRETOME_THERAPY, List.of(Application.REGENERATIVE), List.of(MscSource.UMBILICAL_CORD),
          List.of(Route.TOPICAL), Phase.PHASE2, TrialStatus.COMPLETED, "2020"));
      h.publish("NCT04389385", TestRecords.trial("NCT04389385", "COVID-19 Specific T Cell Derived Exosomes by Inhalation",
          Category.OTHER_EV_THERAPY, List.of(), List.of(), List.of(Route.INHALATION), Phase.PHASE1, TrialStatus.COMPLETED, "2020-05"));
      h.publish("NCT05000001", TestRecords.trial("NCT05000001", "Exosomal microRNA to Diagnose Pre-eclampsia",
          Category.EV_DIAGNOSTIC, List.of(), List.of(), List.of(), Phase.NOT_APPLICABLE, TrialStatus.UNKNOWN, "2019-03"));
      h.publishArticle("doi:10.1000/exo.nct04276987",
          TestRecords.article("doi:10.1000/exo.nct04276987", "Inhaled MSC exosomes in COVID-19 ARDS: phase 1 results", "NCT04276987"));

      await().atMost(Duration.ofSeconds(60)).until(() -> h.getJson(sink, "/api/trials").path("total").asLong() == 5);

      final JsonNode all = h.getJson(sink, "/api/trials");
      assertThat(facet(all.path("facets"), "category")).isEqualTo(Map.of("MSC_EV_THERAPY", 2L,
          "MSC_SECRETOME_THERAPY", 1L, "OTHER_EV_THERAPY", 1L, "EV_DIAGNOSTIC", 1L));
      assertThat(facet(all.path("facets"), "applications")).isEqualTo(Map.of("IMMUNOMODULATORY", 1L, "DELIVERY", 1L, "REGENERATIVE", 1L));
      assertThat(facet(all.path("facets"), "registry")).isEqualTo(Map.of("CTGOV", 4L, "CHICTR", 1L));

      // Two values of one filter are OR-ed; filters are AND-ed; facets stay disjunctive.
      final JsonNode msc = h.getJson(sink, "/api/trials?category=MSC_EV_THERAPY,MSC_SECRETOME_THERAPY&status=RECRUITING");
      assertThat(msc.path("total").asLong()).isEqualTo(2);
      assertThat(facet(msc.path("facets"), "category")).containsEntry("MSC_EV_THERAPY", 2L).doesNotContainKey("MSC_SECRETOME_THERAPY");
      assertThat(facet(msc.path("facets"), "status")).isEqualTo(Map.of("RECRUITING", 2L, "COMPLETED", 1L));

      final JsonNode inhaled = h.getJson(sink, "/api/trials?route=inhalation");
      assertThat(inhaled.path("total").asLong()).isEqualTo(1);
      assertThat(inhaled.path("hits").get(0).path("id").asText()).isEqualTo("NCT04276987");
      assertThat(inhaled.path("hits").get(0).path("evidence").toString()).contains("routes:INHALATION");

      // English analysis: "pancreatic cancers" matches "Pancreatic Cancer"; highlights are segments.
      final JsonNode text = h.getJson(sink, "/api/trials?q=pancreatic%20cancers");
      assertThat(text.path("total").asLong()).isEqualTo(1);
      final JsonNode title = text.path("hits").get(0).path("highlights").path("title").get(0);
      assertThat(title.get(1).asText()).isEqualTo("Pancreatic");
      assertThat(title.toString()).doesNotContain("<em>");

      final JsonNode byId = h.getJson(sink, "/api/trials?q=NCT04389385");
      assertThat(byId.path("total").asLong()).isEqualTo(1);

      final JsonNode detail = h.awaitTrial(sink, "NCT04276987");
      assertThat(detail.path("evidence")).hasSize(2);
      assertThat(detail.path("startDate").asText()).isEqualTo("2021-03");
      await().atMost(Duration.ofSeconds(30)).until(() ->
          h.getJson(sink, "/api/trials/NCT04276987").path("articles").size() == 1);
      assertThat(h.getJson(sink, "/api/trials/NCT04276987").path("articles").get(0).path("title").asText())
          .startsWith("Inhaled MSC exosomes");
      final JsonNode article = h.getJson(sink, "/api/articles/doi:10.1000/exo.nct04276987");
      assertThat(article.path("trials").get(0).path("id").asText()).isEqualTo("NCT04276987");

      final JsonNode charts = h.getJson(sink, "/api/charts/trials");
      assertThat(charts.path("years").toString()).isEqualTo("[2019,2020,2021]");
      assertThat(charts.path("series").path("applications").path("DELIVERY").toString()).isEqualTo("[0,0,1]");
    }
  }

  @Test
  void shouldNotOverwriteANewerRecordWithAnOlderReplayedOne(final LocalStack stack) throws Exception {
    try (SinkHarness h = new SinkHarness(stack)) {
      h.publish("NCT10000001", TestRecords.ardsTrial("NCT10000001", "Old title"));
      h.publish("NCT10000001", TestRecords.ardsTrial("NCT10000001", "New title"));
      try (SinkService sink = h.startSink()) {
        await().atMost(Duration.ofSeconds(60)).until(() ->
            "New title".equals(h.awaitTrial(sink, "NCT10000001").path("title").asText()));
      }
      // A second sink in a new group replays the whole topic, older record first.
      h.set(SinkKeys.GROUP_ID.name(), "replay-" + System.nanoTime());
      try (SinkService replay = h.startSink()) {
        await().atMost(Duration.ofSeconds(60)).until(() -> replay.stats().conflicts() >= 2);
        assertThat(replay.stats().indexed()).isZero();
        assertThat(h.getJson(replay, "/api/trials/NCT10000001").path("title").asText()).isEqualTo("New title");
      }
    }
  }

  @Test
  void shouldDeleteADocumentOnATombstone(final LocalStack stack) throws Exception {
    try (SinkHarness h = new SinkHarness(stack); SinkService sink = h.startSink()) {
      h.publish("NCT10000002", TestRecords.ardsTrial("NCT10000002", "Soon withdrawn"));
      h.awaitTrial(sink, "NCT10000002");
      h.publish("NCT10000002", null);
      await().atMost(Duration.ofSeconds(60)).until(() -> h.get(sink, "/api/trials/NCT10000002").status() == 404);
      // Counters move after the batch's offsets are committed, just after the delete is visible.
      await().atMost(Duration.ofSeconds(30)).until(() -> sink.stats().deleted() == 1);
      assertThat(h.countTrials()).isZero();
    }
  }

  @Test
  void shouldLeaveExactlyOneDocumentPerKeyAfterARestartMidStream(final LocalStack stack) throws Exception {
    try (SinkHarness h = new SinkHarness(stack)) {
      h.set(SinkKeys.BATCH_MAX_DOCS.name(), "25");
      final int keys = 60;
      for (int v = 1; v <= 3; v++) {
        for (int k = 0; k < keys; k++) {
          h.publish(String.format("NCT2%07d", k), TestRecords.ardsTrial(String.format("NCT2%07d", k), "version " + v));
        }
      }
      final SinkStats first;
      try (SinkService sink = h.startSink()) {
        await().atMost(Duration.ofSeconds(60)).until(() -> sink.stats().bulkRequests() >= 1);
        // Stopped while the rest of the stream is still arriving.
        for (int k = 0; k < keys; k++) {
          h.publish(String.format("NCT2%07d", k), TestRecords.ardsTrial(String.format("NCT2%07d", k), "version 4"));
        }
        first = sink.stats();
      }
      for (int k = 0; k < keys; k += 2) {
        h.publish(String.format("NCT2%07d", k), TestRecords.ardsTrial(String.format("NCT2%07d", k), "version 5"));
      }
      try (SinkService sink = h.startSink()) {
        await().atMost(Duration.ofSeconds(90)).until(() ->
            h.getJson(sink, "/api/trials?q=%22version%205%22&size=0").path("total").asLong() == keys / 2
                && h.getJson(sink, "/api/trials?q=%22version%204%22&size=0").path("total").asLong() == keys / 2);
        assertThat(h.countTrials()).isEqualTo(keys);
        // The restarted sink resumed from the committed offsets instead of re-reading all the records.
        final long published = keys * 4L + keys / 2;
        assertThat(first.indexed() + first.conflicts()).isPositive();
        assertThat(sink.stats().indexed() + sink.stats().conflicts()).isLessThan(published);
      }
    }
  }

  @Test
  void shouldSendARejectedDocumentToTheDeadLetterTopicAndKeepIndexing(final LocalStack stack) throws Exception {
    try (SinkHarness h = new SinkHarness(stack); SinkService sink = h.startSink()) {
      final EnrichedTrial bad = TestRecords.ardsTrial("NCT10000003", "Trial with an unreadable date");
      bad.getTrial().setStartDate("March 2019");
      final var where = h.publish("NCT10000003", bad);
      h.publish("NCT10000004", TestRecords.ardsTrial("NCT10000004", "A good trial after the bad one"));
      h.awaitTrial(sink, "NCT10000004");
      final List<ConsumerRecord<String, DeadLetter>> letters = h.deadLetters(1);
      assertThat(letters).singleElement().satisfies(r -> {
        assertThat(r.key()).isEqualTo("NCT10000003");
        final DeadLetter d = r.value();
        assertThat(d.getStage()).isEqualTo("SINK");
        assertThat(d.getReason()).contains("NCT10000003").contains("mapper_parsing_exception").contains("startDate");
        assertThat(d.getOriginTopic()).isEqualTo(h.trialsTopic());
        assertThat(d.getOriginPartition()).isEqualTo(where.partition());
        assertThat(d.getOriginOffset()).isEqualTo(where.offset());
        assertThat(d.getOriginalText()).contains("March 2019");
        assertThat(d.getOriginalBytes()).isNotNull();
      });
      assertThat(h.get(sink, "/api/trials/NCT10000003").status()).isEqualTo(404);
      await().atMost(Duration.ofSeconds(30)).until(() -> sink.stats().rejected() == 1);
    }
  }
}
