package io.exowatch.ingest.ctgov;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exowatch.ingest.record.RecordHashes;
import io.exowatch.schemas.avro.Intervention;
import io.exowatch.schemas.avro.Reference;
import io.exowatch.schemas.avro.SecondaryId;
import io.exowatch.schemas.avro.TrialRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The parser on studies written for these tests (src/test/resources/ctgov), one edge case each. */
class CtGovStudyParserTest {

  private static final Instant FETCHED = Instant.parse("2026-11-28T10:00:00Z");
  private final CtGovStudyParser parser = new CtGovStudyParser();
  private final ObjectMapper mapper = new ObjectMapper();

  static String resource(final String name) {
    try (InputStream in = CtGovStudyParserTest.class.getResourceAsStream("/ctgov/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource /ctgov/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (final IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private TrialRecord parseResource(final String name) throws IOException {
    return parser.parse(mapper.readTree(resource(name)), FETCHED);
  }

  @Test
  void shouldMapEveryModuleOfAFullStudy() throws IOException {
    final TrialRecord r = parseResource("msc-exosome-study.json");

    assertThat(r.getRegistry()).isEqualTo("CTGOV");
    assertThat(r.getRegistryId()).isEqualTo("NCT09000001");
    assertThat(r.getBriefTitle()).isEqualTo("Nebulized hUC-MSC Exosomes for ARDS [EXO-ARDS]");
    assertThat(r.getOfficialTitle()).startsWith("A Phase 1/2 Study of Inhaled Human Umbilical Cord");
    assertThat(r.getAcronym()).isEqualTo("EXO-ARDS");
    assertThat(r.getStatus()).isEqualTo("RECRUITING");
    assertThat(r.getWhyStopped()).isNull();
    assertThat(r.getStartDate()).isEqualTo("2023-06-01");
    assertThat(r.getPrimaryCompletionDate()).isEqualTo("2025-06");
    assertThat(r.getCompletionDate()).isEqualTo("2025-12");
    assertThat(r.getFirstPosted()).isEqualTo("2023-05-16");
    assertThat(r.getLastUpdatePosted()).isEqualTo("2024-05-20");
    assertThat(r.getLeadSponsor()).isEqualTo("Ruijin Hospital");
    assertThat(r.getCollaborators())
        .containsExactly("Cellular Biomedicine Group", "Shanghai Jiao Tong University School of Medicine");
    assertThat(r.getConditions()).containsExactly("ARDS", "Acute Respiratory Distress Syndrome");
    assertThat(r.getKeywords()).containsExactly("exosome", "mesenchymal stem cell", "inhalation");
    assertThat(r.getStudyType()).isEqualTo("INTERVENTIONAL");
    assertThat(r.getPhases()).containsExactly("PHASE1", "PHASE2");
    assertThat(r.getEnrollment()).isEqualTo(60);
    assertThat(r.getEnrollmentType()).isEqualTo("ESTIMATED");
    assertThat(r.getOutcomes()).containsExactly("Incidence of adverse events", "PaO2/FiO2 ratio",
        "Serum IL-6 >10 pg/ml");
    // One spelling across registries: "Iran, Islamic Republic of" is Iran, as IRCT and ChiCTR say it.
    assertThat(r.getCountries()).containsExactly("China", "Iran");
    assertThat(r.getSourceUrl()).isEqualTo("https://clinicaltrials.gov/study/NCT09000001");
    assertThat(r.getFetchedAt()).isEqualTo(FETCHED);
  }

  @Test
  void shouldMapArmsAndInterventionsWithAllTheirParts() throws IOException {
    final TrialRecord r = parseResource("msc-exosome-study.json");

    assertThat(r.getArms()).hasSize(2);
    assertThat(r.getArms().get(0).getLabel()).isEqualTo("hUC-MSC-Exos");
    assertThat(r.getArms().get(0).getType()).isEqualTo("EXPERIMENTAL");
    assertThat(r.getArms().get(0).getDescription()).isEqualTo("Nebulized exosomes, 2 ml >= 10^8 particles");
    assertThat(r.getArms().get(0).getInterventionNames()).containsExactly("Biological: hUC-MSC-Exos");
    final Intervention exos = r.getInterventions().get(0);
    assertThat(exos.getType()).isEqualTo("BIOLOGICAL");
    assertThat(exos.getName()).isEqualTo("hUC-MSC-Exos");
    assertThat(exos.getDescription()).isEqualTo("Exosomes from human umbilical cord mesenchymal stem cells, nebulized");
    assertThat(exos.getOtherNames()).containsExactly("MSC-Exo", "EXO-1");
    assertThat(exos.getArmGroupLabels()).containsExactly("hUC-MSC-Exos");
    final Intervention saline = r.getInterventions().get(1);
    assertThat(saline.getDescription()).isNull();
    assertThat(saline.getOtherNames()).isEmpty();
  }

  @Test
  void shouldRecogniseOtherRegistriesAmongSecondaryIds() throws IOException {
    final TrialRecord r = parseResource("msc-exosome-study.json");

    assertThat(r.getSecondaryIds()).extracting(SecondaryId::getId, SecondaryId::getType, SecondaryId::getRegistry)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("RJ-EXO-2023-01", "ORG_STUDY_ID", null),
            org.assertj.core.groups.Tuple.tuple("ChiCTR2300071234", "REGISTRY", "CHICTR"),
            org.assertj.core.groups.Tuple.tuple("IRCT20200217046526N2", "REGISTRY", "IRCT"),
            org.assertj.core.groups.Tuple.tuple("ISRCTN12345678", "REGISTRY", "ISRCTN"),
            org.assertj.core.groups.Tuple.tuple("2021-001234-56", "EUDRACT_NUMBER", "EUCTR"),
            org.assertj.core.groups.Tuple.tuple("ACTRN12620000123456", "REGISTRY", "ANZCTR"),
            org.assertj.core.groups.Tuple.tuple("R01HL123456", "NIH", null));
  }

  @Test
  void shouldRemoveMarkdownEscapesFromFreeText() throws IOException {
    final TrialRecord r = parseResource("msc-exosome-study.json");

    assertThat(r.getBriefSummary()).isEqualTo("Patients with PaO2/FiO2 <300 mmHg receive nebulised exosomes "
        + "derived from human umbilical cord MSCs *twice daily* for 5 days.");
    assertThat(r.getDetailedDescription()).contains("ultracentrifugation.").contains("low - 2 ml; high - 4 ml")
        .doesNotContain("\\");
  }

  @Test
  void shouldTakeTheDoiOutOfCitationsWithItsPrefixStripped() throws IOException {
    final TrialRecord r = parseResource("msc-exosome-study.json");

    assertThat(r.getReferences()).extracting(Reference::getPmid, Reference::getDoi, Reference::getType)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("32234123", "10.1089/scd.2020.0080", "BACKGROUND"),
            org.assertj.core.groups.Tuple.tuple(null, "10.1186/s13287-022-02900-5", "RESULT"),
            org.assertj.core.groups.Tuple.tuple(null, null, "BACKGROUND"));
  }

  @Test
  void shouldExtractDoisInTheirUsualWritings() {
    assertThat(CtGovStudyParser.doiIn("J Clin. 2020;1:2. doi: 10.1000/xyz.123.")).isEqualTo("10.1000/xyz.123");
    assertThat(CtGovStudyParser.doiIn("See https://doi.org/10.1016/S0140-6736(20)30183-5.")).isEqualTo(
        "10.1016/S0140-6736(20)30183-5");
    assertThat(CtGovStudyParser.doiIn("(http://dx.doi.org/10.1234/abc)")).isEqualTo("10.1234/abc");
    assertThat(CtGovStudyParser.doiIn("DOI:10.5555/ABC-1;")).isEqualTo("10.5555/ABC-1");
    assertThat(CtGovStudyParser.doiIn("Epub 2012 Sep 18. No DOI here 10.12")).isNull();
    assertThat(CtGovStudyParser.doiIn("volume 210.1234/5 is not a DOI; doi:   10.4321/real.1")).isEqualTo("10.4321/real.1");
    assertThat(CtGovStudyParser.doiIn("Lancet. 2020;395(10223):497-506. doi: 10.1016/S0140-6736(20)30183-5.")).isEqualTo(
        "10.1016/S0140-6736(20)30183-5");
    assertThat(CtGovStudyParser.doiIn("ends with 10.1234/")).isNull();
    assertThat(CtGovStudyParser.doiIn(null)).isNull();
  }

  @Test
  void shouldKeepTheStudyJsonAsPayloadAndSetTheContentHash() throws IOException {
    final JsonNode study = mapper.readTree(resource("msc-exosome-study.json"));
    final TrialRecord r = parser.parse(study, FETCHED);

    assertThat(mapper.readTree(r.getSourcePayload())).isEqualTo(study);
    assertThat(r.getSourcePayloadTruncated()).isFalse();
    assertThat(r.getContentHash()).hasSize(64).isEqualTo(RecordHashes.trialHash(r));
  }

  @Test
  void shouldKeepTheSourceTextItselfAsPayloadWhenGivenText() throws IOException {
    final String text = resource("msc-exosome-study.json");
    final TrialRecord r = parser.parse(text, FETCHED);

    assertThat(r.getSourcePayload()).isEqualTo(text.strip());
    assertThat(r.getContentHash()).isEqualTo(parser.parse(mapper.readTree(text), FETCHED).getContentHash());
    assertThat(r).usingRecursiveComparison().ignoringFields("sourcePayload")
        .isEqualTo(parser.parse(mapper.readTree(text), FETCHED));
  }

  @Test
  void shouldCutEachStudysOwnTextOutOfAPageAsItsPayload() throws IOException {
    final String body = resource("search-page-with-bad-studies.json");
    final CtGovPage page = parser.parsePage(body, FETCHED);

    for (final TrialRecord r : page.records()) {
      assertThat(body).contains(r.getSourcePayload());
      assertThat(mapper.readTree(r.getSourcePayload()).path("protocolSection").path("identificationModule")
          .path("nctId").asText()).isEqualTo(r.getRegistryId());
    }
    assertThat(page.failures().get(0).json())
        .isEqualTo("{\"protocolSection\": {\"identificationModule\": {\"briefTitle\": \"No id at all\"}}}");
  }

  @Test
  void shouldRejectTextThatIsNotOneStudyObject() {
    assertThatThrownBy(() -> parser.parse("[" + resource("sparse-study.json") + "]", FETCHED))
        .isInstanceOf(CtGovParseException.class).hasMessageContaining("Expected a study object but found a JSON array");
    assertThatThrownBy(() -> parser.parse("{\"value\": 1}", FETCHED))
        .isInstanceOf(CtGovParseException.class).hasMessageContaining("Missing protocolSection");
    assertThatThrownBy(() -> parser.readStudies("{\"value\": 1}", FETCHED))
        .isInstanceOf(CtGovParseException.class).hasMessageContaining("found an object with fields [value]");
  }

  @Test
  void shouldRejectContentAfterTheJsonValue() {
    assertThatThrownBy(() -> parser.readStudies(resource("sparse-study.json") + " {\"more\": 1}", FETCHED))
        .isInstanceOf(CtGovParseException.class)
        .hasMessageContaining("not JSON (Unexpected content after the JSON value");
  }

  @Test
  void shouldGiveTheSameHashWhenOnlyTheFetchTimeDiffers() throws IOException {
    final JsonNode study = mapper.readTree(resource("msc-exosome-study.json"));
    final TrialRecord first = parser.parse(study, FETCHED);
    final TrialRecord again = parser.parse(study, FETCHED.plusSeconds(86_400));

    assertThat(again.getContentHash()).isEqualTo(first.getContentHash());
  }

  @Test
  void shouldBoundAPayloadLongerThanTheLimitAndSayItWasTruncated() throws IOException {
    final CtGovStudyParser small = new CtGovStudyParser(new ObjectMapper(), 500);
    final TrialRecord r = small.parse(mapper.readTree(resource("msc-exosome-study.json")), FETCHED);

    assertThat(r.getSourcePayload()).hasSize(500);
    assertThat(r.getSourcePayloadTruncated()).isTrue();
    assertThat(r.getContentHash()).isEqualTo(parser.parse(mapper.readTree(resource("msc-exosome-study.json")),
        FETCHED).getContentHash());
  }

  @Test
  void shouldTolerateAStudyWithOnlyAnId() throws IOException {
    final TrialRecord r = parseResource("sparse-study.json");

    assertThat(r.getRegistryId()).isEqualTo("NCT09000002");
    assertThat(r.getBriefTitle()).isNull();
    assertThat(r.getStatus()).isNull();
    assertThat(r.getPhases()).isEmpty();
    assertThat(r.getInterventions()).isEmpty();
    assertThat(r.getArms()).isEmpty();
    assertThat(r.getSecondaryIds()).isEmpty();
    assertThat(r.getCountries()).isEmpty();
    assertThat(r.getReferences()).isEmpty();
    assertThat(r.getEnrollment()).isNull();
    assertThat(r.getContentHash()).hasSize(64);
  }

  @Test
  void shouldReadAWithdrawnStudyWithItsReasonAndLegacyDates() throws IOException {
    final TrialRecord r = parseResource("withdrawn-study.json");

    assertThat(r.getStatus()).isEqualTo("WITHDRAWN");
    assertThat(r.getWhyStopped()).isEqualTo("Sponsor decision - funding withdrawn (no participants enrolled)");
    assertThat(r.getEnrollment()).isZero();
    assertThat(r.getStartDate()).isEqualTo("2020-03");
    assertThat(r.getCompletionDate()).isEqualTo("2021-03-05");
    assertThat(r.getSecondaryIds()).extracting(SecondaryId::getId).containsExactly("2019-0456");
  }

  @Test
  void shouldKeepGoodStudiesOfAPageAndReportTheBadOnesWithTheirJson() {
    final CtGovPage page = parser.parsePage(resource("search-page-with-bad-studies.json"), FETCHED);

    assertThat(page.records()).extracting(TrialRecord::getRegistryId).containsExactly("NCT09000004", "NCT09000009");
    assertThat(page.nextPageToken()).contains("NF0g5JGBlPMuwQY");
    assertThat(page.totalCount()).hasValue(1234);
    assertThat(page.size()).isEqualTo(6);
    assertThat(page.failures()).extracting(CtGovPage.Failure::index).containsExactly(1, 2, 3, 4);
    final CtGovPage.Failure noId = page.failures().get(0);
    assertThat(noId.nctIdIfKnown()).isEmpty();
    assertThat(noId.reason()).isEqualTo("Missing protocolSection.identificationModule.nctId");
    assertThat(noId.json()).contains("No id at all");
    final CtGovPage.Failure badPhases = page.failures().get(1);
    assertThat(badPhases.nctId()).isEqualTo("NCT09000006");
    assertThat(badPhases.reason()).isEqualTo("Expected an array at protocolSection.designModule.phases but found STRING");
    assertThat(badPhases.describe()).startsWith("study #2 (NCT09000006): Expected an array");
    assertThat(page.failures().get(2).reason())
        .isEqualTo("Expected an integer at protocolSection.designModule.enrollmentInfo.count but found STRING");
    assertThat(page.failures().get(3).reason()).isEqualTo("Expected a study object but found STRING");
    assertThat(page.failures().get(3).json()).isEqualTo("\"not a study\"");
  }

  @Test
  void shouldRejectAnHtmlErrorPageWithAnExcerpt() {
    assertThatThrownBy(() -> parser.parsePage(resource("error-page.html"), FETCHED))
        .isInstanceOf(CtGovParseException.class)
        .hasMessageContaining("looks like HTML")
        .satisfies(e -> assertThat(((CtGovParseException) e).excerpt()).startsWith("<!DOCTYPE html> <html>"));
  }

  @Test
  void shouldRejectAPlainTextErrorBodyWithAnExcerpt() {
    assertThatThrownBy(() -> parser.parsePage(resource("error-text.txt"), FETCHED))
        .isInstanceOf(CtGovParseException.class)
        .hasMessageContaining("not JSON")
        .hasMessageContaining("Bad Request: invalid value of query.term");
  }

  @Test
  void shouldRejectAnEmptyBody() {
    assertThatThrownBy(() -> parser.parsePage("  \n", FETCHED))
        .isInstanceOf(CtGovParseException.class)
        .hasMessageContaining("body is empty");
  }

  @Test
  void shouldBoundTheExcerptOfAHugeBadBody() {
    final String huge = "x".repeat(100_000);
    assertThatThrownBy(() -> parser.parsePage(huge, FETCHED))
        .isInstanceOf(CtGovParseException.class)
        .satisfies(e -> assertThat(((CtGovParseException) e).excerpt())
            .hasSizeLessThan(CtGovParseException.MAX_EXCERPT_CHARS + 30)
            .endsWith("(100000 chars)"));
  }

  @Test
  void shouldRejectJsonOfAnotherShapeNamingWhatItFound() {
    assertThatThrownBy(() -> parser.parsePage("{\"error\": \"rate limited\"}", FETCHED))
        .isInstanceOf(CtGovParseException.class)
        .hasMessageContaining("an object with fields [error]");
    assertThatThrownBy(() -> parser.readStudies("42", FETCHED))
        .isInstanceOf(CtGovParseException.class)
        .hasMessageContaining("found a JSON number");
    assertThatThrownBy(() -> parser.parsePage("{\"studies\": {}}", FETCHED))
        .isInstanceOf(CtGovParseException.class)
        .hasMessageContaining("Expected an array at studies but found OBJECT");
  }

  @Test
  void shouldReadTheThreeShapesAUserMayHandIn() {
    final String one = resource("sparse-study.json");
    final String search = "{\"studies\": [" + one + "]}";
    final String array = "[" + one + ", " + resource("withdrawn-study.json") + "]";

    assertThat(parser.readStudies(one, FETCHED).records()).extracting(TrialRecord::getRegistryId)
        .containsExactly("NCT09000002");
    assertThat(parser.readStudies(search, FETCHED).records()).extracting(TrialRecord::getRegistryId)
        .containsExactly("NCT09000002");
    assertThat(parser.readStudies(array, FETCHED).records()).extracting(TrialRecord::getRegistryId)
        .containsExactly("NCT09000002", "NCT09000003");
    assertThat(parser.readStudies(array, FETCHED).nextPageToken()).isEmpty();
  }

  @Test
  void shouldRejectAStudyWhoseIdIsNotAnNctId() throws IOException {
    final JsonNode study = mapper.readTree(
        "{\"protocolSection\": {\"identificationModule\": {\"nctId\": \"ChiCTR2000029990\"}}}");
    assertThatThrownBy(() -> parser.parse(study, FETCHED))
        .isInstanceOf(CtGovParseException.class)
        .hasMessageContaining("Not an NCT id at protocolSection.identificationModule.nctId: 'ChiCTR2000029990'");
  }

  @Test
  void shouldRejectAnUnreadableDateNamingItsField() throws IOException {
    final JsonNode study = mapper.readTree("{\"protocolSection\": {\"identificationModule\": {\"nctId\": "
        + "\"NCT09000010\"}, \"statusModule\": {\"startDateStruct\": {\"date\": \"soon\"}}}}");
    assertThatThrownBy(() -> parser.parse(study, FETCHED))
        .isInstanceOf(CtGovParseException.class)
        .hasMessageContaining("Not a date at protocolSection.statusModule.startDateStruct.date: 'soon'");
  }
}
