package io.exowatch.sink.internal.index;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives trial documents indexed by an earlier sink (before cross-registry identity) their
 * {@code canonicalId} (their own id: no record has said otherwise) and {@code registrations} (own
 * id, then {@code sameAs}), exactly as {@link Documents#trial} would.
 *
 * <p>Why: search collapses on {@code canonicalId}, and a collapse puts every document that lacks
 * the field into one group, so old documents would show as one hit. Waiting for enrich to re-emit
 * every trial is not enough (unchanged trials are not re-emitted), and a query-time fallback would
 * need a script. So the sink rewrites them once, at start, before the indexer runs.
 *
 * <p>How, without scripts and without losing a newer record: documents with no {@code canonicalId}
 * are read in {@code id} order ({@code search_after}, {@value #DEFAULT_PAGE} at a time, with their
 * {@code _version}, which is the Kafka offset of the record they hold) and written back whole,
 * plus the two fields, at that same version with {@code version_type=external_gte}. A record
 * indexed meanwhile has a higher version and wins: the rewrite then ends as a version conflict,
 * which is skipped. Once every document has the field, a run costs one search that finds nothing.
 */
public final class IdentityBackfill {

  /** Documents read and rewritten per round trip by default. */
  public static final int DEFAULT_PAGE = 500;

  private static final Logger LOG = LoggerFactory.getLogger(IdentityBackfill.class);

  private final OpenSearchHttp http;
  private final ObjectMapper json;
  private final int page;

  /** A backfill through {@code http}, {@code page} documents per round trip. */
  public IdentityBackfill(final OpenSearchHttp http, final int page) {
    if (page < 1) {
      throw new IllegalArgumentException("page must be at least 1, was " + page);
    }
    this.http = http;
    this.json = http.json();
    this.page = page;
  }

  /** What one run did. */
  public record Outcome(int rewritten, int superseded) {}

  /**
   * Rewrites every trial document behind {@code alias} that lacks {@code canonicalId}, then
   * refreshes the alias when something was written.
   *
   * @throws IOException when OpenSearch cannot be reached or refuses a search, the bulk request, or
   *     one document (the message names the document id, its status and the reason)
   */
  public Outcome run(final String alias) throws IOException {
    int rewritten = 0;
    int superseded = 0;
    String after = null;
    while (true) {
      final JsonNode hits = fetch(alias, after).path("hits").path("hits");
      if (hits.isEmpty()) {
        break;
      }
      final List<String> ids = new ArrayList<>();
      final byte[] bulk = bulk(hits, ids);
      final OpenSearchHttp.Reply reply = http.send("POST", "/_bulk", bulk, "application/x-ndjson");
      if (!reply.ok()) {
        throw new IOException("Backfill of canonicalId: POST _bulk on " + http.url() + " answered " + reply.status() + ": " + reply.text());
      }
      final JsonNode items = http.parse(reply).path("items");
      for (int i = 0; i < items.size(); i++) {
        final JsonNode item = items.get(i).path("index");
        final int status = item.path("status").asInt();
        if (status == 409) {
          superseded++;
        } else if (status >= 200 && status < 300) {
          rewritten++;
        } else {
          throw new IOException("Backfill of canonicalId: document " + ids.get(i) + " in " + alias + " answered " + status
              + ": " + item.path("error"));
        }
      }
      after = hits.get(hits.size() - 1).path("sort").get(0).asText();
      if (hits.size() < page) {
        break;
      }
    }
    if (rewritten > 0) {
      final OpenSearchHttp.Reply refreshed = http.send("POST", "/" + alias + "/_refresh", null, null);
      if (!refreshed.ok()) {
        throw new IOException("POST " + alias + "/_refresh on " + http.url() + " answered " + refreshed.status() + ": " + refreshed.text());
      }
      LOG.info("Gave {} trial documents in {} indexed before cross-registry identity their canonicalId ({} had meanwhile been replaced)",
          rewritten, alias, superseded);
    }
    return new Outcome(rewritten, superseded);
  }

  private JsonNode fetch(final String alias, final String after) throws IOException {
    final ObjectNode body = json.createObjectNode();
    body.put("size", page).put("version", true).put("track_total_hits", false);
    body.putObject("query").putObject("bool").putArray("must_not").addObject().putObject("exists").put("field", "canonicalId");
    body.putArray("sort").addObject().put("id", "asc");
    if (after != null) {
      body.putArray("search_after").add(after);
    }
    final OpenSearchHttp.Reply r = http.sendJson("POST", "/" + alias + "/_search", body);
    if (!r.ok()) {
      throw new IOException("Backfill of canonicalId: search on " + http.url() + "/" + alias + " answered " + r.status() + ": " + r.text());
    }
    return http.parse(r);
  }

  private byte[] bulk(final JsonNode hits, final List<String> ids) throws IOException {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (final JsonNode hit : hits) {
      final ObjectNode src = (ObjectNode) hit.path("_source").deepCopy();
      final String id = src.path("id").asText(hit.path("_id").asText());
      final List<String> sameAs = new ArrayList<>();
      src.path("sameAs").forEach(s -> sameAs.add(s.asText()));
      src.put("canonicalId", Documents.canonicalId(id, null));
      final ArrayNode registrations = src.putArray("registrations");
      Documents.registrations(id, sameAs).forEach(registrations::add);
      ids.add(hit.path("_id").asText());
      try (JsonGenerator g = json.getFactory().createGenerator(out)) {
        g.writeStartObject();
        g.writeObjectFieldStart("index");
        g.writeStringField("_index", hit.path("_index").asText());
        g.writeStringField("_id", hit.path("_id").asText());
        g.writeNumberField("version", hit.path("_version").asLong());
        g.writeStringField("version_type", "external_gte");
        g.writeEndObject();
        g.writeEndObject();
      }
      out.write('\n');
      out.write(json.writeValueAsBytes(src));
      out.write('\n');
    }
    return out.toByteArray();
  }
}
