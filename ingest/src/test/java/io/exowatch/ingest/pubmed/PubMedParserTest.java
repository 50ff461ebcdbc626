package io.exowatch.ingest.pubmed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exowatch.ingest.parse.ParseException;
import io.exowatch.ingest.parse.Parsed;
import io.exowatch.ingest.testing.Fixtures;
import io.exowatch.schemas.avro.AbstractSection;
import io.exowatch.schemas.avro.ArticleRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PubMedParserTest {

  private static final Instant FETCHED = Instant.parse("2024-05-01T12:00:00.123456Z");
  private static final String URL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/efetch.fcgi?db=pubmed";

  // --- our own efetch file: every field, and the edge cases listed at its top ---

  @Test
  void shouldMapAStructuredAbstractKeepingLabelsAndSkippingEmptySections() throws Exception {
    final ArticleRecord a = ownBatch().records().get(0);
    assertThat(a.getAbstractSections()).extracting(AbstractSection::getLabel)
        .containsExactly("BACKGROUND", "RESULTS", "TRIAL REGISTRATION");
    assertThat(a.getAbstractText()).isEqualTo(
        "BACKGROUND: Extracellular vesicles (EVs) from mesenchymal stromal cells are immunomodulatory.\n"
            + "RESULTS: Seven patients received 2.0 × 108 particles by inhalation.\n"
            + "TRIAL REGISTRATION: ChiCTR2000029990; also listed as NCT04276987.");
  }

  @Test
  void shouldReadIdentifiersFromTheArticlesOwnIdListNotFromItsReferences() throws Exception {
    final ArticleRecord a = ownBatch().records().get(0);
    assertThat(a.getId()).isEqualTo("doi:10.1186/s13287-024-00001-x");
    assertThat(a.getDoi()).isEqualTo("10.1186/s13287-024-00001-x");
    assertThat(a.getPmid()).isEqualTo("39000001");
    assertThat(a.getPmcid()).isEqualTo("PMC10900001");
    assertThat(a.getSourceUrl()).isEqualTo("https://pubmed.ncbi.nlm.nih.gov/39000001/");
  }

  @Test
  void shouldMapTitleJournalDateAuthorsMeshKeywordsTypesAndLanguages() throws Exception {
    final ArticleRecord a = ownBatch().records().get(0);
    assertThat(a.getSource()).isEqualTo("PUBMED");
    assertThat(a.getTitle()).isEqualTo(
        "Safety of nebulised umbilical cord MSC-derived exosomes in COVID-19 ARDS: a phase 1 trial.");
    assertThat(a.getJournal()).isEqualTo("Stem cell research & therapy");
    assertThat(a.getPublicationDate()).isEqualTo("2024-01-17");
    assertThat(a.getAuthors()).containsExactly("Zhu YG", "Müller Jürgen");
    assertThat(a.getMeshTerms()).containsExactly("Extracellular Vesicles", "Mesenchymal Stem Cells", "Humans");
    assertThat(a.getKeywords()).containsExactly("Exosome", "ARDS");
    assertThat(a.getPublicationTypes()).containsExactly("Clinical Trial, Phase I", "Journal Article");
    assertThat(a.getLanguages()).containsExactly("eng", "chi");
    assertThat(a.getFetchedAt()).isEqualTo(Instant.parse("2024-05-01T12:00:00.123Z"));
    assertThat(a.getContentHash()).hasSize(64);
    assertThat(a.getSourcePayload()).startsWith("<PubmedArticle>").contains("39000001");
  }

  @Test
  void shouldTakeTrialIdsFromTheDataBankListAndTheTextButNotOtherAccessions() throws Exception {
    final ArticleRecord a = ownBatch().records().get(0);
    assertThat(a.getTrialIds()).containsExactly("NCT04276987", "ChiCTR2000029990");
  }

  @Test
  void shouldHandleALabelLessAbstractMedlineDateVernacularTitleAndElocationDoi() throws Exception {
    final ArticleRecord b = ownBatch().records().get(1);
    assertThat(b.getTitle()).isEqualTo("Sécrétome de cellules stromales adipeuses.");
    assertThat(b.getAbstractSections()).hasSize(1);
    assertThat(b.getAbstractSections().get(0).getLabel()).isNull();
    assertThat(b.getAbstractText()).isEqualTo(
        "Secretome of adipose stromal cells (IRCT20200217046526N2) in knee osteoarthritis.");
    assertThat(b.getPublicationDate()).isEqualTo("1998-12");
    assertThat(b.getDoi()).isEqualTo("10.1016/s1465-3249(98)00002-2");
    assertThat(b.getId()).isEqualTo("doi:10.1016/s1465-3249(98)00002-2");
    assertThat(b.getAuthors()).containsExactly("MSC-EV Consortium");
    assertThat(b.getLanguages()).containsExactly("fre");
    assertThat(b.getTrialIds()).containsExactly("IRCT20200217046526N2");
  }

  @Test
  void shouldTurnAnArticleWithoutPmidIntoAFailureAndKeepTheRest() throws Exception {
    final Parsed<ArticleRecord> p = ownBatch();
    assertThat(p.records()).extracting(ArticleRecord::getPmid).containsExactly("39000001", "39000002", "39000004");
    assertThat(p.failures()).singleElement().satisfies(f -> {
      assertThat(f.key()).isNull();
      assertThat(f.reason()).contains("MISSING_FIELD", "PMID");
      assertThat(f.content()).contains("An article without a PMID.");
    });
  }

  @Test
  void shouldReadABookArticleAndKeyItByPmid() throws Exception {
    final ArticleRecord book = ownBatch().records().get(2);
    assertThat(book.getId()).isEqualTo("pmid:39000004");
    assertThat(book.getTitle()).isEqualTo("Chapter 3: MSC exosomes");
    assertThat(book.getJournal()).isEqualTo("Extracellular Vesicles in Medicine");
    assertThat(book.getPublicationDate()).isEqualTo("2023");
  }

  @Test
  void shouldGiveTheSameHashForTheSameContentFetchedAtAnotherTime() throws Exception {
    final String xml = Fixtures.resource("pubmed/efetch-msc-ev.xml");
    final ArticleRecord first = PubMedParser.parseArticles(xml, FETCHED, URL).records().get(0);
    final ArticleRecord later = PubMedParser.parseArticles(xml, FETCHED.plusSeconds(86_400), URL).records().get(0);
    assertThat(later.getContentHash()).isEqualTo(first.getContentHash());
  }

  // --- safety: DTDs and entities ---

  @Test
  void shouldRefuseAnExternalEntityWithoutReadingTheFile(@TempDir final Path dir) throws Exception {
    final Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET-MARKER", StandardCharsets.UTF_8);
    final String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE PubmedArticleSet [<!ENTITY xxe SYSTEM \""
        + secret.toUri() + "\">]>\n<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID>"
        + "<Article><ArticleTitle>&xxe;</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>";
    assertThatThrownBy(() -> PubMedParser.parseArticles(xml, FETCHED, URL))
        .isInstanceOfSatisfying(ParseException.class, e -> {
          assertThat(e.kind()).isEqualTo(ParseException.Kind.FORBIDDEN_CONSTRUCT);
          assertThat(e.getMessage()).doesNotContain("TOP-SECRET-MARKER");
        });
  }

  @Test
  void shouldRefuseAnEntityExpansionBomb() {
    final StringBuilder dtd = new StringBuilder("<!DOCTYPE PubmedArticleSet [<!ENTITY a0 \"lol\">");
    for (int i = 1; i < 12; i++) {
      dtd.append("<!ENTITY a").append(i).append(" \"").append(("&a" + (i - 1) + ";").repeat(10)).append("\">");
    }
    dtd.append("]>");
    final String xml = "<?xml version=\"1.0\"?>" + dtd + "<PubmedArticleSet><x>&a11;</x></PubmedArticleSet>";
    assertThatThrownBy(() -> PubMedParser.parseArticles(xml, FETCHED, URL)).isInstanceOf(ParseException.class);
  }

  // --- whole-response failures ---

  @Test
  void shouldReportTruncatedXmlAsMalformed() {
    final String xml = Fixtures.resource("pubmed/efetch-msc-ev.xml");
    assertThatThrownBy(() -> PubMedParser.parseArticles(xml.substring(0, xml.length() / 2), FETCHED, URL))
        .isInstanceOfSatisfying(ParseException.class, e -> assertThat(e.kind()).isEqualTo(ParseException.Kind.MALFORMED));
  }

  @Test
  void shouldReportAnHtmlErrorPageAsUnexpectedContentNamingItsTitle() {
    final String html = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";
    assertThatThrownBy(() -> PubMedParser.parseArticles(html, FETCHED, URL))
        .isInstanceOfSatisfying(ParseException.class, e -> {
          assertThat(e.kind()).isEqualTo(ParseException.Kind.UNEXPECTED_CONTENT);
          assertThat(e.getMessage()).contains("502 Bad Gateway", "XML was expected");
        });
  }

  @Test
  void shouldReportAnEfetchErrorDocumentAsSourceError() {
    assertThatThrownBy(() -> PubMedParser.parseArticles(
        "<eFetchResult><ERROR>Empty result - nothing to do</ERROR></eFetchResult>", FETCHED, URL))
        .isInstanceOfSatisfying(ParseException.class, e -> {
          assertThat(e.kind()).isEqualTo(ParseException.Kind.SOURCE_ERROR);
          assertThat(e.getMessage()).contains("Empty result");
        });
  }

  // --- esearch ---

  @Test
  void shouldReadCountWebEnvAndQueryKeyOfAHistorySearch() throws Exception {
    final ESearchResult r = PubMedParser.parseSearch(Fixtures.resource("pubmed/esearch-history.xml"));
    assertThat(r.count()).isEqualTo(5);
    assertThat(r.hasHistory()).isTrue();
    assertThat(r.webEnv()).isEqualTo("MCID_test_webenv");
    assertThat(r.queryKey()).isEqualTo("1");
    assertThat(r.ids()).isEmpty();
  }

  @Test
  void shouldReportAnEsearchErrorElement() {
    assertThatThrownBy(() -> PubMedParser.parseSearch(Fixtures.resource("pubmed/esearch-error.xml")))
        .isInstanceOfSatisfying(ParseException.class, e -> {
          assertThat(e.kind()).isEqualTo(ParseException.Kind.SOURCE_ERROR);
          assertThat(e.getMessage()).contains("unbalanced parentheses");
        });
  }

  // --- real responses from ../shared/fixtures, read in place ---

  /** esearch1.xml: Count 63, 20 ids, no history. */
  @Test
  void shouldReadARealSearchWithoutHistory() throws Exception {
    final ESearchResult r = PubMedParser.parseSearch(Fixtures.shared("pubmed/esearch1.xml"));
    assertThat(r.count()).isEqualTo(63);
    assertThat(r.retMax()).isEqualTo(20);
    assertThat(r.ids()).hasSize(20);
    assertThat(r.hasHistory()).isFalse();
  }

  /** esearch2.xml: usehistory answer with a long QueryTranslation. */
  @Test
  void shouldReadARealSearchWithHistory() throws Exception {
    final ESearchResult r = PubMedParser.parseSearch(Fixtures.shared("pubmed/esearch2.xml"));
    assertThat(r.count()).isEqualTo(42249);
    assertThat(r.ids()).hasSize(100);
    assertThat(r.webEnv()).startsWith("MCID_");
    assertThat(r.queryKey()).isEqualTo("1");
  }

  /** pubmed1.xml: a remote DOCTYPE (must not be fetched), a Season date, no abstract, an unlabelled abstract. */
  @Test
  void shouldReadRealArticlesWithSeasonDatesAndRemoteDoctype() throws Exception {
    final Parsed<ArticleRecord> p = PubMedParser.parseArticles(Fixtures.shared("pubmed/pubmed1.xml"), FETCHED, URL);
    assertThat(p.failures()).isEmpty();
    assertThat(p.records()).extracting(ArticleRecord::getPmid).containsExactly("12091962", "9997");
    final ArticleRecord season = p.records().get(0);
    assertThat(season.getPublicationDate()).isEqualTo("1990");
    assertThat(season.getAbstractText()).isNull();
    assertThat(season.getId()).isEqualTo("pmid:12091962");
    assertThat(season.getPublicationTypes()).contains("Journal Article", "Review");
    final ArticleRecord withDoi = p.records().get(1);
    assertThat(withDoi.getId()).startsWith("doi:10.");
    assertThat(withDoi.getAbstractSections()).singleElement().satisfies(s -> assertThat(s.getLabel()).isNull());
  }

  /** pubmed2.xml: UTF-8 text, several authors, doi/pii ids. */
  @Test
  void shouldReadRealArticlesWithSeveralAuthors() throws Exception {
    final Parsed<ArticleRecord> p = PubMedParser.parseArticles(Fixtures.shared("pubmed/pubmed2.xml"), FETCHED, URL);
    assertThat(p.records()).extracting(ArticleRecord::getPmid).containsExactly("11748933", "11700088");
    assertThat(p.records()).allSatisfy(a -> {
      assertThat(a.getAuthors()).hasSizeGreaterThan(1);
      assertThat(a.getDoi()).startsWith("10.");
      assertThat(a.getAbstractText()).isNotBlank();
    });
  }

  /** 12 labelled sections, one of them (METHODS) empty, a TRIAL REGISTRATION section and a DataBank. */
  @Test
  void shouldReadARealStructuredAbstractWithAnEmptySection() throws Exception {
    final ArticleRecord a = single("pubmed.test_parser.TestPubmedParser.test_bug_abstracttext_without_text.json");
    assertThat(a.getPmid()).isEqualTo("22078490");
    assertThat(a.getAbstractSections()).hasSize(11)
        .extracting(AbstractSection::getLabel).doesNotContain("METHODS").contains("BACKGROUND", "TRIAL REGISTRATION");
    assertThat(a.getAbstractText()).startsWith("BACKGROUND: There is current controversy");
    assertThat(a.getTrialIds()).contains("NCT01194596");
    assertThat(a.getId()).isEqualTo("doi:10.1186/1471-2458-11-859");
  }

  /** Two Language elements (eng, por) and no abstract. */
  @Test
  void shouldKeepEveryLanguageOfARealArticle() throws Exception {
    final ArticleRecord a = single("pubmed.test_parser.TestPubmedParser.test_bug_article_with_multiple_languages_pick_first_one.json");
    assertThat(a.getLanguages()).containsExactly("eng", "por");
    assertThat(a.getAbstractSections()).isEmpty();
    assertThat(a.getPublicationDate()).isEqualTo("2008-12");
  }

  /** One DataBank with two NCT accession numbers. */
  @Test
  void shouldCollectSeveralIdsOfOneRegistry() throws Exception {
    final ArticleRecord a = single("pubmed.test_parser.TestPubmedParser.test_multiple_ids_same_registry_collected.json");
    assertThat(a.getTrialIds()).contains("NCT00289757", "NCT00291876");
  }

  /** Five labelled sections incl. TRIAL REGISTRATION, no VernacularTitle. */
  @Test
  void shouldReadARealArticleWithoutVernacularTitle() throws Exception {
    final ArticleRecord a = single("pubmed.test_parser.TestPubmedParser.test_bug_article_without_vernacular_title.json");
    assertThat(a.getTitle()).isNotBlank();
    assertThat(a.getAbstractSections()).hasSize(5);
  }

  private static ArticleRecord single(final String cassette) throws ParseException {
    final Parsed<ArticleRecord> p = PubMedParser.parseArticles(Fixtures.cassetteBody(cassette), FETCHED, URL);
    assertThat(p.failures()).isEmpty();
    assertThat(p.records()).hasSize(1);
    return p.records().get(0);
  }

  private static Parsed<ArticleRecord> ownBatch() throws ParseException {
    final Parsed<ArticleRecord> p = PubMedParser.parseArticles(Fixtures.resource("pubmed/efetch-msc-ev.xml"), FETCHED, URL);
    assertThat(p.records()).hasSize(3);
    return p;
  }
}
