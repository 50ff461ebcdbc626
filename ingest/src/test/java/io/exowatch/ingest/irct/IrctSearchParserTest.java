package io.exowatch.ingest.irct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exowatch.ingest.parse.ParseException;
import io.exowatch.ingest.testing.Fixtures;
import org.junit.jupiter.api.Test;

/** IRCT's search results pages, on pages written in its layout under {@code src/test/resources/irct}. */
class IrctSearchParserTest {

  @Test
  void shouldReadTheResultLinksTheCountAndTheLastPage() throws Exception {
    final IrctSearchPage page = IrctSearchParser.parse(Fixtures.resource("irct/search-page-1.html"));
    // The header's "/trial/new" link is not a result.
    assertThat(page.trialNumbers()).containsExactly(46789L, 7428L);
    assertThat(page.totalCount()).hasValue(3);
    assertThat(page.lastPage()).hasValue(2);
  }

  @Test
  void shouldReadTheLastPageOfResults() throws Exception {
    final IrctSearchPage page = IrctSearchParser.parse(Fixtures.resource("irct/search-page-2.html"));
    assertThat(page.trialNumbers()).containsExactly(75321L);
    assertThat(page.lastPage()).hasValue(2);
  }

  @Test
  void shouldReadASearchWithoutResultsAsAnEmptyPage() throws Exception {
    final IrctSearchPage page = IrctSearchParser.parse(Fixtures.resource("irct/search-no-results.html"));
    assertThat(page.trialNumbers()).isEmpty();
    assertThat(page.totalCount()).hasValue(0);
    assertThat(page.lastPage()).isEmpty();
  }

  @Test
  void shouldRejectAPageWithoutResultMarkersNamingItsTitle() {
    assertThatThrownBy(() -> IrctSearchParser.parse(Fixtures.resource("irct/error-page.html")))
        .isInstanceOfSatisfying(IrctParseException.class, e -> {
          assertThat(e.kind()).isEqualTo(ParseException.Kind.UNEXPECTED_CONTENT);
          assertThat(e.getMessage()).contains("Service temporarily unavailable", "result-count");
        });
  }

  @Test
  void shouldRejectAnEmptyBody() {
    assertThatThrownBy(() -> IrctSearchParser.parse("  "))
        .isInstanceOfSatisfying(IrctParseException.class, e -> assertThat(e.kind()).isEqualTo(ParseException.Kind.MALFORMED));
  }
}
