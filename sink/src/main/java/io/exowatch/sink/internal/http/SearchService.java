package io.exowatch.sink.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exowatch.common.ids.TrialIds;
import io.exowatch.sink.internal.index.OpenSearchHttp;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the searches behind the API ({@link SearchBodies} writes them) and shapes the answers.
 *
 * <p>Highlights are returned as segments, never HTML: {@code {"title": [["plain ", "match", " plain"]]}}
 * where odd positions are matched text. OpenSearch marks matches with the private-use characters
 * U+E000/U+E001, which are split here.
 */
public final class SearchService {

  /** Marks the start of a highlighted match in OpenSearch's fragments. */
  static final String PRE = SearchBodies.PRE;
  /** Marks the end of a highlighted match. */
  static final String POST = SearchBodies.POST;
  private static final String CANONICAL_ID = SearchBodies.CANONICAL_ID;
  private static final String TRIAL_COUNT = SearchBodies.TRIAL_COUNT;

  private final OpenSearchHttp http;
  private final ObjectMapper json;
  private final SearchBodies bodies;
  private final String trials;
  private final String articles;

  /** Searches over the {@code trials} and {@code articles} aliases. */
  public SearchService(final OpenSearchHttp http, final String trials, final String articles) {
    this.http = http;
    this.json = http.json();
    this.bodies = new SearchBodies(json);
    this.trials = trials;
    this.articles = articles;
  }

  /**
   * {@code /api/trials}: hits with highlights and evidence, totals, and disjunctive facets. Hits and
   * facets are two searches in one {@code _msearch}: the facet search has {@code size: 0}, so
   * OpenSearch's shard request cache answers repeated facet requests (the first page, common
   * filters) until the next refresh that changes the index. The totals come from the facet search
   * too (a filter aggregation with every filter), so the hit search need not count.
   *
   * <p>Collapsed (the default, {@link TrialQuery#collapse()}): one hit per real trial, by OpenSearch
   * {@code collapse} on {@code canonicalId}. The registration representing a trial is its best one
   * by the request's sort (highest score, latest update or start); a third search, after the hits
   * and only when a hit on the page names another registration, fetches every indexed registration
   * of those trials, so each hit lists
   * {@code registrations} ({@code [{"id", "registry", "indexed"}]}, the representative first, then
   * the other indexed ones, then ids named only in its {@code sameAs}). {@code total} and every facet
   * {@code count} are real trials: a {@code cardinality} aggregation on {@code canonicalId} with
   * {@code precision_threshold} {@value SearchBodies#TOTAL_PRECISION} for the total and
   * {@value SearchBodies#TRIAL_COUNT_PRECISION} for facet values, exact in practice below that and approximate
   * (within a few per cent) above it; {@code registrations} next to them counts the
   * documents. A trial registered in two registries counts once in {@code total} and once under each
   * registry in the {@code registry} facet.
   *
   * <p>Not collapsed ({@code collapse=false}): one hit per registration, each listing its trial's
   * {@code registrations} the same way; {@code total} and facet counts are registrations (exact).
   */
  public ObjectNode searchTrials(final TrialQuery q) throws IOException {
    final List<JsonNode> res = msearch(trials, List.of(bodies.trialHits(q), bodies.trialFacets(q)));
    final JsonNode hitsRes = res.get(0);
    final JsonNode aggs = res.get(1).path("aggregations");
    final ObjectNode out = json.createObjectNode();
    final JsonNode matching = aggs.path(SearchBodies.MATCHING);
    out.put("total", q.collapse() ? matching.path(TRIAL_COUNT).path("value").asLong() : matching.path("doc_count").asLong());
    out.put("registrations", matching.path("doc_count").asLong());
    out.put("collapsed", q.collapse());
    final List<JsonNode> page = new ArrayList<>();
    hitsRes.path("hits").path("hits").forEach(page::add);
    final Map<String, List<JsonNode>> groups = registrationsOf(page);
    final ArrayNode hits = out.putArray("hits");
    for (final JsonNode hit : page) {
      final ObjectNode h = hits.addObject();
      final JsonNode src = hit.path("_source");
      for (final String f : SearchBodies.TRIAL_HIT_FIELDS) {
        if (!f.equals("evidence") && !f.equals("registrations") && src.has(f)) {
          h.set(f, src.get(f));
        }
      }
      h.put("canonicalId", canonicalId(src));
      h.set("registrations", registrations(src, groups.getOrDefault(canonicalId(src), List.of())));
      h.set("highlights", highlights(hit.path("highlight")));
      h.set("evidence", evidence(src.path("evidence"), src.path("category").asText(), q.filters()));
    }
    final ObjectNode facets = out.putObject("facets");
    SearchBodies.TRIAL_FACETS.keySet().forEach(name -> facets.set(name, buckets(aggs.path(name).path("values"), q.collapse())));
    return out;
  }

  /**
   * Every indexed registration of the trials of {@code page} that have more than one, by canonical
   * id, in id order: one search on {@code canonicalId}, whatever the request's text and filters (a
   * hit lists all of its trial's registrations, not only the matching ones). Skipped when no hit
   * {@linkplain #namesOtherRegistrations names another registration}: enrich gives every
   * registration of a trial the others in {@code sameAs}, so a hit naming none stands alone, and a
   * page of such hits costs no extra round trip.
   */
  private Map<String, List<JsonNode>> registrationsOf(final List<JsonNode> page) throws IOException {
    final Map<String, List<JsonNode>> groups = new LinkedHashMap<>();
    final Set<String> ids = new LinkedHashSet<>();
    for (final JsonNode hit : page) {
      if (namesOtherRegistrations(hit.path("_source"))) {
        ids.add(canonicalId(hit.path("_source")));
      }
    }
    if (ids.isEmpty()) {
      return groups;
    }
    final JsonNode res = search(trials, bodies.registrations(ids));
    for (final JsonNode hit : res.path("hits").path("hits")) {
      final JsonNode src = hit.path("_source");
      groups.computeIfAbsent(canonicalId(src), k -> new ArrayList<>()).add(src);
    }
    return groups;
  }

  /**
   * A hit's registrations: {@code representative} first, then the other indexed documents of its
   * trial ({@code members}), then ids named only in the representative's {@code registrations}
   * (its own id and {@code sameAs}; ids not indexed here), each {@code {"id", "registry", "indexed"}}. The registry
   * of an id not indexed is read from the id's shape ({@link TrialIds#registryOf}), and left out
   * when the shape is unknown.
   */
  ArrayNode registrations(final JsonNode representative, final List<JsonNode> members) {
    final Map<String, ObjectNode> byId = new LinkedHashMap<>();
    final String own = representative.path("id").asText();
    byId.put(own, registration(own, representative.path("registry").asText(null), true));
    for (final JsonNode m : members) {
      final String id = m.path("id").asText();
      byId.putIfAbsent(id, registration(id, m.path("registry").asText(null), true));
    }
    // Documents indexed before registrations existed still carry sameAs.
    final JsonNode named = representative.has("registrations") ? representative.path("registrations") : representative.path("sameAs");
    for (final JsonNode idNode : named) {
      final String id = idNode.asText();
      if (!byId.containsKey(id)) {
        String registry;
        try {
          registry = TrialIds.registryOf(id);
        } catch (final IllegalArgumentException e) {
          registry = null;
        }
        byId.put(id, registration(id, registry, false));
      }
    }
    final ArrayNode out = json.createArrayNode();
    byId.values().forEach(out::add);
    return out;
  }

  private ObjectNode registration(final String id, final String registry, final boolean indexed) {
    final ObjectNode r = json.createObjectNode();
    r.put("id", id);
    if (registry != null) {
      r.put("registry", registry);
    }
    r.put("indexed", indexed);
    return r;
  }

  /** Whether a document points to another registration: a canonical id not its own, or {@code sameAs} ids. */
  static boolean namesOtherRegistrations(final JsonNode source) {
    return !canonicalId(source).equals(source.path("id").asText()) || source.path("registrations").size() > 1
        || !source.path("sameAs").isEmpty();
  }

  /** A document's canonical id; documents indexed before it existed stand for themselves. */
  static String canonicalId(final JsonNode source) {
    final String c = source.path(CANONICAL_ID).asText("");
    return c.isEmpty() ? source.path("id").asText() : c;
  }

  /**
   * {@code /api/charts/trials}: trials per start year, split by application, MSC source and phase.
   * Collapsed (the default), each count is real trials (cardinality of {@code canonicalId}, as in
   * {@link #searchTrials}); a trial whose registrations give different start years counts in each.
   */
  public ObjectNode trialCharts(final TrialQuery q) throws IOException {
    final JsonNode res = search(trials, bodies.trialCharts(q));
    final ObjectNode out = json.createObjectNode();
    final ArrayNode yearList = out.putArray("years");
    final ObjectNode series = out.putObject("series");
    final JsonNode buckets = res.path("aggregations").path("years").path("buckets");
    for (final String field : SearchBodies.CHART_SERIES) {
      series.putObject(field);
    }
    int i = 0;
    for (final JsonNode year : buckets) {
      yearList.add(year.path("key").asInt());
      for (final String field : SearchBodies.CHART_SERIES) {
        final ObjectNode s = (ObjectNode) series.get(field);
        for (final JsonNode b : year.path(field).path("buckets")) {
          final String key = b.path("key").asText();
          if (!s.has(key)) {
            final ArrayNode zeros = s.putArray(key);
            for (int k = 0; k < buckets.size(); k++) {
              zeros.add(0);
            }
          }
          ((ArrayNode) s.get(key)).set(i, count(b, q.collapse()));
        }
      }
      i++;
    }
    out.put("total", q.collapse() ? res.path("aggregations").path(TRIAL_COUNT).path("value").asLong()
        : res.path("hits").path("total").path("value").asLong());
    out.put("collapsed", q.collapse());
    return out;
  }

  /**
   * {@code /api/trials/{id}}: the whole document (with evidence), its trial's registrations (as in
   * {@link #searchTrials}) and the articles linked to any of them.
   */
  public Optional<ObjectNode> trial(final String id) throws IOException {
    final Optional<ObjectNode> doc = get(trials, id);
    if (doc.isEmpty()) {
      return doc;
    }
    final ObjectNode d = doc.get();
    final List<JsonNode> members = new ArrayList<>();
    search(trials, bodies.registrations(List.of(canonicalId(d)))).path("hits").path("hits")
        .forEach(h -> members.add(h.path("_source")));
    final ArrayNode registrations = registrations(d, members);
    d.put("canonicalId", canonicalId(d));
    d.set("registrations", registrations);
    final Set<String> ids = new LinkedHashSet<>();
    registrations.forEach(r -> ids.add(r.path("id").asText()));
    final Set<String> linked = new LinkedHashSet<>();
    d.path("linkedArticles").forEach(a -> linked.add(a.path("id").asText()));
    d.set("articles", sources(search(articles, bodies.articlesOfTrial(linked, ids))));
    return Optional.of(d);
  }

  /** {@code /api/articles}: hits with highlights and facets by category and study kind. */
  public ObjectNode searchArticles(final String q, final Map<String, List<String>> filters, final int from, final int size)
      throws IOException {
    final JsonNode res = search(articles, bodies.articles(q, filters, from, size));
    final ObjectNode out = json.createObjectNode();
    out.put("total", res.path("hits").path("total").path("value").asLong());
    final ArrayNode hits = out.putArray("hits");
    for (final JsonNode hit : res.path("hits").path("hits")) {
      final ObjectNode h = ((ObjectNode) hit.path("_source")).deepCopy();
      h.set("highlights", highlights(hit.path("highlight")));
      hits.add(h);
    }
    final ObjectNode facets = out.putObject("facets");
    for (final String field : SearchBodies.ARTICLE_FACETS) {
      facets.set(field, buckets(res.path("aggregations").path(field).path("values"), false));
    }
    return out;
  }

  /** {@code /api/articles/{id}}: the whole document and the trials it is linked to. */
  public Optional<ObjectNode> article(final String id) throws IOException {
    final Optional<ObjectNode> doc = get(articles, id);
    if (doc.isEmpty()) {
      return doc;
    }
    final ObjectNode d = doc.get();
    final Set<String> ids = new LinkedHashSet<>();
    for (final String f : SearchBodies.linkingFields()) {
      d.path(f).forEach(t -> ids.add(t.asText()));
    }
    d.set("trials", sources(search(trials, bodies.trialsOfArticle(ids, id))));
    return Optional.of(d);
  }

  /** Whether the search store answers (cluster health not red), for {@code /health}. */
  public boolean storeAnswers() {
    try {
      final OpenSearchHttp.Reply r = http.send("GET", "/_cluster/health?timeout=2s", null, null);
      return r.ok() && !"red".equals(http.parse(r).path("status").asText());
    } catch (final IOException e) {
      return false;
    }
  }

  private Optional<ObjectNode> get(final String index, final String id) throws IOException {
    final OpenSearchHttp.Reply r = http.send("GET", "/" + index + "/_doc/" + URLEncoder.encode(id, StandardCharsets.UTF_8), null, null);
    if (r.status() == 404) {
      return Optional.empty();
    }
    if (!r.ok()) {
      throw new IOException("GET " + index + "/_doc/" + id + " on " + http.url() + " answered " + r.status() + ": " + r.text());
    }
    final ObjectNode src = (ObjectNode) http.parse(r).path("_source");
    src.remove("kafka");
    return Optional.of(src);
  }

  private JsonNode search(final String index, final ObjectNode body) throws IOException {
    final OpenSearchHttp.Reply r = http.sendJson("POST", "/" + index + "/_search", body);
    if (!r.ok()) {
      throw new IOException("Search on " + http.url() + "/" + index + " answered " + r.status() + ": " + r.text());
    }
    return http.parse(r);
  }

  /** Runs {@code bodies} in one {@code _msearch}; any failed search fails the whole call, naming the reason. */
  private List<JsonNode> msearch(final String index, final List<ObjectNode> bodies) throws IOException {
    final java.io.ByteArrayOutputStream nd = new java.io.ByteArrayOutputStream();
    for (final ObjectNode body : bodies) {
      nd.write('{');
      nd.write('}');
      nd.write('\n');
      nd.write(json.writeValueAsBytes(body));
      nd.write('\n');
    }
    final OpenSearchHttp.Reply r = http.send("POST", "/" + index + "/_msearch", nd.toByteArray(), "application/x-ndjson");
    if (!r.ok()) {
      throw new IOException("Search on " + http.url() + "/" + index + " answered " + r.status() + ": " + r.text());
    }
    final List<JsonNode> out = new ArrayList<>();
    for (final JsonNode one : http.parse(r).path("responses")) {
      if (one.has("error")) {
        throw new IOException("Search on " + http.url() + "/" + index + " failed: " + one.path("error"));
      }
      out.add(one);
    }
    if (out.size() != bodies.size()) {
      throw new IOException("Search on " + http.url() + "/" + index + " answered " + out.size() + " of " + bodies.size() + " searches");
    }
    return out;
  }

  /** Splits marked fragments into alternating plain/matched segments. */
  ObjectNode highlights(final JsonNode highlight) {
    final ObjectNode out = json.createObjectNode();
    final Iterator<Map.Entry<String, JsonNode>> fields = highlight.fields();
    while (fields.hasNext()) {
      final Map.Entry<String, JsonNode> e = fields.next();
      final ArrayNode frags = out.putArray(e.getKey());
      for (final JsonNode frag : e.getValue()) {
        frags.add(segments(frag.asText()));
      }
    }
    return out;
  }

  ArrayNode segments(final String fragment) {
    final ArrayNode segs = json.createArrayNode();
    String rest = fragment;
    while (true) {
      final int open = rest.indexOf(PRE);
      if (open < 0) {
        segs.add(rest.replace(POST, ""));
        return segs;
      }
      final int close = rest.indexOf(POST, open);
      segs.add(rest.substring(0, open).replace(POST, ""));
      if (close < 0) {
        segs.add(rest.substring(open + 1));
        segs.add("");
        return segs;
      }
      segs.add(rest.substring(open + 1, close));
      rest = rest.substring(close + 1);
    }
  }

  /** The evidence worth showing with a hit: for the selected filters' values and the category, at most six. */
  private ArrayNode evidence(final JsonNode all, final String category, final Map<String, List<String>> filters) {
    final Set<String> wanted = new LinkedHashSet<>();
    filters.forEach((field, values) -> values.forEach(v -> wanted.add(field + ":" + v)));
    wanted.add("category:" + category);
    final ArrayNode out = json.createArrayNode();
    final List<JsonNode> rest = new ArrayList<>();
    for (final JsonNode e : all) {
      if (wanted.contains(e.path("label").asText())) {
        out.add(e);
      } else {
        rest.add(e);
      }
    }
    for (final JsonNode e : rest) {
      if (out.size() >= 6) {
        break;
      }
      out.add(e);
    }
    while (out.size() > 6) {
      out.remove(out.size() - 1);
    }
    return out;
  }

  /** Facet values with their counts: real trials when {@code collapsed} (and {@code registrations} beside them), else documents. */
  private ArrayNode buckets(final JsonNode terms, final boolean collapsed) {
    final ArrayNode out = json.createArrayNode();
    for (final JsonNode b : terms.path("buckets")) {
      final ObjectNode o = out.addObject().put("value", b.path("key").asText()).put("count", count(b, collapsed));
      if (collapsed) {
        o.put("registrations", b.path("doc_count").asLong());
      }
    }
    return out;
  }

  private static long count(final JsonNode bucket, final boolean collapsed) {
    return collapsed ? bucket.path(TRIAL_COUNT).path("value").asLong() : bucket.path("doc_count").asLong();
  }

  private ArrayNode sources(final JsonNode res) {
    final ArrayNode out = json.createArrayNode();
    res.path("hits").path("hits").forEach(h -> out.add(h.path("_source")));
    return out;
  }
}
