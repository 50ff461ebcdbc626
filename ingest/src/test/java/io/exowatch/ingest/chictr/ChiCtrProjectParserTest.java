package io.exowatch.ingest.chictr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.exowatch.common.ids.TrialIds;
import io.exowatch.ingest.parse.ParseException;
import io.exowatch.ingest.record.RecordHashes;
import io.exowatch.ingest.testing.Fixtures;
import io.exowatch.schemas.avro.Arm;
import io.exowatch.schemas.avro.Intervention;
import io.exowatch.schemas.avro.SecondaryId;
import io.exowatch.schemas.avro.TrialRecord;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The project-page parser on the real page in ../shared/fixtures and on ExoWatch's own pages in the same markup. */
class ChiCtrProjectParserTest {

  private static final Instant FETCHED = Instant.parse("2024-06-01T08:00:00.123Z");
  private static final String URL = "https://www.chictr.org.cn/showproj.html?proj=";

  private final ChiCtrProjectParser parser = new ChiCtrProjectParser();

  private TrialRecord parseResource(final String name, final String proj) throws Exception {
    return parser.parse(Fixtures.resource("chictr/" + name), URL + proj, FETCHED);
  }

  /** The real 430k-character bilingual page: label pairs, tr.cn/tr.en rows, nested tables, &amp;nbsp; padding. */
  @Test
  void shouldMapTheRealBilingualProjectPage() throws Exception {
    final TrialRecord r = parser.parse(Fixtures.shared("chictr/project-ChiCTR2400084905.html"), URL + "173420", FETCHED);
    assertThat(r.getRegistry()).isEqualTo("CHICTR");
    assertThat(r.getRegistryId()).isEqualTo("ChiCTR2400084905");
    assertThat(r.getBriefTitle()).startsWith("SUNRAY-01, A Global Pivotal Study in Participants with KRAS G12C-Mutant")
        .endsWith("regardless of PD-L1 Expression");
    assertThat(r.getOfficialTitle()).startsWith("SUNRAY-01, A Global Pivotal Study");
    assertThat(r.getAcronym()).startsWith("LY3537982 in Combination with Pembrolizumab");
    assertThat(r.getStatus()).isEqualTo("Not yet recruiting");
    assertThat(r.getWhyStopped()).isNull();
    assertThat(r.getStudyType()).isEqualTo("Interventional study (Parallel)");
    assertThat(r.getPhases()).containsExactly("3");
    assertThat(r.getFirstPosted()).isEqualTo("2024-05-28");
    assertThat(r.getLastUpdatePosted()).isEqualTo("2024-05-28");
    assertThat(r.getStartDate()).isEqualTo("2024-06-01");
    assertThat(r.getCompletionDate()).isEqualTo("2029-10-01");
    assertThat(r.getLeadSponsor()).isEqualTo("Jilin Cancer Hospital");
    // The only secondary sponsor is the lead sponsor itself.
    assertThat(r.getCollaborators()).isEmpty();
    // 44 sites and the sponsor, all in China (中国 / China).
    assertThat(r.getCountries()).containsExactly("China");
    assertThat(r.getConditions())
        .containsExactly("KRAS G12C-Mutant, Locally Advanced or Metastatic Non-Small Cell Lung Cancer");
    assertThat(r.getBriefSummary()).startsWith("To determine the optimal dose of LY3537982 (50 or 100 mg BID)");
    // The English description is "&nbsp;" only and so is the Chinese one: nothing.
    assertThat(r.getDetailedDescription()).isNull();
    assertThat(r.getArms()).extracting(Arm::getLabel).containsExactly("experimental group（Part A）",
        "control group（Part A）", "experimental group（Part B）", "control group（Part B）");
    assertThat(r.getInterventions()).extracting(Intervention::getName).containsExactly(
        "LY3537982 in combination with pembrolizumab", "placebo with pembrolizumab",
        "LY3537982 in combination with pembrolizumab, pemetrexed and platinum",
        "placebo with pembrolizumab, pemetrexed and platinum");
    assertThat(r.getInterventions().get(1).getArmGroupLabels()).containsExactly("control group（Part A）");
    assertThat(r.getEnrollment()).isEqualTo(192 + 192 + 276 + 276);
    assertThat(r.getOutcomes()).containsExactly("progression-free survival", "Overall survival", "overall response rate");
    // Both id fields are empty on this page.
    assertThat(r.getSecondaryIds()).isEmpty();
    assertThat(r.getSourceUrl()).isEqualTo(URL + "173420");
    assertThat(r.getFetchedAt()).isEqualTo(FETCHED);
    assertThat(r.getContentHash()).isEqualTo(RecordHashes.trialHash(r)).hasSize(64);
    // 430k characters, mostly indentation: the payload keeps the page, not the padding.
    assertThat(r.getSourcePayload()).contains("ChiCTR2400084905", "left_title").hasSizeLessThan(120_000);
    assertThat(r.getSourcePayloadTruncated()).isFalse();
  }

  @Test
  void shouldReadThePayloadBackToTheSameRecord() throws Exception {
    final TrialRecord first = parser.parse(Fixtures.shared("chictr/project-ChiCTR2400084905.html"), URL + "173420", FETCHED);
    final TrialRecord again = parser.parse(first.getSourcePayload(), URL + "173420", FETCHED);
    assertThat(again.getContentHash()).isEqualTo(first.getContentHash());
  }

  @Test
  void shouldMapAnNctIdListedAsOtherRegistryNumberToACtGovSecondaryId() throws Exception {
    final TrialRecord r = parseResource("project-msc-exosome-nct.html", "198765");
    assertThat(r.getRegistryId()).isEqualTo("ChiCTR2300071234");
    assertThat(r.getSecondaryIds()).containsExactly(
        new SecondaryId("NCT05216562", ChiCtrProjectParser.OTHER_REGISTRY_ID_TYPE, TrialIds.CTGOV),
        new SecondaryId("ChiMCTR2300001234", ChiCtrProjectParser.OTHER_REGISTRY_ID_TYPE, null),
        new SecondaryId("2023-KY-015", ChiCtrProjectParser.STUDY_SUBJECT_ID_TYPE, null));
  }

  @Test
  void shouldMapEveryFieldOfABilingualPage() throws Exception {
    final TrialRecord r = parseResource("project-msc-exosome-nct.html", "198765");
    assertThat(r.getBriefTitle()).isEqualTo("Intra-articular injection of human umbilical cord mesenchymal stem cell-derived"
        + " exosomes for knee osteoarthritis: a randomized controlled trial");
    assertThat(r.getOfficialTitle()).startsWith("Efficacy and safety of intra-articular human umbilical cord");
    assertThat(r.getAcronym()).isEqualTo("EXO-KOA");
    assertThat(r.getStatus()).isEqualTo("Recruiting");
    assertThat(r.getPhases()).containsExactly("1-2");
    assertThat(r.getStudyType()).isEqualTo("Interventional study (Parallel)");
    assertThat(r.getConditions()).containsExactly("Knee osteoarthritis");
    // Entities decoded, line breaks of the source collapsed.
    assertThat(r.getBriefSummary()).isEqualTo("To evaluate the efficacy and safety of intra-articular hUC-MSC exosomes in"
        + " knee osteoarthritis & their effect on pain (VAS < 4).");
    assertThat(r.getDetailedDescription()).startsWith("Exosomes are isolated by ultracentrifugation");
    assertThat(r.getFirstPosted()).isEqualTo("2023-05-08");
    assertThat(r.getLastUpdatePosted()).isEqualTo("2024-02-19");
    assertThat(r.getStartDate()).isEqualTo("2023-06-01");
    assertThat(r.getCompletionDate()).isEqualTo("2025-12-31");
    assertThat(r.getLeadSponsor()).isEqualTo("West China Hospital, Sichuan University");
    assertThat(r.getCollaborators()).containsExactly("The Chinese University of Hong Kong");
    assertThat(r.getCountries()).containsExactly("Hong Kong", "China");
    assertThat(r.getArms()).extracting(Arm::getLabel, Arm::getInterventionNames).containsExactly(
        tuple("Exosome group", List.of("Intra-articular hUC-MSC-derived exosomes")),
        tuple("Placebo group", List.of("Intra-articular normal saline")));
    assertThat(r.getEnrollment()).isEqualTo(80);
    assertThat(r.getOutcomes()).containsExactly("WOMAC score", "Incidence of adverse events");
  }

  @Test
  void shouldReadAChineseOnlyRegistrationFromItsChineseLabels() throws Exception {
    final TrialRecord r = parseResource("project-chinese-only.html", "125432");
    assertThat(r.getRegistryId()).isEqualTo("ChiCTR2100045678");
    assertThat(r.getBriefTitle()).isEqualTo("间充质干细胞外泌体雾化吸入治疗重症肺炎的单臂探索性研究");
    assertThat(r.getOfficialTitle()).isEqualTo("人骨髓间充质干细胞来源外泌体雾化吸入治疗重症肺炎的安全性和初步有效性");
    assertThat(r.getStatus()).isEqualTo("尚未开始");
    assertThat(r.getPhases()).containsExactly("探索性研究/预试验");
    assertThat(r.getStudyType()).isEqualTo("干预性研究 (单臂)");
    assertThat(r.getConditions()).containsExactly("重症肺炎");
    assertThat(r.getLeadSponsor()).isEqualTo("华中科技大学同济医学院附属同济医院");
    assertThat(r.getCountries()).containsExactly("China");
    assertThat(r.getStartDate()).isEqualTo("2021-05-01");
    assertThat(r.getCompletionDate()).isEqualTo("2022-04-30");
    assertThat(r.getArms()).singleElement().satisfies(a -> {
      assertThat(a.getLabel()).isEqualTo("试验组");
      assertThat(a.getInterventionNames()).containsExactly("间充质干细胞外泌体雾化吸入");
    });
    assertThat(r.getEnrollment()).isEqualTo(24);
    assertThat(r.getOutcomes()).containsExactly("氧合指数");
    // "无" (none) in both id fields is not an id.
    assertThat(r.getSecondaryIds()).isEmpty();
  }

  @Test
  void shouldReadAnOlderTrcIdAndItsSlashSeparatedDates() throws Exception {
    final TrialRecord r = parseResource("project-older-trc.html", "7012");
    assertThat(r.getRegistryId()).isEqualTo("ChiCTR-TRC-12002536");
    assertThat(r.getFirstPosted()).isEqualTo("2012-09-18");
    assertThat(r.getLastUpdatePosted()).isNull();
    assertThat(r.getStartDate()).isEqualTo("2012-05-01");
    assertThat(r.getCompletionDate()).isEqualTo("2013-12-31");
    assertThat(r.getStatus()).isEqualTo("Completed");
    assertThat(r.getPhases()).containsExactly("2");
    // "30例" (30 cases) is a sample size of 30.
    assertThat(r.getEnrollment()).isEqualTo(30);
    // "N/A" is not an id.
    assertThat(r.getSecondaryIds()).isEmpty();
  }

  @Test
  void shouldTakeTheChineseValueWhereTheEnglishOneIsEmpty() throws Exception {
    final TrialRecord r = parseResource("project-older-trc.html", "7012");
    assertThat(r.getConditions()).containsExactly("失代偿期肝硬化");
    assertThat(r.getBriefTitle()).isEqualTo("Umbilical cord mesenchymal stem cells for decompensated liver cirrhosis");
  }

  @Test
  void shouldMarkAWithdrawnRegistrationAndStripTheMarkFromItsTitles() throws Exception {
    final TrialRecord r = parseResource("project-cancelled.html", "49021");
    assertThat(r.getRegistryId()).isEqualTo("ChiCTR2000030261");
    assertThat(r.getStatus()).isEqualTo(ChiCtrProjectParser.WITHDRAWN_STATUS);
    assertThat(r.getWhyStopped()).isEqualTo("Cancelled by the investigator");
    assertThat(r.getBriefTitle())
        .isEqualTo("Clinical study of mesenchymal stem cell exosomes for novel coronavirus pneumonia (COVID-19)");
    assertThat(r.getOfficialTitle()).isEqualTo(r.getBriefTitle());
  }

  @Test
  void shouldMapAPageWithoutInterventionTableToNoArmsAndNoEnrollment() throws Exception {
    final TrialRecord r = parseResource("project-no-interventions.html", "160001");
    assertThat(r.getRegistryId()).isEqualTo("ChiCTR2200061111");
    assertThat(r.getArms()).isEmpty();
    assertThat(r.getInterventions()).isEmpty();
    assertThat(r.getEnrollment()).isNull();
    assertThat(r.getOutcomes()).isEmpty();
    assertThat(r.getCountries()).isEmpty();
    assertThat(r.getStudyType()).isEqualTo("Diagnostic test (Diagnostic test: case-control)");
    assertThat(r.getStatus()).isEqualTo("Completed");
  }

  @Test
  void shouldRefuseALayoutWithoutTheBilingualLabelsAsUnknown() {
    assertThatThrownBy(() -> parseResource("project-unknown-layout.html", "1"))
        .isInstanceOfSatisfying(ChiCtrParseException.class, e -> {
          assertThat(e.kind()).isEqualTo(ParseException.Kind.UNEXPECTED_CONTENT);
          assertThat(e.getMessage()).contains("unknown layout", "td.left_title", "项目详情 - 中国临床试验注册中心");
        });
  }

  @Test
  void shouldNameTheFirewallChallengePage() {
    assertThatThrownBy(() -> parseResource("waf-challenge.html", "1"))
        .isInstanceOfSatisfying(ChiCtrParseException.class, e -> {
          assertThat(e.kind()).isEqualTo(ParseException.Kind.SOURCE_ERROR);
          assertThat(e.getMessage()).contains("anti-bot challenge", "acw_sc__v2");
        });
  }

  @Test
  void shouldNameTheFirewallBlockPage() {
    assertThatThrownBy(() -> parseResource("blocked.html", "1"))
        .isInstanceOf(ChiCtrParseException.class).hasMessageContaining("firewall blocked the request");
  }

  @Test
  void shouldNameTheSitesPageNotFoundPage() {
    assertThatThrownBy(() -> parseResource("not-found.html", "1"))
        .isInstanceOf(ChiCtrParseException.class).hasMessageContaining("page not found", "404系统找不到页面");
  }

  @Test
  void shouldRefuseAnEmptyBodyAndJson() {
    assertThatThrownBy(() -> parser.parse("  ", URL + "1", FETCHED)).isInstanceOfSatisfying(ChiCtrParseException.class,
        e -> assertThat(e.kind()).isEqualTo(ParseException.Kind.MALFORMED));
    assertThatThrownBy(() -> parser.parse("{\"error\":\"busy\"}", URL + "1", FETCHED))
        .isInstanceOf(ChiCtrParseException.class).hasMessageContaining("JSON where a ChiCTR project page");
  }

  @Test
  void shouldRefuseAPageWithoutRegistrationNumber() {
    final String html = Fixtures.resource("chictr/project-no-interventions.html").replace("ChiCTR2200061111&nbsp;", "&nbsp;");
    assertThatThrownBy(() -> parser.parse(html, URL + "1", FETCHED))
        .isInstanceOfSatisfying(ChiCtrParseException.class, e -> {
          assertThat(e.kind()).isEqualTo(ParseException.Kind.MISSING_FIELD);
          assertThat(e.getMessage()).contains("注册号", "Registration number");
        });
  }

  @Test
  void shouldRefuseARegistrationNumberOfAnotherRegistry() {
    final String html = Fixtures.resource("chictr/project-no-interventions.html").replace("ChiCTR2200061111", "NCT05216562");
    assertThatThrownBy(() -> parser.parse(html, URL + "1", FETCHED))
        .isInstanceOf(ChiCtrParseException.class).hasMessageContaining("not a ChiCTR registration number", "NCT05216562");
  }

  @Test
  void shouldBoundThePayload() throws Exception {
    final TrialRecord r = new ChiCtrProjectParser(1000)
        .parse(Fixtures.resource("chictr/project-msc-exosome-nct.html"), URL + "198765", FETCHED);
    assertThat(r.getSourcePayload()).hasSize(1000);
    assertThat(r.getSourcePayloadTruncated()).isTrue();
  }
}
