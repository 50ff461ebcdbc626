package io.exowatch.app.offline.internal;

import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * The articles of an efetch {@code PubmedArticleSet}, each kept as its original
 * {@code <PubmedArticle>} text (so efetch serves them byte for byte) with the metadata parsed from
 * it. Parsing never loads a DTD or an external entity. Ordered by PMID, newest (highest) first, as
 * esearch lists them. Immutable.
 */
public final class PubMedArchive {

  /** An article: its PMID, its {@code <PubmedArticle>} element text and its metadata. */
  public record Entry(String pmid, String xml, ArticleMeta meta) {
  }

  private static final Pattern ARTICLE = Pattern.compile("<PubmedArticle>.*?</PubmedArticle>", Pattern.DOTALL);

  private final List<Entry> entries;
  private final Map<String, Entry> byPmid;

  private PubMedArchive(final List<Entry> entries) {
    final List<Entry> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparing((Entry e) -> Long.parseLong(e.pmid())).reversed());
    this.entries = List.copyOf(sorted);
    final Map<String, Entry> map = new LinkedHashMap<>();
    sorted.forEach(e -> map.put(e.pmid(), e));
    this.byPmid = Map.copyOf(map);
  }

  /** An archive with no articles. */
  public static PubMedArchive empty() {
    return new PubMedArchive(List.of());
  }

  /**
   * Reads a {@code PubmedArticleSet}.
   *
   * @throws IllegalArgumentException naming the article when one cannot be parsed or has no PMID
   */
  public static PubMedArchive parse(final String articleSetXml) {
    final List<Entry> entries = new ArrayList<>();
    final Matcher m = ARTICLE.matcher(articleSetXml);
    final DocumentBuilder builder = secureBuilder();
    int n = 0;
    while (m.find()) {
      n++;
      final String xml = m.group();
      final Document doc;
      try {
        doc = builder.parse(new InputSource(new StringReader(xml)));
      } catch (final SAXException | IOException e) {
        throw new IllegalArgumentException("PubmedArticle #" + n + " is not well-formed XML: " + e.getMessage(), e);
      }
      final ArticleMeta meta = meta(doc.getDocumentElement());
      if (meta.pmid() == null) {
        throw new IllegalArgumentException("PubmedArticle #" + n + " has no MedlineCitation/PMID");
      }
      entries.add(new Entry(meta.pmid(), xml, meta));
    }
    return new PubMedArchive(entries);
  }

  /** All articles, highest PMID first. */
  public List<Entry> entries() {
    return entries;
  }

  /** The article with {@code pmid}. */
  public Optional<Entry> get(final String pmid) {
    return Optional.ofNullable(byPmid.get(pmid));
  }

  private static ArticleMeta meta(final Element article) {
    final Element citation = child(article, "MedlineCitation");
    final Element art = child(citation, "Article");
    final Element journal = child(art, "Journal");
    final Element issue = child(journal, "JournalIssue");
    String doi = null;
    for (final Element id : children(child(child(article, "PubmedData"), "ArticleIdList"), "ArticleId")) {
      if ("doi".equals(id.getAttribute("IdType"))) {
        doi = id.getTextContent().trim();
      }
    }
    final List<String> authors = new ArrayList<>();
    for (final Element a : children(child(art, "AuthorList"), "Author")) {
      final String last = text(child(a, "LastName"));
      final String fore = text(child(a, "ForeName"));
      if (last != null) {
        authors.add(fore == null ? last : last + ", " + fore);
      }
    }
    final StringBuilder abs = new StringBuilder();
    for (final Element t : children(child(art, "Abstract"), "AbstractText")) {
      if (abs.length() > 0) {
        abs.append(' ');
      }
      final String label = t.getAttribute("Label");
      abs.append(label.isEmpty() ? "" : label + ": ").append(t.getTextContent().trim());
    }
    final List<String> keywords = new ArrayList<>();
    for (final Element k : children(child(citation, "KeywordList"), "Keyword")) {
      keywords.add(k.getTextContent().trim());
    }
    LocalDate entered = null;
    for (final Element d : children(child(child(article, "PubmedData"), "History"), "PubMedPubDate")) {
      if ("entrez".equals(d.getAttribute("PubStatus"))) {
        entered = date(d);
      }
    }
    final Element pagination = child(art, "Pagination");
    final LocalDate published = date(child(issue, "PubDate"));
    return new ArticleMeta(text(child(citation, "PMID")), doi, text(child(art, "ArticleTitle")), text(child(journal, "Title")),
        text(child(issue, "Volume")), text(child(issue, "Issue")), text(child(pagination, "StartPage")),
        published, entered, date(child(citation, "DateRevised")), authors, abs.toString(), keywords);
  }

  /** A {@code Year}/{@code Month}/{@code Day} element as a date; missing parts are the first. */
  private static LocalDate date(final Element e) {
    final String year = text(child(e, "Year"));
    if (year == null) {
      return null;
    }
    final String month = text(child(e, "Month"));
    final String day = text(child(e, "Day"));
    return LocalDate.of(Integer.parseInt(year), month == null ? 1 : month(month),
        day == null ? 1 : Integer.parseInt(day));
  }

  private static int month(final String s) {
    if (s.chars().allMatch(Character::isDigit)) {
      return Integer.parseInt(s);
    }
    for (final Month m : Month.values()) {
      if (m.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).equalsIgnoreCase(s.substring(0, Math.min(3, s.length())))) {
        return m.getValue();
      }
    }
    throw new IllegalArgumentException("Unknown month '" + s + "'");
  }

  private static Element child(final Element parent, final String name) {
    if (parent == null) {
      return null;
    }
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    return null;
  }

  private static List<Element> children(final Element parent, final String name) {
    final List<Element> out = new ArrayList<>();
    if (parent != null) {
      final NodeList nodes = parent.getChildNodes();
      for (int i = 0; i < nodes.getLength(); i++) {
        if (nodes.item(i) instanceof Element e && e.getTagName().equals(name)) {
          out.add(e);
        }
      }
    }
    return out;
  }

  private static String text(final Element e) {
    return e == null ? null : e.getTextContent().trim();
  }

  /** A DOM builder with DTDs, external entities and XInclude off. */
  static DocumentBuilder secureBuilder() {
    try {
      final DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      f.setNamespaceAware(false);
      return f.newDocumentBuilder();
    } catch (final ParserConfigurationException e) {
      throw new IllegalStateException("This JVM's XML parser cannot be configured safely", e);
    }
  }
}
