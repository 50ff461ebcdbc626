package io.exowatch.enrich.classify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exowatch.ingest.ctgov.CtGovPage;
import io.exowatch.ingest.ctgov.CtGovStudyParser;
import io.exowatch.schemas.avro.Classification;
import io.exowatch.schemas.avro.TrialRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The development gold set ({@code ../shared/gold}, read in place; skipped when absent): every record
 * gets an acceptable category and the labels of CLASSIFICATION.md (lists as sets, applications by
 * overlap).
 */
class GoldSetTest {

  private static final Classifier CLASSIFIER = new Classifier();

  @TestFactory
  Stream<DynamicTest> shouldClassifyEveryGoldRecordAsLabelled() throws IOException {
    final Path gold = Path.of(System.getProperty("user.dir")).resolve("../../shared/gold").normalize();
    Assumptions.assumeTrue(Files.isRegularFile(gold.resolve("dev-trials.json")),
        "Shared gold set not found at " + gold + "; skipping the gold-set tests");
    final CtGovPage page = new CtGovStudyParser()
        .readStudies(Files.readString(gold.resolve("dev-trials.json")), Instant.EPOCH);
    assertThat(page.failures()).isEmpty();
    final JsonNode labels = new ObjectMapper().readTree(gold.resolve("dev-labels.json").toFile()).get("labels");
    assertThat(page.records()).hasSize(labels.size());
    return page.records().stream().map(trial -> DynamicTest.dynamicTest(trial.getRegistryId(),
        () -> check(trial, labels.get(trial.getRegistryId()))));
  }

  private static void check(final TrialRecord trial, final JsonNode expected) {
    assertThat(expected).as("gold labels for " + trial.getRegistryId()).isNotNull();
    final Classification c = CLASSIFIER.classify(trial);
    final String why = trial.getRegistryId() + " classified as " + c;
    assertThat(texts(expected.get("acceptableCategories"))).as(why).contains(c.getCategory().name());
    assertThat(names(c.getMscSources())).as("mscSources of " + why).isEqualTo(texts(expected.get("mscSources")));
    assertThat(names(c.getProductTypes())).as("productTypes of " + why).isEqualTo(texts(expected.get("productTypes")));
    assertThat(names(c.getRoutes())).as("routes of " + why).isEqualTo(texts(expected.get("routes")));
    assertThat(names(c.getConditionAreas())).as("conditionAreas of " + why)
        .isEqualTo(texts(expected.get("conditionAreas")));
    final JsonNode cargo = expected.get("cargo");
    assertThat(c.getCargo() == null ? null : c.getCargo().name()).as("cargo of " + why)
        .isEqualTo(cargo == null || cargo.isNull() ? null : cargo.asText());
    final Set<String> apps = texts(expected.get("applications"));
    if (apps.isEmpty()) {
      assertThat(c.getApplications()).as("applications of " + why).isEmpty();
    } else {
      assertThat(names(c.getApplications())).as("applications of " + why).containsAnyElementsOf(apps);
    }
    assertThat(c.getEvidence()).as("evidence of " + why)
        .anySatisfy(e -> assertThat(e.getLabel()).isEqualTo("category:" + c.getCategory()));
  }

  private static Set<String> texts(final JsonNode array) {
    final Set<String> out = new HashSet<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static Set<String> names(final List<? extends Enum<?>> values) {
    final Set<String> out = new HashSet<>();
    for (final Enum<?> v : new ArrayList<>(values)) {
      out.add(v.name());
    }
    return out;
  }
}
