package io.exowatch.enrich.classify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exowatch.ingest.ctgov.CtGovStudyParser;
import io.exowatch.schemas.avro.Classification;
import io.exowatch.schemas.avro.TrialRecord;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The classifier on records written for it ({@code own-trials.json}): MSC vesicle and secretome
 * trials in the wording of ClinicalTrials.gov, ChiCTR and IRCT registrations, and as many near-misses
 * (other vesicles, diagnostics, live cells, look-alike words). Each record asserts its category and
 * the labels that matter for it.
 */
class OwnTrialsTest {

  private static final Classifier CLASSIFIER = new Classifier();
  private static final CtGovStudyParser PARSER = new CtGovStudyParser();

  static JsonNode records() throws IOException {
    try (InputStream in = OwnTrialsTest.class.getResourceAsStream("own-trials.json")) {
      return new ObjectMapper().readTree(in).get("records");
    }
  }

  @Test
  void shouldHoldAtLeastFortyRecordsHalfOfThemNearMisses() throws IOException {
    final JsonNode records = records();
    int nearMisses = 0;
    for (final JsonNode r : records) {
      if (r.get("source").asText().startsWith("NEAR-MISS")) {
        nearMisses++;
        assertThat(r.get("expect").get("category").asText()).isNotIn("MSC_EV_THERAPY", "MSC_SECRETOME_THERAPY");
      }
    }
    assertThat(records.size()).isGreaterThanOrEqualTo(40);
    assertThat(nearMisses * 2).isGreaterThanOrEqualTo(records.size());
  }

  @TestFactory
  Stream<DynamicTest> shouldClassifyEachOwnRecordAsExpected() throws IOException {
    final List<DynamicTest> tests = new ArrayList<>();
    for (final JsonNode r : records()) {
      tests.add(DynamicTest.dynamicTest(r.get("source").asText(), () -> check(r)));
    }
    return tests.stream();
  }

  private static void check(final JsonNode r) {
    TrialRecord trial = PARSER.parse(r.get("study"), Instant.EPOCH);
    if (r.has("registry")) {
      trial = TrialRecord.newBuilder(trial).setRegistry(r.get("registry").asText())
          .setRegistryId(r.get("registryId").asText()).build();
    }
    final JsonNode expect = r.get("expect");
    final Classification c = CLASSIFIER.classify(trial);
    final String why = r.get("source").asText() + " -> " + c;
    assertThat(c.getCategory().name()).as(why).isEqualTo(expect.get("category").asText());
    assertThat(c.getConfidence()).as(why).isBetween(0.0, 1.0);
    assertThat(c.getEvidence()).as(why).anySatisfy(e -> assertThat(e.getLabel()).isEqualTo("category:" + c.getCategory()));
    final boolean msc = c.getCategory().name().startsWith("MSC_") && !c.getCategory().name().equals("MSC_CELL_THERAPY");
    if (!msc) {
      assertThat(c.getApplications()).as(why).isEmpty();
      assertThat(c.getMscSources()).as(why).isEmpty();
      assertThat(c.getProductTypes()).as(why).isEmpty();
      assertThat(c.getRoutes()).as(why).isEmpty();
      assertThat(c.getConditionAreas()).as(why).isEmpty();
      assertThat(c.getCargo()).as(why).isNull();
    }
    equalSet(expect, "mscSources", c.getMscSources(), why);
    equalSet(expect, "productTypes", c.getProductTypes(), why);
    equalSet(expect, "routes", c.getRoutes(), why);
    equalSet(expect, "conditionAreas", c.getConditionAreas(), why);
    includes(expect, "conditionAreasInclude", c.getConditionAreas(), why);
    includes(expect, "applicationsInclude", c.getApplications(), why);
    if (expect.has("cargo")) {
      assertThat(String.valueOf(c.getCargo())).as("cargo of " + why).isEqualTo(expect.get("cargo").asText());
    }
    if (expect.has("cargoDetail")) {
      assertThat(c.getCargoDetail()).as("cargoDetail of " + why).isEqualTo(expect.get("cargoDetail").asText());
    }
    for (final String label : labelsOf(c)) {
      assertThat(c.getEvidence()).as("evidence for " + label + " in " + why)
          .anySatisfy(e -> assertThat(e.getLabel()).isEqualTo(label));
    }
  }

  /** Every label value of the classification as {@code field:VALUE}. */
  static List<String> labelsOf(final Classification c) {
    final List<String> out = new ArrayList<>();
    c.getApplications().forEach(v -> out.add("applications:" + v));
    c.getMscSources().forEach(v -> out.add("mscSources:" + v));
    c.getProductTypes().forEach(v -> out.add("productTypes:" + v));
    c.getRoutes().forEach(v -> out.add("routes:" + v));
    c.getConditionAreas().forEach(v -> out.add("conditionAreas:" + v));
    if (c.getCargo() != null) {
      out.add("cargo:" + c.getCargo());
    }
    return out;
  }

  private static void equalSet(final JsonNode expect, final String key, final List<? extends Enum<?>> actual,
      final String why) {
    if (expect.has(key)) {
      assertThat(names(actual)).as(key + " of " + why).isEqualTo(texts(expect.get(key)));
    }
  }

  private static void includes(final JsonNode expect, final String key, final List<? extends Enum<?>> actual,
      final String why) {
    if (expect.has(key)) {
      assertThat(names(actual)).as(key + " of " + why).containsAll(texts(expect.get(key)));
    }
  }

  private static Set<String> texts(final JsonNode array) {
    final Set<String> out = new HashSet<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static Set<String> names(final List<? extends Enum<?>> values) {
    final Set<String> out = new HashSet<>();
    values.forEach(v -> out.add(v.name()));
    return out;
  }
}
