package io.exowatch.app.offline;

import static org.assertj.core.api.Assertions.assertThat;

import io.exowatch.enrich.classify.Classifier;
import io.exowatch.ingest.ctgov.CtGovPage;
import io.exowatch.ingest.ctgov.CtGovStudyParser;
import io.exowatch.schemas.avro.Category;
import io.exowatch.schemas.avro.Classification;
import io.exowatch.schemas.avro.TrialRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The enrich classifier, run over the snapshot and synthetic studies, finds every category and
 * mostly agrees with the category each study was written to have: the data exercises the whole
 * classification, not one corner of it. The other registries' bundled registrations, read by their
 * own parsers, are classified as written.
 */
class ClassifierCoverageTest {

  private static final Logger LOG = LoggerFactory.getLogger(ClassifierCoverageTest.class);
  private static final Classifier CLASSIFIER = new Classifier();
  private static final CtGovStudyParser PARSER = new CtGovStudyParser();

  @Test
  void shouldFindEveryCategoryInTheBundledSnapshotAsWritten() {
    final OfflineSnapshot snapshot = OfflineSnapshot.bundled();
    final CtGovPage page = PARSER.parsePage("{\"studies\":[" + String.join(",", snapshot.studies()) + "]}", Instant.now());
    final Set<Category> found = EnumSet.noneOf(Category.class);
    final List<String> disagreements = new ArrayList<>();
    for (final TrialRecord t : page.records()) {
      final Category got = CLASSIFIER.classify(t).getCategory();
      found.add(got);
      final Category expected = snapshot.expectedCategories().get(t.getRegistryId());
      if (got != expected) {
        disagreements.add(t.getRegistryId() + " written " + expected + ", classified " + got);
      }
    }
    LOG.info("Snapshot: classifier agrees on {} of {} studies; disagreements: {}",
        page.records().size() - disagreements.size(), page.records().size(), disagreements);
    assertThat(found).containsExactlyInAnyOrder(Category.values());
    assertThat(disagreements.size()).as("disagreements: %s", disagreements).isLessThanOrEqualTo(page.records().size() / 10);
  }

  @Test
  void shouldClassifyEveryBundledRegistrationOfTheOtherRegistriesAsWritten() throws Exception {
    final OfflineSnapshot snapshot = OfflineSnapshot.bundled();
    final List<TrialRecord> records = BundledRegistrations.parse(snapshot.registries(), Instant.now());
    final List<String> disagreements = new ArrayList<>();
    for (final TrialRecord t : records) {
      final Category expected = snapshot.expectedCategories().get(t.getRegistryId());
      assertThat(expected).as("the category %s was written to have", t.getRegistryId()).isNotNull();
      final Category got = CLASSIFIER.classify(t).getCategory();
      if (got != expected) {
        disagreements.add(t.getRegistryId() + " written " + expected + ", classified " + got);
      }
    }
    assertThat(records).hasSize(10);
    // Few records, each written for one case (the near miss included): the classifier gets all of them.
    assertThat(disagreements).isEmpty();
  }

  @Test
  void shouldFindEveryCategoryAmongSyntheticStudiesAsGenerated() {
    final SyntheticStudies gen = new SyntheticStudies();
    final int n = 3_000;
    final CtGovPage page = PARSER.parsePage("{\"studies\":[" + gen.studies(n).collect(Collectors.joining(",")) + "]}",
        Instant.now());
    final Map<Category, Map<Category, Integer>> confusion = new EnumMap<>(Category.class);
    int agree = 0;
    for (int i = 0; i < n; i++) {
      final Classification c = CLASSIFIER.classify(page.records().get(i));
      final Category expected = gen.category(i);
      confusion.computeIfAbsent(expected, k -> new EnumMap<>(Category.class)).merge(c.getCategory(), 1, Integer::sum);
      if (c.getCategory() == expected) {
        agree++;
      }
    }
    LOG.info("Synthetic: classifier agrees on {} of {}; written -> classified: {}", agree, n, confusion);
    for (final Category c : Category.values()) {
      final Map<Category, Integer> row = confusion.get(c);
      assertThat(row).as("written %s", c).isNotNull();
      final Category mostOften = row.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
      assertThat(mostOften).as("what studies written as %s are classified as most often: %s", c, row).isEqualTo(c);
    }
    // The rest are hard cases the classifier gets wrong (logged above), not mislabelled studies.
    assertThat(agree).as("agreement; confusion %s", confusion).isGreaterThanOrEqualTo(n * 8 / 10);
  }
}
