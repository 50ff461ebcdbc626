package io.exowatch.app.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exowatch.ingest.ctgov.CtGovPage;
import io.exowatch.ingest.ctgov.CtGovStudyParser;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulated ClinicalTrials.gov API v2: paging, incremental ranges, single studies, errors. */
class SourceSimulatorCtGovTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int SYNTHETIC = 2_500;
  private static SourceSimulator sim;

  @BeforeAll
  static void start() throws Exception {
    sim = SourceSimulator.builder().bundledSnapshot().syntheticStudies(new SyntheticStudies(7L), SYNTHETIC).start();
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @Test
  void shouldPageThroughEveryStudyExactlyOnceWithPageTokens() throws Exception {
    final long before = sim.requestCount(SourceSimulator.Endpoint.CTGOV_STUDIES);
    final List<String> seen = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      final JsonNode page = json(Http.get(sim.ctgovBaseUrl(), "/studies?format=json&countTotal=true&pageSize=1000"
          + "&query.term=" + Http.q("(exosome OR \"extracellular vesicle\") AND mesenchymal")
          + (token == null ? "" : "&pageToken=" + token)));
      if (pages == 0) {
        assertThat(page.path("totalCount").asInt()).isEqualTo(sim.studyCount());
      } else {
        assertThat(page.has("totalCount")).as("totalCount only on the first page").isFalse();
      }
      page.path("studies").forEach(s -> seen.add(s.path("protocolSection").path("identificationModule").path("nctId").asText()));
      token = page.path("nextPageToken").asText(null);
      pages++;
    } while (token != null);

    assertThat(sim.studyCount()).isEqualTo(OfflineSnapshot.bundled().studies().size() + SYNTHETIC);
    assertThat(seen).hasSize(sim.studyCount()).doesNotHaveDuplicates();
    assertThat(seen).isSortedAccordingTo(String::compareTo);
    assertThat(pages).isEqualTo((sim.studyCount() + 999) / 1000);
    assertThat(sim.requestCount(SourceSimulator.Endpoint.CTGOV_STUDIES) - before).isEqualTo(pages);
  }

  @Test
  void shouldEndPagingWithoutATokenWhenThePageSizeDividesNothingEvenly() throws Exception {
    final SourceSimulator small = SourceSimulator.builder().bundledSnapshot().start();
    try (small) {
      final Set<String> seen = new HashSet<>();
      String token = null;
      int pages = 0;
      do {
        final JsonNode page = json(Http.get(small.ctgovBaseUrl(), "/studies?pageSize=7" + (token == null ? "" : "&pageToken=" + token)));
        assertThat(page.path("studies").size()).isBetween(1, 7);
        page.path("studies").forEach(s -> assertThat(seen.add(id(s))).as("seen once: " + id(s)).isTrue());
        token = page.path("nextPageToken").asText(null);
        pages++;
      } while (token != null);
      assertThat(seen).hasSize(OfflineSnapshot.bundled().studies().size());
      assertThat(pages).isEqualTo((seen.size() + 6) / 7);
    }
  }

  @Test
  void shouldReturnOnlyStudiesUpdatedOnOrAfterTheRangeStart() throws Exception {
    final LocalDate from = LocalDate.of(2024, 6, 1);
    final Set<String> expected = new TreeSet<>();
    for (final String s : OfflineSnapshot.bundled().studies()) {
      final JsonNode n = MAPPER.readTree(s);
      if (!lastUpdate(n).isBefore(from)) {
        expected.add(id(n));
      }
    }
    final SyntheticStudies gen = new SyntheticStudies(7L);
    for (int i = 0; i < SYNTHETIC; i++) {
      if (!gen.lastUpdatePostDate(i).isBefore(from)) {
        expected.add(gen.nctId(i));
      }
    }
    assertThat(expected).isNotEmpty().hasSizeLessThan(sim.studyCount());

    final String term = Http.q("exosome AND AREA[LastUpdatePostDate]RANGE[2024-06-01,MAX]");
    final Set<String> viaTerm = collect("/studies?pageSize=500&query.term=" + term);
    final Set<String> viaFilter = collect("/studies?pageSize=500&filter.advanced=" + Http.q("AREA[LastUpdatePostDate]RANGE[06/01/2024,MAX]"));
    assertThat(viaTerm).isEqualTo(expected);
    assertThat(viaFilter).isEqualTo(expected);
  }

  @Test
  void shouldListOldestUpdatesFirstWhenSortedByLastUpdatePostDate() throws Exception {
    final List<LocalDate> dates = new ArrayList<>();
    String token = null;
    do {
      final JsonNode page = json(Http.get(sim.ctgovBaseUrl(), "/studies?pageSize=400&sort=LastUpdatePostDate:asc"
          + "&query.term=" + Http.q("AREA[LastUpdatePostDate]RANGE[2023-01-01,2023-12-31]") + (token == null ? "" : "&pageToken=" + token)));
      page.path("studies").forEach(s -> dates.add(lastUpdate(s)));
      token = page.path("nextPageToken").asText(null);
    } while (token != null);
    assertThat(dates).isNotEmpty().isSorted().allMatch(d -> d.getYear() == 2023);
  }

  @Test
  void shouldServeStudiesTheIngestParserMapsWithoutFailures() throws Exception {
    final HttpResponse<String> r = Http.get(sim.ctgovBaseUrl(), "/studies?pageSize=1000&countTotal=true");
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    final CtGovPage page = new CtGovStudyParser().parsePage(r.body(), Instant.now());
    assertThat(page.failures()).isEmpty();
    assertThat(page.records()).hasSize(1000);
    assertThat(page.nextPageToken()).isPresent();
    assertThat(page.totalCount()).hasValue(sim.studyCount());
    assertThat(page.records()).allSatisfy(t -> {
      assertThat(t.getRegistryId()).matches("NCT\\d{8}");
      assertThat(t.getBriefTitle()).isNotBlank();
      assertThat(t.getLastUpdatePosted()).isNotBlank();
    });
  }

  @Test
  void shouldServeOneStudyByIdAndAnswer404ForAnUnknownOne() throws Exception {
    final HttpResponse<String> found = Http.get(sim.ctgovBaseUrl(), "/studies/NCT03608631");
    assertThat(found.statusCode()).isEqualTo(200);
    assertThat(id(MAPPER.readTree(found.body()))).isEqualTo("NCT03608631");

    final HttpResponse<String> missing = Http.get(sim.ctgovBaseUrl(), "/studies/NCT00000001");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    assertThat(missing.body()).contains("NCT00000001");

    assertThat(Http.get(sim.ctgovBaseUrl(), "/studies/NCT123").statusCode()).isEqualTo(400);
    assertThat(sim.requestCount("/api/v2/studies/NCT03608631")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void shouldRejectAPageTokenOfAnotherQueryOrAMalformedOneWith400() throws Exception {
    final String token = json(Http.get(sim.ctgovBaseUrl(), "/studies?pageSize=5")).path("nextPageToken").asText();
    final HttpResponse<String> otherQuery = Http.get(sim.ctgovBaseUrl(), "/studies?pageSize=5&pageToken=" + token
        + "&query.term=" + Http.q("AREA[LastUpdatePostDate]RANGE[2020-01-01,MAX]"));
    assertThat(otherQuery.statusCode()).isEqualTo(400);
    assertThat(otherQuery.body()).contains("pageToken").contains("different query");

    final HttpResponse<String> garbage = Http.get(sim.ctgovBaseUrl(), "/studies?pageToken=%25%25notatoken");
    assertThat(garbage.statusCode()).isEqualTo(400);
    assertThat(garbage.body()).contains("Invalid pageToken");

    final HttpResponse<String> badDate = Http.get(sim.ctgovBaseUrl(), "/studies?query.term="
        + Http.q("AREA[LastUpdatePostDate]RANGE[yesterday,MAX]"));
    assertThat(badDate.statusCode()).isEqualTo(400);
    assertThat(badDate.body()).contains("yesterday").contains("query.term");
  }

  @Test
  void shouldCoerceLargePageSizesAndRejectNegativeOnes() throws Exception {
    assertThat(json(Http.get(sim.ctgovBaseUrl(), "/studies?pageSize=5000")).path("studies").size()).isEqualTo(1000);
    assertThat(json(Http.get(sim.ctgovBaseUrl(), "/studies")).path("studies").size()).isEqualTo(10);
    final HttpResponse<String> negative = Http.get(sim.ctgovBaseUrl(), "/studies?pageSize=-1");
    assertThat(negative.statusCode()).isEqualTo(400);
    assertThat(negative.body()).contains("pageSize");
    assertThat(Http.get(sim.ctgovBaseUrl(), "/studies?format=csv").statusCode()).isEqualTo(400);
  }

  @Test
  void shouldShowAnAddedStudyInListingsAndInTheIncrementalRangeOfItsPostingDay() throws Exception {
    final Clock clock = Clock.fixed(Instant.parse("2031-03-04T10:00:00Z"), ZoneOffset.UTC);
    final SourceSimulator live = SourceSimulator.builder().bundledSnapshot().clock(clock).start();
    try (live) {
      final String incremental = "/studies?pageSize=100&query.term=" + Http.q("AREA[LastUpdatePostDate]RANGE[2031-03-04,MAX]");
      assertThat(json(Http.get(live.ctgovBaseUrl(), incremental)).path("studies").size()).isZero();

      final String copy = OfflineSnapshot.bundled().studies().get(0).replace("NCT03608631", "NCT09999999");
      assertThat(live.addStudy(copy)).isEqualTo("NCT09999999");
      live.updateStudy("NCT04276987", s -> s.with("protocolSection").with("statusModule").put("overallStatus", "TERMINATED"));

      final JsonNode page = json(Http.get(live.ctgovBaseUrl(), incremental));
      final List<String> ids = new ArrayList<>();
      page.path("studies").forEach(s -> ids.add(id(s)));
      assertThat(ids).containsExactly("NCT04276987", "NCT09999999");
      assertThat(page.path("studies").get(0).path("protocolSection").path("statusModule").path("overallStatus").asText())
          .isEqualTo("TERMINATED");
      assertThat(lastUpdate(page.path("studies").get(1))).isEqualTo(LocalDate.of(2031, 3, 4));
      assertThat(live.studyCount()).isEqualTo(OfflineSnapshot.bundled().studies().size() + 1);
      assertThatThrownBy(() -> live.addStudy(copy)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already exists");
      assertThatThrownBy(() -> live.updateStudy("NCT00000002", s -> { })).hasMessageContaining("NCT00000002");
    }
  }

  @Test
  void shouldServeAStudyAddedBetweenPagesOnceWhenItSortsAfterThePagesAlreadyServed() throws Exception {
    final SourceSimulator live = SourceSimulator.builder().bundledSnapshot().start();
    try (live) {
      final JsonNode first = json(Http.get(live.ctgovBaseUrl(), "/studies?pageSize=20"));
      live.addStudy(OfflineSnapshot.bundled().studies().get(0).replace("NCT03608631", "NCT09999998"));
      final List<String> seen = new ArrayList<>();
      first.path("studies").forEach(s -> seen.add(id(s)));
      String token = first.path("nextPageToken").asText(null);
      while (token != null) {
        final JsonNode page = json(Http.get(live.ctgovBaseUrl(), "/studies?pageSize=20&pageToken=" + token));
        page.path("studies").forEach(s -> seen.add(id(s)));
        token = page.path("nextPageToken").asText(null);
      }
      assertThat(seen).doesNotHaveDuplicates().contains("NCT09999998").hasSize(live.studyCount());
    }
  }

  private static Set<String> collect(final String firstPath) throws Exception {
    final Set<String> ids = new TreeSet<>();
    String token = null;
    do {
      final JsonNode page = json(Http.get(sim.ctgovBaseUrl(), firstPath + (token == null ? "" : "&pageToken=" + token)));
      page.path("studies").forEach(s -> assertThat(ids.add(id(s))).isTrue());
      token = page.path("nextPageToken").asText(null);
    } while (token != null);
    return ids;
  }

  private static JsonNode json(final HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as("status of %s: %s", r.uri(), r.body()).isEqualTo(200);
    return MAPPER.readTree(r.body());
  }

  private static String id(final JsonNode study) {
    return study.path("protocolSection").path("identificationModule").path("nctId").asText();
  }

  private static LocalDate lastUpdate(final JsonNode study) {
    return LocalDate.parse(study.path("protocolSection").path("statusModule").path("lastUpdatePostDateStruct").path("date").asText());
  }

}
