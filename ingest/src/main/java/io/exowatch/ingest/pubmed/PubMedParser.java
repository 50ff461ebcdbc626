package io.exowatch.ingest.pubmed;

import static io.exowatch.ingest.pubmed.Dom.child;
import static io.exowatch.ingest.pubmed.Dom.children;
import static io.exowatch.ingest.pubmed.Dom.path;
import static io.exowatch.ingest.pubmed.Dom.text;

import io.exowatch.common.ids.TrialIds;
import io.exowatch.ingest.parse.ArticleIds;
import io.exowatch.ingest.parse.ArticleRecords;
import io.exowatch.ingest.parse.BodyChecks;
import io.exowatch.ingest.parse.ParseException;
import io.exowatch.ingest.parse.Parsed;
import io.exowatch.ingest.parse.PartialDates;
import io.exowatch.ingest.parse.PlainText;
import io.exowatch.ingest.parse.RecordFailure;
import io.exowatch.ingest.parse.SafeXml;
import io.exowatch.schemas.avro.AbstractSection;
import io.exowatch.schemas.avro.ArticleRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Parses PubMed E-utilities XML: esearch answers and efetch {@code PubmedArticleSet}s. Pure: takes
 * the body, returns values; XML is read through {@link SafeXml} (no DTD, no external entities).
 *
 * <p>From each {@code PubmedArticle}: PMID, title (the vernacular title when the English one is
 * empty), the abstract with its section labels ({@code abstractSections}; {@code abstractText} joins
 * them as {@code "LABEL: text"} lines, empty sections skipped), journal, publication date
 * ({@code ArticleDate} when present, else the issue's {@code PubDate}; a {@code Season} gives the
 * year, a {@code MedlineDate} such as {@code "1998 Dec-1999 Jan"} its first year and month),
 * authors ({@code "LastName Initials"}, or a collective name), DOI (from {@code ArticleIdList}, else a
 * valid {@code ELocationID}), PMCID, MeSH descriptors, keywords, publication types, languages, and
 * trial ids from {@code DataBankList} and from the title and abstract. Key: {@code doi:...} when a
 * DOI is known, else {@code pmid:...}. {@code PubmedBookArticle}s give the same fields where the book
 * record has them.
 */
public final class PubMedParser {

  /** The {@code source} value of the records. */
  public static final String SOURCE = "PUBMED";

  private static final Pattern MEDLINE_DATE = Pattern.compile("^(\\d{4})(?:\\s+([A-Za-z]{3}))?.*");

  private PubMedParser() {
  }

  /**
   * Parses an esearch answer.
   *
   * @throws ParseException when the body is not an {@code eSearchResult}, or it reports an
   *     {@code ERROR}
   */
  public static ESearchResult parseSearch(final String xml) throws ParseException {
    BodyChecks.expectXml(xml);
    final Element root = SafeXml.parse(xml).getDocumentElement();
    if (!root.getTagName().equals("eSearchResult")) {
      throw new ParseException(ParseException.Kind.UNEXPECTED_CONTENT,
          "expected <eSearchResult>, found <" + root.getTagName() + ">");
    }
    final String error = text(child(root, "ERROR"));
    if (error != null) {
      throw new ParseException(ParseException.Kind.SOURCE_ERROR, "esearch reported an error: " + error);
    }
    final String count = text(child(root, "Count"));
    if (count == null || !count.matches("\\d+")) {
      throw new ParseException(ParseException.Kind.MISSING_FIELD, "eSearchResult has no numeric <Count>");
    }
    final List<String> ids = new ArrayList<>();
    for (final Element id : children(child(root, "IdList"), "Id")) {
      ArticleIds.cleanPmid(text(id)).ifPresent(ids::add);
    }
    return new ESearchResult(Long.parseLong(count), intOr(text(child(root, "RetMax")), ids.size()),
        intOr(text(child(root, "RetStart")), 0), text(child(root, "WebEnv")),
        text(child(root, "QueryKey")), ids);
  }

  /**
   * Parses an efetch {@code PubmedArticleSet} into article records. An article that cannot be read
   * (e.g. no PMID) becomes a {@link RecordFailure}; the others still come out.
   *
   * @param xml the response body
   * @param fetchedAt when it was fetched
   * @param sourceUrl where it was fetched (the efetch URL); records point at their PubMed page
   * @throws ParseException when the body as a whole is not a readable {@code PubmedArticleSet}
   */
  public static Parsed<ArticleRecord> parseArticles(final String xml, final Instant fetchedAt,
      final String sourceUrl) throws ParseException {
    BodyChecks.expectXml(xml);
    final Document doc = SafeXml.parse(xml);
    final Element root = doc.getDocumentElement();
    if (root.getTagName().equals("eFetchResult")) {
      throw new ParseException(ParseException.Kind.SOURCE_ERROR,
          "efetch reported an error: " + text(root));
    }
    if (!root.getTagName().equals("PubmedArticleSet")) {
      throw new ParseException(ParseException.Kind.UNEXPECTED_CONTENT,
          "expected <PubmedArticleSet>, found <" + root.getTagName() + ">");
    }
    final List<ArticleRecord> records = new ArrayList<>();
    final List<RecordFailure> failures = new ArrayList<>();
    for (org.w3c.dom.Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (!(n instanceof Element article)) {
        continue;
      }
      final String tag = article.getTagName();
      if (!tag.equals("PubmedArticle") && !tag.equals("PubmedBookArticle")) {
        continue;
      }
      final String pmid = tag.equals("PubmedArticle")
          ? text(path(article, "MedlineCitation", "PMID"))
          : text(path(article, "BookDocument", "PMID"));
      try {
        records.add(tag.equals("PubmedArticle")
            ? article(article, fetchedAt)
            : book(article, fetchedAt));
      } catch (final ParseException | RuntimeException e) {
        failures.add(RecordFailure.of(pmid == null ? null : "pmid:" + pmid, e, SafeXml.toXml(article)));
      }
    }
    return new Parsed<>(records, failures);
  }

  private static ArticleRecord article(final Element pubmedArticle, final Instant fetchedAt)
      throws ParseException {
    final Element citation = child(pubmedArticle, "MedlineCitation");
    final Element article = child(citation, "Article");
    final String pmid = requirePmid(text(child(citation, "PMID")));
    if (article == null) {
      throw new ParseException(ParseException.Kind.MISSING_FIELD, "PubmedArticle " + pmid + " has no <Article>");
    }
    final Element idList = path(pubmedArticle, "PubmedData", "ArticleIdList");
    String doi = articleId(idList, "doi");
    if (doi == null) {
      for (final Element loc : children(article, "ELocationID")) {
        if ("doi".equals(loc.getAttribute("EIdType")) && !"N".equals(loc.getAttribute("ValidYN"))) {
          doi = ArticleIds.cleanDoi(text(loc)).orElse(null);
          break;
        }
      }
    }
    final String title = firstNonNull(PlainText.of(text(child(article, "ArticleTitle"))),
        PlainText.of(text(child(article, "VernacularTitle"))));
    final List<AbstractSection> sections = sections(child(article, "Abstract"));
    final Element journal = child(article, "Journal");
    final List<String> trialIds = new ArrayList<>();
    for (final Element bank : children(child(article, "DataBankList"), "DataBank")) {
      for (final Element acc : children(child(bank, "AccessionNumberList"), "AccessionNumber")) {
        TrialIds.normalize(text(acc)).ifPresent(trialIds::add);
      }
    }
    final ArticleRecord.Builder b = ArticleRecord.newBuilder()
        .setSource(SOURCE)
        .setPmid(pmid)
        .setDoi(doi)
        .setPmcid(articleId(idList, "pmc"))
        .setTitle(title)
        .setAbstractSections(sections)
        .setAbstractText(ArticleRecords.abstractText(sections))
        .setJournal(PlainText.of(text(child(journal, "Title"))))
        .setPublicationDate(firstNonNull(articleDate(article),
            pubDate(path(journal, "JournalIssue", "PubDate"))))
        .setAuthors(authors(child(article, "AuthorList")))
        .setMeshTerms(texts(children(child(citation, "MeshHeadingList"), "MeshHeading"), "DescriptorName"))
        .setKeywords(keywords(citation))
        .setPublicationTypes(texts(List.of(article), "PublicationTypeList", "PublicationType"))
        .setLanguages(languages(children(article, "Language")))
        .setTrialIds(trialIds(trialIds, title, sections))
        .setSourceUrl("https://pubmed.ncbi.nlm.nih.gov/" + pmid + "/");
    b.setId(ArticleIds.key(doi, pmid).orElseThrow());
    return ArticleRecords.complete(b, fetchedAt, SafeXml.toXml(pubmedArticle));
  }

  private static ArticleRecord book(final Element bookArticle, final Instant fetchedAt) throws ParseException {
    final Element doc = child(bookArticle, "BookDocument");
    final String pmid = requirePmid(text(child(doc, "PMID")));
    final Element idList = firstNonNull(path(bookArticle, "PubmedBookData", "ArticleIdList"),
        child(doc, "ArticleIdList"));
    final String doi = articleId(idList, "doi");
    final String title = firstNonNull(PlainText.of(text(child(doc, "ArticleTitle"))),
        PlainText.of(text(path(doc, "Book", "BookTitle"))));
    final List<AbstractSection> sections = sections(child(doc, "Abstract"));
    final ArticleRecord.Builder b = ArticleRecord.newBuilder()
        .setSource(SOURCE)
        .setPmid(pmid)
        .setDoi(doi)
        .setPmcid(articleId(idList, "pmc"))
        .setTitle(title)
        .setAbstractSections(sections)
        .setAbstractText(ArticleRecords.abstractText(sections))
        .setJournal(PlainText.of(text(path(doc, "Book", "BookTitle"))))
        .setPublicationDate(pubDate(path(doc, "Book", "PubDate")))
        .setAuthors(authors(firstNonNull(child(doc, "AuthorList"), path(doc, "Book", "AuthorList"))))
        .setKeywords(texts(children(doc, "KeywordList"), "Keyword"))
        .setPublicationTypes(texts(List.of(doc), "PublicationType"))
        .setLanguages(languages(children(doc, "Language")))
        .setTrialIds(trialIds(List.of(), title, sections))
        .setSourceUrl("https://pubmed.ncbi.nlm.nih.gov/" + pmid + "/");
    b.setId(ArticleIds.key(doi, pmid).orElseThrow());
    return ArticleRecords.complete(b, fetchedAt, SafeXml.toXml(bookArticle));
  }

  private static String requirePmid(final String raw) throws ParseException {
    return ArticleIds.cleanPmid(raw).orElseThrow(() -> new ParseException(ParseException.Kind.MISSING_FIELD,
        "article has no valid <PMID>" + (raw == null ? "" : " (found '" + raw + "')")));
  }

  private static String articleId(final Element idList, final String type) {
    for (final Element id : children(idList, "ArticleId")) {
      if (type.equals(id.getAttribute("IdType"))) {
        final String v = text(id);
        return type.equals("doi") ? ArticleIds.cleanDoi(v).orElse(null)
            : type.equals("pmc") ? ArticleIds.cleanPmcid(v).orElse(null) : v;
      }
    }
    return null;
  }

  private static List<AbstractSection> sections(final Element abstractElement) {
    final List<AbstractSection> out = new ArrayList<>();
    for (final Element t : children(abstractElement, "AbstractText")) {
      final String text = PlainText.of(text(t));
      if (text == null) {
        continue;
      }
      final String label = t.getAttribute("Label").isBlank() ? null : t.getAttribute("Label").strip();
      out.add(AbstractSection.newBuilder().setLabel(label).setText(text).build());
    }
    return out;
  }

  private static String articleDate(final Element article) {
    for (final Element d : children(article, "ArticleDate")) {
      final String iso = PartialDates.of(text(child(d, "Year")), text(child(d, "Month")), text(child(d, "Day")));
      if (iso != null) {
        return iso;
      }
    }
    return null;
  }

  /** A {@code PubDate}: Year/Month/Day, Year/Season (the year), or a free-text MedlineDate. */
  static String pubDate(final Element pubDate) {
    if (pubDate == null) {
      return null;
    }
    final String year = text(child(pubDate, "Year"));
    if (year != null) {
      return PartialDates.of(year, text(child(pubDate, "Month")), text(child(pubDate, "Day")));
    }
    final String medline = text(child(pubDate, "MedlineDate"));
    if (medline != null) {
      final Matcher m = MEDLINE_DATE.matcher(medline);
      if (m.matches()) {
        return PartialDates.of(m.group(1), m.group(2), null);
      }
    }
    return null;
  }

  private static List<String> authors(final Element authorList) {
    final List<String> out = new ArrayList<>();
    for (final Element a : children(authorList, "Author")) {
      final String collective = text(child(a, "CollectiveName"));
      final String last = text(child(a, "LastName"));
      if (last != null) {
        final String initials = firstNonNull(text(child(a, "Initials")), text(child(a, "ForeName")));
        out.add(PlainText.of(initials == null ? last : last + " " + initials));
      } else if (collective != null) {
        out.add(PlainText.of(collective));
      }
    }
    return out;
  }

  private static List<String> keywords(final Element citation) {
    final Set<String> out = new LinkedHashSet<>();
    for (final Element list : children(citation, "KeywordList")) {
      for (final Element k : children(list, "Keyword")) {
        final String t = PlainText.of(text(k));
        if (t != null) {
          out.add(t);
        }
      }
    }
    return List.copyOf(out);
  }

  /** The distinct texts of {@code names}-paths under each parent, e.g. MeshHeading/DescriptorName. */
  private static List<String> texts(final List<Element> parents, final String... names) {
    final Set<String> out = new LinkedHashSet<>();
    for (final Element p : parents) {
      collect(p, names, 0, out);
    }
    return List.copyOf(out);
  }

  private static void collect(final Element e, final String[] names, final int depth, final Set<String> out) {
    if (depth == names.length) {
      final String t = PlainText.of(text(e));
      if (t != null) {
        out.add(t);
      }
      return;
    }
    for (final Element c : children(e, names[depth])) {
      collect(c, names, depth + 1, out);
    }
  }

  private static List<String> languages(final List<Element> languages) {
    final Set<String> out = new LinkedHashSet<>();
    for (final Element l : languages) {
      final String t = text(l);
      if (t != null) {
        out.add(t.toLowerCase(Locale.ROOT));
      }
    }
    return List.copyOf(out);
  }

  private static List<String> trialIds(final List<String> fromDataBanks, final String title,
      final List<AbstractSection> sections) {
    final Set<String> out = new LinkedHashSet<>(fromDataBanks);
    out.addAll(TrialIds.find(title));
    for (final AbstractSection s : sections) {
      out.addAll(TrialIds.find(s.getText()));
    }
    return List.copyOf(out);
  }

  private static int intOr(final String s, final int fallback) {
    return s != null && s.matches("\\d{1,9}") ? Integer.parseInt(s) : fallback;
  }

  @SafeVarargs
  private static <T> T firstNonNull(final T... values) {
    for (final T v : values) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }
}
