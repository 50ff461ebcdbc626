package io.exowatch.ingest.euctr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exowatch.ingest.parse.ParseException;
import io.exowatch.ingest.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Search results pages in the register's layout (the project's own files in src/test/resources/euctr). */
class EuCtrSearchPageParserTest {

  private final EuCtrSearchPageParser parser = new EuCtrSearchPageParser();

  /** Page 1 of 2: two trials, one with two member states; a Next link. */
  @Test
  void shouldListTheTrialsOfAPageWithTheirMemberStatesAndSeeTheNextPage() throws Exception {
    final EuCtrSearchPage page = parser.parse(Fixtures.resource("euctr/search-exosome-page-1.html"));
    assertThat(page.listings()).containsExactly(
        new EuCtrSearchPage.Listing("2021-004567-18", List.of("ES", "DE")),
        new EuCtrSearchPage.Listing("2020-000111-22", List.of("FR")));
    assertThat(page.total()).hasValue(3);
    assertThat(page.hasNextPage()).isTrue();
  }

  /** Page 2 of 2: a Previous link only; the results link of the trial is not a member state. */
  @Test
  void shouldSeeTheLastPage() throws Exception {
    final EuCtrSearchPage page = parser.parse(Fixtures.resource("euctr/search-exosome-page-2.html"));
    assertThat(page.eudractNumbers()).containsExactly("2019-003921-41");
    assertThat(page.listings().get(0).memberStates()).containsExactly("IT");
    assertThat(page.hasNextPage()).isFalse();
  }

  @Test
  void shouldReadASearchWithoutResultsAsAnEmptyLastPage() throws Exception {
    final EuCtrSearchPage page = parser.parse(Fixtures.resource("euctr/search-no-results.html"));
    assertThat(page.listings()).isEmpty();
    assertThat(page.total()).hasValue(0);
    assertThat(page.hasNextPage()).isFalse();
  }

  @Test
  void shouldTakeTheNumberFromTheProtocolLinksWhenTheLabelIsMissing() throws Exception {
    final String html = "<div class=\"outcome grid_12\">1 result(s) found for: x. Displaying page 1 of 1.</div>"
        + "<table class=\"result\"><tr><td><span class=\"label\">Trial protocol:</span>"
        + "<a href=\"/ctr-search/trial/2016-001234-99/3rd\">Outside EU/EEA</a></td></tr></table>";
    assertThat(parser.parse(html).listings()).containsExactly(
        new EuCtrSearchPage.Listing("2016-001234-99", List.of("3rd")));
  }

  @Test
  void shouldSeeANextPageFromTheDisplayingLineAlone() throws Exception {
    final String html = "<div class=\"outcome grid_12\">45 result(s) found for: x. Displaying page 2 of 3.</div>";
    final EuCtrSearchPage page = parser.parse(html);
    assertThat(page.hasNextPage()).isTrue();
    assertThat(page.total()).hasValue(45);
  }

  @Test
  void shouldRefuseAnErrorPageAndAnEmptyBodyNamingWhatWasMissing() {
    assertThatThrownBy(() -> parser.parse("<html><head><title>Error 500</title></head><body><h1>Internal error</h1>"
        + "</body></html>")).isInstanceOfSatisfying(EuCtrParseException.class, e -> {
          assertThat(e.kind()).isEqualTo(ParseException.Kind.UNEXPECTED_CONTENT);
          assertThat(e.getMessage()).contains("not an EU CTR search results page", "div.outcome", "'Error 500'");
        });
    assertThatThrownBy(() -> parser.parse("")).isInstanceOfSatisfying(EuCtrParseException.class,
        e -> assertThat(e.kind()).isEqualTo(ParseException.Kind.MALFORMED));
  }
}
