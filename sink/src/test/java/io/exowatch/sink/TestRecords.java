package io.exowatch.sink;

import io.exowatch.schemas.avro.Application;
import io.exowatch.schemas.avro.ArticleLink;
import io.exowatch.schemas.avro.ArticleRecord;
import io.exowatch.schemas.avro.Category;
import io.exowatch.schemas.avro.Classification;
import io.exowatch.schemas.avro.EnrichedArticle;
import io.exowatch.schemas.avro.EnrichedTrial;
import io.exowatch.schemas.avro.Evidence;
import io.exowatch.schemas.avro.Intervention;
import io.exowatch.schemas.avro.MscSource;
import io.exowatch.schemas.avro.Phase;
import io.exowatch.schemas.avro.ProductType;
import io.exowatch.schemas.avro.Route;
import io.exowatch.schemas.avro.StudyKind;
import io.exowatch.schemas.avro.TrialEvent;
import io.exowatch.schemas.avro.TrialEventOp;
import io.exowatch.schemas.avro.TrialRecord;
import io.exowatch.schemas.avro.TrialSnapshot;
import io.exowatch.schemas.avro.TrialStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Test data written for these tests, shaped like real registrations (not copied from fixtures):
 * an MSC-EV inhalation trial for ARDS, an engineered-cargo delivery trial, a secretome gel, a
 * dendritic-cell exosome trial and a diagnostic.
 */
public final class TestRecords {

  private TestRecords() {}

  /** A trial with its classification; {@code title} and {@code startDate} vary per test. */
  public static EnrichedTrial trial(final String id, final String title, final Category category,
      final List<Application> applications, final List<MscSource> sources, final List<Route> routes,
      final Phase phase, final TrialStatus status, final String startDate) {
    final TrialRecord t = TrialRecord.newBuilder()
        .setRegistry(id.startsWith("NCT") ? "CTGOV" : id.startsWith("ChiCTR") ? "CHICTR" : "IRCT")
        .setRegistryId(id)
        .setBriefTitle(title)
        .setOfficialTitle("A Study of " + title)
        .setBriefSummary("This study evaluates " + title.toLowerCase(java.util.Locale.ROOT)
            + " in adults. Extracellular vesicles are isolated by ultracentrifugation.")
        .setConditions(List.of(conditionFor(routes)))
        .setInterventions(List.of(Intervention.newBuilder().setType("BIOLOGICAL")
            .setName(category == Category.MSC_EV_THERAPY ? "MSC-derived exosomes" : "Investigational product").build()))
        .setPhases(List.of(phase.name()))
        .setStatus(status.name())
        .setStudyType("INTERVENTIONAL")
        .setEnrollment(24)
        .setEnrollmentType("ESTIMATED")
        .setFirstPosted(startDate)
        .setLastUpdatePosted(startDate)
        .setStartDate(startDate)
        .setLeadSponsor("Example University Hospital")
        .setCountries(List.of("China"))
        .setSourceUrl("https://clinicaltrials.gov/study/" + id)
        .setFetchedAt(Instant.parse("2026-11-01T00:00:00Z"))
        .setContentHash("0".repeat(64))
        .build();
    final List<Evidence> evidence = new ArrayList<>();
    evidence.add(new Evidence("category:" + category.name(), "interventions[0].name", "MSC-derived exosomes"));
    routes.forEach(r -> evidence.add(new Evidence("routes:" + r.name(), "interventions[0].description", r.name().toLowerCase(java.util.Locale.ROOT) + " administration")));
    final boolean msc = category == Category.MSC_EV_THERAPY || category == Category.MSC_SECRETOME_THERAPY;
    final Classification c = Classification.newBuilder()
        .setCategory(category)
        .setConfidence(0.9)
        .setApplications(msc ? applications : List.of())
        .setMscSources(msc ? sources : List.of())
        .setProductTypes(msc ? List.of(ProductType.EXOSOME) : List.of())
        .setRoutes(msc ? routes : List.of())
        .setPhase(phase)
        .setStatus(status)
        .setEvidence(evidence)
        .setClassifierVersion("test-1")
        .build();
    return EnrichedTrial.newBuilder().setTrial(t).setClassification(c)
        .setLinkedArticles(List.of(new ArticleLink("doi:10.1000/exo." + id.toLowerCase(java.util.Locale.ROOT), "Results of " + title)))
        .setEnrichedAt(Instant.parse("2026-11-02T00:00:00Z"))
        .build();
  }

  /** An MSC-EV inhalation trial for ARDS. */
  public static EnrichedTrial ardsTrial(final String id, final String title) {
    return trial(id, title, Category.MSC_EV_THERAPY, List.of(Application.IMMUNOMODULATORY),
        List.of(MscSource.UMBILICAL_CORD), List.of(Route.INHALATION), Phase.PHASE1_PHASE2, TrialStatus.RECRUITING, "2021-03");
  }

  /** An article linked to {@code trialId}. */
  public static EnrichedArticle article(final String id, final String title, final String trialId) {
    final ArticleRecord a = ArticleRecord.newBuilder()
        .setId(id)
        .setSource("PUBMED")
        .setDoi(id.startsWith("doi:") ? id.substring(4) : null)
        .setTitle(title)
        .setAbstractText("Mesenchymal stromal cell exosomes were given by inhalation. Trial " + trialId + ".")
        .setJournal("Journal of Extracellular Vesicles")
        .setPublicationDate("2022-05")
        .setTrialIds(List.of(trialId))
        .setFetchedAt(Instant.parse("2026-11-01T00:00:00Z"))
        .setContentHash("1".repeat(64))
        .build();
    final Classification c = Classification.newBuilder()
        .setCategory(Category.MSC_EV_THERAPY).setConfidence(0.8).setStudyKind(StudyKind.CLINICAL_TRIAL)
        .setMentionedTrialIds(List.of(trialId)).setClassifierVersion("test-1").build();
    return EnrichedArticle.newBuilder().setArticle(a).setClassification(c).setLinkedTrialIds(List.of(trialId))
        .setEnrichedAt(Instant.parse("2026-11-02T00:00:00Z")).build();
  }

  /** A CREATED event for a trial. */
  public static TrialEvent created(final String id, final String title, final Category category) {
    return TrialEvent.newBuilder()
        .setTrialId(id)
        .setOp(TrialEventOp.CREATED)
        .setAfter(TrialSnapshot.newBuilder().setTitle(title).setStatus("RECRUITING").setPhase("PHASE1")
            .setCategory(category.name()).setLastUpdatePosted("2026-11-01").build())
        .setRegistry("CTGOV")
        .setTs(Instant.now())
        .build();
  }

  private static String conditionFor(final List<Route> routes) {
    return routes.contains(Route.INHALATION) ? "Acute Respiratory Distress Syndrome" : "Chronic Wounds";
  }
}
