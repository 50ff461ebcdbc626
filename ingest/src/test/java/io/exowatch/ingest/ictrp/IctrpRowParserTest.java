package io.exowatch.ingest.ictrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exowatch.ingest.parse.ParseException;
import io.exowatch.schemas.avro.Arm;
import io.exowatch.schemas.avro.Intervention;
import io.exowatch.schemas.avro.SecondaryId;
import io.exowatch.schemas.avro.TrialRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rows of the test exports mapped to {@code TrialRecord}s: identity, secondary ids, text, lists, merging. */
class IctrpRowParserTest {

  private static final Instant T0 = Instant.parse("2025-02-18T08:00:00Z");
  private static final Map<String, IctrpRow> PORTAL = IctrpFiles.rowsById("portal-export.csv");

  private final IctrpRowParser parser = new IctrpRowParser();

  private TrialRecord parse(final String trialId) throws ParseException {
    return parser.parse(PORTAL.get(trialId), T0);
  }

  @Test
  void shouldNormaliseAJapaneseIdAndTakeItsRegistry() throws Exception {
    final TrialRecord t = parse("JPRN-jRCT2031210123");

    assertThat(t.getRegistry()).isEqualTo("JPRN");
    assertThat(t.getRegistryId()).isEqualTo("jRCT2031210123");
    assertThat(t.getSecondaryIds()).containsExactly(new SecondaryId("UMIN000041234", "SECONDARY_ID", "JPRN"));
    assertThat(t.getPhases()).containsExactly("Phase 1/Phase 2");
    assertThat(t.getStartDate()).isEqualTo("2021-07-01");
    assertThat(t.getFirstPosted()).isEqualTo("2021-06-15");
  }

  @Test
  void shouldListTheNctIdAChictrRowNamesAsACtgovSecondaryId() throws Exception {
    final TrialRecord t = parse("ChiCTR2100045678");

    assertThat(t.getRegistry()).isEqualTo("CHICTR");
    assertThat(t.getRegistryId()).isEqualTo("ChiCTR2100045678");
    assertThat(t.getSecondaryIds()).containsExactly(new SecondaryId("NCT04276987", "SECONDARY_ID", "CTGOV"));
    assertThat(t.getOfficialTitle()).startsWith("间充质干细胞外泌体雾化吸入治疗急性呼吸窘迫综合征的随机对照试验 / A randomized");
  }

  @Test
  void shouldFindARegistryIdInsideSecondaryIdTextAndKeepOtherLabels() throws Exception {
    final TrialRecord t = parse("DRKS00021234");

    assertThat(t.getSecondaryIds()).containsExactly(new SecondaryId("2020-001234-56", "SECONDARY_ID", "EUCTR"),
        new SecondaryId("U1111-1250-0001", "SECONDARY_ID", null));
    assertThat(t.getFirstPosted()).isEqualTo("2020-05-04");
    assertThat(t.getStartDate()).isEqualTo("2021-01");
  }

  @Test
  void shouldTakeTheRegistryFromTheSourceRegisterForAnIdItDoesNotKnow() throws Exception {
    final TrialRecord t = parse("NL-OMON52345");

    assertThat(t.getRegistry()).isEqualTo("NL-OMON");
    assertThat(t.getRegistryId()).isEqualTo("NL-OMON52345");
    assertThat(t.getSecondaryIds()).containsExactly(new SecondaryId("NL81234.018.22", "SECONDARY_ID", null));
  }

  @Test
  void shouldMapTheFieldsOfAnAnzctrRowAsPlainText() throws Exception {
    final TrialRecord t = parse("ACTRN12621000123456");

    assertThat(t.getRegistry()).isEqualTo("ANZCTR");
    assertThat(t.getBriefTitle()).isEqualTo("Exosomes from umbilical cord mesenchymal stromal cells injected into the knee");
    assertThat(t.getOfficialTitle()).endsWith("in adults with knee osteoarthritis: safety & tolerability");
    assertThat(t.getAcronym()).isEqualTo("EXOKNEE");
    assertThat(t.getConditions()).containsExactly("Knee osteoarthritis", "Musculoskeletal - Osteoarthritis");
    assertThat(t.getInterventions()).extracting(Intervention::getName).containsExactly(
        "A single intra-articular injection of 2 mL umbilical cord MSC-derived exosomes (1 x 10^10 particles; manufactured under GMP).",
        "Participants are followed for 12 months after the injection.");
    assertThat(t.getOutcomes()).containsExactly(
        "Safety: number of treatment-related adverse events [Assessed by the study physician; graded by CTCAE v5.0. 12 months after injection]",
        "Knee pain [VAS; 0-100 mm. 6 months after injection]",
        "Cartilage thickness on MRI [T2 mapping. 12 months after injection]");
    assertThat(t.getPhases()).containsExactly("Phase 1");
    assertThat(t.getStatus()).isEqualTo("Not yet recruiting");
    assertThat(t.getStudyType()).isEqualTo("Interventional");
    assertThat(t.getEnrollment()).isEqualTo(50);
    assertThat(t.getFirstPosted()).isEqualTo("2021-01-31");
    assertThat(t.getLastUpdatePosted()).isEqualTo("2025-02-17");
    assertThat(t.getStartDate()).isEqualTo("2021-02-03");
    assertThat(t.getLeadSponsor()).isEqualTo("Example Orthopaedic Research Institute");
    assertThat(t.getCollaborators()).containsExactly("Example University");
    assertThat(t.getCountries()).containsExactly("Australia", "New Zealand");
    assertThat(t.getSecondaryIds()).containsExactly(new SecondaryId("U1111-1260-1234", "SECONDARY_ID", null));
    assertThat(t.getSourceUrl()).isEqualTo("https://anzctr.org.au/ACTRN12621000123456.aspx");
    assertThat(t.getFetchedAt()).isEqualTo(T0);
    assertThat(t.getContentHash()).hasSize(64);
    assertThat(t.getSourcePayload()).startsWith("TrialID,Last Refreshed on,").contains("\nACTRN12621000123456,17 February 2025,");
  }

  @Test
  void shouldCanonicaliseRegistryCountrySpellings() throws Exception {
    assertThat(parse("IRCT20200310046736N1").getCountries()).containsExactly("Iran");
    assertThat(parse("KCT0006123").getCountries()).containsExactly("South Korea");
  }

  @Test
  void shouldReadChictrGroupsAsArmsAndAddUpTheirTargetSizes() throws Exception {
    final TrialRecord t = parse("ChiCTR2100045678");

    assertThat(t.getEnrollment()).isEqualTo(60);
    assertThat(t.getArms()).extracting(Arm::getLabel, Arm::getInterventionNames).containsExactly(
        org.assertj.core.groups.Tuple.tuple("Experimental group", List.of("MSC-derived exosome nebulization")),
        org.assertj.core.groups.Tuple.tuple("Control group", List.of("Normal saline nebulization")));
    assertThat(t.getInterventions()).extracting(Intervention::getName, Intervention::getArmGroupLabels).containsExactly(
        org.assertj.core.groups.Tuple.tuple("MSC-derived exosome nebulization", List.of("Experimental group")),
        org.assertj.core.groups.Tuple.tuple("Normal saline nebulization", List.of("Control group")));
  }

  @Test
  void shouldTypeClinicalTrialsGovInterventionsAndReadItsMonthNameDates() throws Exception {
    final TrialRecord t = parse("NCT04276987");

    assertThat(t.getRegistry()).isEqualTo("CTGOV");
    assertThat(t.getInterventions()).extracting(Intervention::getType, Intervention::getName)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Biological", "MSCs-derived exosomes"));
    assertThat(t.getStartDate()).isEqualTo("2020-02-15");
    assertThat(t.getSecondaryIds()).containsExactly(new SecondaryId("MEXCOVID", "SECONDARY_ID", null));
  }

  @Test
  void shouldKeepOnlyThePhasesAnEuCtrRowAnswersYes() throws Exception {
    final TrialRecord t = parse("EUCTR2020-001234-56-GR");

    assertThat(t.getRegistry()).isEqualTo("EUCTR");
    assertThat(t.getRegistryId()).isEqualTo("2020-001234-56");
    assertThat(t.getPhases()).containsExactly("Phase II");
    assertThat(t.getConditions()).containsExactly("Severe COVID-19 pneumonia",
        "MedDRA version: 20.0Level: LLTClassification code 10035738Term: Pneumonia viral NOSSystem Organ Class: 100000004862",
        "Therapeutic area: Diseases [C] - Virus Diseases [C02]");
    assertThat(t.getInterventions()).extracting(Intervention::getName).containsExactly(
        "Product Name: BM-MSC EV Pharmaceutical Form: Solution for infusion",
        "Product Name: Placebo Pharmaceutical Form: Solution for infusion");
  }

  @Test
  void shouldMergeTheMemberStateRowsOfAnEuCtrTrialTheSameWayInAnyOrder() throws Exception {
    final IctrpRow greece = PORTAL.get("EUCTR2020-001234-56-GR");
    final IctrpRow germany = PORTAL.get("EUCTR2020-001234-56-DE");

    final TrialRecord merged = parser.parse(List.of(greece, germany), T0);
    final TrialRecord reversed = parser.parse(List.of(germany, greece), T0);

    assertThat(reversed).isEqualTo(merged);
    assertThat(merged.getRegistryId()).isEqualTo("2020-001234-56");
    assertThat(merged.getCountries()).containsExactly("Germany", "Greece");
    assertThat(merged.getStatus()).as("single values from the first row in TrialID order (-DE)").isEqualTo("Not Recruiting");
    assertThat(merged.getSecondaryIds()).containsExactly(new SecondaryId("NCT04339712", "SECONDARY_ID", "CTGOV"),
        new SecondaryId("EVCOVID-01", "SECONDARY_ID", null));
    assertThat(merged.getInterventions()).hasSize(2);
    assertThat(merged.getSourcePayload()).contains("\nEUCTR2020-001234-56-DE,").contains("\nEUCTR2020-001234-56-GR,");
    assertThat(merged.getContentHash()).isNotEqualTo(parser.parse(germany, T0).getContentHash());
  }

  @Test
  void shouldTypeBridgedIdsByTheSideOfTheBridgeTheRowIsOn() throws Exception {
    // The weekly full export: the bridged id in "Bridging flag" (space-padded), children in "Childs",
    // cells wrapped in an extra layer of quotes, NULL for no value.
    final List<IctrpLine> lines = IctrpFiles.linesOf("TrialID,Last Refreshed on,Acronym,Bridging flag,Bridged type,Childs\n"
        + "EUCTR2020-001039-29-GR,\"\"\"17 February 2025\"\"\",NULL,\"\"\"NCT04339712     \"\"\",\"\"\"parent    \"\"\",\"\"\"NCT04339712\"\"\"\n"
        + "NCT04339712,\"\"\"17 February 2025\"\"\",NULL,\"\"\"EUCTR2020-001039-29-GR\"\"\",\"\"\"child\"\"\",NULL\n");

    final TrialRecord parent = parser.parse((IctrpRow) lines.get(0), T0);
    final TrialRecord child = parser.parse((IctrpRow) lines.get(1), T0);

    assertThat(parent.getSecondaryIds()).containsExactly(new SecondaryId("NCT04339712", "BRIDGED_CHILD", "CTGOV"));
    assertThat(parent.getLastUpdatePosted()).isEqualTo("2025-02-17");
    assertThat(parent.getAcronym()).isNull();
    assertThat(child.getSecondaryIds()).containsExactly(new SecondaryId("2020-001039-29", "BRIDGED_PARENT", "EUCTR"));
  }

  @Test
  void shouldNormaliseAnEuCtrThirdCountryRowId() throws Exception {
    final IctrpRow row = (IctrpRow) IctrpFiles.linesOf("TrialID,Source Register\nEUCTR2011-005852-33-3RD,EU Clinical Trials Register\n").get(0);

    assertThat(IctrpRowParser.identify(row)).isEqualTo(
        new IctrpRowParser.Identity("EUCTR", "2011-005852-33", "EUCTR2011-005852-33-3RD"));
  }

  @Test
  void shouldNormaliseAnEuCtNumberWithACtisPrefix() throws Exception {
    final IctrpRow row = (IctrpRow) IctrpFiles.linesOf("TrialID,Source Register\n"
        + "CTIS2023-503456-12-00,Clinical Trials Information System\n").get(0);

    assertThat(IctrpRowParser.identify(row)).isEqualTo(
        new IctrpRowParser.Identity("EUCTR", "2023-503456-12-00", "CTIS2023-503456-12-00"));
  }

  @Test
  void shouldGiveTheSameHashWhateverTheFetchTimeAndAnotherWhenContentChanges() throws Exception {
    final IctrpRow row = PORTAL.get("KCT0006123");
    final TrialRecord first = parser.parse(row, T0);
    final TrialRecord later = parser.parse(row, T0.plusSeconds(86_400));

    assertThat(later.getContentHash()).isEqualTo(first.getContentHash());
    assertThat(first.getEnrollment()).isEqualTo(1200);

    final List<String> cells = new java.util.ArrayList<>(row.cells());
    cells.set(row.header().indexOf(IctrpColumn.RECRUITMENT_STATUS), "Completed");
    assertThat(parser.parse(new IctrpRow(row.number(), row.header(), cells), T0).getContentHash())
        .isNotEqualTo(first.getContentHash());
  }

  @Test
  void shouldRefuseARowWithoutAUsableTrialId() {
    final Map<String, IctrpRow> bad = IctrpFiles.rowsById("bad-rows.csv");

    assertThatThrownBy(() -> IctrpRowParser.identify(bad.get(null))).isInstanceOfSatisfying(ParseException.class,
        e -> assertThat(e.kind()).isEqualTo(ParseException.Kind.MISSING_FIELD)).hasMessageContaining("TrialID cell is empty");
    assertThatThrownBy(() -> parser.parse(bad.get("not an id"), T0)).isInstanceOfSatisfying(ParseException.class,
        e -> assertThat(e.kind()).isEqualTo(ParseException.Kind.UNEXPECTED_CONTENT))
        .hasMessageContaining("TrialID 'not an id' is not a registration id");
  }

  @Test
  void shouldBoundThePayloadAndKeepOnlyWebUrls() throws Exception {
    final TrialRecord t = new IctrpRowParser(100).parse(PORTAL.get("ACTRN12621000123456"), T0);

    assertThat(t.getSourcePayload()).hasSize(100);
    assertThat(t.getSourcePayloadTruncated()).isTrue();
    final IctrpRow row = (IctrpRow) IctrpFiles.linesOf("TrialID,web address\nNCT04276987,javascript:alert(1)\n").get(0);
    assertThat(parser.parse(row, T0).getSourceUrl()).isNull();
  }
}
