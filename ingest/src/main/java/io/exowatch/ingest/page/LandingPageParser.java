package io.exowatch.ingest.page;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exowatch.common.ids.TrialIds;
import io.exowatch.ingest.parse.ArticleIds;
import io.exowatch.ingest.parse.ArticleRecords;
import io.exowatch.ingest.parse.ParseException;
import io.exowatch.ingest.parse.PartialDates;
import io.exowatch.ingest.parse.PlainText;
import io.exowatch.schemas.avro.AbstractSection;
import io.exowatch.schemas.avro.ArticleRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Reads an article's metadata from its publisher landing page. Pure: takes the HTML, returns a
 * record.
 *
 * <p>Each field is taken from the first of these that has it: {@code citation_*} meta tags
 * (Highwire/Google Scholar), then Dublin Core {@code dc.*} / PRISM {@code prism.*} (a {@code doi:}
 * prefix is stripped), then a JSON-LD {@code ScholarlyArticle} (also {@code MedicalScholarlyArticle}
 * or {@code Article}, top level or in {@code @graph}), then Open Graph {@code og:*}. The abstract is
 * {@code citation_abstract}, {@code dc.description}, JSON-LD {@code description}/{@code abstract},
 * {@code og:description}, the plain {@code description} meta, or the page's abstract section. Trial
 * ids come from the title, abstract and article text (reference lists excluded, as they cite other
 * trials). All text is made plain ({@link PlainText}): no markup survives.
 */
public final class LandingPageParser {

  /** The {@code source} value of the records. */
  public static final String SOURCE = "LANDING_PAGE";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> ARTICLE_TYPES = Set.of("scholarlyarticle", "medicalscholarlyarticle", "article");
  private static final Pattern PMCID_IN_URL = Pattern.compile("/(PMC\\d{3,9})(?:/|$)");
  private static final String ABSTRACT_SECTIONS = "section.abstract, div.abstract, #abstract, #Abs1-content, "
      + "section[aria-labelledby=Abs1], [role=doc-abstract], div.abstract-content, section#abstract1";
  private static final String REFERENCE_SECTIONS = "section.references, #references, ol.references, .ref-list, "
      + "section[aria-labelledby=Bib1], [role=doc-bibliography], .c-article-references, nav, header, footer, "
      + "script, style, noscript";

  private LandingPageParser() {
  }

  /**
   * Parses a landing page.
   *
   * @param html the page
   * @param pageUrl the URL that served it (after redirects); relative links resolve against it
   * @param knownDoi the DOI the page was reached through, used when the page names none; may be null
   * @param fetchedAt when it was fetched
   * @throws ParseException {@code MALFORMED} for an empty body; {@code MISSING_FIELD} when the page
   *     has no title in any vocabulary (not an article page) or neither DOI nor PMID to key it by
   */
  public static ArticleRecord parse(final String html, final String pageUrl, final String knownDoi,
      final Instant fetchedAt) throws ParseException {
    if (html == null || html.isBlank()) {
      throw new ParseException(ParseException.Kind.MALFORMED, "empty page " + pageUrl);
    }
    final Document doc = Jsoup.parse(html, pageUrl == null ? "" : pageUrl);
    final Map<String, List<String>> meta = metaTags(doc);
    final JsonNode ld = jsonLdArticle(doc);

    final String title = first(
        () -> one(meta, "citation_title"),
        () -> one(meta, "dc.title"),
        () -> PlainText.of(ldText(ld, "headline", "name")),
        () -> one(meta, "og:title"));
    if (title == null) {
      throw new ParseException(ParseException.Kind.MISSING_FIELD,
          "no title in citation_*, dc.*, JSON-LD or og:* metadata; not an article page: " + pageUrl);
    }
    final String doi = first(
        () -> doiOf(meta.get("citation_doi")),
        () -> doiOf(meta.get("dc.identifier")),
        () -> doiOf(meta.get("prism.doi")),
        () -> doiOf(ld == null ? null : ldDoiCandidates(ld)),
        () -> ArticleIds.cleanDoi(knownDoi).orElse(null));
    final String pmid = ArticleIds.cleanPmid(one(meta, "citation_pmid")).orElse(null);
    final String key = ArticleIds.key(doi, pmid).orElseThrow(() -> new ParseException(
        ParseException.Kind.MISSING_FIELD, "page names neither DOI nor PMID to key it by: " + pageUrl));
    final String abstractText = first(
        () -> one(meta, "citation_abstract"),
        () -> one(meta, "dc.description"),
        () -> PlainText.of(ldText(ld, "description", "abstract")),
        () -> one(meta, "og:description"),
        () -> one(meta, "description"),
        () -> abstractSection(doc));
    final List<AbstractSection> sections = abstractText == null ? List.of()
        : List.of(AbstractSection.newBuilder().setLabel(null).setText(abstractText).build());

    final ArticleRecord.Builder b = ArticleRecord.newBuilder()
        .setId(key)
        .setSource(SOURCE)
        .setDoi(doi)
        .setPmid(pmid)
        .setPmcid(pmcidOf(pageUrl, one(meta, "og:url")))
        .setTitle(title)
        .setAbstractSections(sections)
        .setAbstractText(ArticleRecords.abstractText(sections))
        .setJournal(first(
            () -> one(meta, "citation_journal_title"),
            () -> one(meta, "prism.publicationname"),
            () -> PlainText.of(ldJournal(ld)),
            () -> one(meta, "og:site_name")))
        .setPublicationDate(first(
            () -> date(meta, "citation_publication_date"),
            () -> date(meta, "citation_date"),
            () -> date(meta, "citation_online_date"),
            () -> date(meta, "dc.date"),
            () -> date(meta, "prism.publicationdate"),
            () -> PartialDates.normalize(ldText(ld, "datePublished")),
            () -> date(meta, "article:published_time")))
        .setAuthors(authors(meta, ld))
        .setKeywords(keywords(meta, ld))
        .setPublicationTypes(all(meta, "citation_article_type"))
        .setLanguages(languages(meta, ld, doc))
        .setTrialIds(trialIds(title, abstractText, doc))
        .setSourceUrl(pageUrl);
    return ArticleRecords.complete(b, fetchedAt, html);
  }

  /** Meta tags by lower-case {@code name} or {@code property}, values plain, in page order. */
  private static Map<String, List<String>> metaTags(final Document doc) {
    final Map<String, List<String>> meta = new LinkedHashMap<>();
    for (final Element m : doc.select("meta[content]")) {
      final String name = !m.attr("name").isBlank() ? m.attr("name") : m.attr("property");
      final String value = PlainText.of(m.attr("content"));
      if (!name.isBlank() && value != null) {
        meta.computeIfAbsent(name.strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
      }
    }
    return meta;
  }

  /** The first JSON-LD object whose {@code @type} is an article type, searching arrays and {@code @graph}. */
  private static JsonNode jsonLdArticle(final Document doc) {
    for (final Element script : doc.select("script[type=application/ld+json]")) {
      try {
        final JsonNode found = findArticle(MAPPER.readTree(script.data()));
        if (found != null) {
          return found;
        }
      } catch (final java.io.IOException | RuntimeException e) {
        // Broken JSON-LD is common; the other vocabularies still serve.
      }
    }
    return null;
  }

  private static JsonNode findArticle(final JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isArray()) {
      for (final JsonNode n : node) {
        final JsonNode f = findArticle(n);
        if (f != null) {
          return f;
        }
      }
      return null;
    }
    if (!node.isObject()) {
      return null;
    }
    final JsonNode type = node.get("@type");
    if (type != null) {
      for (final JsonNode t : type.isArray() ? type : MAPPER.createArrayNode().add(type)) {
        if (ARTICLE_TYPES.contains(t.asText().toLowerCase(Locale.ROOT))) {
          return node;
        }
      }
    }
    final JsonNode main = findArticle(node.get("mainEntity"));
    return main != null ? main : findArticle(node.get("@graph"));
  }

  private static String ldText(final JsonNode ld, final String... fields) {
    if (ld == null) {
      return null;
    }
    for (final String f : fields) {
      final JsonNode v = ld.get(f);
      if (v != null && v.isValueNode() && !v.asText().isBlank()) {
        return v.asText();
      }
    }
    return null;
  }

  private static List<String> ldDoiCandidates(final JsonNode ld) {
    final List<String> out = new ArrayList<>();
    for (final String f : List.of("doi", "identifier", "sameAs", "@id", "url")) {
      collectStrings(ld.get(f), out);
    }
    return out;
  }

  private static void collectStrings(final JsonNode n, final List<String> out) {
    if (n == null) {
      return;
    }
    if (n.isValueNode()) {
      out.add(n.asText());
    } else if (n.isArray()) {
      n.forEach(x -> collectStrings(x, out));
    } else if (n.isObject()) {
      collectStrings(n.get("value"), out);
      collectStrings(n.get("@id"), out);
    }
  }

  private static String ldJournal(final JsonNode ld) {
    JsonNode part = ld == null ? null : ld.get("isPartOf");
    for (int depth = 0; part != null && depth < 4; depth++) {
      if (part.isArray()) {
        part = part.size() > 0 ? part.get(0) : null;
        continue;
      }
      final JsonNode type = part.get("@type");
      if (type != null && type.asText().toLowerCase(Locale.ROOT).contains("periodical") && part.hasNonNull("name")) {
        return part.get("name").asText();
      }
      if (part.hasNonNull("isPartOf")) {
        part = part.get("isPartOf");
      } else {
        return part.hasNonNull("name") ? part.get("name").asText() : null;
      }
    }
    return null;
  }

  private static List<String> authors(final Map<String, List<String>> meta, final JsonNode ld) {
    List<String> out = all(meta, "citation_author");
    if (out.isEmpty()) {
      out = all(meta, "dc.creator");
    }
    if (out.isEmpty() && ld != null) {
      final Set<String> names = new LinkedHashSet<>();
      final JsonNode authors = ld.get("author");
      for (final JsonNode a : authors == null ? MAPPER.createArrayNode()
          : authors.isArray() ? authors : MAPPER.createArrayNode().add(authors)) {
        final String name = PlainText.of(a.isObject() ? a.path("name").asText(null) : a.asText(null));
        if (name != null) {
          names.add(name);
        }
      }
      out = List.copyOf(names);
    }
    return out;
  }

  private static List<String> keywords(final Map<String, List<String>> meta, final JsonNode ld) {
    final Set<String> out = new LinkedHashSet<>();
    for (final String k : List.of("citation_keywords", "dc.subject", "keywords")) {
      for (final String v : meta.getOrDefault(k, List.of())) {
        splitInto(v, out);
      }
      if (!out.isEmpty()) {
        return List.copyOf(out);
      }
    }
    final JsonNode kw = ld == null ? null : ld.get("keywords");
    if (kw != null && kw.isArray()) {
      kw.forEach(k -> splitInto(k.asText(), out));
    } else if (kw != null && kw.isValueNode()) {
      splitInto(kw.asText(), out);
    }
    return List.copyOf(out);
  }

  private static void splitInto(final String value, final Set<String> out) {
    for (final String part : value.split("[;,]")) {
      final String p = PlainText.of(part);
      if (p != null) {
        out.add(p);
      }
    }
  }

  private static List<String> languages(final Map<String, List<String>> meta, final JsonNode ld, final Document doc) {
    final String lang = first(
        () -> one(meta, "citation_language"),
        () -> one(meta, "dc.language"),
        () -> PlainText.of(ldText(ld, "inLanguage")),
        () -> PlainText.of(doc.selectFirst("html") == null ? null : doc.selectFirst("html").attr("lang")));
    return lang == null ? List.of() : List.of(lang.toLowerCase(Locale.ROOT));
  }

  private static String abstractSection(final Document doc) {
    final Element section = doc.selectFirst(ABSTRACT_SECTIONS);
    if (section != null) {
      return PlainText.of(section.text().replaceFirst("(?i)^abstract\\s*", ""));
    }
    for (final Element h : doc.select("h2, h3")) {
      if (h.text().strip().equalsIgnoreCase("abstract")) {
        final StringBuilder sb = new StringBuilder();
        for (Element sib = h.nextElementSibling(); sib != null && !sib.tagName().matches("h[1-3]"); sib = sib.nextElementSibling()) {
          sb.append(sib.text()).append(' ');
        }
        return PlainText.of(sb.toString());
      }
    }
    return null;
  }

  private static List<String> trialIds(final String title, final String abstractText, final Document doc) {
    final Set<String> out = new LinkedHashSet<>(TrialIds.find(title));
    out.addAll(TrialIds.find(abstractText));
    final Document body = doc.clone();
    body.select(REFERENCE_SECTIONS).remove();
    out.addAll(TrialIds.find(body.body() == null ? "" : body.body().text()));
    return List.copyOf(out);
  }

  private static String pmcidOf(final String pageUrl, final String ogUrl) {
    for (final String u : new String[] {pageUrl, ogUrl}) {
      if (u != null && (u.contains("ncbi.nlm.nih.gov") || u.contains("europepmc.org"))) {
        final Matcher m = PMCID_IN_URL.matcher(u);
        if (m.find()) {
          return m.group(1);
        }
      }
    }
    return null;
  }

  private static String doiOf(final List<String> candidates) {
    if (candidates == null) {
      return null;
    }
    for (final String c : candidates) {
      final Optional<String> doi = ArticleIds.cleanDoi(c);
      if (doi.isPresent()) {
        return doi.get();
      }
    }
    return null;
  }

  private static String date(final Map<String, List<String>> meta, final String name) {
    return PartialDates.normalize(one(meta, name));
  }

  private static String one(final Map<String, List<String>> meta, final String name) {
    final List<String> v = meta.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  private static List<String> all(final Map<String, List<String>> meta, final String name) {
    return List.copyOf(new LinkedHashSet<>(meta.getOrDefault(name, List.of())));
  }

  @SafeVarargs
  private static String first(final java.util.function.Supplier<String>... candidates) {
    for (final java.util.function.Supplier<String> c : candidates) {
      final String v = c.get();
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }
}
