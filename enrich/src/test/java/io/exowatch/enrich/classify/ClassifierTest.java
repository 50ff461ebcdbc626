package io.exowatch.enrich.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.exowatch.schemas.avro.Category;
import io.exowatch.schemas.avro.Classification;
import io.exowatch.schemas.avro.Evidence;
import io.exowatch.schemas.avro.SecondaryId;
import io.exowatch.schemas.avro.StudyKind;
import io.exowatch.schemas.avro.TrialRecord;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Behaviour of {@link Classifier} beyond single categories: ids, articles, evidence, versions, threads. */
class ClassifierTest {

  private static final Classifier CLASSIFIER = new Classifier();

  @Test
  void shouldStampTheClassifierVersion() {
    final Classification c = CLASSIFIER.classify(Trials.trial("Aspirin in Stroke", "Aspirin", null, "Stroke"));
    assertThat(c.getClassifierVersion()).isEqualTo(Classifier.VERSION).matches("\\d{4}\\.\\d+\\.\\d+");
    assertThat(c.getCategory()).isEqualTo(Category.UNRELATED);
    assertThat(c.getConfidence()).isEqualTo(0.95);
  }

  @Test
  void shouldGiveEvidenceWithFieldPathAndMatchedTextForEveryLabel() {
    final TrialRecord t = Trials.trial("Nebulized Umbilical Cord MSC Exosomes in COVID-19 ARDS", "UC-MSC-Exos",
        "Exosomes from umbilical cord mesenchymal stem cells, nebulized twice daily", "ARDS", "COVID-19");
    final Classification c = CLASSIFIER.classify(t);

    assertThat(c.getCategory()).isEqualTo(Category.MSC_EV_THERAPY);
    for (final String label : OwnTrialsTest.labelsOf(c)) {
      assertThat(c.getEvidence()).as(label).anySatisfy(e -> assertThat(e.getLabel()).isEqualTo(label));
    }
    assertThat(c.getEvidence()).contains(
        new Evidence("routes:INHALATION", "briefTitle", "Nebulized"),
        new Evidence("mscSources:UMBILICAL_CORD", "briefTitle", "Umbilical Cord"),
        new Evidence("conditionAreas:RESPIRATORY", "briefTitle", "COVID"),
        new Evidence("phase:PHASE1", "phases", "PHASE1"),
        new Evidence("status:RECRUITING", "status", "RECRUITING"));
    assertThat(c.getEvidence()).allSatisfy(e -> {
      assertThat(e.getField()).matches("[a-zA-Z]+(\\[\\d+])?(\\.[a-zA-Z]+(\\[\\d+])?)?");
      assertThat(e.getText().length()).isLessThanOrEqualTo(200);
    });
  }

  @Test
  void shouldNameTrialsRegisteredElsewhereFromSecondaryIdsAndSummaries() {
    final TrialRecord t = TrialRecord.newBuilder(Trials.trial("MSC Exosomes in ARDS", "MSC exosomes", "Inhaled", "ARDS"))
        .setSecondaryIds(List.of(new SecondaryId("ChiCTR2000029990", "REGISTRY", "CHICTR"),
            new SecondaryId("RJ-2020-01", "ORG_STUDY_ID", null),
            new SecondaryId("EUCTR2020-001234-56-GB", "EUDRACT_NUMBER", "EUCTR")))
        .setBriefSummary("Extension of the pilot trial IRCT20200217046526N2 (see also NCT99999999).")
        .build();
    assertThat(CLASSIFIER.classify(t).getMentionedTrialIds())
        .containsExactly("ChiCTR2000029990", "2020-001234-56", "IRCT20200217046526N2");
  }

  @Test
  void shouldClassifyAPreclinicalArticleBySubjectAndKind() {
    final Classification c = CLASSIFIER.classify(Trials.article(
        "Exosomes derived from human umbilical cord mesenchymal stem cells attenuate acute lung injury in mice",
        "hUC-MSC exosomes were given intratracheally to mice after LPS challenge. In vivo, they reduced lung injury.",
        List.of("Journal Article"), List.of()));
    assertThat(c.getCategory()).isEqualTo(Category.MSC_EV_THERAPY);
    assertThat(c.getStudyKind()).isEqualTo(StudyKind.PRECLINICAL);
    assertThat(c.getPhase()).hasToString("UNKNOWN");
    assertThat(c.getEvidence()).anySatisfy(e -> assertThat(e.getLabel()).isEqualTo("studyKind:PRECLINICAL"));
  }

  @Test
  void shouldTakeTheStudyKindFromPublicationTypesFirst() {
    final Classification review = CLASSIFIER.classify(Trials.article(
        "Mesenchymal stem cell-derived extracellular vesicles in clinical trials",
        "Patients in phase I trials received MSC-EVs intravenously; mice studies are also discussed.",
        List.of("Journal Article", "Review"), List.of()));
    assertThat(review.getStudyKind()).isEqualTo(StudyKind.REVIEW);
    assertThat(review.getEvidence()).contains(new Evidence("studyKind:REVIEW", "publicationTypes[1]", "Review"));

    final Classification trial = CLASSIFIER.classify(Trials.article(
        "Nebulized exosomes derived from allogenic adipose tissue mesenchymal stromal cells in severe COVID-19",
        "Seven patients received nebulized exosomes for 5 days.",
        List.of("Clinical Trial, Phase I", "Journal Article"), List.of("NCT04276987")));
    assertThat(trial.getStudyKind()).isEqualTo(StudyKind.CLINICAL_TRIAL);
    assertThat(trial.getCategory()).isEqualTo(Category.MSC_EV_THERAPY);
  }

  @Test
  void shouldTellAReviewFromItsWordsWithoutPublicationTypes() {
    final Classification c = CLASSIFIER.classify(Trials.article(
        "Exosomes as biomarkers of cancer: a review",
        "In this review we summarize exosomal biomarkers for early detection of cancer.", List.of(), List.of()));
    assertThat(c.getStudyKind()).isEqualTo(StudyKind.REVIEW);
    assertThat(c.getCategory()).isEqualTo(Category.EV_DIAGNOSTIC);
  }

  @Test
  void shouldCollectNormalisedTrialIdsFromAnArticle() {
    final Classification c = CLASSIFIER.classify(Trials.article(
        "MSC exosomes in stroke (nct 03384433)",
        "Trial registration: ChiCTR-IOR-17013367; IRCT20200217046526N2; ISRCTN 12345678; EudraCT 2019-001234-56;"
            + " ACTRN12620000123456p; again NCT03384433 and chictr-ior-17013367.",
        List.of(), List.of("NCT03384433", "ChiCTR2000029990")));
    assertThat(c.getMentionedTrialIds()).containsExactly("NCT03384433", "ChiCTR2000029990",
        "ChiCTR-IOR-17013367", "IRCT20200217046526N2", "ISRCTN12345678", "2019-001234-56", "ACTRN12620000123456");
  }

  @Test
  void shouldTreatOtherRegistriesObservationalAndDiagnosticDesignsAsNothingAdministered() {
    assertThat(Classifier.observational("OBSERVATIONAL")).isTrue();
    assertThat(Classifier.observational("Observational study")).isTrue();
    assertThat(Classifier.observational("Diagnostic test")).isTrue();
    assertThat(Classifier.observational("Cross-sectional")).isTrue();
    assertThat(Classifier.observational("观察性研究 (横断面)")).isTrue();
    assertThat(Classifier.observational("诊断试验")).isTrue();
    assertThat(Classifier.observational("干预性研究 (随机平行对照)")).isFalse();
    assertThat(Classifier.observational("INTERVENTIONAL")).isFalse();
    assertThat(Classifier.observational("Interventional study")).isFalse();
    assertThat(Classifier.observational("EXPANDED_ACCESS")).isFalse();
    assertThat(Classifier.observational(null)).isFalse();
  }

  @Test
  void shouldGiveTheSameAnswerFromManyThreads() {
    final TrialRecord t = Trials.trial("Intra-articular Adipose MSC-derived Exosomes in Knee Osteoarthritis",
        "ADSC-Exos", "Single intra-articular injection", "Knee Osteoarthritis");
    final Classification expected = CLASSIFIER.classify(t);
    final List<Classification> results = IntStream.range(0, 400).parallel().mapToObj(i -> CLASSIFIER.classify(t)).toList();
    assertThat(results).allSatisfy(r -> assertThat(r).isEqualTo(expected));
  }

  @Test
  void shouldLeaveLabelsEmptyOutsideTheMscTherapyCategories() {
    final Classification c = CLASSIFIER.classify(Trials.trial("Dendritic Cell-derived Exosomes in NSCLC",
        "Dex", "Intradermal injection of exosomes from autologous dendritic cells", "Lung Cancer"));
    assertThat(c.getCategory()).isEqualTo(Category.OTHER_EV_THERAPY);
    assertThat(c.getRoutes()).isEmpty();
    assertThat(c.getConditionAreas()).isEmpty();
    assertThat(c.getCargo()).isNull();
    assertThat(c.getEvidence()).extracting(Evidence::getLabel).containsExactly("category:OTHER_EV_THERAPY",
        "phase:PHASE1", "status:RECRUITING");
  }
}
