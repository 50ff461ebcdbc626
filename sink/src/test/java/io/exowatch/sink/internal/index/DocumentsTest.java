package io.exowatch.sink.internal.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.exowatch.schemas.avro.EnrichedTrial;
import io.exowatch.sink.TestRecords;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DocumentsTest {

  @Test
  void shouldMapATrialWithLabelsAsNamesAndEvidenceKept() {
    final EnrichedTrial t = TestRecords.ardsTrial("NCT04276987", "Exosomes for Severe COVID-19 ARDS");
    final Map<String, Object> d = Documents.trial(t, 2, 41);
    assertThat(d).containsEntry("id", "NCT04276987").containsEntry("registry", "CTGOV")
        .containsEntry("title", "Exosomes for Severe COVID-19 ARDS")
        .containsEntry("category", "MSC_EV_THERAPY")
        .containsEntry("applications", List.of("IMMUNOMODULATORY"))
        .containsEntry("mscSources", List.of("UMBILICAL_CORD"))
        .containsEntry("routes", List.of("INHALATION"))
        .containsEntry("phase", "PHASE1_PHASE2")
        .containsEntry("status", "RECRUITING")
        .containsEntry("sponsor", "Example University Hospital")
        .containsEntry("kafka", Map.of("partition", 2, "offset", 41L));
    assertThat((List<?>) d.get("evidence")).hasSize(2);
    assertThat(d.get("linkedArticles").toString()).contains("doi:10.1000/exo.nct04276987");
  }

  @Test
  void shouldPassPartialDatesThroughAndDeriveTheStartYear() {
    final Map<String, Object> d = Documents.trial(TestRecords.ardsTrial("NCT1", "t"), 0, 0);
    assertThat(d).containsEntry("startDate", "2021-03").containsEntry("startYear", 2021);
    assertThat(Documents.year("2019")).isEqualTo(2019);
    assertThat(Documents.year("2019-03-01T00:00:00Z")).isEqualTo(2019);
    assertThat(Documents.year("March 2019")).isNull();
    assertThat(Documents.date("  ")).isNull();
  }

  @Test
  void shouldFallBackToTheOfficialTitleAndThenTheIdWhenTheBriefTitleIsMissing() {
    final EnrichedTrial t = TestRecords.ardsTrial("NCT2", "x");
    t.getTrial().setBriefTitle(null);
    assertThat(Documents.trial(t, 0, 0)).containsEntry("title", "A Study of x");
    t.getTrial().setOfficialTitle(null);
    assertThat(Documents.trial(t, 0, 0)).containsEntry("title", "NCT2");
  }

  @Test
  void shouldCarryTheSharedCanonicalIdAndListTheOwnIdThenTheSameAsIdsAsRegistrations() {
    final EnrichedTrial t = TestRecords.ardsTrial("ChiCTR2000012345", "Exosomes for ARDS");
    t.setSameAs(List.of("NCT01234567", " ", "ChiCTR2000012345", "NCT01234567"));
    t.setCanonicalId("NCT01234567");
    final Map<String, Object> d = Documents.trial(t, 0, 3);
    assertThat(d).containsEntry("canonicalId", "NCT01234567")
        .containsEntry("registrations", List.of("ChiCTR2000012345", "NCT01234567"))
        .containsEntry("registry", "CHICTR");
  }

  @Test
  void shouldFallBackToTheOwnIdWhenTheRecordHasNoCanonicalId() {
    final EnrichedTrial t = TestRecords.ardsTrial("NCT04276987", "Exosomes for ARDS");
    assertThat(t.getCanonicalId()).isNull();
    assertThat(Documents.trial(t, 0, 0)).containsEntry("canonicalId", "NCT04276987")
        .containsEntry("registrations", List.of("NCT04276987"));
    t.setCanonicalId("  ");
    assertThat(Documents.trial(t, 0, 0)).containsEntry("canonicalId", "NCT04276987");
  }

  @Test
  void shouldMapAnArticleWithItsStudyKindAndLinkedTrials() {
    final Map<String, Object> d = Documents.article(TestRecords.article("doi:10.1000/a1", "Inhaled exosomes", "NCT1"), 0, 7);
    assertThat(d).containsEntry("id", "doi:10.1000/a1").containsEntry("studyKind", "CLINICAL_TRIAL")
        .containsEntry("linkedTrialIds", List.of("NCT1")).containsEntry("publicationYear", 2022)
        .doesNotContainKey("phase");
  }
}
