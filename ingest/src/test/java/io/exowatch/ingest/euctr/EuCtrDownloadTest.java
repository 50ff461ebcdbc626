package io.exowatch.ingest.euctr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exowatch.ingest.parse.ParseException;
import io.exowatch.ingest.parse.Parsed;
import io.exowatch.ingest.testing.Fixtures;
import io.exowatch.schemas.avro.Intervention;
import io.exowatch.schemas.avro.SecondaryId;
import io.exowatch.schemas.avro.TrialRecord;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The full-text download ({@code /ctr-search/rest/download/full}) on the project's own files in the
 * register's layout (src/test/resources/euctr), each named for what it exercises.
 */
class EuCtrDownloadTest {

  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

  private final EuCtrParser parser = new EuCtrParser();

  private Parsed<TrialRecord> download(final String file) throws EuCtrParseException {
    return parser.parseDownload(Fixtures.resource("euctr/" + file), NOW);
  }

  /** Two trials; the first in ES and DE (one record), with Spanish translations, two sponsors, two IMPs and a placebo. */
  @Test
  void shouldMakeOneRecordPerEudraCtNumberFromSeveralMemberStates() throws Exception {
    final Parsed<TrialRecord> parsed = download("download-two-trials.txt");
    assertThat(parsed.failures()).isEmpty();
    assertThat(parsed.records()).extracting(TrialRecord::getRegistryId).containsExactly("2021-004567-18", "2019-003921-41");
    final TrialRecord t = parsed.records().get(0);
    assertThat(t.getRegistry()).isEqualTo("EUCTR");
    assertThat(t.getOfficialTitle()).startsWith("A Phase I/II, randomised, double-blind").endsWith("respiratory distress syndrome");
    assertThat(t.getBriefTitle()).isEqualTo("Vesicles from umbilical cord stem cells for severe lung injury");
    assertThat(t.getAcronym()).isEqualTo("EVOLVE-ARDS");
    assertThat(t.getStatus()).as("Ongoing in ES, Prematurely Ended in DE").isEqualTo("Ongoing");
    assertThat(t.getCountries()).containsExactly("Spain", "Germany", "United Kingdom", "Switzerland");
    assertThat(t.getFirstPosted()).as("the earlier of the two member states").isEqualTo("2021-11-02");
    assertThat(t.getCompletionDate()).isEqualTo("2023-06-30");
    assertThat(t.getPhases()).containsExactly("Phase I", "Phase II");
    assertThat(t.getEnrollment()).isEqualTo(72);
    assertThat(t.getLeadSponsor()).isEqualTo("Fundación para la Investigación Biomédica del Hospital Universitario La Paz");
    assertThat(t.getCollaborators()).containsExactly("Exovita Therapeutics S.L.", "Instituto de Salud Carlos III");
    assertThat(t.getConditions()).containsExactly("Moderate to severe acute respiratory distress syndrome (ARDS)",
        "Acute respiratory distress syndrome");
    assertThat(t.getKeywords()).containsExactly("Severe lung injury", "Diseases [C] - Respiratory Tract Diseases [C08]");
    assertThat(t.getBriefSummary()).isEqualTo("To assess the safety of one, two or three intravenous doses of UC-MSC-EV "
        + "in adults with moderate to severe ARDS.");
    assertThat(t.getOutcomes()).containsExactly("Incidence of infusion-related adverse events within 24 hours of each dose",
        "Change in PaO2/FiO2 from baseline; Ventilator-free days to day 28");
    assertThat(t.getSourceUrl()).isEqualTo("https://www.clinicaltrialsregister.eu/ctr-search/search?query=eudract_number:2021-004567-18");
    assertThat(t.getSourcePayload()).contains("/2021-004567-18/ES/", "/2021-004567-18/DE/").doesNotContain("2019-003921-41");
  }

  @Test
  void shouldSkipFieldsInTheMemberStatesOwnLanguageWithTheirContinuationLines() throws Exception {
    final TrialRecord t = download("download-two-trials.txt").records().get(0);
    assertThat(t.getOfficialTitle()).doesNotContain("Ensayo");
    assertThat(t.getConditions()).noneMatch(c -> c.contains("Síndrome"));
    assertThat(t.getBriefSummary()).doesNotContain("Evaluar");
  }

  @Test
  void shouldListOtherRegistrationsAsSecondaryIdsWithTheirRegistry() throws Exception {
    final Parsed<TrialRecord> parsed = download("download-two-trials.txt");
    assertThat(parsed.records().get(0).getSecondaryIds()).containsExactly(
        new SecondaryId("EXO-ARDS-02", "Sponsor's protocol code number", null),
        new SecondaryId("NCT05123456", "US NCT (ClinicalTrials.gov registry) number", "CTGOV"),
        new SecondaryId("U1111-1270-3456", "WHO Universal Trial Reference Number (UTRN)", null));
    assertThat(parsed.records().get(1).getSecondaryIds()).containsExactly(
        new SecondaryId("MSC-SEC-OA", "Sponsor's protocol code number", null),
        new SecondaryId("ISRCTN12345678", "ISRCTN (International Standard Randomised Controlled Trial) number", "ISRCTN"));
  }

  @Test
  void shouldMakeAnInterventionOfEachImpAndThePlacebo() throws Exception {
    final TrialRecord t = download("download-two-trials.txt").records().get(0);
    assertThat(t.getInterventions()).extracting(Intervention::getName).containsExactly("UC-MSC-EV", "Albutein 5%", "Placebo");
    final Intervention ev = t.getInterventions().get(0);
    assertThat(ev.getType()).isEqualTo("IMP");
    assertThat(ev.getOtherNames()).containsExactly(
        "Extracellular vesicles derived from umbilical cord mesenchymal stromal cells", "EXV-101", "UC-MSC exosomes");
    assertThat(ev.getDescription()).isEqualTo("IMP role: Test. Pharmaceutical form: Dispersion for infusion. "
        + "Routes of administration: Intravenous use. Product: Active substance of biological/ biotechnological origin "
        + "(other than Advanced Therapy IMP (ATIMP); cell-free extracellular vesicle product");
    assertThat(t.getInterventions().get(1).getOtherNames()).containsExactly("ALBUMIN HUMAN");
    assertThat(t.getInterventions().get(1).getDescription()).startsWith("IMP role: Comparator");
    assertThat(t.getInterventions().get(2).getType()).isEqualTo("Placebo");
    assertThat(t.getInterventions().get(2).getDescription()).contains("Solution for infusion", "Intravenous use");
  }

  @Test
  void shouldReadTheSecondTrialWithoutSpilloverFromTheFirst() throws Exception {
    final TrialRecord t = download("download-two-trials.txt").records().get(1);
    assertThat(t.getAcronym()).as("A.3.2 says NA").isNull();
    assertThat(t.getBriefTitle()).isEqualTo(t.getOfficialTitle());
    assertThat(t.getStatus()).isEqualTo("Completed");
    assertThat(t.getPhases()).containsExactly("Phase II");
    assertThat(t.getCountries()).containsExactly("Italy");
    assertThat(t.getEnrollment()).isEqualTo(30);
    assertThat(t.getInterventions()).singleElement().satisfies(i -> {
      assertThat(i.getName()).isEqualTo("ASC secretome");
      assertThat(i.getDescription()).contains("Intra-articular use").doesNotContain("ATIMP");
    });
    assertThat(t.getCollaborators()).isEmpty();
  }

  /** CRLF line ends; one block's EudraCT number lost digits; one protocol outside the EU/EEA without a status. */
  @Test
  void shouldKeepTheGoodTrialsOfAPageAndReportTheBlockWithoutAValidEudraCtNumber() throws Exception {
    final Parsed<TrialRecord> parsed = download("download-bad-record.txt");
    assertThat(parsed.records()).extracting(TrialRecord::getRegistryId).containsExactly("2020-000111-22", "2017-000999-31");
    assertThat(parsed.failures()).singleElement().satisfies(f -> {
      assertThat(f.reason()).contains("block #2", "2020-12345-1", "yyyy-nnnnnn-nn");
      assertThat(f.content()).startsWith("Summary").contains("A record whose EudraCT number lost digits")
          .doesNotContain("2017-000999-31");
    });
    assertThat(parsed.records().get(0).getStatus()).isEqualTo("Temporarily Halted");
  }

  @Test
  void shouldTakeTheCountriesOfAThirdCountryProtocolAndDropRegionsThatAreNoCountry() throws Exception {
    final TrialRecord t = download("download-bad-record.txt").records().get(1);
    assertThat(t.getCountries()).containsExactly("South Korea", "United States");
    assertThat(t.getStatus()).isNull();
    assertThat(t.getBriefTitle()).isEqualTo("Stem cell secretions for lung disease of premature babies");
    assertThat(t.getEnrollment()).isEqualTo(48);
    assertThat(t.getPhases()).containsExactly("Phase II");
  }

  /** Only the summary and section A; not authorised; dates written day first. */
  @Test
  void shouldMapATrialWithMissingSectionsAndDayFirstDates() throws Exception {
    final TrialRecord t = download("download-missing-sections.txt").records().get(0);
    assertThat(t.getRegistryId()).isEqualTo("2022-000777-15");
    assertThat(t.getStatus()).isEqualTo("Not Authorised");
    assertThat(t.getFirstPosted()).isEqualTo("2022-03-05");
    assertThat(t.getCountries()).containsExactly("Netherlands");
    assertThat(t.getInterventions()).isEmpty();
    assertThat(t.getConditions()).isEmpty();
    assertThat(t.getPhases()).isEmpty();
    assertThat(t.getEnrollment()).isNull();
    assertThat(t.getEnrollmentType()).isNull();
    assertThat(t.getLeadSponsor()).isNull();
    assertThat(t.getContentHash()).hasSize(64);
  }

  @Test
  void shouldReadAnImpThatIsNotNumbered() throws Exception {
    final String text = EuCtrPages.PREAMBLE + "\n\n" + EuCtrPages.block("2018-000123-45", "MSC-EV in Crohn's fistulas", "IT")
        .replace("D.IMP: 1\n", "");
    final TrialRecord t = parser.parseDownload(text, NOW).records().get(0);
    assertThat(t.getInterventions()).extracting(Intervention::getName).containsExactly("MSC-EV");
  }

  @Test
  void shouldReadTheDownloadOfAnEmptyResultPageAsNoTrials() throws Exception {
    final Parsed<TrialRecord> parsed = download("download-empty.txt");
    assertThat(parsed.records()).isEmpty();
    assertThat(parsed.failures()).isEmpty();
  }

  @Test
  void shouldRefuseTheSummaryDownloadForTheFullOne() {
    assertThatThrownBy(() -> download("download-summary-mode.txt")).isInstanceOfSatisfying(EuCtrParseException.class, e -> {
      assertThat(e.kind()).isEqualTo(ParseException.Kind.UNEXPECTED_CONTENT);
      assertThat(e.getMessage()).contains("summary download");
    });
  }

  @Test
  void shouldRefuseAnHtmlErrorPageAnEmptyBodyAndUnknownText() {
    assertThatThrownBy(() -> parser.parseDownload("<html><head><title>Service Unavailable</title></head>"
        + "<body>The server is temporarily unable to service your request.</body></html>", NOW))
        .isInstanceOfSatisfying(EuCtrParseException.class, e -> {
          assertThat(e.kind()).isEqualTo(ParseException.Kind.UNEXPECTED_CONTENT);
          assertThat(e.getMessage()).contains("'Service Unavailable'", "full-text download");
        });
    assertThatThrownBy(() -> parser.parseDownload(" \n", NOW)).isInstanceOfSatisfying(EuCtrParseException.class,
        e -> assertThat(e.kind()).isEqualTo(ParseException.Kind.MALFORMED));
    assertThatThrownBy(() -> parser.parseDownload("{\"error\": \"rate limited\"}", NOW))
        .isInstanceOfSatisfying(EuCtrParseException.class, e -> {
          assertThat(e.kind()).isEqualTo(ParseException.Kind.UNEXPECTED_CONTENT);
          assertThat(e.getMessage()).contains("not an EU CTR full-text download", "{\"error\": \"rate limited\"}");
        });
  }

  @Test
  void shouldGiveTheSameContentHashForTheSameTextFetchedLater() throws Exception {
    final String body = Fixtures.resource("euctr/download-two-trials.txt");
    final TrialRecord first = parser.parseDownload(body, NOW).records().get(0);
    final TrialRecord later = parser.parseDownload(body, NOW.plusSeconds(86_400)).records().get(0);
    assertThat(later.getContentHash()).isEqualTo(first.getContentHash());
    assertThat(later.getFetchedAt()).isAfter(first.getFetchedAt());
  }

  @Test
  void shouldBoundThePayload() throws Exception {
    final TrialRecord t = new EuCtrParser(100).parseDownload(Fixtures.resource("euctr/download-two-trials.txt"), NOW)
        .records().get(0);
    assertThat(t.getSourcePayload()).hasSize(100);
    assertThat(t.getSourcePayloadTruncated()).isTrue();
  }
}
