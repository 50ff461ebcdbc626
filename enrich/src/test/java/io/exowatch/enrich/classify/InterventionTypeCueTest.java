package io.exowatch.enrich.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.exowatch.schemas.avro.Category;
import io.exowatch.schemas.avro.Intervention;
import io.exowatch.schemas.avro.TrialRecord;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The intervention type is a use cue in each registry's own words, not only ClinicalTrials.gov's
 * ({@code BIOLOGICAL}, {@code DIAGNOSTIC_TEST}): IRCT's {@code Treatment - ...} and {@code Diagnosis},
 * ISRCTN's {@code Biological/Vaccine}, EU CTR's {@code IMP}. A type that says nothing ({@code Other})
 * is the control: the record's text decides then.
 */
class InterventionTypeCueTest {

  private static final Classifier CLASSIFIER = new Classifier();

  private static Category classify(final String title, final String description, final String registry,
      final String type) {
    final TrialRecord base = Trials.trial(title, "Umbilical cord mesenchymal stem cell exosomes", description,
        "Knee Osteoarthritis");
    return CLASSIFIER.classify(TrialRecord.newBuilder(base).setRegistry(registry)
        .setInterventions(List.of(Intervention.newBuilder(base.getInterventions().get(0)).setType(type).build()))
        .build()).getCategory();
  }

  /** Text that leans diagnostic ("levels in synovial fluid"): a treatment type tips it back to therapy. */
  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
      "CTGOV, OTHER, EV_DIAGNOSTIC",
      "CTGOV, BIOLOGICAL, MSC_EV_THERAPY",
      "IRCT, Treatment - Other, MSC_EV_THERAPY",
      "IRCT, Treatment - Drugs, MSC_EV_THERAPY",
      "ISRCTN, Biological/Vaccine, MSC_EV_THERAPY",
      "EUCTR, IMP, MSC_EV_THERAPY",
  })
  void shouldReadATreatmentTypeAsATherapyCue(final String registry, final String type, final Category expected) {
    assertThat(classify("Exosomes in knee osteoarthritis", "Exosome levels in synovial fluid", registry, type))
        .isEqualTo(expected);
  }

  /** Text that says nothing of the use: a test type makes it a diagnostic. */
  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
      "CTGOV, OTHER, MSC_EV_THERAPY",
      "CTGOV, DIAGNOSTIC_TEST, EV_DIAGNOSTIC",
      "IRCT, Diagnosis, EV_DIAGNOSTIC",
      "IRCT, Screening, EV_DIAGNOSTIC",
  })
  void shouldReadATestTypeAsADiagnosticCue(final String registry, final String type, final Category expected) {
    assertThat(classify("Knee osteoarthritis study", null, registry, type)).isEqualTo(expected);
  }
}
