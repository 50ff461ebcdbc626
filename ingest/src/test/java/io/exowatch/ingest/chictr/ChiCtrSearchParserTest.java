package io.exowatch.ingest.chictr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.exowatch.ingest.parse.ParseException;
import io.exowatch.ingest.testing.Fixtures;
import org.junit.jupiter.api.Test;

/** The search-results parser on the real page in ../shared/fixtures and on ExoWatch's own pages in the same markup. */
class ChiCtrSearchParserTest {

  private final ChiCtrSearchParser parser = new ChiCtrSearchParser();

  /** The real page: 10 results (each id twice: history link and cell), a client-side pager, total 32. */
  @Test
  void shouldListTheRealPagesTenProjectsOnceEachWithTheStatedTotal() throws Exception {
    final ChiCtrSearchPage page = parser.parse(Fixtures.shared("chictr/search-results.html"));
    assertThat(page.total()).isEqualTo(32);
    assertThat(page.failures()).isEmpty();
    assertThat(page.results()).hasSize(ChiCtrSearchParser.RESULTS_PER_PAGE);
    assertThat(page.results()).extracting(ChiCtrSearchPage.Result::projectId).doesNotHaveDuplicates()
        .startsWith("274313", "278703").endsWith("273375");
    assertThat(page.results().get(0)).satisfies(r -> {
      assertThat(r.registrationNumber()).isEqualTo("ChiCTR2500111173");
      assertThat(r.title()).startsWith("一项在已切除或不可切除 KRAS G12C 突变的非小细胞肺癌受试者中").endsWith("SUNRAY-02");
    });
    assertThat(page.results()).extracting(ChiCtrSearchPage.Result::registrationNumber).allMatch(n -> n.startsWith("ChiCTR25"));
  }

  @Test
  void shouldReadAZeroResultPage() throws Exception {
    final ChiCtrSearchPage page = parser.parse(Fixtures.resource("chictr/search-empty.html"));
    assertThat(page.total()).isZero();
    assertThat(page.results()).isEmpty();
    assertThat(page.failures()).isEmpty();
  }

  @Test
  void shouldKeepRowsWithoutNumberReportRowsWithoutLinkAndDropRepeats() throws Exception {
    final ChiCtrSearchPage page = parser.parse(Fixtures.resource("chictr/search-mixed-rows.html"));
    assertThat(page.results()).extracting(ChiCtrSearchPage.Result::projectId, ChiCtrSearchPage.Result::registrationNumber)
        .containsExactly(tuple("198765", "ChiCTR2300071234"),
            tuple("7012", null));
    assertThat(page.failures()).singleElement().satisfies(f -> {
      assertThat(f.key()).isEqualTo("ChiCTR2200061111");
      assertThat(f.reason()).contains("result row 3", "no project link");
      assertThat(f.content()).contains("血浆外泌体miRNA");
    });
    assertThat(page.rows()).isEqualTo(3);
  }

  @Test
  void shouldRefuseAProjectPageAsAnUnknownResultsLayout() {
    assertThatThrownBy(() -> parser.parse(Fixtures.resource("chictr/project-msc-exosome-nct.html")))
        .isInstanceOfSatisfying(ChiCtrParseException.class, e -> {
          assertThat(e.kind()).isEqualTo(ParseException.Kind.UNEXPECTED_CONTENT);
          assertThat(e.getMessage()).contains("unknown layout", "#data-total", "table.table1");
        });
  }

  @Test
  void shouldNameTheFirewallChallengeInsteadOfResults() {
    assertThatThrownBy(() -> parser.parse(Fixtures.resource("chictr/waf-challenge.html")))
        .isInstanceOf(ChiCtrParseException.class).hasMessageContaining("acw_sc__v2", "search results page");
  }

  @Test
  void shouldRefuseATotalThatIsNotANumber() {
    final String html = Fixtures.resource("chictr/search-empty.html").replace(">0</span>", ">many</span>");
    assertThatThrownBy(() -> parser.parse(html)).isInstanceOfSatisfying(ChiCtrParseException.class, e -> {
      assertThat(e.kind()).isEqualTo(ParseException.Kind.MALFORMED);
      assertThat(e.getMessage()).contains("#data-total", "'many'");
    });
  }
}
