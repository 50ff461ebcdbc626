package io.exowatch.app.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exowatch.ingest.ctgov.CtGovPage;
import io.exowatch.ingest.ctgov.CtGovStudyParser;
import io.exowatch.ingest.parse.Parsed;
import io.exowatch.ingest.pubmed.PubMedParser;
import io.exowatch.schemas.avro.ArticleRecord;
import io.exowatch.schemas.avro.Category;
import io.exowatch.schemas.avro.SecondaryId;
import io.exowatch.schemas.avro.TrialRecord;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The bundled snapshot: real formats, every category, and links between its parts that resolve,
 * including the other registries' registrations and the two trials registered twice.
 */
class OfflineSnapshotTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final OfflineSnapshot SNAPSHOT = OfflineSnapshot.bundled();

  @Test
  void shouldHoldFortyToSixtyStudiesThatTheIngestParserMapsWithoutFailures() {
    final List<String> studies = SNAPSHOT.studies();
    assertThat(studies).hasSizeBetween(40, 60);
    final CtGovPage page = new CtGovStudyParser().parsePage("{\"studies\":[" + String.join(",", studies) + "]}", Instant.now());
    assertThat(page.failures()).isEmpty();
    assertThat(page.records()).hasSize(studies.size());
    assertThat(page.records()).extracting(t -> t.getRegistryId()).doesNotHaveDuplicates();
    assertThat(page.records()).allSatisfy(t -> {
      assertThat(t.getBriefTitle()).isNotBlank();
      assertThat(t.getBriefSummary()).isNotBlank();
      assertThat(t.getConditions()).isNotEmpty();
      assertThat(t.getInterventions()).isNotEmpty();
      assertThat(t.getLastUpdatePosted()).isNotBlank();
    });
  }

  @Test
  void shouldWriteEveryStudyInTheFullV2ShapeWithDateStructs() throws Exception {
    for (final String s : SNAPSHOT.studies()) {
      final JsonNode p = MAPPER.readTree(s).path("protocolSection");
      final String id = p.path("identificationModule").path("nctId").asText();
      assertThat(p.fieldNames()).toIterable().as(id).contains("identificationModule", "statusModule", "descriptionModule",
          "conditionsModule", "designModule", "armsInterventionsModule", "outcomesModule", "eligibilityModule");
      final JsonNode status = p.path("statusModule");
      assertThat(status.path("lastUpdatePostDateStruct").path("date").asText()).as(id).matches("\\d{4}-\\d{2}-\\d{2}");
      assertThat(status.path("studyFirstPostDateStruct").path("date").asText()).as(id).matches("\\d{4}-\\d{2}-\\d{2}");
      assertThat(status.path("startDateStruct").path("date").asText()).as(id).matches("\\d{4}-\\d{2}(-\\d{2})?");
    }
    final long withSponsor = SNAPSHOT.studies().stream().filter(s -> s.contains("\"sponsorCollaboratorsModule\"")).count();
    final long withSites = SNAPSHOT.studies().stream().filter(s -> s.contains("\"contactsLocationsModule\"")).count();
    final long withReferences = SNAPSHOT.studies().stream().filter(s -> s.contains("\"referencesModule\"")).count();
    assertThat(withSponsor).isGreaterThan(50);
    assertThat(withSites).isGreaterThan(45);
    assertThat(withReferences).isGreaterThanOrEqualTo(10);
  }

  @Test
  void shouldLabelEveryStudyAndCoverEveryCategory() throws Exception {
    final Set<String> ids = new TreeSet<>();
    for (final String s : SNAPSHOT.studies()) {
      ids.add(MAPPER.readTree(s).path("protocolSection").path("identificationModule").path("nctId").asText());
    }
    final Set<String> labelled = new TreeSet<>(SNAPSHOT.expectedCategories().keySet());
    labelled.removeIf(id -> !id.startsWith("NCT"));
    assertThat(labelled).isEqualTo(ids);
    assertThat(new HashSet<>(SNAPSHOT.expectedCategories().values())).containsExactlyInAnyOrder(Category.values());
    assertThat(SNAPSHOT.expectedCategories().values().stream().filter(c -> c == Category.MSC_EV_THERAPY).count())
        .isGreaterThanOrEqualTo(20);
  }

  @Test
  void shouldCoverManyMscSourcesRoutesAndAnEngineeredCargo() {
    final String msc = SNAPSHOT.studies().stream()
        .filter(s -> SNAPSHOT.expectedCategories().get(nctId(s)) == Category.MSC_EV_THERAPY)
        .collect(Collectors.joining("\n"));
    assertThat(msc).contains("bone marrow", "adipose", "umbilical cord", "Wharton's jelly", "placenta", "SHED",
        "menstrual blood", "synovial", "iPSC", "cord blood");
    assertThat(msc).contains("intravenous", "inhalation", "nasal drip", "topical", "eye drops", "intra-articular",
        "intrathecal", "intrauterine", "stereotactic", "Hepatic arterial infusion", "into the fistula tract");
    assertThat(msc).contains("KRAS G12D siRNA", "miR-124", "miR-199a");
  }

  @Test
  void shouldCiteOnlyPmidsTheArticleSetHoldsAndLinkArticlesToSnapshotTrials() throws Exception {
    final Parsed<ArticleRecord> articles = PubMedParser.parseArticles(SNAPSHOT.pubmedArticleSetXml(), Instant.now(), "snapshot");
    assertThat(articles.failures()).isEmpty();
    assertThat(articles.records()).hasSizeBetween(10, 20);
    assertThat(articles.records()).allSatisfy(a -> assertThat(a.getDoi()).startsWith("10."));
    final Set<String> pmids = articles.records().stream().map(ArticleRecord::getPmid).collect(Collectors.toSet());
    final Set<String> trialIds = SNAPSHOT.studies().stream().map(OfflineSnapshotTest::nctId).collect(Collectors.toSet());

    final Set<String> cited = new TreeSet<>();
    for (final String s : SNAPSHOT.studies()) {
      MAPPER.readTree(s).path("protocolSection").path("referencesModule").path("references")
          .forEach(r -> { if (r.has("pmid")) { cited.add(r.path("pmid").asText()); } });
    }
    assertThat(cited).isNotEmpty();
    assertThat(pmids).containsAll(cited);

    final Set<String> linked = new TreeSet<>();
    articles.records().forEach(a -> linked.addAll(a.getTrialIds()));
    assertThat(linked).hasSizeGreaterThanOrEqualTo(12);
    assertThat(trialIds).containsAll(linked.stream().filter(id -> id.startsWith("NCT")).toList());
  }

  @Test
  void shouldHoldEuropePmcRecordsInTheCoreShapeForEveryPubMedArticleAndSomePreprints() throws Exception {
    final JsonNode root = MAPPER.readTree(SNAPSHOT.europePmcSearchJson());
    final JsonNode results = root.path("resultList").path("result");
    assertThat(root.path("hitCount").asInt()).isEqualTo(results.size());
    final Set<String> med = new TreeSet<>();
    int preprints = 0;
    for (final JsonNode r : results) {
      if (r.path("source").asText().equals("MED")) {
        med.add(r.path("pmid").asText());
        assertThat(r.path("journalInfo").path("journal").path("title").asText()).isNotBlank();
        assertThat(r.path("authorList").path("author").size()).isPositive();
      } else {
        assertThat(r.path("source").asText()).isEqualTo("PPR");
        preprints++;
      }
      assertThat(r.path("doi").asText()).startsWith("10.");
      assertThat(r.path("abstractText").asText()).isNotBlank();
    }
    final Set<String> pmids = new TreeSet<>();
    final Matcher m = Pattern.compile("<PMID Version=\"1\">(\\d+)</PMID>").matcher(SNAPSHOT.pubmedArticleSetXml());
    while (m.find()) {
      pmids.add(m.group(1));
    }
    assertThat(med).isEqualTo(pmids);
    assertThat(preprints).isEqualTo(3);
  }

  @Test
  void shouldWriteLandingPagesWithCitationTagsAndOneWithOnlyJsonLd() {
    final List<LandingPage> pages = SNAPSHOT.landingPages();
    assertThat(pages).hasSize(5);
    assertThat(pages).allSatisfy(p -> assertThat(p.html()).contains(p.doi()));
    assertThat(pages.stream().filter(p -> p.html().contains("name=\"citation_doi\"")).count()).isEqualTo(3);
    final LandingPage jsonLd = pages.stream().filter(p -> p.html().contains("application/ld+json")).findFirst().orElseThrow();
    assertThat(jsonLd.html()).contains("\"ScholarlyArticle\"")
        .doesNotContain("name=\"citation_", "name=\"dc.", "name=\"DC.", "name=\"prism.", "property=\"og:");
    final LandingPage dublinCore = pages.stream().filter(p -> p.html().contains("prism.doi")).findFirst().orElseThrow();
    assertThat(dublinCore.html()).contains("content=\"doi:10.1016/j.jhepr.2024.101145\"").doesNotContain("name=\"citation_");
  }

  @Test
  void shouldHoldRegistrationsOfEveryOtherRegistryThatTheirOwnParsersRead() throws Exception {
    final RegistrySnapshot r = SNAPSHOT.registries();
    assertThat(r.chictr()).hasSize(4);
    assertThat(r.irct()).hasSize(2);
    assertThat(r.euctr()).hasSize(2);
    final Map<String, TrialRecord> records = BundledRegistrations.parse(r, Instant.now()).stream()
        .collect(Collectors.toMap(TrialRecord::getRegistryId, Function.identity()));
    assertThat(records).hasSize(10);
    final Set<String> labelled = new TreeSet<>(SNAPSHOT.expectedCategories().keySet());
    labelled.removeIf(id -> id.startsWith("NCT"));
    assertThat(records.keySet()).as("every registration has the category it was written to have").isEqualTo(labelled);
    assertThat(records.values()).extracting(TrialRecord::getRegistry).containsOnly("CHICTR", "IRCT", "ISRCTN", "EUCTR");

    // What the search pages list agrees with the records they lead to.
    for (final RegistrySnapshot.ChiCtrProject p : r.chictr()) {
      final TrialRecord t = records.get(p.registrationNumber());
      assertThat(t).as(p.registrationNumber()).isNotNull();
      assertThat(p.html()).contains("<input type=\"hidden\" name=\"pid\" value=\"" + p.projectId() + "\" />")
          .contains("<div class=\"project-tit\">" + p.title() + "</div>").contains(p.institution());
      assertThat(t.getFirstPosted()).isEqualTo(p.registered().toString());
    }
    assertThat(r.chictr()).extracting(p -> p.registered()).as("listed newest registration first, as the site lists them")
        .isSortedAccordingTo(java.util.Comparator.reverseOrder());
    for (final RegistrySnapshot.IrctTrial t : r.irct()) {
      assertThat(records.get(t.registrationId())).as(t.registrationId()).isNotNull()
          .satisfies(rec -> assertThat(rec.getBriefTitle()).isEqualTo(t.title()));
    }
    for (final RegistrySnapshot.EuCtrTrial t : r.euctr()) {
      final TrialRecord rec = records.get(t.eudractNumber());
      assertThat(rec).as(t.eudractNumber()).isNotNull();
      assertThat(rec.getOfficialTitle()).isEqualTo(t.fullTitle());
      for (final RegistrySnapshot.MemberState s : t.protocols()) {
        assertThat(t.fullText()).contains("Link: https://www.clinicaltrialsregister.eu/ctr-search/trial/"
            + t.eudractNumber() + "/" + s.code() + "/", "Trial Status: " + s.status());
      }
    }
  }

  @Test
  void shouldRegisterTwoTrialsTwiceOneOfThemAlsoAsACtGovSnapshotStudy() throws Exception {
    final Map<String, TrialRecord> records = BundledRegistrations.parse(SNAPSHOT.registries(), Instant.now()).stream()
        .collect(Collectors.toMap(TrialRecord::getRegistryId, Function.identity()));
    assertThat(records.get("ChiCTR2200900102").getSecondaryIds()).extracting(SecondaryId::getId, SecondaryId::getRegistry)
        .contains(tuple("NCT08000102", "CTGOV"));
    final String study = SNAPSHOT.studies().stream().filter(s -> nctId(s).equals("NCT08000102")).findFirst().orElseThrow();
    assertThat(study).as("the ClinicalTrials.gov record does not name the ChiCTR one: enrich links them both ways")
        .doesNotContain("ChiCTR");
    assertThat(SNAPSHOT.expectedCategories()).containsEntry("NCT08000102", Category.MSC_EV_THERAPY)
        .containsEntry("ChiCTR2200900102", Category.MSC_EV_THERAPY);
    assertThat(records.get("ISRCTN90800101").getSecondaryIds()).extracting(SecondaryId::getId, SecondaryId::getRegistry)
        .contains(tuple("2020-900201-35", "EUCTR"));
    assertThat(records.get("2020-900201-35").getSecondaryIds()).extracting(SecondaryId::getId, SecondaryId::getRegistry)
        .contains(tuple("ISRCTN90800101", "ISRCTN"));
    // No other registration names another registry's record.
    records.values().stream()
        .filter(t -> !Set.of("ChiCTR2200900102", "ISRCTN90800101", "2020-900201-35").contains(t.getRegistryId()))
        .forEach(t -> assertThat(t.getSecondaryIds()).as(t.getRegistryId())
            .allSatisfy(id -> assertThat(id.getRegistry()).as(id.getId()).isNull()));
  }

  @Test
  void shouldKeepFixtureFilesOutOfTheSnapshot() {
    // The snapshot is written for ExoWatch; none of the shared fixtures' records may appear in it.
    final String all = String.join("\n", SNAPSHOT.studies()) + SNAPSHOT.pubmedArticleSetXml() + SNAPSHOT.europePmcSearchJson();
    assertThat(all).doesNotContain("NCT06388018", "NCT00763412", "NCT05594173", "NCT03630471", "NCT00973089",
        "NCT03722472", "NCT06323538", "NCT07062965", "12091962", "11748933", "22078490", "s41586-021-03819-2");
    final RegistrySnapshot r = SNAPSHOT.registries();
    final String registries = r.chictr().stream().map(RegistrySnapshot.ChiCtrProject::html).collect(Collectors.joining())
        + r.irct().stream().map(RegistrySnapshot.IrctTrial::xml).collect(Collectors.joining()) + r.isrctnAllTrialsXml()
        + r.euctr().stream().map(RegistrySnapshot.EuCtrTrial::fullText).collect(Collectors.joining());
    // The ChiCTR fixture pages (a KRAS G12C lung cancer project and its search results).
    assertThat(registries).doesNotContain("ChiCTR2400084905", "173420", "SUNRAY", "LY3537982", "ChiCTR2500111173",
        "274313", "KRAS G12C");
  }

  private static String nctId(final String study) {
    final Matcher m = Pattern.compile("\"nctId\":\"(NCT\\d{8})\"").matcher(study);
    return m.find() ? m.group(1) : "";
  }
}
