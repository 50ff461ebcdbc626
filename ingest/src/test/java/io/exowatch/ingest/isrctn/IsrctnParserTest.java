package io.exowatch.ingest.isrctn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.exowatch.ingest.parse.ParseException;
import io.exowatch.ingest.testing.Fixtures;
import io.exowatch.schemas.avro.Intervention;
import io.exowatch.schemas.avro.SecondaryId;
import io.exowatch.schemas.avro.TrialRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ISRCTN API's default XML format, on responses written in that format under {@code src/test/resources/isrctn}. */
class IsrctnParserTest {

  private static final Instant AT = Instant.parse("2024-05-01T12:00:00Z");

  private static IsrctnPage page(final String resource) throws IsrctnParseException {
    return IsrctnParser.parse(Fixtures.resource(resource), AT);
  }

  private static TrialRecord trial(final int i) throws IsrctnParseException {
    final IsrctnPage page = page("isrctn/search-msc-ev.xml");
    assertThat(page.failures()).isEmpty();
    return page.records().get(i);
  }

  @Test
  void shouldReadEveryFullTrialAndTheTotalCount() throws Exception {
    final IsrctnPage page = page("isrctn/search-msc-ev.xml");
    assertThat(page.totalCount()).isEqualTo(3);
    assertThat(page.size()).isEqualTo(3);
    assertThat(page.records()).extracting(TrialRecord::getRegistryId)
        .containsExactly("ISRCTN47392018", "ISRCTN83701142", "ISRCTN15520987");
    assertThat(page.records()).allSatisfy(t -> {
      assertThat(t.getRegistry()).isEqualTo("ISRCTN");
      assertThat(t.getSourceUrl()).isEqualTo("https://www.isrctn.com/" + t.getRegistryId());
      assertThat(t.getFetchedAt()).isEqualTo(AT);
      assertThat(t.getContentHash()).hasSize(64);
      assertThat(t.getArms()).isEmpty();
    });
  }

  @Test
  void shouldMapACurrentRecord() throws Exception {
    final TrialRecord t = trial(0);
    assertThat(t.getBriefTitle()).startsWith("Extracellular vesicles from mesenchymal stromal cells");
    assertThat(t.getOfficialTitle()).startsWith("A phase I/II, open-label, dose-escalation study");
    assertThat(t.getAcronym()).isEqualTo("EVOLVE-BPD");
    // Markup escaped inside the text is dropped; line breaks collapse.
    assertThat(t.getBriefSummary()).isEqualTo("Background and study aims Babies born very early often develop a long-term "
        + "lung condition. Tiny particles released by stem cells may protect the lungs.");
    assertThat(t.getDetailedDescription()).contains("well tolerated in preterm infants & reduce");
    assertThat(t.getConditions()).containsExactly("Bronchopulmonary dysplasia in preterm infants",
        "Chronic respiratory disease originating in the perinatal period");
    assertThat(t.getKeywords()).containsExactly("Respiratory");
    assertThat(t.getInterventions()).extracting(Intervention::getName, Intervention::getType).containsExactly(
        tuple("Umbilical cord mesenchymal stromal cell-derived extracellular vesicles (UC-MSC-EVs)", "Biological/Vaccine"));
    assertThat(t.getPhases()).containsExactly("Phase I/II");
    assertThat(t.getOutcomes()).containsExactly("Dose-limiting toxicities", "Bronchopulmonary dysplasia or death",
        "Tracheal aspirate cytokines");
    assertThat(t.getStudyType()).isEqualTo("Interventional");
    assertThat(t.getStatus()).isEqualTo("Recruiting");
    assertThat(t.getFirstPosted()).isEqualTo("2023-11-02");
    assertThat(t.getLastUpdatePosted()).isEqualTo("2024-03-18");
    assertThat(t.getStartDate()).isEqualTo("2024-02-01");
    assertThat(t.getCompletionDate()).isEqualTo("2026-12-31");
    assertThat(t.getEnrollment()).isEqualTo(24);
    assertThat(t.getEnrollmentType()).isEqualTo("ESTIMATED");
    assertThat(t.getLeadSponsor()).isEqualTo("Guy's and St Thomas' NHS Foundation Trust");
    assertThat(t.getCollaborators()).containsExactly("National Institute for Health and Care Research");
    assertThat(t.getCountries()).containsExactly("United Kingdom");
    assertThat(t.getSourcePayload()).startsWith("<fullTrial xmlns=\"http://www.67bricks.com/isrctn\"")
        .contains("<isrctn dateAssigned=");
  }

  @Test
  void shouldListOtherRegistriesNumbersWithTheirRegistryAndTheRestAsTheyAreTyped() throws Exception {
    assertThat(trial(0).getSecondaryIds()).containsExactly(
        new SecondaryId("NCT06170051", "nct", "CTGOV"),
        new SecondaryId("2023-504412-11-00", "ctis", "EUCTR"),
        new SecondaryId("331245", "iras", null),
        new SecondaryId("58812", "cpms", null),
        new SecondaryId("EV-BPD-01", "Protocol serial number", null));
    // Without a secondaryNumbers list the single fields are read, the protocol numbers one by one.
    assertThat(trial(2).getSecondaryIds()).containsExactly(
        new SecondaryId("2020-002143-18", "eudraCTNumber", "EUCTR"),
        new SecondaryId("NCT04491240", "clinicalTrialsGovNumber", "CTGOV"),
        new SecondaryId("EXO-COV-2020", "protocolSerialNumber", null),
        new SecondaryId("DRKS00022751", "protocolSerialNumber", "DRKS"));
  }

  @Test
  void shouldMapAnOlderRecordWithFreeTextOutcomesAndAFinalEnrolment() throws Exception {
    final TrialRecord t = trial(1);
    assertThat(t.getBriefSummary()).isNull();
    assertThat(t.getOutcomes()).containsExactly("Proportion of ulcers healed at 12 weeks, assessed by a blinded observer",
        "Time to healing", "Pain scores measured weekly");
    assertThat(t.getConditions()).containsExactly("Venous leg ulcers", "Chronic wounds");
    assertThat(t.getInterventions()).singleElement().satisfies(i -> {
      assertThat(i.getName()).isEqualTo("Topical stromal cell conditioned medium applied twice weekly under standard dressings");
      assertThat(i.getType()).isEqualTo("Other");
    });
    assertThat(t.getPhases()).containsExactly("Not Applicable");
    assertThat(t.getStatus()).isEqualTo("Completed");
    assertThat(t.getEnrollment()).isEqualTo(97);
    assertThat(t.getEnrollmentType()).isEqualTo("ACTUAL");
    assertThat(t.getSecondaryIds()).containsExactly(new SecondaryId("G1100452", "Protocol serial number", null));
  }

  @Test
  void shouldTakeTheStatusOverrideAndReasonOfAStoppedTrial() throws Exception {
    final TrialRecord t = trial(2);
    assertThat(t.getStatus()).isEqualTo("Stopped");
    assertThat(t.getWhyStopped()).startsWith("Participant recruitment issue");
    assertThat(t.getPhases()).containsExactly("Phase II");
    assertThat(t.getStartDate()).isEqualTo("2020-07-15");
    assertThat(t.getInterventions()).extracting(Intervention::getName).containsExactly("MSC exosomes", "Placebo (saline)");
    assertThat(t.getLeadSponsor()).isEqualTo("Charité – Universitätsmedizin Berlin");
    assertThat(t.getCollaborators()).containsExactly("Tehran University of Medical Sciences");
    assertThat(t.getCountries()).containsExactly("Germany", "Iran");
    assertThat(t.getConditions()).containsExactly("COVID-19 pneumonia", "COVID-19");
  }

  @Test
  void shouldDeriveTheRecruitmentStatusFromTheDatesAsOfTheFetch() throws Exception {
    final String xml = Fixtures.resource("isrctn/search-msc-ev.xml");
    assertThat(IsrctnParser.parse(xml, Instant.parse("2023-12-01T00:00:00Z")).records().get(0).getStatus())
        .isEqualTo("Not yet recruiting");
    assertThat(IsrctnParser.parse(xml, Instant.parse("2026-03-01T00:00:00Z")).records().get(0).getStatus())
        .isEqualTo("No longer recruiting");
    assertThat(IsrctnParser.parse(xml, Instant.parse("2027-03-01T00:00:00Z")).records().get(0).getStatus())
        .isEqualTo("Completed");
  }

  @Test
  void shouldReadARecordWithMissingSections() throws Exception {
    final IsrctnPage page = page("isrctn/record-missing-sections.xml");
    assertThat(page.failures()).isEmpty();
    assertThat(page.records()).singleElement().satisfies(t -> {
      assertThat(t.getRegistryId()).isEqualTo("ISRCTN60912387");
      assertThat(t.getBriefTitle()).isEqualTo("Secretome eye drops after corneal injury");
      assertThat(t.getSecondaryIds()).isEmpty();
      assertThat(t.getConditions()).isEmpty();
      assertThat(t.getInterventions()).isEmpty();
      assertThat(t.getPhases()).isEmpty();
      assertThat(t.getOutcomes()).isEmpty();
      assertThat(t.getCountries()).isEmpty();
      assertThat(t.getStatus()).isNull();
      assertThat(t.getStudyType()).isNull();
      assertThat(t.getEnrollment()).isNull();
      assertThat(t.getLeadSponsor()).isNull();
      assertThat(t.getFirstPosted()).isEqualTo("2024-04-02");
    });
  }

  @Test
  void shouldReportAFullTrialWithoutNumberAndKeepTheOthers() throws Exception {
    final IsrctnPage page = page("isrctn/page-with-bad-trial.xml");
    assertThat(page.records()).extracting(TrialRecord::getRegistryId).containsExactly("ISRCTN60912387");
    assertThat(page.failures()).singleElement().satisfies(f -> {
      assertThat(f.key()).isNull();
      assertThat(f.reason()).contains("fullTrial #0", "isrctn");
      assertThat(f.content()).contains("A record without its number").contains("xmlns=\"http://www.67bricks.com/isrctn\"");
    });
  }

  @Test
  void shouldReadTheNamespaceWhateverPrefixBindsItAndIgnoreOtherNamespaces() throws Exception {
    assertThat(page("isrctn/prefixed-namespace.xml").records()).singleElement()
        .satisfies(t -> assertThat(t.getBriefTitle()).isEqualTo("Secretome eye drops after corneal injury"));
  }

  @Test
  void shouldRejectTheRightNamesInAnotherNamespaceAsAnUnknownLayout() {
    final String other = Fixtures.resource("isrctn/record-missing-sections.xml")
        .replace("http://www.67bricks.com/isrctn", "http://example.org/not-isrctn");
    assertThatThrownBy(() -> IsrctnParser.parse(other, AT)).isInstanceOfSatisfying(IsrctnParseException.class, e -> {
      assertThat(e.kind()).isEqualTo(ParseException.Kind.UNEXPECTED_CONTENT);
      assertThat(e.getMessage()).contains("http://www.67bricks.com/isrctn", "http://example.org/not-isrctn");
    });
    assertThatThrownBy(() -> IsrctnParser.parse("<allTrials totalCount=\"0\"/>", AT))
        .isInstanceOfSatisfying(IsrctnParseException.class, e -> assertThat(e.getMessage()).contains("without a namespace"));
  }

  @Test
  void shouldReadAnEmptyResult() throws Exception {
    final IsrctnPage page = IsrctnParser.parse("<allTrials totalCount=\"0\" xmlns=\"http://www.67bricks.com/isrctn\"></allTrials>", AT);
    assertThat(page.records()).isEmpty();
    assertThat(page.totalCount()).isZero();
  }

  @Test
  void shouldRejectAnHtmlErrorPageATruncatedResponseAndAMissingCount() {
    assertThatThrownBy(() -> page("isrctn/error-page.html")).isInstanceOfSatisfying(IsrctnParseException.class, e -> {
      assertThat(e.kind()).isEqualTo(ParseException.Kind.UNEXPECTED_CONTENT);
      assertThat(e.getMessage()).contains("ISRCTN - Error");
    });
    final String full = Fixtures.resource("isrctn/search-msc-ev.xml");
    assertThatThrownBy(() -> IsrctnParser.parse(full.substring(0, full.length() / 3), AT))
        .isInstanceOfSatisfying(IsrctnParseException.class, e -> assertThat(e.kind()).isEqualTo(ParseException.Kind.MALFORMED));
    assertThatThrownBy(() -> IsrctnParser.parse("<allTrials xmlns=\"http://www.67bricks.com/isrctn\"/>", AT))
        .isInstanceOfSatisfying(IsrctnParseException.class, e -> {
          assertThat(e.kind()).isEqualTo(ParseException.Kind.MISSING_FIELD);
          assertThat(e.getMessage()).contains("totalCount");
        });
  }

  @Test
  void shouldRefuseAnExternalEntityWithoutReadingTheFileItNames(@TempDir final Path dir) throws Exception {
    final Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET-CONTENT");
    final String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE allTrials [<!ENTITY leak SYSTEM \"" + secret.toUri() + "\">]>\n"
        + "<allTrials xmlns=\"http://www.67bricks.com/isrctn\" totalCount=\"1\"><fullTrial><trial>"
        + "<isrctn>60912387</isrctn><trialDescription><title>&leak;</title></trialDescription></trial></fullTrial></allTrials>";
    assertThatThrownBy(() -> IsrctnParser.parse(xml, AT)).isInstanceOfSatisfying(IsrctnParseException.class, e -> {
      assertThat(e.kind()).isEqualTo(ParseException.Kind.FORBIDDEN_CONSTRUCT);
      assertThat(e.getMessage()).doesNotContain("TOP-SECRET-CONTENT");
    });
  }
}
