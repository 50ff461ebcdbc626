package io.exowatch.ingest.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exowatch.ingest.parse.ParseException;
import io.exowatch.ingest.testing.Fixtures;
import io.exowatch.schemas.avro.ArticleRecord;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LandingPageParserTest {

  private static final Instant FETCHED = Instant.parse("2024-05-01T12:00:00Z");

  /** Nature: the full Springer Nature citation_* set plus dc.* and prism.*; citation_* must win. */
  @Test
  void shouldReadTheCitationTagsOfARealNaturePage() throws Exception {
    final ArticleRecord a = LandingPageParser.parse(Fixtures.shared("articles/nature-s41586-021-03819-2.html"),
        "https://www.nature.com/articles/s41586-021-03819-2", null, FETCHED);
    assertThat(a.getId()).isEqualTo("doi:10.1038/s41586-021-03819-2");
    assertThat(a.getSource()).isEqualTo("LANDING_PAGE");
    assertThat(a.getTitle()).isEqualTo("Highly accurate protein structure prediction with AlphaFold");
    assertThat(a.getJournal()).isEqualTo("Nature");
    assertThat(a.getPublicationDate()).isEqualTo("2021-08");
    assertThat(a.getAuthors()).hasSize(34).startsWith("Jumper, John");
    assertThat(a.getAbstractText()).startsWith("Proteins are essential to life");
    assertThat(a.getLanguages()).containsExactly("en");
    assertThat(a.getPublicationTypes()).containsExactly("Article");
    assertThat(a.getSourceUrl()).isEqualTo("https://www.nature.com/articles/s41586-021-03819-2");
    assertThat(a.getSourcePayloadTruncated()).isTrue();
  }

  /** PMC: citation_pmid, a "2012 Nov 26" date, og:* given as name= rather than property=. */
  @Test
  void shouldReadARealPmcPage() throws Exception {
    final ArticleRecord a = LandingPageParser.parse(Fixtures.shared("articles/pmc-PMC3531190.html"),
        "https://pmc.ncbi.nlm.nih.gov/articles/PMC3531190/", null, FETCHED);
    assertThat(a.getId()).isEqualTo("doi:10.1093/nar/gks1195");
    assertThat(a.getPmid()).isEqualTo("23193287");
    assertThat(a.getPmcid()).isEqualTo("PMC3531190");
    assertThat(a.getTitle()).isEqualTo("GenBank");
    assertThat(a.getJournal()).isEqualTo("Nucleic Acids Research");
    assertThat(a.getPublicationDate()).isEqualTo("2012-11-26");
    assertThat(a.getAuthors()).hasSize(7).contains("Dennis A Benson");
    assertThat(a.getAbstractText()).startsWith("GenBank® (http://www.ncbi.nlm.nih.gov) is a comprehensive database");
  }

  @Test
  void shouldFallBackToJsonLdWhenMetaTagsAreMissingAndPreferItToOpenGraph() throws Exception {
    final ArticleRecord a = LandingPageParser.parse(Fixtures.resource("pages/jsonld-only.html"),
        "https://journal.example/articles/42", null, FETCHED);
    assertThat(a.getTitle()).isEqualTo("Intranasal MSC exosomes after ischaemic stroke");
    assertThat(a.getDoi()).isEqualTo("10.5555/exo.2023.042");
    assertThat(a.getId()).isEqualTo("doi:10.5555/exo.2023.042");
    assertThat(a.getAuthors()).containsExactly("Ana Silva", "Kenji Sato");
    assertThat(a.getPublicationDate()).isEqualTo("2023-11-02");
    assertThat(a.getAbstractText()).isEqualTo("Small EVs from bone-marrow MSCs were given intranasally & were safe.");
    assertThat(a.getJournal()).isEqualTo("Journal of EV Medicine");
    assertThat(a.getKeywords()).containsExactly("extracellular vesicles", "stroke");
    assertThat(a.getLanguages()).containsExactly("en");
  }

  @Test
  void shouldTakeTrialIdsFromTheArticleTextButNotFromItsReferenceList() throws Exception {
    final ArticleRecord a = LandingPageParser.parse(Fixtures.resource("pages/jsonld-only.html"),
        "https://journal.example/articles/42", null, FETCHED);
    assertThat(a.getTrialIds()).containsExactly("NCT04493242");
  }

  @Test
  void shouldReadDublinCoreAndPrismStrippingTheDoiPrefix() throws Exception {
    final ArticleRecord a = LandingPageParser.parse(Fixtures.resource("pages/dc-prism.html"),
        "https://wound.example/a/7", null, FETCHED);
    assertThat(a.getTitle()).isEqualTo("Wharton's jelly MSC conditioned medium gel for diabetic foot ulcers");
    assertThat(a.getDoi()).isEqualTo("10.7777/wound.2022.7");
    assertThat(a.getAuthors()).containsExactly("Rahman, Aisha", "Okafor, Chidi");
    assertThat(a.getJournal()).isEqualTo("Wound Repair");
    assertThat(a.getPublicationDate()).isEqualTo("2022-06");
    assertThat(a.getAbstractText()).isEqualTo("A secretome gel (IRCT20190101042122N1) healed ulcers.");
    assertThat(a.getTrialIds()).containsExactly("IRCT20190101042122N1");
  }

  @Test
  void shouldUseTheDoiItWasReachedThroughAndSanitiseHostileText() throws Exception {
    final ArticleRecord a = LandingPageParser.parse(Fixtures.resource("pages/og-only.html"),
        "https://preprints.example/p/1", "10.1101/2024.03.01.000001", FETCHED);
    assertThat(a.getId()).isEqualTo("doi:10.1101/2024.03.01.000001");
    assertThat(a.getTitle()).isEqualTo("Placental MSC-EVs in bronchopulmonary dysplasia");
    assertThat(a.getAbstractText()).isEqualTo("Preterm infants received EVs intratracheally.");
    assertThat(a.getJournal()).isEqualTo("Preprint Server");
    assertThat(a.getPublicationDate()).isEqualTo("2024-03-05");
  }

  @Test
  void shouldRejectAPageWithoutArticleMetadata() {
    assertThatThrownBy(() -> LandingPageParser.parse(Fixtures.resource("pages/not-an-article.html"),
        "https://journal.example/missing", "10.1/x", FETCHED))
        .isInstanceOfSatisfying(ParseException.class, e -> {
          assertThat(e.kind()).isEqualTo(ParseException.Kind.MISSING_FIELD);
          assertThat(e.getMessage()).contains("no title", "https://journal.example/missing");
        });
  }

  @Test
  void shouldRejectAnArticlePageWithNothingToKeyItBy() {
    assertThatThrownBy(() -> LandingPageParser.parse(Fixtures.resource("pages/og-only.html"),
        "https://preprints.example/p/1", null, FETCHED))
        .isInstanceOfSatisfying(ParseException.class, e -> assertThat(e.getMessage()).contains("neither DOI nor PMID"));
  }

  @Test
  void shouldRejectAnEmptyPage() {
    assertThatThrownBy(() -> LandingPageParser.parse("  ", "https://x.example/", null, FETCHED))
        .isInstanceOfSatisfying(ParseException.class, e -> assertThat(e.kind()).isEqualTo(ParseException.Kind.MALFORMED));
  }
}
