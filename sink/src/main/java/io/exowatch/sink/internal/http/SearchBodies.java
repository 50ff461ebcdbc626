package io.exowatch.sink.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenSearch request bodies behind the API, and nothing else: no I/O, no answers
 * ({@link SearchService} sends them and shapes what comes back). User text only ever reaches
 * OpenSearch as the {@code query} of a {@code simple_query_string} (which never throws on syntax and
 * cannot address fields or run scripts), written by Jackson.
 *
 * <p>Facets are disjunctive: each facet counts the hits of the query with every <em>other</em>
 * filter applied, so a selected value's alternatives keep their counts; the hits themselves have
 * every filter applied ({@code post_filter}). Collapsed queries count real trials: a
 * {@code cardinality} of {@code canonicalId} named {@value #TRIAL_COUNT} in each bucket.
 */
final class SearchBodies {

  /** Marks the start of a highlighted match in OpenSearch's fragments. */
  static final String PRE = "\uE000";
  /** Marks the end of a highlighted match. */
  static final String POST = "\uE001";
  /**
   * Precision threshold of the real-trial counts of facet and chart buckets: exact in practice
   * below it, approximate (within a few per cent) above.
   */
  static final int TRIAL_COUNT_PRECISION = 3000;
  /**
   * Precision threshold of {@code total}, OpenSearch's maximum: the total of real trials is exact in
   * practice up to 40,000 of them (a page count computed from it must not come out short).
   */
  static final int TOTAL_PRECISION = 40_000;
  /** Field shared by the registrations of one real trial. */
  static final String CANONICAL_ID = "canonicalId";
  /** Name of the real-trial count in a bucket. */
  static final String TRIAL_COUNT = "trials";
  /** Name of the aggregation with every filter applied, which gives the totals. */
  static final String MATCHING = "matching";
  /** The series of {@code /api/charts/trials}, per start year. */
  static final List<String> CHART_SERIES = List.of("applications", "mscSources", "phase");
  /** Facets of {@code /api/articles}. */
  static final List<String> ARTICLE_FACETS = List.of("category", "studyKind");
  /** Facets of {@code /api/trials}: response name → document field. */
  static final Map<String, String> TRIAL_FACETS = new LinkedHashMap<>();
  static {
    TRIAL_FACETS.put("category", "category");
    TRIAL_FACETS.put("applications", "applications");
    TRIAL_FACETS.put("mscSources", "mscSources");
    TRIAL_FACETS.put("routes", "routes");
    TRIAL_FACETS.put("productTypes", "productTypes");
    TRIAL_FACETS.put("phase", "phase");
    TRIAL_FACETS.put("status", "status");
    TRIAL_FACETS.put("registry", "registry");
  }
  /** Fields of a trial hit. */
  static final List<String> TRIAL_HIT_FIELDS = List.of("id", "title", "registry", "category", "confidence",
      "applications", "mscSources", "routes", "productTypes", "phase", "status", "sponsor", "countries", "conditions",
      "startDate", "lastUpdate", "evidence", "cargoDetail", "sameAs", CANONICAL_ID, "registrations");

  /** Registrations fetched per trial on a page (a trial is rarely in more than three registries). */
  private static final int REGISTRATIONS_PER_TRIAL = 10;
  private static final int MAX_REGISTRATIONS = 1000;
  private static final List<String> TRIAL_TEXT_FIELDS = List.of("title^3", "officialTitle^2", "acronym^2", "summary",
      "description", "conditions^2", "keywords", "interventions^2", "interventionDescriptions", "arms", "outcomes",
      "sponsor", "collaborators", "cargoDetail", "evidence.text", "id^5", "secondaryIds^3");
  private static final List<String> ARTICLE_TEXT_FIELDS = List.of("title^3", "abstract", "keywords^2", "meshTerms^2",
      "journal", "authors", "evidence.text", "id^5", "doi^5", "pmid^5", "trialIds^3");
  private static final List<String> ARTICLE_HIT_FIELDS = List.of("id", "title", "journal", "publicationDate",
      "category", "studyKind", "doi", "pmid", "trialIds", "linkedTrialIds", "applications", "mscSources");
  private static final List<String> LINKING_FIELDS = List.of("linkedTrialIds", "trialIds", "mentionedTrialIds");

  private final ObjectMapper json;

  SearchBodies(final ObjectMapper json) {
    this.json = json;
  }

  /** The hit search of {@code /api/trials}: text query, filters as {@code post_filter}, collapse, sort. */
  ObjectNode trialHits(final TrialQuery q) {
    final ObjectNode body = json.createObjectNode();
    // The totals come from the facet search; not counting here lets OpenSearch skip non-competitive hits.
    body.put("from", q.from()).put("size", q.size()).put("track_total_hits", false);
    body.set("query", textQuery(q.q(), TRIAL_TEXT_FIELDS));
    body.set("post_filter", filters(q.filters(), null));
    if (q.collapse()) {
      body.putObject("collapse").put("field", CANONICAL_ID);
    }
    body.putArray("_source").addAll(strings(TRIAL_HIT_FIELDS));
    if (q.q() != null) {
      body.set("highlight", highlight(List.of("title", "summary", "conditions", "interventions", "evidence.text")));
    }
    if (!"relevance".equals(q.sort())) {
      body.putArray("sort").addObject().putObject(q.sort()).put("order", "desc").put("missing", "_last");
    }
    return body;
  }

  /**
   * The facet search of {@code /api/trials}: no hits; {@value #MATCHING} (every filter) for the
   * totals, and one aggregation per facet with every other filter. Collapsed, each count is a
   * cardinality of {@code canonicalId}, and values are ordered by it.
   */
  ObjectNode trialFacets(final TrialQuery q) {
    final ObjectNode body = json.createObjectNode();
    body.put("size", 0).put("track_total_hits", false);
    // Facets need no scores: the text query runs as a filter.
    body.putObject("query").putObject("bool").putArray("filter").add(textQuery(q.q(), TRIAL_TEXT_FIELDS));
    final ObjectNode aggs = body.putObject("aggs");
    final ObjectNode matching = aggs.putObject(MATCHING);
    matching.set("filter", filters(q.filters(), null));
    if (q.collapse()) {
      matching.putObject("aggs").set(TRIAL_COUNT, trialCount(TOTAL_PRECISION));
    }
    TRIAL_FACETS.forEach((name, field) -> {
      final ObjectNode agg = aggs.putObject(name);
      agg.set("filter", filters(q.filters(), field));
      final ObjectNode values = agg.putObject("aggs").putObject("values");
      final ObjectNode terms = values.putObject("terms").put("field", field).put("size", 50);
      if (q.collapse()) {
        final ArrayNode order = terms.putArray("order");
        order.addObject().put(TRIAL_COUNT, "desc");
        order.addObject().put("_key", "asc");
        values.putObject("aggs").set(TRIAL_COUNT, trialCount(TRIAL_COUNT_PRECISION));
      }
    });
    return body;
  }

  /** The search of {@code /api/charts/trials}: per start year, the {@link #CHART_SERIES} values. */
  ObjectNode trialCharts(final TrialQuery q) {
    final ObjectNode body = json.createObjectNode();
    body.put("size", 0).put("track_total_hits", !q.collapse());
    final ObjectNode bool = json.createObjectNode();
    bool.set("must", textQuery(q.q(), TRIAL_TEXT_FIELDS));
    bool.set("filter", filters(q.filters(), null));
    body.putObject("query").set("bool", bool);
    final ObjectNode aggs = body.putObject("aggs");
    if (q.collapse()) {
      aggs.set(TRIAL_COUNT, trialCount(TOTAL_PRECISION));
    }
    final ObjectNode years = aggs.putObject("years");
    years.putObject("terms").put("field", "startYear").put("size", 200).putObject("order").put("_key", "asc");
    final ObjectNode sub = years.putObject("aggs");
    for (final String field : CHART_SERIES) {
      final ObjectNode agg = sub.putObject(field);
      agg.putObject("terms").put("field", field).put("size", 20);
      if (q.collapse()) {
        agg.putObject("aggs").set(TRIAL_COUNT, trialCount(TRIAL_COUNT_PRECISION));
      }
    }
    return body;
  }

  /** The search for every registration of the trials {@code canonicalIds}, in id order. */
  ObjectNode registrations(final Collection<String> canonicalIds) {
    final ObjectNode body = json.createObjectNode();
    body.put("size", Math.min(MAX_REGISTRATIONS, canonicalIds.size() * REGISTRATIONS_PER_TRIAL));
    body.put("track_total_hits", false);
    body.putObject("query").putObject("bool").putArray("filter").addObject()
        .putObject("terms").set(CANONICAL_ID, strings(canonicalIds));
    body.putArray("_source").addAll(strings(List.of("id", "registry", CANONICAL_ID)));
    body.putArray("sort").addObject().put("id", "asc");
    return body;
  }

  /** The articles linked to a trial: by id ({@code linked}), or naming one of its registrations ({@code trialIds}). */
  ObjectNode articlesOfTrial(final Collection<String> linked, final Collection<String> trialIds) {
    final ObjectNode body = json.createObjectNode();
    body.put("size", 100);
    final ArrayNode should = body.putObject("query").putObject("bool").putArray("should");
    if (!linked.isEmpty()) {
      should.addObject().putObject("ids").putArray("values").addAll(strings(linked));
    }
    for (final String f : LINKING_FIELDS) {
      should.addObject().putObject("terms").set(f, strings(trialIds));
    }
    body.putArray("_source").addAll(strings(ARTICLE_HIT_FIELDS));
    body.putArray("sort").addObject().putObject("publicationDate").put("order", "desc").put("missing", "_last");
    return body;
  }

  /** The search of {@code /api/articles}: hits with highlights (or newest first) and the {@link #ARTICLE_FACETS}. */
  ObjectNode articles(final String q, final Map<String, List<String>> filters, final int from, final int size) {
    final ObjectNode body = json.createObjectNode();
    body.put("from", from).put("size", size).put("track_total_hits", true);
    body.set("query", textQuery(q, ARTICLE_TEXT_FIELDS));
    body.set("post_filter", filters(filters, null));
    final ObjectNode aggs = body.putObject("aggs");
    for (final String field : ARTICLE_FACETS) {
      final ObjectNode agg = aggs.putObject(field);
      agg.set("filter", filters(filters, field));
      agg.putObject("aggs").putObject("values").putObject("terms").put("field", field).put("size", 50);
    }
    body.putArray("_source").addAll(strings(ARTICLE_HIT_FIELDS));
    if (q != null) {
      body.set("highlight", highlight(List.of("title", "abstract", "evidence.text")));
    } else {
      body.putArray("sort").addObject().putObject("publicationDate").put("order", "desc").put("missing", "_last");
    }
    return body;
  }

  /** The trials an article is linked to: by id ({@code trialIds}), or listing the article ({@code articleId}). */
  ObjectNode trialsOfArticle(final Collection<String> trialIds, final String articleId) {
    final ObjectNode body = json.createObjectNode();
    body.put("size", 100);
    final ArrayNode should = body.putObject("query").putObject("bool").putArray("should");
    if (!trialIds.isEmpty()) {
      should.addObject().putObject("ids").putArray("values").addAll(strings(trialIds));
    }
    should.addObject().putObject("term").put("linkedArticles.id", articleId);
    body.putArray("_source").addAll(strings(List.of("id", "title", "category", "phase", "status", "registry", "startDate")));
    return body;
  }

  /** The fields of a document that name the trials an article is linked to. */
  static List<String> linkingFields() {
    return LINKING_FIELDS;
  }

  /** Real trials among the documents of a bucket: distinct {@code canonicalId}s, exact up to about {@code precision}. */
  private ObjectNode trialCount(final int precision) {
    final ObjectNode agg = json.createObjectNode();
    agg.putObject("cardinality").put("field", CANONICAL_ID).put("precision_threshold", precision);
    return agg;
  }

  private JsonNode textQuery(final String q, final List<String> fields) {
    final ObjectNode node = json.createObjectNode();
    if (q == null) {
      node.putObject("match_all");
      return node;
    }
    final ObjectNode sqs = node.putObject("simple_query_string");
    sqs.put("query", q);
    sqs.putArray("fields").addAll(strings(fields));
    sqs.put("default_operator", "and");
    sqs.put("lenient", true);
    sqs.put("flags", "AND|OR|NOT|PHRASE|PREFIX|WHITESPACE|ESCAPE|PRECEDENCE");
    return node;
  }

  /** A bool filter of every filter except the one on {@code except} (all when {@code null}). */
  private JsonNode filters(final Map<String, List<String>> filters, final String except) {
    final ObjectNode node = json.createObjectNode();
    final ArrayNode must = node.putObject("bool").putArray("filter");
    filters.forEach((field, values) -> {
      if (!field.equals(except)) {
        must.addObject().putObject("terms").set(field, strings(values));
      }
    });
    return node;
  }

  private JsonNode highlight(final List<String> fields) {
    final ObjectNode h = json.createObjectNode();
    h.putArray("pre_tags").add(PRE);
    h.putArray("post_tags").add(POST);
    final ObjectNode f = h.putObject("fields");
    for (final String field : fields) {
      final ObjectNode spec = f.putObject(field);
      if (field.equals("title")) {
        spec.put("number_of_fragments", 0);
      } else {
        spec.put("fragment_size", 160).put("number_of_fragments", 3);
      }
    }
    return h;
  }

  private ArrayNode strings(final Iterable<String> values) {
    final ArrayNode a = json.createArrayNode();
    values.forEach(a::add);
    return a;
  }
}
