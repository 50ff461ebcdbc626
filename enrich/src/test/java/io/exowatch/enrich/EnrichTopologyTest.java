package io.exowatch.enrich;

import static io.exowatch.enrich.testing.TestRecords.DOI_KEY;
import static io.exowatch.enrich.testing.TestRecords.NCT_COVID_AEROSOL;
import static io.exowatch.enrich.testing.TestRecords.PMID;
import static io.exowatch.enrich.testing.TestRecords.article;
import static io.exowatch.enrich.testing.TestRecords.exosomeTrial;
import static io.exowatch.enrich.testing.TestRecords.pmidReference;
import static io.exowatch.enrich.testing.TestRecords.secondaryId;
import static org.assertj.core.api.Assertions.assertThat;

import io.exowatch.common.kafka.Topics;
import io.exowatch.enrich.internal.TrialFingerprint;
import io.exowatch.enrich.testing.EnrichDriver;
import io.exowatch.enrich.testing.RuleClassifier;
import io.exowatch.schemas.avro.ArticleLink;
import io.exowatch.schemas.avro.Category;
import io.exowatch.schemas.avro.DeadLetter;
import io.exowatch.schemas.avro.EnrichedArticle;
import io.exowatch.schemas.avro.EnrichedTrial;
import io.exowatch.schemas.avro.TrialEvent;
import io.exowatch.schemas.avro.TrialEventOp;
import io.exowatch.schemas.avro.TrialRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The enrich topology, path by path, in a TopologyTestDriver on the production topic names. */
class EnrichTopologyTest {

  private static final String ARTICLE_TITLE = article().getTitle();

  @TempDir
  Path stateDir;

  private final RuleClassifier classifier = new RuleClassifier();
  private EnrichDriver enrich;

  @BeforeEach
  void start() {
    enrich = new EnrichDriver(classifier, stateDir);
  }

  @AfterEach
  void stop() {
    enrich.close();
  }

  @Test
  void shouldReadAndWriteTheProductionTopics() {
    assertThat(enrich.topics.trialsRaw().name()).isEqualTo(Topics.TRIALS_RAW.name());
    assertThat(enrich.topics.articlesRaw().name()).isEqualTo(Topics.ARTICLES_RAW.name());
    assertThat(enrich.topics.trialsEnriched().name()).isEqualTo(Topics.TRIALS_ENRICHED.name());
    assertThat(enrich.topics.articlesEnriched().name()).isEqualTo(Topics.ARTICLES_ENRICHED.name());
    assertThat(enrich.topics.trialEvents().name()).isEqualTo(Topics.TRIAL_EVENTS.name());
    assertThat(enrich.topics.deadLetters().name()).isEqualTo(Topics.ENRICH_DLQ.name());
  }

  @Test
  void shouldEmitCreatedAndAnEnrichedTrialOnFirstSight() {
    final TrialRecord trial = exosomeTrial(NCT_COVID_AEROSOL).build();
    enrich.send(trial);

    final TestRecord<String, TrialEvent> event = enrich.events.readRecord();
    assertThat(event.key()).isEqualTo(NCT_COVID_AEROSOL);
    assertThat(event.value().getOp()).isEqualTo(TrialEventOp.CREATED);
    assertThat(event.value().getChangedFields()).isEmpty();
    assertThat(event.value().getBefore()).isNull();
    assertThat(event.value().getAfter().getTitle()).isEqualTo(trial.getBriefTitle());
    assertThat(event.value().getAfter().getStatus()).isEqualTo("RECRUITING");
    assertThat(event.value().getAfter().getPhase()).isEqualTo("PHASE1");
    assertThat(event.value().getAfter().getCategory()).isEqualTo("MSC_EV_THERAPY");
    assertThat(event.value().getAfter().getLastUpdatePosted()).isEqualTo("2020-03-04");
    assertThat(event.value().getRegistry()).isEqualTo("CTGOV");
    assertThat(event.value().getClassifierVersion()).isEqualTo("test-1");
    assertThat(event.value().getTs()).isEqualTo(EnrichDriver.START);
    assertThat(enrich.events.isEmpty()).isTrue();

    final TestRecord<String, EnrichedTrial> enriched = enrich.enrichedTrials.readRecord();
    assertThat(enriched.key()).isEqualTo(NCT_COVID_AEROSOL);
    // The raw topic keeps the registry's own document; the enriched trial has everything else.
    assertThat(enriched.value().getTrial()).isEqualTo(TrialRecord.newBuilder(trial).setSourcePayload(null).build());
    assertThat(enriched.value().getClassification().getCategory()).isEqualTo(Category.MSC_EV_THERAPY);
    assertThat(enriched.value().getLinkedArticles()).isEmpty();
    assertThat(enriched.value().getEnrichedAt()).isEqualTo(EnrichDriver.START);
    assertThat(enrich.enrichedTrials.isEmpty()).isTrue();
    assertThat(enrich.deadLetters.isEmpty()).isTrue();
    assertThat(enrich.progress.snapshot().created()).isEqualTo(1);
  }

  @Test
  void shouldEmitUpdatedNamingTheChangedFieldsWhenATrialChanges() {
    enrich.send(exosomeTrial(NCT_COVID_AEROSOL).build());
    enrich.events.readRecordsToList();
    enrich.enrichedTrials.readRecordsToList();

    final TrialRecord changed = exosomeTrial(NCT_COVID_AEROSOL)
        .setEnrollment(60)
        .setEnrollmentType("ACTUAL")
        .setLastUpdatePosted("2020-09-14")
        .build();
    enrich.send(changed);

    final TrialEvent event = enrich.events.readValue();
    assertThat(event.getOp()).isEqualTo(TrialEventOp.UPDATED);
    assertThat(event.getChangedFields()).containsExactly("enrollment", "enrollmentType", "lastUpdatePosted");
    assertThat(event.getBefore().getLastUpdatePosted()).isEqualTo("2020-03-04");
    assertThat(event.getAfter().getLastUpdatePosted()).isEqualTo("2020-09-14");
    assertThat(enrich.events.isEmpty()).isTrue();
    assertThat(enrich.enrichedTrials.readValue().getTrial().getEnrollment()).isEqualTo(60);
  }

  @Test
  void shouldEmitStatusChangedWhenRecruitmentEnds() {
    enrich.send(exosomeTrial(NCT_COVID_AEROSOL).build());
    enrich.events.readRecordsToList();

    enrich.send(exosomeTrial(NCT_COVID_AEROSOL).setStatus("COMPLETED").setLastUpdatePosted("2021-01-11").build());

    final TrialEvent event = enrich.events.readValue();
    assertThat(event.getOp()).isEqualTo(TrialEventOp.STATUS_CHANGED);
    assertThat(event.getBefore().getStatus()).isEqualTo("RECRUITING");
    assertThat(event.getAfter().getStatus()).isEqualTo("COMPLETED");
    assertThat(event.getChangedFields()).containsExactly("status", "lastUpdatePosted");
    assertThat(enrich.progress.snapshot().statusChanged()).isEqualTo(1);
  }

  @Test
  void shouldEmitNothingForAnIdenticalRescrape() {
    enrich.send(exosomeTrial(NCT_COVID_AEROSOL).build());
    enrich.events.readRecordsToList();
    enrich.enrichedTrials.readRecordsToList();

    // Same content, fetched again: new fetch time, URL form, payload and hash field.
    enrich.send(exosomeTrial(NCT_COVID_AEROSOL)
        .setFetchedAt(Instant.parse("2026-11-02T06:00:00Z"))
        .setSourceUrl("https://clinicaltrials.gov/api/v2/studies/" + NCT_COVID_AEROSOL)
        .setSourcePayload("{\"other\":\"formatting\"}")
        .setSourcePayloadTruncated(true)
        .setContentHash("ffff")
        .build());

    assertThat(enrich.events.isEmpty()).isTrue();
    assertThat(enrich.enrichedTrials.isEmpty()).isTrue();
    assertThat(enrich.progress.snapshot().unchanged()).isEqualTo(1);
  }

  @Test
  void shouldEmitUpdatedWithClassificationWhenOnlyTheLabelsChange() {
    enrich.send(exosomeTrial(NCT_COVID_AEROSOL).build());
    enrich.events.readRecordsToList();
    enrich.enrichedTrials.readRecordsToList();

    classifier.override(NCT_COVID_AEROSOL, Category.OTHER_EV_THERAPY).version("test-2");
    enrich.send(exosomeTrial(NCT_COVID_AEROSOL).build());

    final TrialEvent event = enrich.events.readValue();
    assertThat(event.getOp()).isEqualTo(TrialEventOp.UPDATED);
    assertThat(event.getChangedFields()).containsExactly(TrialFingerprint.CLASSIFICATION);
    assertThat(event.getBefore().getCategory()).isEqualTo("MSC_EV_THERAPY");
    assertThat(event.getAfter().getCategory()).isEqualTo("OTHER_EV_THERAPY");
    assertThat(event.getClassifierVersion()).isEqualTo("test-2");
    assertThat(enrich.enrichedTrials.readValue().getClassification().getCategory())
        .isEqualTo(Category.OTHER_EV_THERAPY);
  }

  @Test
  void shouldStayQuietWhenANewClassifierVersionAssignsTheSameLabels() {
    enrich.send(exosomeTrial(NCT_COVID_AEROSOL).build());
    enrich.events.readRecordsToList();
    enrich.enrichedTrials.readRecordsToList();

    classifier.version("test-2");
    enrich.send(exosomeTrial(NCT_COVID_AEROSOL).build());

    assertThat(enrich.events.isEmpty()).isTrue();
    assertThat(enrich.enrichedTrials.isEmpty()).isTrue();
  }

  @Test
  void shouldLinkAnArticleArrivingAfterATrialThatCitesItByPmidOnly() {
    enrich.send(exosomeTrial(NCT_COVID_AEROSOL).setReferences(List.of(pmidReference(PMID))).build());
    assertThat(enrich.enrichedTrials.readValue().getLinkedArticles()).isEmpty();

    // The article is keyed by DOI; only its PMID alias connects it to the trial's reference.
    enrich.send(article().build());

    final Map<String, EnrichedTrial> trials = enrich.enrichedTrials.readKeyValuesToMap();
    assertThat(trials.get(NCT_COVID_AEROSOL).getLinkedArticles())
        .containsExactly(new ArticleLink(DOI_KEY, ARTICLE_TITLE));
    final Map<String, EnrichedArticle> articles = enrich.enrichedArticles.readKeyValuesToMap();
    assertThat(articles.get(DOI_KEY).getLinkedTrialIds()).containsExactly(NCT_COVID_AEROSOL);
    assertThat(enrich.events.readValuesToList()).extracting(TrialEvent::getOp).containsExactly(TrialEventOp.CREATED);
  }

  @Test
  void shouldLinkATrialCitingAnArticleThatArrivedFirst() {
    enrich.send(article().build());
    assertThat(enrich.enrichedArticles.readValue().getLinkedTrialIds()).isEmpty();

    enrich.send(exosomeTrial(NCT_COVID_AEROSOL).setReferences(List.of(pmidReference(PMID))).build());

    assertThat(enrich.enrichedTrials.readKeyValuesToMap().get(NCT_COVID_AEROSOL).getLinkedArticles())
        .containsExactly(new ArticleLink(DOI_KEY, ARTICLE_TITLE));
    assertThat(enrich.enrichedArticles.readKeyValuesToMap().get(DOI_KEY).getLinkedTrialIds())
        .containsExactly(NCT_COVID_AEROSOL);
  }

  @Test
  void shouldLinkATrialArrivingAfterAnArticleThatMentionsIt() {
    final String abstractText = "Registered at ClinicalTrials.gov (" + NCT_COVID_AEROSOL + "): nebulised MSC-EVs.";
    enrich.send(article().setAbstractText(abstractText).build());
    assertThat(enrich.enrichedArticles.readValue().getLinkedTrialIds()).isEmpty();

    enrich.send(exosomeTrial(NCT_COVID_AEROSOL).build());

    // The mention waited for the trial: its first enriched record already shows the article.
    final List<EnrichedTrial> trials = enrich.enrichedTrials.readValuesToList();
    assertThat(trials).hasSize(1);
    assertThat(trials.get(0).getLinkedArticles()).containsExactly(new ArticleLink(DOI_KEY, ARTICLE_TITLE));
    final List<EnrichedArticle> articles = enrich.enrichedArticles.readValuesToList();
    assertThat(articles).hasSize(1);
    assertThat(articles.get(0).getLinkedTrialIds()).containsExactly(NCT_COVID_AEROSOL);
    assertThat(enrich.progress.snapshot().linkUpdates()).isEqualTo(1);
  }

  @Test
  void shouldLinkAnArticleMentioningATrialThatArrivedFirst() {
    enrich.send(exosomeTrial(NCT_COVID_AEROSOL).build());
    enrich.enrichedTrials.readRecordsToList();

    enrich.send(article().setAbstractText("A phase I trial (" + NCT_COVID_AEROSOL + ") inhaled MSC exosomes.").build());

    assertThat(enrich.enrichedTrials.readValue().getLinkedArticles())
        .containsExactly(new ArticleLink(DOI_KEY, ARTICLE_TITLE));
    assertThat(enrich.enrichedArticles.readKeyValuesToMap().get(DOI_KEY).getLinkedTrialIds())
        .containsExactly(NCT_COVID_AEROSOL);
  }

  @Test
  void shouldUnlinkATrialWhenTheArticleNoLongerMentionsIt() {
    enrich.send(exosomeTrial(NCT_COVID_AEROSOL).build());
    enrich.send(article().setAbstractText("Phase I trial " + NCT_COVID_AEROSOL + " of inhaled MSC exosomes.").build());
    enrich.enrichedTrials.readRecordsToList();
    enrich.enrichedArticles.readRecordsToList();

    enrich.send(article().setAbstractText("Inhaled MSC exosomes in three patients.").build());

    assertThat(enrich.enrichedTrials.readKeyValuesToMap().get(NCT_COVID_AEROSOL).getLinkedArticles()).isEmpty();
    assertThat(enrich.enrichedArticles.readKeyValuesToMap().get(DOI_KEY).getLinkedTrialIds()).isEmpty();
  }

  @Test
  void shouldLinkAMentionAgainWhenADeletedTrialComesBack() {
    enrich.send(article().setAbstractText("Phase I trial " + NCT_COVID_AEROSOL + " of inhaled MSC exosomes.").build());
    enrich.send(exosomeTrial(NCT_COVID_AEROSOL).build());
    enrich.trials.pipeInput(NCT_COVID_AEROSOL, null);
    assertThat(enrich.enrichedArticles.readKeyValuesToMap().get(DOI_KEY).getLinkedTrialIds()).isEmpty();
    enrich.enrichedTrials.readRecordsToList();

    enrich.send(exosomeTrial(NCT_COVID_AEROSOL).build());

    assertThat(enrich.enrichedTrials.readValue().getLinkedArticles())
        .containsExactly(new ArticleLink(DOI_KEY, ARTICLE_TITLE));
    assertThat(enrich.enrichedArticles.readKeyValuesToMap().get(DOI_KEY).getLinkedTrialIds())
        .containsExactly(NCT_COVID_AEROSOL);
  }

  @Test
  void shouldUnlinkWhenATrialDropsItsReference() {
    enrich.send(exosomeTrial(NCT_COVID_AEROSOL).setReferences(List.of(pmidReference(PMID))).build());
    enrich.send(article().build());
    enrich.enrichedTrials.readRecordsToList();
    enrich.enrichedArticles.readRecordsToList();

    enrich.send(exosomeTrial(NCT_COVID_AEROSOL).setReferences(List.of()).build());

    assertThat(enrich.events.readValuesToList()).last().extracting(TrialEvent::getChangedFields)
        .isEqualTo(List.of("references"));
    assertThat(enrich.enrichedTrials.readKeyValuesToMap().get(NCT_COVID_AEROSOL).getLinkedArticles()).isEmpty();
    assertThat(enrich.enrichedArticles.readKeyValuesToMap().get(DOI_KEY).getLinkedTrialIds()).isEmpty();
  }

  @Test
  void shouldKeepIdsOfTheSameTrialInOtherRegistriesAsSameAs() {
    enrich.send(exosomeTrial(NCT_COVID_AEROSOL).setSecondaryIds(List.of(
        secondaryId("ChiCTR2000029990", "REGISTRY"),
        secondaryId("2020-001234-56", "EUDRACT_NUMBER"),
        secondaryId("nct 04276987", "OTHER"),
        secondaryId("MEXCOVID-2020-01", "OTHER"))).build());

    assertThat(enrich.enrichedTrials.readValue().getSameAs()).containsExactly("ChiCTR2000029990", "2020-001234-56");
    assertThat(enrich.events.readValue().getSameAs()).containsExactlyInAnyOrder("ChiCTR2000029990", "2020-001234-56");
  }

  @Test
  void shouldForwardATombstoneAndForgetTheTrial() {
    enrich.send(exosomeTrial(NCT_COVID_AEROSOL).build());
    enrich.events.readRecordsToList();
    enrich.enrichedTrials.readRecordsToList();

    enrich.trials.pipeInput(NCT_COVID_AEROSOL, null);

    final TestRecord<String, EnrichedTrial> tombstone = enrich.enrichedTrials.readRecord();
    assertThat(tombstone.key()).isEqualTo(NCT_COVID_AEROSOL);
    assertThat(tombstone.value()).isNull();
    assertThat(enrich.events.isEmpty()).isTrue();
    assertThat(enrich.driver.<String, Object>getKeyValueStore("trial-fingerprints").get(NCT_COVID_AEROSOL)).isNull();
    assertThat(enrich.driver.<String, Object>getKeyValueStore("trial-records").get(NCT_COVID_AEROSOL)).isNull();

    enrich.send(exosomeTrial(NCT_COVID_AEROSOL).build());
    assertThat(enrich.events.readValue().getOp()).isEqualTo(TrialEventOp.CREATED);
  }

  @Test
  void shouldForwardAnArticleTombstoneAndUnlinkItsTrials() {
    enrich.send(exosomeTrial(NCT_COVID_AEROSOL).setReferences(List.of(pmidReference(PMID))).build());
    enrich.send(article().build());
    enrich.enrichedTrials.readRecordsToList();
    enrich.enrichedArticles.readRecordsToList();

    enrich.articles.pipeInput(DOI_KEY, null);

    final TestRecord<String, EnrichedArticle> tombstone = enrich.enrichedArticles.readRecord();
    assertThat(tombstone.key()).isEqualTo(DOI_KEY);
    assertThat(tombstone.value()).isNull();
    assertThat(enrich.enrichedTrials.readValue().getLinkedArticles()).isEmpty();
  }

  @Test
  void shouldSendBytesThatAreNotAvroToTheDeadLetterTopicAndKeepGoing() {
    final byte[] garbage = "{\"nctId\": \"NCT04276987\"}".getBytes(StandardCharsets.UTF_8);
    enrich.trialBytes.pipeInput(NCT_COVID_AEROSOL, garbage);

    final TestRecord<String, DeadLetter> dead = enrich.deadLetters.readRecord();
    assertThat(dead.key()).isEqualTo(NCT_COVID_AEROSOL);
    assertThat(dead.value().getStage()).isEqualTo("ENRICH");
    assertThat(dead.value().getSource()).isEqualTo("trials-raw");
    assertThat(dead.value().getReason()).contains(NCT_COVID_AEROSOL).contains("magic byte");
    assertThat(dead.value().getErrorClass()).isEqualTo("org.apache.kafka.common.errors.SerializationException");
    assertThat(dead.value().getOriginalBytes()).isEqualTo(ByteBuffer.wrap(garbage));
    assertThat(dead.value().getTruncated()).isFalse();
    assertThat(dead.value().getOriginTopic()).isEqualTo("trials-raw");
    assertThat(dead.value().getOriginPartition()).isEqualTo(0);
    assertThat(dead.value().getOriginOffset()).isEqualTo(0L);
    assertThat(enrich.progress.snapshot().deadLetters()).isEqualTo(1);
    assertThat(enrich.enrichedTrials.isEmpty()).isTrue();

    enrich.send(exosomeTrial(NCT_COVID_AEROSOL).build());
    assertThat(enrich.events.readValue().getOp()).isEqualTo(TrialEventOp.CREATED);
  }

  @Test
  void shouldSendATrialTheClassifierRejectsToTheDeadLetterTopicAndKeepGoing() {
    classifier.failOn("NCT05216562");
    enrich.send(exosomeTrial("NCT05216562").build());
    enrich.send(exosomeTrial(NCT_COVID_AEROSOL).build());

    final DeadLetter dead = enrich.deadLetters.readValue();
    assertThat(dead.getKey()).isEqualTo("NCT05216562");
    assertThat(dead.getReason()).startsWith("The classifier failed on the TrialRecord NCT05216562")
        .contains("rule table has no entry");
    assertThat(dead.getErrorClass()).isEqualTo(IllegalStateException.class.getName());
    assertThat(dead.getOriginalBytes()).isNotNull();
    assertThat(enrich.deadLetters.isEmpty()).isTrue();
    assertThat(enrich.events.readValuesToList()).extracting(TrialEvent::getTrialId)
        .containsExactly(NCT_COVID_AEROSOL);
  }

  @Test
  void shouldSendAnArticleTheClassifierRejectsToTheDeadLetterTopic() {
    classifier.failOn(DOI_KEY);
    enrich.send(article().build());

    final DeadLetter dead = enrich.deadLetters.readValue();
    assertThat(dead.getKey()).isEqualTo(DOI_KEY);
    assertThat(dead.getSource()).isEqualTo("articles-raw");
    assertThat(enrich.enrichedArticles.isEmpty()).isTrue();
  }

  @Test
  void shouldNameEveryStoreAndRepartitionTopic() {
    final TopologyDescription description = EnrichTopology.build(enrich.topics, classifier, new EnrichProgress())
        .describe();
    final Set<String> stores = new TreeSet<>();
    final Set<String> repartitionTopics = new TreeSet<>();
    for (final TopologyDescription.Subtopology sub : description.subtopologies()) {
      for (final TopologyDescription.Node node : sub.nodes()) {
        if (node instanceof TopologyDescription.Processor p) {
          stores.addAll(p.stores());
        } else if (node instanceof TopologyDescription.Sink s && s.topic().endsWith("-repartition")) {
          repartitionTopics.add(s.topic());
        }
      }
    }
    assertThat(stores).containsExactlyInAnyOrder("trial-fingerprints", "trial-records", "trial-links",
        "article-fingerprints", "article-records", "article-links", "link-index", "trial-same-as", "trial-identity");
    assertThat(repartitionTopics).containsExactlyInAnyOrder("trial-link-facts-repartition",
        "article-link-facts-repartition", "links-by-trial-repartition", "links-by-article-repartition",
        "identity-claims-repartition");
    assertThat(description.toString()).doesNotContain("KSTREAM-").doesNotContain("KTABLE-");
  }
}
