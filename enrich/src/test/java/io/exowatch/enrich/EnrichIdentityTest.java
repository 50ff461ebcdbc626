package io.exowatch.enrich;

import static io.exowatch.enrich.testing.TestRecords.exosomeTrial;
import static io.exowatch.enrich.testing.TestRecords.secondaryId;
import static org.assertj.core.api.Assertions.assertThat;

import io.exowatch.enrich.testing.EnrichDriver;
import io.exowatch.enrich.testing.RuleClassifier;
import io.exowatch.schemas.avro.EnrichedTrial;
import io.exowatch.schemas.avro.TrialEvent;
import io.exowatch.schemas.avro.TrialEventOp;
import io.exowatch.schemas.avro.TrialRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-registry identity in a TopologyTestDriver: registrations that name one another are one
 * real trial, announced by one {@code CREATED}, linked both ways, under one canonical id.
 */
class EnrichIdentityTest {

  private static final String NCT = "NCT04276987";
  private static final String CHICTR = "ChiCTR2000029990";
  private static final String EUDRACT = "2020-001234-56";

  @TempDir
  Path stateDir;

  private EnrichDriver enrich;

  @BeforeEach
  void start() {
    enrich = new EnrichDriver(new RuleClassifier(), stateDir);
  }

  @AfterEach
  void stop() {
    enrich.close();
  }

  @Test
  void shouldAnnounceOnceWhenAChictrRecordNamesAnAnnouncedNctTrial() {
    enrich.send(nct().build());
    enrich.send(chictr(NCT).build());

    assertThat(created()).containsExactly(NCT);
    final Map<String, EnrichedTrial> latest = enrich.enrichedTrials.readKeyValuesToMap();
    assertThat(latest.get(NCT).getSameAs()).containsExactly(CHICTR);
    assertThat(latest.get(CHICTR).getSameAs()).containsExactly(NCT);
    assertThat(latest.get(NCT).getCanonicalId()).isEqualTo(NCT);
    assertThat(latest.get(CHICTR).getCanonicalId()).isEqualTo(NCT);
    assertThat(enrich.progress.snapshot().sameTrial()).isEqualTo(1);
  }

  @Test
  void shouldAnnounceOnceWhenTheNamedTrialArrivesSecond() {
    enrich.send(chictr(NCT).build());
    enrich.send(nct().build());

    assertThat(created()).containsExactly(CHICTR);
    final Map<String, EnrichedTrial> latest = enrich.enrichedTrials.readKeyValuesToMap();
    assertThat(latest.get(NCT).getSameAs()).containsExactly(CHICTR);
    assertThat(latest.get(CHICTR).getSameAs()).containsExactly(NCT);
    assertThat(latest.get(NCT).getCanonicalId()).isEqualTo(CHICTR);
    assertThat(latest.get(CHICTR).getCanonicalId()).isEqualTo(CHICTR);
  }

  @Test
  void shouldJoinRegistrationsThatNameOneAnotherTransitively() {
    enrich.send(chictr(NCT).build());
    enrich.send(euctr(NCT).build());
    enrich.send(nct().build());

    assertThat(created()).containsExactly(CHICTR);
    final Map<String, EnrichedTrial> latest = enrich.enrichedTrials.readKeyValuesToMap();
    assertThat(latest.get(EUDRACT).getSameAs()).containsExactlyInAnyOrder(NCT, CHICTR);
    assertThat(latest.get(NCT).getSameAs()).containsExactlyInAnyOrder(CHICTR, EUDRACT);
    assertThat(latest.values()).extracting(EnrichedTrial::getCanonicalId).containsOnly(CHICTR);
  }

  @Test
  void shouldListEveryOtherRegistrationInTheCreatedEvent() {
    enrich.send(chictr(NCT).build());

    final TrialEvent event = enrich.events.readValue();
    assertThat(event.getOp()).isEqualTo(TrialEventOp.CREATED);
    assertThat(event.getTrialId()).isEqualTo(CHICTR);
    assertThat(event.getRegistry()).isEqualTo("CHICTR");
    assertThat(event.getSameAs()).containsExactly(NCT);
  }

  @Test
  void shouldKeepALoneTrialItsOwnCanonicalIdWithoutEmittingItTwice() {
    enrich.send(nct().build());

    final List<EnrichedTrial> out = enrich.enrichedTrials.readValuesToList();
    assertThat(out).hasSize(1);
    assertThat(out.get(0).getCanonicalId()).isEqualTo(NCT);
    assertThat(out.get(0).getSameAs()).isEmpty();
  }

  @Test
  void shouldEmitNothingForAnIdenticalRescrapeOfASecondRegistration() {
    enrich.send(nct().build());
    enrich.send(chictr(NCT).build());
    enrich.events.readRecordsToList();
    enrich.enrichedTrials.readRecordsToList();

    enrich.send(chictr(NCT).build());

    assertThat(enrich.events.isEmpty()).isTrue();
    assertThat(enrich.enrichedTrials.isEmpty()).isTrue();
  }

  @Test
  void shouldSplitAndAnnounceARegistrationThatStopsNamingTheOther() {
    enrich.send(nct().build());
    enrich.send(chictr(NCT).build());
    enrich.events.readRecordsToList();
    enrich.enrichedTrials.readRecordsToList();

    enrich.send(chictr().build());

    final List<TrialEvent> events = enrich.events.readValuesToList();
    assertThat(events).extracting(TrialEvent::getOp).containsExactlyInAnyOrder(TrialEventOp.UPDATED,
        TrialEventOp.CREATED);
    assertThat(events).filteredOn(e -> e.getOp() == TrialEventOp.CREATED).extracting(TrialEvent::getTrialId)
        .containsExactly(CHICTR);
    final Map<String, EnrichedTrial> latest = enrich.enrichedTrials.readKeyValuesToMap();
    assertThat(latest.get(NCT).getSameAs()).isEmpty();
    assertThat(latest.get(NCT).getCanonicalId()).isEqualTo(NCT);
    assertThat(latest.get(CHICTR).getSameAs()).isEmpty();
    assertThat(latest.get(CHICTR).getCanonicalId()).isEqualTo(CHICTR);
  }

  @Test
  void shouldNotAnnounceAgainWhenTwoAnnouncedTrialsTurnOutToBeOne() {
    enrich.send(nct().build());
    enrich.send(chictr().build());
    assertThat(created()).containsExactlyInAnyOrder(NCT, CHICTR);

    enrich.send(chictr(NCT).build());

    final List<TrialEvent> events = enrich.events.readValuesToList();
    assertThat(events).extracting(TrialEvent::getOp).containsExactly(TrialEventOp.UPDATED);
    assertThat(events.get(0).getSameAs()).containsExactly(NCT);
    final Map<String, EnrichedTrial> latest = enrich.enrichedTrials.readKeyValuesToMap();
    assertThat(latest.get(NCT).getSameAs()).containsExactly(CHICTR);
    assertThat(latest.values()).extracting(EnrichedTrial::getCanonicalId).containsOnly(NCT);
  }

  @Test
  void shouldForgetADeletedRegistrationInTheOthers() {
    enrich.send(chictr(NCT).build());
    enrich.send(nct().build());
    enrich.send(euctr(CHICTR).build());
    enrich.events.readRecordsToList();
    enrich.enrichedTrials.readRecordsToList();

    enrich.trials.pipeInput(EUDRACT, (TrialRecord) null);

    final Map<String, EnrichedTrial> latest = enrich.enrichedTrials.readKeyValuesToMap();
    assertThat(latest).containsEntry(EUDRACT, null);
    assertThat(latest.get(NCT).getSameAs()).containsExactly(CHICTR);
    assertThat(latest.get(CHICTR).getSameAs()).containsExactly(NCT);
    assertThat(enrich.events.isEmpty()).isTrue();
  }

  private List<String> created() {
    return enrich.events.readValuesToList().stream().filter(e -> e.getOp() == TrialEventOp.CREATED)
        .map(TrialEvent::getTrialId).toList();
  }

  private static TrialRecord.Builder nct() {
    return exosomeTrial(NCT);
  }

  /** The same trial registered in ChiCTR, naming {@code others} as its other registry numbers. */
  private static TrialRecord.Builder chictr(final String... others) {
    return exosomeTrial(CHICTR).setRegistry("CHICTR").setRegistryId(CHICTR)
        .setSourceUrl("https://www.chictr.org.cn/showproj.html?proj=49526")
        .setSecondaryIds(List.of(others).stream().map(id -> secondaryId(id, "REGISTRY")).toList());
  }

  private static TrialRecord.Builder euctr(final String... others) {
    return exosomeTrial(EUDRACT).setRegistry("EUCTR").setRegistryId(EUDRACT)
        .setSecondaryIds(List.of(others).stream().map(id -> secondaryId(id, "REGISTRY")).toList());
  }
}
