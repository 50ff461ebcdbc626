package io.exowatch.app.offline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulated Europe PMC search: cursorMark paging to its end, result types, date ranges, errors. */
class SourceSimulatorEuropePmcTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String QUERY = Http.q("(TITLE_ABS:\"mesenchymal\") AND (exosome* OR \"extracellular vesicle*\")");
  private static SourceSimulator sim;

  @BeforeAll
  static void start() throws Exception {
    sim = SourceSimulator.builder().bundledSnapshot().start();
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @Test
  void shouldFollowCursorMarksUntilAnEmptyPageRepeatsTheCursor() throws Exception {
    final List<String> ids = new ArrayList<>();
    final List<Integer> sizes = new ArrayList<>();
    String cursor = "*";
    while (true) {
      final JsonNode page = json(Http.get(sim.europePmcBaseUrl(), "/search?format=json&resultType=core&pageSize=5&query="
          + QUERY + "&cursorMark=" + Http.q(cursor)));
      assertThat(page.path("hitCount").asInt()).isEqualTo(18);
      assertThat(page.path("request").path("cursorMark").asText()).isEqualTo(cursor);
      final JsonNode results = page.path("resultList").path("result");
      sizes.add(results.size());
      results.forEach(r -> ids.add(r.path("id").asText()));
      final String next = page.path("nextCursorMark").asText();
      assertThat(page.has("nextPageUrl")).isEqualTo(ids.size() < 18);
      if (results.isEmpty()) {
        assertThat(next).isEqualTo(cursor);
        break;
      }
      assertThat(next).isNotEqualTo(cursor);
      cursor = next;
    }
    assertThat(sizes).containsExactly(5, 5, 5, 3, 0);
    assertThat(ids).hasSize(18).doesNotHaveDuplicates().contains("49000101", "PPR1000201");
  }

  @Test
  void shouldServeFullRecordsForCoreAndFewerFieldsForLiteAndIdList() throws Exception {
    final JsonNode core = first("core");
    assertThat(core.has("abstractText")).isTrue();
    assertThat(core.path("authorList").path("author").isArray()).isTrue();
    final JsonNode lite = first("lite");
    assertThat(lite.has("abstractText")).isFalse();
    assertThat(lite.has("authorString")).isTrue();
    assertThat(lite.path("id").asText()).isEqualTo(core.path("id").asText());
    final JsonNode idList = first("idlist");
    assertThat(idList.has("title")).isFalse();
    assertThat(idList.has("doi")).isTrue();
  }

  @Test
  void shouldReturnOnlyRecordsRevisedInTheUpdateDateRange() throws Exception {
    final JsonNode page = json(Http.get(sim.europePmcBaseUrl(), "/search?format=json&resultType=core&pageSize=100&query="
        + Http.q("exosome AND UPDATE_DATE:[2025-01-01 TO 2025-12-31]")));
    final TreeSet<String> ids = new TreeSet<>();
    page.path("resultList").path("result").forEach(r -> ids.add(r.path("id").asText()));
    // dateOfRevision of the bundled records in 2025.
    assertThat(ids).containsExactly("49000101", "49000106", "49000107", "49000111", "PPR1000201", "PPR1000202");
    assertThat(page.path("hitCount").asInt()).isEqualTo(6);
  }

  @Test
  void shouldAnswerASearchWithoutHitsWithoutANextCursor() throws Exception {
    final JsonNode page = json(Http.get(sim.europePmcBaseUrl(), "/search?format=json&query="
        + Http.q("exosome AND FIRST_PDATE:[2030-01-01 TO *]")));
    assertThat(page.path("hitCount").asInt()).isZero();
    assertThat(page.has("nextCursorMark")).isFalse();
    assertThat(page.path("resultList").path("result").size()).isZero();
  }

  @Test
  void shouldRejectMissingQueryXmlFormatAndBadCursorsWith400() {
    assertThat(Http.get(sim.europePmcBaseUrl(), "/search?format=json").statusCode()).isEqualTo(400);
    final HttpResponse<String> xml = Http.get(sim.europePmcBaseUrl(), "/search?query=exosome");
    assertThat(xml.statusCode()).isEqualTo(400);
    assertThat(xml.body()).contains("format=json");
    assertThat(Http.get(sim.europePmcBaseUrl(), "/search?format=json&query=x&cursorMark=bogus").statusCode()).isEqualTo(400);
    assertThat(Http.get(sim.europePmcBaseUrl(), "/search?format=json&query=x&pageSize=1001").statusCode()).isEqualTo(400);
  }

  private static JsonNode first(final String resultType) throws Exception {
    return json(Http.get(sim.europePmcBaseUrl(), "/search?format=json&pageSize=1&resultType=" + resultType + "&query=" + QUERY))
        .path("resultList").path("result").get(0);
  }

  private static JsonNode json(final HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as("status of %s: %s", r.uri(), r.body()).isEqualTo(200);
    return MAPPER.readTree(r.body());
  }
}
