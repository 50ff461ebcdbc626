package io.exowatch.enrich.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.exowatch.schemas.avro.Phase;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhasesTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "EARLY_PHASE1                         | EARLY_PHASE1",
      "PHASE1                               | PHASE1",
      "PHASE1;PHASE2                        | PHASE1_PHASE2",
      "PHASE2;PHASE3                        | PHASE2_PHASE3",
      "PHASE4                               | PHASE4",
      "NA                                   | NOT_APPLICABLE",
      "N/A                                  | NOT_APPLICABLE",
      "Not Applicable                       | NOT_APPLICABLE",
      "Phase 0                              | EARLY_PHASE1",
      "0                                    | EARLY_PHASE1",
      "Early Phase 1                        | EARLY_PHASE1",
      "Phase II                             | PHASE2",
      "Phase 1/Phase 2                      | PHASE1_PHASE2",
      "Phase 2-3                            | PHASE2_PHASE3",
      "Phase I/II                           | PHASE1_PHASE2",
      "Phase II/III                         | PHASE2_PHASE3",
      "Phase 1b                             | PHASE1",
      "IIa                                  | PHASE2",
      "4                                    | PHASE4",
      "Phase IV                             | PHASE4",
      "Post-market                          | PHASE4",
      "Human pharmacology (Phase I): yes;Therapeutic exploratory (Phase II): yes;Therapeutic confirmatory - (Phase III): no | PHASE1_PHASE2",
      "New Treatment Measure Clinical Study | UNKNOWN",
      "Phase 1;Phase 3                      | UNKNOWN",
      "whatever                             | UNKNOWN",
  })
  void shouldNormaliseRegistryPhaseWording(final String written, final Phase expected) {
    final List<String> phases = Arrays.asList(written.split(";"));
    assertThat(Phases.normalise(phases)).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void shouldGiveUnknownForNothing() {
    assertThat(Phases.normalise(null)).isEqualTo(Phase.UNKNOWN);
    assertThat(Phases.normalise(List.of())).isEqualTo(Phase.UNKNOWN);
    assertThat(Phases.normalise(Arrays.asList(" ", null))).isEqualTo(Phase.UNKNOWN);
  }
}
