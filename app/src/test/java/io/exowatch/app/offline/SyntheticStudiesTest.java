package io.exowatch.app.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exowatch.ingest.ctgov.CtGovStudyParser;
import io.exowatch.schemas.avro.Category;
import io.exowatch.schemas.avro.TrialRecord;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The synthetic ClinicalTrials.gov study generator. */
class SyntheticStudiesTest {

  private static final Logger LOG = LoggerFactory.getLogger(SyntheticStudiesTest.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void shouldGenerateTheSameStudiesForTheSameSeedInAnyOrder() {
    final SyntheticStudies a = new SyntheticStudies(42L);
    final SyntheticStudies b = new SyntheticStudies(42L);
    final List<String> forward = a.studies(50).toList();
    for (int i = 49; i >= 0; i--) {
      assertThat(b.study(i)).isEqualTo(forward.get(i));
    }
    final SyntheticStudies other = new SyntheticStudies(43L);
    assertThat(other.study(3)).isNotEqualTo(a.study(3));
    assertThat(new SyntheticStudies().seed()).isEqualTo(SyntheticStudies.DEFAULT_SEED);
  }

  @Test
  void shouldGiveTwentyThousandStudiesUniqueSyntheticNctIds() {
    final SyntheticStudies gen = new SyntheticStudies();
    final Set<String> ids = new HashSet<>();
    for (int i = 0; i < 20_000; i++) {
      final String id = gen.nctId(i);
      assertThat(id).matches("NCT09\\d{6}");
      assertThat(ids.add(id)).as("unique %s", id).isTrue();
    }
    assertThat(gen.nctId(SyntheticStudies.MAX_STUDIES - 1)).matches("NCT09\\d{6}");
    assertThatThrownBy(() -> gen.nctId(SyntheticStudies.MAX_STUDIES)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> gen.study(-1)).hasMessageContaining("-1");
  }

  @Test
  void shouldWriteTheIdDateAndShapeItAnnounces() throws Exception {
    final SyntheticStudies gen = new SyntheticStudies(5L);
    for (int i = 0; i < 300; i++) {
      final JsonNode s = MAPPER.readTree(gen.study(i));
      final JsonNode p = s.path("protocolSection");
      assertThat(p.path("identificationModule").path("nctId").asText()).isEqualTo(gen.nctId(i));
      final LocalDate date = LocalDate.parse(p.path("statusModule").path("lastUpdatePostDateStruct").path("date").asText());
      assertThat(date).isEqualTo(gen.lastUpdatePostDate(i)).isBetween(SyntheticStudies.FIRST_UPDATE, SyntheticStudies.LAST_UPDATE);
      assertThat(p.fieldNames()).toIterable().contains("identificationModule", "statusModule", "sponsorCollaboratorsModule",
          "descriptionModule", "conditionsModule", "designModule", "armsInterventionsModule", "outcomesModule",
          "eligibilityModule", "contactsLocationsModule");
      assertThat(LocalDate.parse(p.path("statusModule").path("studyFirstPostDateStruct").path("date").asText())).isBeforeOrEqualTo(date);
    }
  }

  @Test
  void shouldProduceStudiesOfTwoToFourKilobytesQuickly() {
    final SyntheticStudies gen = new SyntheticStudies();
    final CountingStream out = new CountingStream();
    final long start = System.nanoTime();
    long min = Long.MAX_VALUE;
    long max = 0;
    for (int i = 0; i < 20_000; i++) {
      final long before = out.count;
      try {
        gen.writeStudy(i, out);
      } catch (final java.io.IOException e) {
        throw new AssertionError(e);
      }
      min = Math.min(min, out.count - before);
      max = Math.max(max, out.count - before);
    }
    final double seconds = (System.nanoTime() - start) / 1e9;
    final long avg = out.count / 20_000;
    LOG.info("Generated 20,000 synthetic studies in {} s ({} studies/s); bytes min {} avg {} max {}",
        String.format(Locale.ROOT, "%.2f", seconds), Math.round(20_000 / seconds), min, avg, max);
    assertThat(avg).isBetween(2_000L, 4_096L);
    assertThat(min).isGreaterThan(1_500);
    assertThat(max).isLessThan(6_000);
    // Generous: the backfill benchmark needs 20,000 in well under its 60 s budget on 2 shared cores.
    assertThat(seconds).isLessThan(20.0);
  }

  @Test
  void shouldStreamLazily() {
    // A million studies would take long to generate; taking three must not generate them all.
    assertThat(new SyntheticStudies().studies(SyntheticStudies.MAX_STUDIES).limit(3).count()).isEqualTo(3);
  }

  @Test
  void shouldCoverEveryCategoryInRoughlyTheStatedShares() {
    final SyntheticStudies gen = new SyntheticStudies();
    final Map<Category, Integer> counts = new EnumMap<>(Category.class);
    for (int i = 0; i < 20_000; i++) {
      counts.merge(gen.category(i), 1, Integer::sum);
    }
    assertThat(counts.keySet()).containsExactlyInAnyOrder(Category.values());
    assertThat(share(counts, Category.MSC_EV_THERAPY)).isBetween(0.37, 0.43);
    assertThat(share(counts, Category.MSC_SECRETOME_THERAPY)).isBetween(0.06, 0.10);
    assertThat(share(counts, Category.OTHER_EV_THERAPY)).isBetween(0.11, 0.15);
    assertThat(share(counts, Category.EV_DIAGNOSTIC)).isBetween(0.12, 0.16);
    assertThat(share(counts, Category.MSC_CELL_THERAPY)).isBetween(0.13, 0.17);
    assertThat(share(counts, Category.UNRELATED)).isBetween(0.08, 0.12);
  }

  @Test
  void shouldWriteEachCategoryWithItsTellingVocabulary() throws Exception {
    final SyntheticStudies gen = new SyntheticStudies();
    final Map<Category, Set<String>> routes = new EnumMap<>(Category.class);
    for (int i = 0; i < 2_000; i++) {
      final String text = gen.study(i).toLowerCase(Locale.ROOT);
      switch (gen.category(i)) {
        case MSC_EV_THERAPY -> assertThat(text).containsAnyOf("exosomes", "extracellular vesicles", "microvesicles", "nanovesicles")
            .containsAnyOf("mesenchymal", "stem cells", "stromal cells");
        case MSC_SECRETOME_THERAPY -> assertThat(text).containsAnyOf("secretome", "conditioned medium", "lysate")
            .contains("not fractionated into vesicles");
        case OTHER_EV_THERAPY -> assertThat(text).contains("no mesenchymal stem cells");
        case EV_DIAGNOSTIC -> assertThat(text).contains("no vesicle product is given");
        case MSC_CELL_THERAPY -> assertThat(text).contains("live cells");
        default -> assertThat(text).doesNotContain("exosomes derived");
      }
      if (gen.category(i) == Category.MSC_EV_THERAPY) {
        final JsonNode s = MAPPER.readTree(gen.study(i));
        routes.computeIfAbsent(Category.MSC_EV_THERAPY, k -> new HashSet<>())
            .add(s.path("protocolSection").path("armsInterventionsModule").path("interventions").get(0).path("description").asText()
                .replaceAll(".*, by ", ""));
      }
    }
    // Many routes appear among the MSC-EV studies.
    assertThat(routes.get(Category.MSC_EV_THERAPY)).hasSizeGreaterThanOrEqualTo(10);
  }

  @Test
  void shouldWriteStudiesTheIngestParserMapsWithoutFailures() {
    final SyntheticStudies gen = new SyntheticStudies();
    final String page = "{\"studies\":[" + gen.studies(2_000).collect(Collectors.joining(",")) + "]}";
    final var parsed = new CtGovStudyParser().parsePage(page, Instant.now());
    assertThat(parsed.failures()).isEmpty();
    assertThat(parsed.records()).hasSize(2_000);
    for (int i = 0; i < 2_000; i++) {
      final TrialRecord t = parsed.records().get(i);
      assertThat(t.getRegistryId()).isEqualTo(gen.nctId(i));
      assertThat(t.getBriefTitle()).isNotBlank();
      assertThat(t.getConditions()).isNotEmpty();
      assertThat(t.getInterventions()).isNotEmpty();
      assertThat(t.getStatus()).isNotBlank();
      assertThat(t.getLeadSponsor()).isNotBlank();
      assertThat(t.getCountries()).isNotEmpty();
      assertThat(t.getLastUpdatePosted()).isEqualTo(gen.lastUpdatePostDate(i).toString());
    }
  }

  private static double share(final Map<Category, Integer> counts, final Category c) {
    return counts.get(c) / 20_000.0;
  }

  /** Counts bytes and drops them. */
  private static final class CountingStream extends OutputStream {
    long count;

    @Override
    public void write(final int b) {
      count++;
    }

    @Override
    public void write(final byte[] b, final int off, final int len) {
      count += len;
    }
  }

}
