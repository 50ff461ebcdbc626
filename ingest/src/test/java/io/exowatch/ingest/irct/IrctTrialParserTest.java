package io.exowatch.ingest.irct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exowatch.ingest.parse.ParseException;
import io.exowatch.ingest.parse.Parsed;
import io.exowatch.ingest.testing.Fixtures;
import io.exowatch.schemas.avro.Arm;
import io.exowatch.schemas.avro.Intervention;
import io.exowatch.schemas.avro.SecondaryId;
import io.exowatch.schemas.avro.TrialRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IRCT's per-trial XML (its WHO export), on documents written in that format under {@code src/test/resources/irct}. */
class IrctTrialParserTest {

  private static final Instant AT = Instant.parse("2024-05-01T12:00:00Z");
  private static final String PAGE = "https://irct.behdasht.gov.ir/trial/46789";

  private static TrialRecord only(final String resource) throws IrctParseException {
    final Parsed<TrialRecord> parsed = IrctTrialParser.parse(Fixtures.resource(resource), PAGE, AT);
    assertThat(parsed.failures()).isEmpty();
    assertThat(parsed.records()).hasSize(1);
    return parsed.records().get(0);
  }

  @Test
  void shouldMapEveryFieldOfAFullTrialWithItsInlineDtd() throws Exception {
    final TrialRecord t = only("irct/trial-msc-exosome.xml");
    assertThat(t.getRegistry()).isEqualTo("IRCT");
    assertThat(t.getRegistryId()).isEqualTo("IRCT20200217046526N2");
    assertThat(t.getBriefTitle()).isEqualTo("Mesenchymal stem cell-derived exosomes for severe COVID-19 pneumonia");
    assertThat(t.getOfficialTitle()).startsWith("Evaluation of the safety and efficacy of intravenous exosomes");
    assertThat(t.getAcronym()).isEqualTo("MSC-EXO-ARDS");
    assertThat(t.getConditions()).containsExactly("COVID-19 acute respiratory distress syndrome",
        "Acute respiratory distress syndrome", "COVID-19, virus identified", "Adult respiratory distress syndrome");
    assertThat(t.getKeywords()).containsExactly("U07.1", "J80");
    assertThat(t.getPhases()).containsExactly("Phase 2-3");
    assertThat(t.getStatus()).isEqualTo("Recruiting");
    assertThat(t.getStudyType()).isEqualTo("interventional");
    assertThat(t.getFirstPosted()).isEqualTo("2020-04-14");
    assertThat(t.getStartDate()).isEqualTo("2020-04-20");
    assertThat(t.getCompletionDate()).isNull();
    assertThat(t.getEnrollment()).isEqualTo(40);
    assertThat(t.getEnrollmentType()).isEqualTo("ESTIMATED");
    assertThat(t.getLeadSponsor()).isEqualTo("Vice chancellor for research, Shahid Beheshti University of Medical Sciences");
    assertThat(t.getCollaborators()).containsExactly("Royan Institute", "Iran National Science Foundation");
    assertThat(t.getCountries()).containsExactly("Iran");
    assertThat(t.getOutcomes()).containsExactly("Serious adverse events", "PaO2/FiO2 ratio", "28-day mortality");
    assertThat(t.getSourceUrl()).isEqualTo(PAGE);
    assertThat(t.getFetchedAt()).isEqualTo(AT);
    assertThat(t.getContentHash()).hasSize(64);
    assertThat(t.getSourcePayload()).contains("<trial_id>IRCT20200217046526N2</trial_id>").doesNotContain("<!ELEMENT");
  }

  @Test
  void shouldGiveAListedNctIdItsRegistrySoCrossRegistryLinksWork() throws Exception {
    final TrialRecord t = only("irct/trial-msc-exosome.xml");
    assertThat(t.getSecondaryIds()).containsExactly(
        new SecondaryId("NCT04602442", "ClinicalTrials.gov", "CTGOV"),
        new SecondaryId("IR.SBMU.RETECH.REC.1399.031", "Ethics committee of Shahid Beheshti University of Medical Sciences",
            null));
  }

  @Test
  void shouldTurnNumberedInterventionGroupsIntoArmsAndKeywordsIntoInterventions() throws Exception {
    final TrialRecord t = only("irct/trial-msc-exosome.xml");
    assertThat(t.getArms()).extracting(Arm::getLabel, Arm::getType, Arm::getInterventionNames).containsExactly(
        org.assertj.core.groups.Tuple.tuple("Intervention 1", "Intervention group",
            java.util.List.of("Umbilical cord MSC-derived exosomes")),
        org.assertj.core.groups.Tuple.tuple("Intervention 2", "Control group", java.util.List.of("Normal saline")));
    // The escaped <b> in the registrant's text is markup, not content.
    assertThat(t.getArms().get(0).getDescription()).startsWith("Two intravenous doses of 5 ml exosomes")
        .contains("(10^10 particles)").doesNotContain("<b>");
    assertThat(t.getInterventions()).extracting(Intervention::getName, Intervention::getType).containsExactly(
        org.assertj.core.groups.Tuple.tuple("Umbilical cord MSC-derived exosomes", "Treatment - Other"),
        org.assertj.core.groups.Tuple.tuple("Normal saline", "Placebo"));
    assertThat(t.getInterventions().get(1).getArmGroupLabels()).containsExactly("Intervention 2");
    assertThat(t.getInterventions().get(1).getDescription()).startsWith("Two intravenous doses of 5 ml normal saline");
  }

  @Test
  void shouldKeepTheStatusOfAStoppedTrialAndReadIsoDatesToo() throws Exception {
    final TrialRecord t = only("irct/trial-suspended.xml");
    assertThat(t.getRegistryId()).isEqualTo("IRCT201108247428N1");
    assertThat(t.getStatus()).isEqualTo("Suspended");
    assertThat(t.getFirstPosted()).isEqualTo("2011-09-03");
    assertThat(t.getStartDate()).isEqualTo("2011-10-01");
    assertThat(t.getCompletionDate()).isEqualTo("2013-02-15");
    assertThat(t.getPhases()).containsExactly("N/A");
    assertThat(t.getEnrollment()).isEqualTo(12);
    assertThat(t.getEnrollmentType()).isEqualTo("ACTUAL");
    assertThat(t.getCollaborators()).isEmpty();
    assertThat(t.getSecondaryIds()).containsExactly(new SecondaryId("U1111-1122-3344", "UTRN", null),
        new SecondaryId("ISRCTN12345678", "ISRCTN registry", "ISRCTN"));
    assertThat(t.getArms()).singleElement().satisfies(a -> {
      assertThat(a.getLabel()).isEqualTo("Intervention 1");
      assertThat(a.getType()).isNull();
    });
    assertThat(t.getInterventions()).singleElement().satisfies(i -> {
      assertThat(i.getName()).isEqualTo("Single intra-articular injection of 3 ml conditioned medium of bone marrow stromal cells");
      assertThat(i.getType()).isEqualTo("Treatment - Other");
      assertThat(i.getArmGroupLabels()).containsExactly("Intervention 1");
    });
  }

  @Test
  void shouldReadASparseRecordAndKeepPersianWhereNoEnglishWasGiven() throws Exception {
    final TrialRecord t = only("irct/trial-missing-sections.xml");
    assertThat(t.getRegistryId()).isEqualTo("IRCT20130812014333N223");
    assertThat(t.getLeadSponsor()).isEqualTo("دانشگاه علوم پزشکی تهران");
    assertThat(t.getConditions()).isEmpty();
    assertThat(t.getKeywords()).isEmpty();
    assertThat(t.getCountries()).isEmpty();
    assertThat(t.getOutcomes()).isEmpty();
    assertThat(t.getSecondaryIds()).isEmpty();
    assertThat(t.getPhases()).isEmpty();
    assertThat(t.getStatus()).isNull();
    assertThat(t.getStartDate()).isNull();
    assertThat(t.getEnrollment()).isNull();
    assertThat(t.getEnrollmentType()).isNull();
    assertThat(t.getArms()).isEmpty();
    assertThat(t.getInterventions()).singleElement().satisfies(i -> {
      assertThat(i.getName()).isEqualTo("Exosome eye drops, one drop four times a day for four weeks");
      assertThat(i.getDescription()).isEqualTo("Exosome eye drops, one drop four times a day for four weeks.");
    });
    assertThat(t.getFirstPosted()).isEqualTo("2024-01-05");
  }

  @Test
  void shouldReportATrialWithoutRegistrationNumberAsARecordFailure() throws Exception {
    final Parsed<TrialRecord> parsed = IrctTrialParser.parse(Fixtures.resource("irct/trial-without-id.xml"), PAGE, AT);
    assertThat(parsed.records()).isEmpty();
    assertThat(parsed.failures()).singleElement().satisfies(f -> {
      assertThat(f.key()).isNull();
      assertThat(f.reason()).contains("trial #0", "trial_id");
      assertThat(f.content()).contains("A record that lost its registration number");
    });
  }

  @Test
  void shouldReportAnIdFromAnotherRegistryAsARecordFailureAndKeepTheOtherTrial() throws Exception {
    final String two = Fixtures.resource("irct/trial-suspended.xml").replace("</trials>",
        "<trial><main><trial_id>NCT04602442</trial_id><public_title>Not ours</public_title></main></trial></trials>");
    final Parsed<TrialRecord> parsed = IrctTrialParser.parse(two, PAGE, AT);
    assertThat(parsed.records()).extracting(TrialRecord::getRegistryId).containsExactly("IRCT201108247428N1");
    assertThat(parsed.failures()).singleElement().satisfies(f -> {
      assertThat(f.key()).isEqualTo("NCT04602442");
      assertThat(f.reason()).contains("trial #1", "not an IRCT registration number");
    });
  }

  @Test
  void shouldGiveTheSameHashToTheSameContentFetchedAnotherDay() throws Exception {
    final String xml = Fixtures.resource("irct/trial-msc-exosome.xml");
    final TrialRecord a = IrctTrialParser.parse(xml, PAGE, AT).records().get(0);
    final TrialRecord b = IrctTrialParser.parse(xml, PAGE, AT.plusSeconds(86_400)).records().get(0);
    final TrialRecord changed = IrctTrialParser.parse(xml.replace("<target_size>40<", "<target_size>44<"), PAGE, AT)
        .records().get(0);
    assertThat(a.getContentHash()).isEqualTo(b.getContentHash()).isNotEqualTo(changed.getContentHash());
  }

  @Test
  void shouldRejectAnHtmlPageWhereTrialXmlWasExpected() {
    assertThatThrownBy(() -> IrctTrialParser.parse(Fixtures.resource("irct/error-page.html"), PAGE, AT))
        .isInstanceOfSatisfying(IrctParseException.class, e -> {
          assertThat(e.kind()).isEqualTo(ParseException.Kind.UNEXPECTED_CONTENT);
          assertThat(e.getMessage()).contains("Service temporarily unavailable");
        });
  }

  @Test
  void shouldRejectAnXmlDocumentOfAnotherKind() {
    assertThatThrownBy(() -> IrctTrialParser.parse("<?xml version=\"1.0\"?><error><message>Not Found</message></error>",
        PAGE, AT)).isInstanceOfSatisfying(IrctParseException.class, e -> {
          assertThat(e.kind()).isEqualTo(ParseException.Kind.UNEXPECTED_CONTENT);
          assertThat(e.getMessage()).contains("<trials>", "<error>");
        });
  }

  @Test
  void shouldRejectATruncatedDocumentAndOneWithoutTrials() {
    final String full = Fixtures.resource("irct/trial-msc-exosome.xml");
    assertThatThrownBy(() -> IrctTrialParser.parse(full.substring(0, full.length() - 300), PAGE, AT))
        .isInstanceOfSatisfying(IrctParseException.class, e -> assertThat(e.kind()).isEqualTo(ParseException.Kind.MALFORMED));
    assertThatThrownBy(() -> IrctTrialParser.parse("<trials></trials>", PAGE, AT))
        .isInstanceOfSatisfying(IrctParseException.class, e -> {
          assertThat(e.kind()).isEqualTo(ParseException.Kind.MISSING_FIELD);
          assertThat(e.getMessage()).contains("no <trial>");
        });
  }

  @Test
  void shouldRefuseAnExternalEntityWithoutReadingTheFileItNames(@TempDir final Path dir) throws Exception {
    final Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET-CONTENT");
    final String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE trials [<!ENTITY leak SYSTEM \"" + secret.toUri() + "\">]>\n"
        + "<trials><trial><main><trial_id>IRCT20200217046526N2</trial_id><public_title>&leak;</public_title>"
        + "</main></trial></trials>";
    assertThatThrownBy(() -> IrctTrialParser.parse(xml, PAGE, AT))
        .isInstanceOfSatisfying(IrctParseException.class, e -> {
          assertThat(e.kind()).isEqualTo(ParseException.Kind.FORBIDDEN_CONSTRUCT);
          assertThat(e.getMessage()).doesNotContain("TOP-SECRET-CONTENT");
        });
  }
}
