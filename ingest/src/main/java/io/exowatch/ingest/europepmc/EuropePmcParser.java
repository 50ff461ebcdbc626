package io.exowatch.ingest.europepmc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exowatch.common.ids.TrialIds;
import io.exowatch.ingest.parse.ArticleIds;
import io.exowatch.ingest.parse.ArticleRecords;
import io.exowatch.ingest.parse.BodyChecks;
import io.exowatch.ingest.parse.ParseException;
import io.exowatch.ingest.parse.PartialDates;
import io.exowatch.ingest.parse.PlainText;
import io.exowatch.ingest.parse.RecordFailure;
import io.exowatch.schemas.avro.AbstractSection;
import io.exowatch.schemas.avro.ArticleRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;

/**
 * Parses Europe PMC REST {@code search} answers ({@code format=json}) into article records. Pure.
 * Reads {@code resultType=core} (author list, journal info, abstract, MeSH, keywords, publication
 * types, language) and tolerates {@code lite} (author string, journal title, publication type
 * string, no abstract). A structured abstract's {@code <h4>} headings become section labels;
 * all text is made plain. Trial ids come from the title and abstract. Key: {@code doi:...}, else
 * {@code pmid:...}; a result with neither (some preprints) is a {@link RecordFailure}.
 */
public final class EuropePmcParser {

  /** The {@code source} value of the records. */
  public static final String SOURCE = "EUROPEPMC";

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private EuropePmcParser() {
  }

  /**
   * Parses one search answer.
   *
   * @param json the body
   * @param fetchedAt when it was fetched
   * @throws ParseException {@code MALFORMED} for broken or truncated JSON, {@code UNEXPECTED_CONTENT}
   *     for HTML or JSON without {@code resultList.result}, {@code SOURCE_ERROR} for an error answer
   */
  public static EuropePmcPage parse(final String json, final Instant fetchedAt) throws ParseException {
    BodyChecks.expectJson(json);
    final JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (final JsonProcessingException e) {
      throw new ParseException(ParseException.Kind.MALFORMED,
          "broken JSON (truncated?): " + e.getOriginalMessage(), e);
    }
    if (root.has("errCode") || root.has("errMsg")) {
      throw new ParseException(ParseException.Kind.SOURCE_ERROR,
          "Europe PMC reported an error: " + root.path("errCode").asText("") + " " + root.path("errMsg").asText(""));
    }
    final JsonNode results = root.path("resultList").path("result");
    if (!results.isArray()) {
      throw new ParseException(ParseException.Kind.UNEXPECTED_CONTENT,
          "JSON without resultList.result; not a Europe PMC search answer");
    }
    final List<ArticleRecord> records = new ArrayList<>();
    final List<RecordFailure> failures = new ArrayList<>();
    for (final JsonNode r : results) {
      try {
        records.add(article(r, fetchedAt));
      } catch (final ParseException | RuntimeException e) {
        final String key = ArticleIds.key(ArticleIds.cleanDoi(str(r, "doi")).orElse(null),
            ArticleIds.cleanPmid(str(r, "pmid")).orElse(null)).orElse(null);
        failures.add(RecordFailure.of(key, e, r.toString()));
      }
    }
    final String next = str(root, "nextCursorMark");
    return new EuropePmcPage(root.path("hitCount").asLong(records.size() + failures.size()),
        records, failures, next);
  }

  private static ArticleRecord article(final JsonNode r, final Instant fetchedAt) throws ParseException {
    if (!r.isObject()) {
      throw new ParseException(ParseException.Kind.UNEXPECTED_CONTENT, "result is not a JSON object");
    }
    final String doi = ArticleIds.cleanDoi(str(r, "doi")).orElse(null);
    final String pmid = ArticleIds.cleanPmid(str(r, "pmid")).orElse(null);
    final String key = ArticleIds.key(doi, pmid).orElseThrow(() -> new ParseException(
        ParseException.Kind.MISSING_FIELD, "result " + str(r, "source") + "/" + str(r, "id")
            + " has neither doi nor pmid to key it by"));
    final String title = PlainText.of(str(r, "title"));
    final List<AbstractSection> sections = sections(str(r, "abstractText"));
    final Set<String> trialIds = new LinkedHashSet<>(TrialIds.find(title));
    sections.forEach(s -> trialIds.addAll(TrialIds.find(s.getText())));
    final ArticleRecord.Builder b = ArticleRecord.newBuilder()
        .setId(key)
        .setSource(SOURCE)
        .setDoi(doi)
        .setPmid(pmid)
        .setPmcid(ArticleIds.cleanPmcid(str(r, "pmcid")).orElse(null))
        .setTitle(title)
        .setAbstractSections(sections)
        .setAbstractText(ArticleRecords.abstractText(sections))
        .setJournal(PlainText.of(firstNonNull(str(r.path("journalInfo").path("journal"), "title"),
            str(r, "journalTitle"))))
        .setPublicationDate(firstNonNull(PartialDates.normalize(str(r, "firstPublicationDate")),
            PartialDates.normalize(str(r, "pubYear"))))
        .setAuthors(authors(r))
        .setKeywords(strings(r.path("keywordList").path("keyword"), null))
        .setMeshTerms(strings(r.path("meshHeadingList").path("meshHeading"), "descriptorName"))
        .setPublicationTypes(publicationTypes(r))
        .setLanguages(languages(r))
        .setTrialIds(List.copyOf(trialIds))
        .setSourceUrl(sourceUrl(r));
    return ArticleRecords.complete(b, fetchedAt, r.toString());
  }

  /** Sections of an abstract: {@code <h4>} headings label the text after them. */
  static List<AbstractSection> sections(final String abstractHtml) {
    final List<AbstractSection> out = new ArrayList<>();
    if (abstractHtml == null || abstractHtml.isBlank()) {
      return out;
    }
    final Element body = Jsoup.parseBodyFragment(abstractHtml).body();
    if (body.select("h4").isEmpty()) {
      final String text = PlainText.of(abstractHtml);
      if (text != null) {
        out.add(AbstractSection.newBuilder().setLabel(null).setText(text).build());
      }
      return out;
    }
    String label = null;
    StringBuilder html = new StringBuilder();
    for (final Node n : body.childNodes()) {
      if (n instanceof Element e && e.tagName().equals("h4")) {
        add(out, label, html);
        label = PlainText.of(e.text());
        html = new StringBuilder();
      } else {
        html.append(n.outerHtml());
      }
    }
    add(out, label, html);
    return out;
  }

  private static void add(final List<AbstractSection> out, final String label, final StringBuilder html) {
    final String t = PlainText.of(html.toString());
    if (t != null) {
      out.add(AbstractSection.newBuilder().setLabel(label).setText(t).build());
    }
  }

  private static List<String> authors(final JsonNode r) {
    final Set<String> out = new LinkedHashSet<>();
    for (final JsonNode a : r.path("authorList").path("author")) {
      final String name = PlainText.of(firstNonNull(str(a, "fullName"), str(a, "collectiveName")));
      if (name != null) {
        out.add(name);
      }
    }
    if (out.isEmpty() && str(r, "authorString") != null) {
      for (final String part : str(r, "authorString").split(",")) {
        final String name = PlainText.of(part.strip().replaceAll("\\.$", ""));
        if (name != null) {
          out.add(name);
        }
      }
    }
    return List.copyOf(out);
  }

  private static List<String> publicationTypes(final JsonNode r) {
    final List<String> core = strings(r.path("pubTypeList").path("pubType"), null);
    if (!core.isEmpty()) {
      return core;
    }
    final Set<String> out = new LinkedHashSet<>();
    final String lite = str(r, "pubType");
    if (lite != null) {
      for (final String t : lite.split(";")) {
        final String v = PlainText.of(t);
        if (v != null) {
          out.add(v);
        }
      }
    }
    return List.copyOf(out);
  }

  private static List<String> languages(final JsonNode r) {
    final String lang = str(r, "language");
    return lang == null ? List.of() : List.of(lang.toLowerCase(Locale.ROOT));
  }

  private static String sourceUrl(final JsonNode r) {
    final String src = str(r, "source");
    final String id = str(r, "id");
    return src != null && id != null && src.matches("[A-Z]{2,4}") && id.matches("[A-Za-z0-9._-]+")
        ? "https://europepmc.org/article/" + src + "/" + id : null;
  }

  /** Texts of an array of strings, or of one field of an array of objects. */
  private static List<String> strings(final JsonNode array, final String field) {
    final Set<String> out = new LinkedHashSet<>();
    for (final JsonNode n : array) {
      final String v = PlainText.of(field == null ? (n.isValueNode() ? n.asText() : null) : str(n, field));
      if (v != null) {
        out.add(v);
      }
    }
    return List.copyOf(out);
  }

  private static String str(final JsonNode node, final String field) {
    final JsonNode v = node.get(field);
    if (v == null || v.isNull() || !v.isValueNode()) {
      return null;
    }
    final String s = v.asText().strip();
    return s.isEmpty() ? null : s;
  }

  private static String firstNonNull(final String a, final String b) {
    return a != null ? a : b;
  }
}
