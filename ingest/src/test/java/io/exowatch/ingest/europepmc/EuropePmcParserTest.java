package io.exowatch.ingest.europepmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exowatch.ingest.parse.ParseException;
import io.exowatch.ingest.testing.Fixtures;
import io.exowatch.schemas.avro.AbstractSection;
import io.exowatch.schemas.avro.ArticleRecord;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EuropePmcParserTest {

  private static final Instant FETCHED = Instant.parse("2024-05-01T12:00:00Z");

  @Test
  void shouldMapACoreResultWithAStructuredAbstract() throws Exception {
    final ArticleRecord a = EuropePmcParser.parse(Fixtures.resource("europepmc/core-page1.json"), FETCHED).records().get(0);
    assertThat(a.getId()).isEqualTo("doi:10.1186/s13287-024-00001-x");
    assertThat(a.getSource()).isEqualTo("EUROPEPMC");
    assertThat(a.getPmid()).isEqualTo("39000001");
    assertThat(a.getPmcid()).isEqualTo("PMC10900001");
    assertThat(a.getTitle()).isEqualTo("Safety of nebulised MSC-derived exosomes in COVID-19 ARDS.");
    assertThat(a.getJournal()).isEqualTo("Stem cell research & therapy");
    assertThat(a.getPublicationDate()).isEqualTo("2024-01-17");
    assertThat(a.getAuthors()).containsExactly("Zhu YG", "Müller J", "MSC-EV Consortium");
    assertThat(a.getAbstractSections()).extracting(AbstractSection::getLabel)
        .containsExactly("Background", "Methods", "Trial registration");
    assertThat(a.getAbstractText()).isEqualTo("Background: Extracellular vesicles from mesenchymal stromal cells are immunomodulatory.\n"
        + "Methods: Seven patients inhaled 2.0 × 108 particles.\n"
        + "Trial registration: ChiCTR2000029990.");
    assertThat(a.getMeshTerms()).containsExactly("Extracellular Vesicles", "Mesenchymal Stem Cells");
    assertThat(a.getKeywords()).containsExactly("Exosome", "ARDS");
    assertThat(a.getPublicationTypes()).containsExactly("Clinical Trial, Phase I", "Journal Article");
    assertThat(a.getLanguages()).containsExactly("eng");
    assertThat(a.getTrialIds()).containsExactly("ChiCTR2000029990");
    assertThat(a.getSourceUrl()).isEqualTo("https://europepmc.org/article/MED/39000001");
    assertThat(a.getContentHash()).hasSize(64);
  }

  @Test
  void shouldLeaveNoMarkupInAnyText() throws Exception {
    final EuropePmcPage page = EuropePmcParser.parse(Fixtures.resource("europepmc/core-page1.json"), FETCHED);
    assertThat(page.records()).allSatisfy(a -> {
      assertThat(a.getTitle()).doesNotContain("<", ">");
      assertThat(a.getAbstractText()).doesNotContain("<", "alert(1)");
    });
  }

  @Test
  void shouldKeyAResultWithoutDoiByPmidAndFailOneWithNeither() throws Exception {
    final EuropePmcPage page = EuropePmcParser.parse(Fixtures.resource("europepmc/core-page1.json"), FETCHED);
    assertThat(page.records()).extracting(ArticleRecord::getId).containsExactly(
        "doi:10.1186/s13287-024-00001-x", "pmid:39000002");
    assertThat(page.records().get(1).getAbstractSections()).singleElement()
        .satisfies(s -> assertThat(s.getLabel()).isNull());
    assertThat(page.records().get(1).getTrialIds()).containsExactly("IRCT20200217046526N2");
    assertThat(page.failures()).singleElement().satisfies(f -> {
      assertThat(f.reason()).contains("PPR/PPR000003", "neither doi nor pmid");
      assertThat(f.content()).contains("A preprint with neither DOI nor PMID");
    });
    assertThat(page.size()).isEqualTo(3);
  }

  @Test
  void shouldContinueWhileTheCursorMovesAndStopWhenItRepeats() throws Exception {
    final EuropePmcPage first = EuropePmcParser.parse(Fixtures.resource("europepmc/core-page1.json"), FETCHED);
    assertThat(first.nextCursorMark()).isEqualTo("AoIIQ0ExMjM0NQ==");
    assertThat(first.isLast("*")).isFalse();
    assertThat(first.isLast("AoIIQ0ExMjM0NQ==")).isTrue();
  }

  @Test
  void shouldTolerateTheLiteShapeOfAResult() throws Exception {
    final ArticleRecord a = EuropePmcParser.parse(Fixtures.resource("europepmc/core-page2-last.json"), FETCHED).records().get(0);
    assertThat(a.getId()).isEqualTo("doi:10.3389/fimmu.2024.000004");
    assertThat(a.getAuthors()).containsExactly("Lee K", "Park S");
    assertThat(a.getJournal()).isEqualTo("Frontiers in immunology");
    assertThat(a.getPublicationTypes()).containsExactly("research-article", "journal article");
    assertThat(a.getPublicationDate()).isEqualTo("2024-02");
    assertThat(a.getAbstractText()).isNull();
  }

  @Test
  void shouldReportTruncatedJsonAsMalformed() {
    final String json = Fixtures.resource("europepmc/core-page1.json");
    assertThatThrownBy(() -> EuropePmcParser.parse(json.substring(0, 700), FETCHED))
        .isInstanceOfSatisfying(ParseException.class, e -> {
          assertThat(e.kind()).isEqualTo(ParseException.Kind.MALFORMED);
          assertThat(e.getMessage()).contains("truncated");
        });
  }

  @Test
  void shouldReportAnHtmlPageWhereJsonWasExpected() {
    assertThatThrownBy(() -> EuropePmcParser.parse(
        "<html><head><title>Europe PMC is under maintenance</title></head></html>", FETCHED))
        .isInstanceOfSatisfying(ParseException.class, e -> {
          assertThat(e.kind()).isEqualTo(ParseException.Kind.UNEXPECTED_CONTENT);
          assertThat(e.getMessage()).contains("under maintenance", "JSON was expected");
        });
  }

  @Test
  void shouldReportJsonThatIsNotASearchAnswer() {
    assertThatThrownBy(() -> EuropePmcParser.parse("{\"studies\":[]}", FETCHED))
        .isInstanceOfSatisfying(ParseException.class, e -> assertThat(e.kind()).isEqualTo(ParseException.Kind.UNEXPECTED_CONTENT));
    assertThatThrownBy(() -> EuropePmcParser.parse("{\"errCode\":400,\"errMsg\":\"Invalid cursorMark\"}", FETCHED))
        .isInstanceOfSatisfying(ParseException.class, e -> {
          assertThat(e.kind()).isEqualTo(ParseException.Kind.SOURCE_ERROR);
          assertThat(e.getMessage()).contains("Invalid cursorMark");
        });
  }

  /** search-cancer.json: a real lite page, 25 MED results, some without doi, \\uXXXX escapes. */
  @Test
  void shouldReadARealLitePage() throws Exception {
    final EuropePmcPage page = EuropePmcParser.parse(Fixtures.shared("europepmc/search-cancer.json"), FETCHED);
    assertThat(page.hitCount()).isEqualTo(5059039L);
    assertThat(page.size()).isEqualTo(25);
    assertThat(page.failures()).isEmpty();
    assertThat(page.nextCursorMark()).isEqualTo("AoIIP4ZawSg1MzEyODI1MA==");
    assertThat(page.isLast("*")).isFalse();
    assertThat(page.records()).allSatisfy(a -> {
      assertThat(a.getPmid()).isNotNull();
      assertThat(a.getTitle()).isNotBlank();
      assertThat(a.getId()).isEqualTo(a.getDoi() != null ? "doi:" + a.getDoi() : "pmid:" + a.getPmid());
    });
    assertThat(page.records()).filteredOn(a -> a.getDoi() == null).hasSize(1);
    assertThat(page.records().get(0).getAuthors()).containsExactly("Schoenfeld JD", "Haas-Kogan DA", "O'Neill AF");
    assertThat(page.records().get(0).getPublicationDate()).isEqualTo("2025-12-01");
  }

  /** search-no-results.json: hitCount 0, no nextCursorMark, empty results. */
  @Test
  void shouldStopOnARealEmptyAnswer() throws Exception {
    final EuropePmcPage page = EuropePmcParser.parse(Fixtures.shared("europepmc/search-no-results.json"), FETCHED);
    assertThat(page.hitCount()).isZero();
    assertThat(page.records()).isEmpty();
    assertThat(page.isLast("*")).isTrue();
  }
}
