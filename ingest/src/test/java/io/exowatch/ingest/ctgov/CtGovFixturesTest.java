package io.exowatch.ingest.ctgov;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.exowatch.schemas.avro.TrialRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The parser on real ClinicalTrials.gov API v2 responses, read in place from {@code ../shared/fixtures}
 * (see SOURCES.md there); skipped when that folder is absent. Each test names what the file exercises.
 */
class CtGovFixturesTest {

  private static final Instant FETCHED = Instant.parse("2026-11-28T10:00:00Z");
  private static Path dir;
  private final CtGovStudyParser parser = new CtGovStudyParser();
  private final ObjectMapper mapper = new ObjectMapper();

  @BeforeAll
  static void locateFixtures() {
    dir = Path.of(System.getProperty("user.dir")).resolve("../../shared/fixtures/ctgov-v2").normalize();
    Assumptions.assumeTrue(Files.isDirectory(dir),
        "Shared ClinicalTrials.gov fixtures not found at " + dir + "; skipping the real-response tests");
  }

  private String read(final String name) throws IOException {
    return Files.readString(dir.resolve(name));
  }

  private TrialRecord study(final String name) throws IOException {
    return parser.parse(mapper.readTree(read(name)), FETCHED);
  }

  /** A search response without paging fields, 7 kB of escaped eligibility text, NIH/CTRP secondary ids. */
  @Test
  void shouldParseTheNrgSearchResponse() throws IOException {
    final CtGovPage page = parser.parsePage(read("search-response-NCT06388018.json"), FETCHED);

    assertThat(page.failures()).isEmpty();
    assertThat(page.nextPageToken()).isEmpty();
    assertThat(page.totalCount()).isEmpty();
    final TrialRecord r = page.records().get(0);
    assertThat(r.getRegistryId()).isEqualTo("NCT06388018");
    assertThat(r.getStatus()).isEqualTo("RECRUITING");
    assertThat(r.getPhases()).containsExactly("PHASE2");
    assertThat(r.getEnrollment()).isEqualTo(325);
    assertThat(r.getEnrollmentType()).isEqualTo("ESTIMATED");
    assertThat(r.getStartDate()).isEqualTo("2025-01-16");
    assertThat(r.getSecondaryIds()).extracting(s -> s.getId()).contains("NRG-GY032", "NCI-2023-09355", "U10CA180868");
    assertThat(r.getSecondaryIds()).allSatisfy(s -> assertThat(s.getRegistry()).isNull());
    assertThat(r.getInterventions()).hasSize(8);
    assertThat(r.getInterventions().get(1).getName()).isEqualTo("Computed Tomography");
    assertThat(r.getCountries()).isNotEmpty().doesNotHaveDuplicates();
    assertThat(r.getSourcePayload()).contains("NCT06388018");
  }

  /** A completed study with a full resultsSection; escaped comparisons in eligibility. */
  @Test
  void shouldParseACompletedStudyWithResults() throws IOException {
    final TrialRecord r = study("study-NCT00763412.json");

    assertThat(r.getRegistryId()).isEqualTo("NCT00763412");
    assertThat(r.getStatus()).isEqualTo("COMPLETED");
    assertThat(r.getPhases()).containsExactly("NA");
    assertThat(r.getStartDate()).isEqualTo("2006-11");
    assertThat(r.getEnrollment()).isEqualTo(31);
    assertThat(r.getInterventions()).extracting(i -> i.getName()).containsExactly("placebo", "repaglinide");
    assertThat(r.getSecondaryIds()).extracting(s -> s.getId()).containsExactly("05-1109", "P60DK020579");
    assertThat(r.getOutcomes()).isNotEmpty();
  }

  /** A small withdrawn study with whyStopped and a reference whose citation ends in a DOI. */
  @Test
  void shouldParseTheWithdrawnStudyAndItsReference() throws IOException {
    final TrialRecord r = study("study-NCT00973089.json");

    assertThat(r.getStatus()).isEqualTo("WITHDRAWN");
    assertThat(r.getWhyStopped()).startsWith("recruiting or enrolling participants has halted");
    assertThat(r.getEnrollment()).isZero();
    assertThat(r.getConditions()).containsExactly("Caries, Dental");
    assertThat(r.getKeywords()).containsExactly("Primary tooth", "Caries, Dental", "Alternative treatment");
    assertThat(r.getArms()).hasSize(2);
    assertThat(r.getArms().get(1).getInterventionNames())
        .containsExactly("Other: Incomplete caries removal in primary teeth");
    assertThat(r.getInterventions().get(0).getOtherNames()).containsExactly("Indirect pulp capping");
    assertThat(r.getCountries()).containsExactly("Israel");
    assertThat(r.getReferences()).singleElement().satisfies(ref -> {
      assertThat(ref.getPmid()).isEqualTo("18519994");
      assertThat(ref.getDoi()).isEqualTo("10.14219/jada.archive.2008.0252");
      assertThat(ref.getType()).isEqualTo("BACKGROUND");
    });
  }

  /** Many references, some without pmid or DOI; an acronym. */
  @Test
  void shouldParseReferencesWithAndWithoutDois() throws IOException {
    final TrialRecord r = study("study-NCT03630471.json");

    assertThat(r.getAcronym()).isEqualTo("PRIDE");
    assertThat(r.getReferences()).hasSize(12);
    assertThat(r.getReferences().get(0).getDoi()).isEqualTo("10.1192/bjp.177.6.534");
    assertThat(r.getReferences().get(2).getDoi()).isNull();
    assertThat(r.getReferences().get(6).getPmid()).isNull();
    assertThat(r.getReferences().get(9).getDoi()).isEqualTo("10.1371/journal.pmed.1003778");
    assertThat(r.getReferences().get(10).getDoi()).isEqualTo("10.1016/S2352-4642(20)30173-5");
  }

  /** Descriptions with escaped brackets and quotes, non-ASCII characters. */
  @Test
  void shouldUnescapeMarkdownInTheTuberculosisVaccineStudy() throws IOException {
    final TrialRecord r = study("study-NCT03722472.json");

    assertThat(r.getPhases()).containsExactly("PHASE1");
    assertThat(r.getInterventions()).extracting(i -> i.getName()).containsExactly("ID93 + GLA-SE");
    final String allText = String.join(" ", r.getOutcomes()) + " " + r.getBriefSummary() + " "
        + r.getDetailedDescription() + " " + String.join(" ", r.getArms().stream().map(a -> a.getDescription()).toList());
    assertThat(allText).doesNotContain("\\[").doesNotContain("\\]").doesNotContain("\\*")
        .doesNotContain("\\<").doesNotContain("\\>");
    assertThat(r.getReferences().get(0).getDoi()).isEqualTo("10.1038/s41467-023-36789-2");
  }

  /** An observational cohort: no phases, arms without types or interventions, sites in two countries. */
  @Test
  void shouldParseTheObservationalCohort() throws IOException {
    final TrialRecord r = study("study-NCT06323538.json");

    assertThat(r.getStudyType()).isEqualTo("OBSERVATIONAL");
    assertThat(r.getPhases()).isEmpty();
    assertThat(r.getAcronym()).isEqualTo("COPLANT");
    assertThat(r.getInterventions()).isEmpty();
    assertThat(r.getArms()).extracting(a -> a.getLabel())
        .containsExactly("vegans", "vegetarians", "pescetarians", "mixed diet");
    assertThat(r.getArms()).allSatisfy(a -> assertThat(a.getType()).isNull());
    assertThat(r.getCountries()).containsExactly("Austria", "Germany");
  }

  /** The sparse, field-filtered record: no dates, no org id, interventions without types, 202 sites. */
  @Test
  void shouldTolerateTheSparseRecord() throws IOException {
    final TrialRecord r = study("study-NCT07062965.json");

    assertThat(r.getRegistryId()).isEqualTo("NCT07062965");
    assertThat(r.getStatus()).isEqualTo("RECRUITING");
    assertThat(r.getStartDate()).isNull();
    assertThat(r.getFirstPosted()).isNull();
    assertThat(r.getSecondaryIds()).isEmpty();
    assertThat(r.getStudyType()).isNull();
    assertThat(r.getPhases()).containsExactly("PHASE3");
    assertThat(r.getEnrollment()).isEqualTo(400);
    assertThat(r.getEnrollmentType()).isNull();
    assertThat(r.getLeadSponsor()).isEqualTo("Pfizer");
    assertThat(r.getInterventions()).extracting(i -> i.getName())
        .containsExactly("PF-07248144", "Fulvestrant", "Everolimus", "Exemestane");
    assertThat(r.getInterventions()).allSatisfy(i -> assertThat(i.getType()).isNull());
    assertThat(r.getCountries()).hasSizeGreaterThan(10).doesNotHaveDuplicates()
        .startsWith("United States");
  }

  /** Every fixture maps, and the three input shapes agree on the same study. */
  @Test
  void shouldParseEveryFixtureAsAnyOfTheThreeShapes() throws IOException {
    try (var files = Files.list(dir)) {
      for (final Path f : files.filter(p -> p.getFileName().toString().startsWith("study-")).toList()) {
        final String json = Files.readString(f);
        final CtGovPage single = parser.readStudies(json, FETCHED);
        final CtGovPage array = parser.readStudies("[" + json + "]", FETCHED);
        final CtGovPage search = parser.parsePage("{\"studies\": [" + json + "]}", FETCHED);
        assertThat(single.failures()).as(f.toString()).isEmpty();
        assertThat(single.records()).hasSize(1);
        assertThat(array.records().get(0).getContentHash()).isEqualTo(single.records().get(0).getContentHash());
        assertThat(search.records().get(0).getContentHash()).isEqualTo(single.records().get(0).getContentHash());
      }
    }
  }
}
