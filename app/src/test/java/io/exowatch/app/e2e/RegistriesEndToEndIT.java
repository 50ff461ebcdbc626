package io.exowatch.app.e2e;

import static io.exowatch.app.e2e.RegistryStandIns.CHICTR_ID;
import static io.exowatch.app.e2e.RegistryStandIns.NCT_ID;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exowatch.app.IngestRuns;
import io.exowatch.common.config.ExoConfig;
import io.exowatch.enrich.EnrichConfig;
import io.exowatch.enrich.EnrichService;
import io.exowatch.enrich.EnrichTopics;
import io.exowatch.enrich.RecordClassifier;
import io.exowatch.enrich.classify.Classifier;
import io.exowatch.ingest.IngestListener;
import io.exowatch.ingest.IngestSummary;
import io.exowatch.ingest.SourceResult;
import io.exowatch.localstack.LocalStack;
import io.exowatch.localstack.junit.EmbeddedStack;
import io.exowatch.localstack.junit.UniqueNames;
import io.exowatch.schemas.avro.DeadLetter;
import io.exowatch.schemas.avro.EnrichedTrial;
import io.exowatch.schemas.avro.TrialEvent;
import io.exowatch.schemas.avro.TrialEventOp;
import io.exowatch.schemas.avro.TrialRecord;
import io.exowatch.sink.SinkService;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trial registries end to end, in this JVM on the shared embedded stack: five local stand-ins
 * ({@link RegistryStandIns}) serve ClinicalTrials.gov, ChiCTR, IRCT, ISRCTN and the EU CTR in their
 * own formats; the ingest service built from configuration as {@code exowatch ingest --once} builds
 * it makes one pass over them, the enrich application (with the project's classifier) and the sink
 * run as {@code exowatch up} runs them, all on topics, an application id, a consumer group and
 * indices of their own.
 *
 * <p>One trial is registered twice: ChiCTR2300071234 names NCT05216562 as its other registry
 * number (NCT05216562 does not name it back). Another pair is joined through a registration that is
 * not served: IRCT201108247428N1 and EudraCT 2019-003921-41 both name ISRCTN12345678. One IRCT
 * trial's XML is served cut off.
 *
 * <p>The pass runs once for the class; each test checks one outcome of it.
 */
@EmbeddedStack(openSearch = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistriesEndToEndIT {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Every registration the stand-ins serve readably, with its registry. */
  private static final Map<String, String> REGISTRATIONS = Map.ofEntries(
      entry(NCT_ID, "CTGOV"),
      entry(CHICTR_ID, "CHICTR"),
      entry("IRCT20200217046526N2", "IRCT"),
      entry("IRCT201108247428N1", "IRCT"),
      entry("ISRCTN47392018", "ISRCTN"),
      entry("ISRCTN83701142", "ISRCTN"),
      entry("ISRCTN15520987", "ISRCTN"),
      entry("2021-004567-18", "EUCTR"),
      entry("2020-000111-22", "EUCTR"),
      entry("2019-003921-41", "EUCTR"));

  /** The real trials those registrations are. */
  private static final List<Set<String>> REAL_TRIALS = List.of(
      Set.of(NCT_ID, CHICTR_ID),
      Set.of("IRCT201108247428N1", "2019-003921-41"),
      Set.of("IRCT20200217046526N2"),
      Set.of("ISRCTN47392018"),
      Set.of("ISRCTN83701142"),
      Set.of("ISRCTN15520987"),
      Set.of("2021-004567-18"),
      Set.of("2020-000111-22"));

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private String prefix;
  private RegistryStandIns standIns;
  private CommittedTopics topics;
  private EnrichService enrich;
  private SinkService sink;
  private IngestSummary summary;

  @BeforeAll
  void runThePipelineOnceOverTheStandIns(final LocalStack stack, @TempDir final Path stateDir) {
    prefix = UniqueNames.uniqueName("registries") + "-";
    standIns = RegistryStandIns.start();
    final ExoConfig config = config(stack, stateDir);
    topics = new CommittedTopics(config);

    enrich = new EnrichService(config, RecordClassifier.of(new Classifier()),
        EnrichTopics.create(new EnrichConfig(config).serdeConfig(), prefix));
    enrich.start();
    sink = SinkService.start(config);
    summary = IngestRuns.once(config, IngestListener.NONE);

    // Enrich has processed everything once its group has committed to the end of the raw topics and of
    // its repartition topics (identity claims, links): under exactly-once, what a record causes is
    // committed with its offset, so nothing is left in flight.
    final String applicationId = prefix + "enrich";
    await().atMost(PATIENCE).until(() -> {
      assertThat(enrich.failed()).as("enrich failed").isFalse();
      final Set<String> inputs = new HashSet<>(topics.topicNames(applicationId + "-", "-repartition"));
      inputs.add(prefix + "trials-raw");
      inputs.add(prefix + "articles-raw");
      return topics.caughtUp(applicationId, inputs);
    });
  }

  @AfterAll
  void closeSinkThenEnrichThenStandIns() {
    // The ingest runtime closed at the end of its pass.
    try {
      if (sink != null) {
        sink.close();
      }
    } finally {
      try {
        if (enrich != null) {
          enrich.close();
          enrich.cleanUp();
        }
      } finally {
        if (topics != null) {
          topics.close();
        }
        if (standIns != null) {
          standIns.close();
        }
      }
    }
  }

  private ExoConfig config(final LocalStack stack, final Path stateDir) {
    final Map<String, String> m = new LinkedHashMap<>();
    m.put("kafka.bootstrap.servers", stack.bootstrapServers());
    m.put("schema.registry.url", stack.schemaRegistryUrl());
    m.put("opensearch.url", stack.openSearchUrl());
    m.putAll(standIns.sourceSettings());
    m.put("sources.pubmed.enabled", "false");
    m.put("sources.europepmc.enabled", "false");
    m.put("sources.pages.enabled", "false");
    m.put("http.retry-backoff", "50ms");
    m.put("ingest.topic.trials", prefix + "trials-raw");
    m.put("ingest.topic.articles", prefix + "articles-raw");
    m.put("ingest.topic.dlq", prefix + "ingest-dlq");
    m.put("ingest.topic.cursors", prefix + "ingest-cursors");
    m.put("enrich.application-id", prefix + "enrich");
    m.put("enrich.state-dir", stateDir.toString());
    m.put("enrich.commit-interval", "200ms");
    m.put("sink.group-id", prefix + "sink");
    m.put("sink.topic.trials", prefix + "trials-enriched");
    m.put("sink.topic.articles", prefix + "articles-enriched");
    m.put("sink.topic.events", prefix + "trial-events");
    m.put("sink.topic.dlq", prefix + "sink-dlq");
    m.put("sink.index.trials", prefix + "trials");
    m.put("sink.index.articles", prefix + "articles");
    m.put("sink.batch.linger", "100ms");
    m.put("http.port", "0");
    m.put("http.bind-address", "127.0.0.1");
    return ExoConfig.of(m);
  }

  @Test
  void shouldPublishEveryReadableRegistrationOfEveryRegistryAndCompleteEveryPass() {
    assertThat(summary.results()).extracting(SourceResult::source)
        .containsExactly("ctgov", "chictr", "irct", "isrctn", "euctr");
    assertThat(summary.results()).allSatisfy(r ->
        assertThat(r.outcome()).as(r.describe()).isEqualTo(SourceResult.Outcome.COMPLETED));
    assertThat(published("ctgov")).isEqualTo(1);
    assertThat(published("chictr")).isEqualTo(1);
    assertThat(published("irct")).isEqualTo(2);
    assertThat(published("isrctn")).isEqualTo(3);
    // Both downloads hold the ARDS and knee trials: 2 + 1 (protocol page) + 2.
    assertThat(published("euctr")).isEqualTo(5);
    assertThat(standIns.unmatchedRequests()).isEmpty();

    final Map<String, TrialRecord> raw = new HashMap<>();
    topics.readAll(prefix + "trials-raw", TrialRecord.class).forEach(r -> raw.put(r.key(), r.value()));
    assertThat(raw).containsOnlyKeys(REGISTRATIONS.keySet());
    raw.forEach((id, trial) -> {
      assertThat(trial.getRegistryId()).isEqualTo(id);
      assertThat(trial.getRegistry()).as(id).isEqualTo(REGISTRATIONS.get(id));
    });
    assertThat(raw.get(CHICTR_ID).getSecondaryIds()).anySatisfy(s -> assertThat(s.getId()).isEqualTo(NCT_ID));
  }

  @Test
  void shouldDeadLetterTheMalformedPageWithItsUrlAndReasonWhileTheOtherSourcesDeliver() {
    assertThat(summary.results()).allSatisfy(r ->
        assertThat(r.deadLetters()).as(r.describe()).isEqualTo(r.source().equals("irct") ? 1 : 0));
    final List<ConsumerRecord<String, DeadLetter>> letters = topics.readAll(prefix + "ingest-dlq", DeadLetter.class);
    assertThat(letters).singleElement().satisfies(r -> {
      final DeadLetter d = r.value();
      assertThat(d.getStage()).isEqualTo("INGEST");
      assertThat(d.getSource()).isEqualTo("irct");
      assertThat(d.getUrl()).isEqualTo(standIns.brokenIrctUrl());
      assertThat(d.getReason()).contains("unreadable IRCT trial XML");
      assertThat(d.getErrorClass()).endsWith("IrctParseException");
      assertThat(d.getOriginalText()).isEqualTo(standIns.brokenIrctBody());
    });
    // The other trials of IRCT and every other registry went on to enrich and the index.
    assertThat(published("irct")).isEqualTo(2);
    summary.results().stream().filter(r -> !r.source().equals("irct"))
        .forEach(r -> assertThat(r.recordsPublished()).as(r.describe()).isPositive());
  }

  @Test
  void shouldFindEveryRegistrationThroughTheSearchApiByIdInTheHitOfItsRealTrial() {
    await().atMost(PATIENCE).untilAsserted(() -> {
      for (final Set<String> trial : REAL_TRIALS) {
        for (final String id : trial) {
          final JsonNode found = search("q=" + encode(id));
          final List<JsonNode> hits = hitsListing(found, id);
          assertThat(hits).as("hits of q=%s listing it: %s", id, found).hasSize(1);
          final JsonNode hit = hits.get(0);
          assertThat(indexedRegistrations(hit)).as("indexed registrations of the hit of %s", id)
              .containsExactlyInAnyOrderElementsOf(trial);
          assertThat(registryOf(hit, id)).as("registry of %s", id).isEqualTo(REGISTRATIONS.get(id));
        }
      }
    });
  }

  @Test
  void shouldShowTheTrialRegisteredInChiCtrAndClinicalTrialsGovAsOneHitListingBothAndTwoUncollapsed() {
    await().atMost(PATIENCE).untilAsserted(() -> {
      for (final String id : List.of(NCT_ID, CHICTR_ID)) {
        final JsonNode collapsed = search("q=" + id);
        assertThat(collapsed.path("collapsed").asBoolean()).isTrue();
        assertThat(collapsed.path("hits")).as("q=%s: %s", id, collapsed).hasSize(1);
        final JsonNode hit = collapsed.path("hits").get(0);
        final Map<String, String> registrations = new HashMap<>();
        hit.path("registrations").forEach(r -> registrations.put(r.path("id").asText(), r.path("registry").asText()));
        assertThat(registrations).isEqualTo(Map.of(NCT_ID, "CTGOV", CHICTR_ID, "CHICTR"));
        hit.path("registrations").forEach(r -> assertThat(r.path("indexed").asBoolean()).isTrue());
      }
      // The NCT id is in both documents (the ChiCTR one lists it as a secondary id): two registrations.
      final JsonNode each = search("q=" + NCT_ID + "&collapse=false");
      assertThat(each.path("collapsed").asBoolean()).isFalse();
      assertThat(each.path("total").asLong()).isEqualTo(2);
      final Set<String> ids = new HashSet<>();
      each.path("hits").forEach(h -> {
        ids.add(h.path("id").asText());
        assertThat(h.path("canonicalId").asText()).isEqualTo(hitCanonicalId(each));
      });
      assertThat(ids).containsExactlyInAnyOrder(NCT_ID, CHICTR_ID);
    });
  }

  @Test
  void shouldEmitExactlyOneCreatedEventPerRealTrial() {
    final List<ConsumerRecord<String, TrialEvent>> events = topics.readAll(prefix + "trial-events", TrialEvent.class);
    final List<String> created = events.stream().map(ConsumerRecord::value)
        .filter(e -> e.getOp() == TrialEventOp.CREATED).map(TrialEvent::getTrialId).toList();
    assertThat(created).as("CREATED events").hasSize(REAL_TRIALS.size()).doesNotHaveDuplicates();
    for (final Set<String> trial : REAL_TRIALS) {
      assertThat(created.stream().filter(trial::contains).toList()).as("CREATED events of %s", trial).hasSize(1);
    }
    // Re-published unchanged (the EU CTR downloads hold two trials twice): nothing more.
    assertThat(events.stream().map(ConsumerRecord::value).filter(e -> e.getOp() != TrialEventOp.CREATED)
        .map(e -> e.getTrialId() + " " + e.getOp() + " " + e.getChangedFields()).toList()).isEmpty();
  }

  @Test
  void shouldLinkBothRegistrationsOfEachRealTrialBothWaysUnderTheIdAnnouncedFirst() {
    final Map<String, EnrichedTrial> enriched = new HashMap<>();
    topics.readAll(prefix + "trials-enriched", EnrichedTrial.class).forEach(r -> enriched.put(r.key(), r.value()));
    assertThat(enriched).containsOnlyKeys(REGISTRATIONS.keySet());
    final Set<String> announced = topics.readAll(prefix + "trial-events", TrialEvent.class).stream()
        .map(ConsumerRecord::value).filter(e -> e.getOp() == TrialEventOp.CREATED).map(TrialEvent::getTrialId)
        .collect(Collectors.toSet());
    for (final Set<String> trial : REAL_TRIALS) {
      final String canonical = trial.stream().filter(announced::contains).findFirst().orElseThrow();
      for (final String id : trial) {
        final EnrichedTrial e = enriched.get(id);
        assertThat(e.getCanonicalId()).as("canonicalId of %s", id).isEqualTo(canonical);
        final Set<String> others = new TreeSet<>(trial);
        others.remove(id);
        assertThat(e.getSameAs()).as("sameAs of %s", id).containsAll(others);
      }
    }
    assertThat(enriched.get(NCT_ID).getSameAs()).containsExactly(CHICTR_ID);
    assertThat(enriched.get(CHICTR_ID).getSameAs()).containsExactly(NCT_ID);
    // Joined through the ISRCTN registration both name, which no stand-in serves.
    assertThat(enriched.get("IRCT201108247428N1").getSameAs()).contains("ISRCTN12345678", "2019-003921-41");
    assertThat(enriched.get("2019-003921-41").getSameAs()).contains("ISRCTN12345678", "IRCT201108247428N1");
  }

  private long published(final String source) {
    return summary.result(source).map(SourceResult::recordsPublished).orElse(-1L);
  }

  /** The hits of a search whose registrations list {@code id}. */
  private static List<JsonNode> hitsListing(final JsonNode result, final String id) {
    final List<JsonNode> out = new ArrayList<>();
    result.path("hits").forEach(h -> {
      for (final JsonNode r : h.path("registrations")) {
        if (r.path("id").asText().equals(id)) {
          out.add(h);
          return;
        }
      }
    });
    return out;
  }

  private static Set<String> indexedRegistrations(final JsonNode hit) {
    final Set<String> ids = new HashSet<>();
    hit.path("registrations").forEach(r -> {
      if (r.path("indexed").asBoolean()) {
        ids.add(r.path("id").asText());
      }
    });
    return ids;
  }

  private static String registryOf(final JsonNode hit, final String id) {
    for (final JsonNode r : hit.path("registrations")) {
      if (r.path("id").asText().equals(id)) {
        return r.path("registry").asText();
      }
    }
    return null;
  }

  private static String hitCanonicalId(final JsonNode result) {
    return result.path("hits").get(0).path("canonicalId").asText();
  }

  private static String encode(final String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** {@code GET /api/trials?<query>} on the sink; fails naming the status and body unless 200. */
  private JsonNode search(final String query) throws IOException, InterruptedException {
    final URI uri = sink.url().resolve("/api/trials?" + query);
    final HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).as("GET %s: %s", uri, r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }
}
