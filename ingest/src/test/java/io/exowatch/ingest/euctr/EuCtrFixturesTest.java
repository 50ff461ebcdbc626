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
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The parsers on real EU CTR protocol pages, read in place from the shared betamax cassettes of
 * opentrials/collectors (recorded 2016-11-30; skipped when the fixtures are absent).
 */
class EuCtrFixturesTest {

  private static final String CASSETTE = "euctr.test_parser.TestEuctrParser.";
  /** 2005-002909-23/PT: Completed, multi-state, "Trial results" as plain text, A.5.1 ISRCTN "NA". */
  private static final String PT = CASSETTE + "test_trial_results_url_is_none_if_results_not_hyperlink.json";
  /** 2009-016529-32/EE: Prematurely Ended, &reg; in the title, one IMP with two active substances, a MedDRA term. */
  private static final String EE = CASSETTE + "test_trial_results_url_is_none_if_therere_no_results.json";
  /** 2011-005852-33/3rd: outside the EU/EEA, no status, countries in E.8.6.3, H.4 third country, lay title. */
  private static final String THIRD = CASSETTE + "test_trial_results_url_returns_absolute_results_url.json";
  private static final String TRIAL_URL = "https://www.clinicaltrialsregister.eu/ctr-search/trial/";
  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

  private final EuCtrParser parser = new EuCtrParser();

  private TrialRecord record(final String cassette, final String path) throws Exception {
    final MemberStateProtocol p = parser.parseProtocolPage(Fixtures.cassetteBody(cassette), TRIAL_URL + path);
    final Parsed<TrialRecord> parsed = parser.records(List.of(p), NOW);
    assertThat(parsed.failures()).isEmpty();
    return parsed.records().get(0);
  }

  @Test
  void shouldMapTheCompletedMultiStateTrialOfPortugal() throws Exception {
    final TrialRecord t = record(PT, "2005-002909-23/PT");
    assertThat(t.getRegistry()).isEqualTo("EUCTR");
    assertThat(t.getRegistryId()).isEqualTo("2005-002909-23");
    assertThat(t.getOfficialTitle()).isEqualTo("Long-term extension study of safety during treatment with "
        + "tocilizumab (MRA) in patients completing treatment in MRA core studies.");
    assertThat(t.getBriefTitle()).isEqualTo(t.getOfficialTitle());
    assertThat(t.getAcronym()).as("A.3.2 says NA").isNull();
    assertThat(t.getStatus()).isEqualTo("Completed");
    assertThat(t.getFirstPosted()).isEqualTo("2007-01-03");
    assertThat(t.getCompletionDate()).isEqualTo("2013-04-24");
    assertThat(t.getPhases()).containsExactly("Phase III");
    assertThat(t.getConditions()).containsExactly("Rheumatoid arthritis");
    assertThat(t.getLeadSponsor()).isEqualTo("F Hoffmann La-Roche AG");
    assertThat(t.getCollaborators()).isEmpty();
    assertThat(t.getCountries()).containsExactly("Portugal");
    assertThat(t.getEnrollment()).isEqualTo(2420);
    assertThat(t.getEnrollmentType()).isEqualTo("ESTIMATED");
    assertThat(t.getStudyType()).isEqualTo("Interventional");
    assertThat(t.getSecondaryIds()).extracting(SecondaryId::getId).containsExactly("WA18696");
    assertThat(t.getInterventions()).singleElement().satisfies(i -> {
      assertThat(i.getName()).isEqualTo("MRA");
      assertThat(i.getType()).isEqualTo("IMP");
      assertThat(i.getOtherNames()).containsExactly("tocilizumab", "RO4877533");
      assertThat(i.getDescription()).contains("IMP role: Test", "Concentrate for solution for infusion",
          "Routes of administration: Intravenous use", "monoclonal antibody");
    });
    assertThat(t.getBriefSummary()).startsWith("To assess the long-term safety of 8 mg/kg tocilizumab");
    assertThat(t.getDetailedDescription()).startsWith("•To explore the possibility of reducing concomitant steroid");
    assertThat(t.getOutcomes()).singleElement().asString().contains("ACR20, ACR50 and ACR70");
    assertThat(t.getSourceUrl()).isEqualTo(EuCtrParser.TRIAL_URL_PREFIX + "2005-002909-23");
    assertThat(t.getSourcePayload()).contains("section-a");
    assertThat(t.getContentHash()).hasSize(64);
  }

  @Test
  void shouldDecodeEntitiesAndReadAPrematurelyEndedTrialOfEstonia() throws Exception {
    final TrialRecord t = record(EE, "2009-016529-32/EE");
    assertThat(t.getRegistryId()).isEqualTo("2009-016529-32");
    assertThat(t.getOfficialTitle()).contains("Sativex oromucosal spray (Sativex®; Nabiximols)").doesNotContain("&reg;");
    assertThat(t.getStatus()).isEqualTo("Prematurely Ended");
    assertThat(t.getCountries()).containsExactly("Estonia");
    assertThat(t.getConditions()).containsExactly(
        "Pain in patients with advanced cancer who experience inadequate analgesia during optimized chronic opioid therapy.",
        "Cancer pain");
    assertThat(t.getInterventions()).singleElement().satisfies(i -> {
      assertThat(i.getName()).isEqualTo("Sativex");
      assertThat(i.getOtherNames()).containsExactly("Sativex Oromucosal Spray", "delta-9-tetrahydrocannabinol",
          "cannabidiol", "GW-1000-02");
      assertThat(i.getDescription()).contains("Oromucosal use", "Herbal medicinal product", "Extractive medicinal product");
    });
    assertThat(t.getFirstPosted()).isEqualTo("2010-07-21");
    assertThat(t.getCompletionDate()).as("no P section date on this page").isNull();
  }

  @Test
  void shouldTakeTheCountriesOfATrialOutsideTheEuFromE863AndH4() throws Exception {
    final TrialRecord t = record(THIRD, "2011-005852-33/3rd");
    assertThat(t.getRegistryId()).isEqualTo("2011-005852-33");
    assertThat(t.getCountries()).containsExactly("Benin", "Burkina Faso", "Republic of the Congo", "Nigeria", "Togo");
    assertThat(t.getStatus()).as("the summary of a 3rd-country protocol has no Trial Status").isNull();
    assertThat(t.getBriefTitle()).isEqualTo("Efficacy, safety and pharmacokinetics of artemether-lumefantrine "
        + "dispersible tablet in the treatment of malaria in infants < 5 kg");
    assertThat(t.getOfficialTitle()).endsWith("in infants <5 kg Body Weight");
    assertThat(t.getPhases()).containsExactly("Phase II");
    assertThat(t.getEnrollment()).isEqualTo(30);
    assertThat(t.getLeadSponsor()).isEqualTo("Novartis Pharma AG");
    assertThat(t.getCollaborators()).containsExactly("Medicines for Malaria Venture (MMV)");
    assertThat(t.getKeywords()).containsExactly("Malaria, Falciparum", "Diseases [C] - Parasitic Diseases [C03]");
    assertThat(t.getInterventions()).extracting(Intervention::getName).containsExactly("artemether-lumefantrine");
    assertThat(t.getInterventions().get(0).getOtherNames()).containsExactly("ARTEMETHER", "LUMEFANTRINE", "COA566");
    assertThat(t.getFirstPosted()).isEqualTo("2016-04-11");
  }

  @Test
  void shouldKnowWhichMemberStateAPageIsFrom() throws Exception {
    assertThat(parser.parseProtocolPage(Fixtures.cassetteBody(PT), TRIAL_URL + "2005-002909-23/PT").memberState())
        .isEqualTo("PT");
    assertThat(parser.parseProtocolPage(Fixtures.cassetteBody(THIRD), TRIAL_URL + "2011-005852-33/3rd").memberState())
        .isEqualTo("3rd");
    assertThat(parser.parseProtocolPage(Fixtures.cassetteBody(PT), null).memberState()).isNull();
  }

  @Test
  void shouldMakeOneRecordOfTwoMemberStatesOfOneTrialAndTwoOfTwoTrials() throws Exception {
    final MemberStateProtocol pt = parser.parseProtocolPage(Fixtures.cassetteBody(PT), TRIAL_URL + "2005-002909-23/PT");
    final MemberStateProtocol ee = parser.parseProtocolPage(Fixtures.cassetteBody(EE), TRIAL_URL + "2009-016529-32/EE");
    final MemberStateProtocol ptAsGb = new MemberStateProtocol(pt.eudractNumber(), "GB", pt.fields(), pt.source());
    final Parsed<TrialRecord> parsed = parser.records(List.of(pt, ee, ptAsGb), NOW);
    assertThat(parsed.records()).extracting(TrialRecord::getRegistryId).containsExactly("2005-002909-23", "2009-016529-32");
    assertThat(parsed.records().get(0).getCountries()).containsExactly("Portugal", "United Kingdom");
    assertThat(parsed.records().get(0).getInterventions()).hasSize(1);
  }

  @Test
  void shouldRefuseAProtocolPageAsASearchPageAndAsADownload() {
    final String page = Fixtures.cassetteBody(PT);
    assertThatThrownBy(() -> parser.parseSearchPage(page)).isInstanceOfSatisfying(EuCtrParseException.class,
        e -> assertThat(e.kind()).isEqualTo(ParseException.Kind.UNEXPECTED_CONTENT));
    assertThatThrownBy(() -> parser.parseDownload(page, NOW)).isInstanceOfSatisfying(EuCtrParseException.class, e -> {
      assertThat(e.kind()).isEqualTo(ParseException.Kind.UNEXPECTED_CONTENT);
      assertThat(e.getMessage()).contains("HTML page titled 'Clinical Trials Register'");
    });
  }
}
