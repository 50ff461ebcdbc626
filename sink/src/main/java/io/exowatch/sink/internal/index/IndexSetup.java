package io.exowatch.sink.internal.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure each alias exists over a versioned index: an index template {@code <alias>-template}
 * for {@code <alias>-v*} (settings and the mapping from {@code <alias kind>-mappings.json}), and,
 * when the alias is missing, the index {@code <alias>-v<MAPPING_VERSION>} with the alias as its
 * write index.
 *
 * <p>When the alias exists, this build's mapping is put on the index behind it: mapping changes
 * within one {@link #MAPPING_VERSION} only add fields (such as {@code canonicalId} and
 * {@code registrations}), which OpenSearch accepts on an existing index; documents indexed before
 * simply lack the new fields until they are rewritten (see {@link IdentityBackfill}). A change
 * that is not additive needs a new {@code MAPPING_VERSION}: an alias that points elsewhere (an
 * older mapping version) is left alone and logged, and so is a put-mapping it refuses; rebuilding
 * is done by creating the new index and replaying the compacted topics into it.
 */
public final class IndexSetup {

  /** Version of the mappings in this build; part of the index name behind each alias. */
  public static final int MAPPING_VERSION = 1;

  /** Which mapping an alias gets. */
  public enum Kind {
    /** Enriched trials, {@code trials-mappings.json}. */
    TRIALS("trials-mappings.json"),
    /** Enriched articles, {@code articles-mappings.json}. */
    ARTICLES("articles-mappings.json");

    private final String resource;

    Kind(final String resource) {
      this.resource = resource;
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(IndexSetup.class);

  private final OpenSearchHttp http;
  private final int shards;
  private final int replicas;

  /** Setup through {@code http}; new indices get {@code shards} primaries and {@code replicas} replicas. */
  public IndexSetup(final OpenSearchHttp http, final int shards, final int replicas) {
    this.http = http;
    this.shards = shards;
    this.replicas = replicas;
  }

  /** The index behind {@code alias} in this build. */
  public static String indexName(final String alias) {
    return alias + "-v" + MAPPING_VERSION;
  }

  /** The mapping of {@code kind}, as JSON. */
  public static JsonNode mappings(final Kind kind, final com.fasterxml.jackson.databind.ObjectMapper json) {
    try (InputStream in = IndexSetup.class.getResourceAsStream("/io/exowatch/sink/index/" + kind.resource)) {
      if (in == null) {
        throw new IllegalStateException("Mapping resource missing: " + kind.resource);
      }
      return json.readTree(in);
    } catch (final IOException e) {
      throw new IllegalStateException("Cannot read mapping " + kind.resource + ": " + e.getMessage(), e);
    }
  }

  /**
   * Puts the template and creates the index and alias when missing.
   *
   * @throws IOException when OpenSearch cannot be reached or refuses; the message names the URL and status
   */
  public void ensure(final String alias, final Kind kind) throws IOException {
    final ObjectNode template = http.json().createObjectNode();
    template.putArray("index_patterns").add(alias + "-v*");
    template.put("priority", 100);
    final ObjectNode t = template.putObject("template");
    final ObjectNode settings = t.putObject("settings");
    settings.put("number_of_shards", shards);
    settings.put("number_of_replicas", replicas);
    t.set("mappings", mappings(kind, http.json()));
    template.putObject("_meta").put("mapping_version", MAPPING_VERSION).put("owner", "exowatch-sink");
    check(http.sendJson("PUT", "/_index_template/" + alias + "-template", template), "PUT _index_template/" + alias + "-template");

    final OpenSearchHttp.Reply aliasReply = http.send("GET", "/_alias/" + alias, null, null);
    if (aliasReply.status() == 200) {
      final JsonNode body = http.parse(aliasReply);
      final Iterator<String> names = body.fieldNames();
      final String current = names.hasNext() ? names.next() : "";
      final boolean ours = current.equals(indexName(alias));
      if (!ours) {
        LOG.warn("Alias {} points to {}, not {} of this build: rebuild by replaying the topics into {}",
            alias, current, indexName(alias), indexName(alias));
      }
      final OpenSearchHttp.Reply put = http.sendJson("PUT", "/" + alias + "/_mapping", mappings(kind, http.json()));
      if (put.ok()) {
        LOG.debug("Mapping of {} is up to date on {}", kind, current);
      } else if (ours || put.status() >= 500 || put.status() == 429) {
        check(put, "PUT " + alias + "/_mapping");
      } else {
        LOG.warn("Index {} behind alias {} refused this build's mapping ({}): {}", current, alias, put.status(), put.text());
      }
      return;
    }
    if (aliasReply.status() != 404) {
      throw new IOException("GET " + http.url() + "/_alias/" + alias + " answered " + aliasReply.status() + ": " + aliasReply.text());
    }
    final ObjectNode create = http.json().createObjectNode();
    create.putObject("aliases").putObject(alias).put("is_write_index", true);
    final OpenSearchHttp.Reply created = http.sendJson("PUT", "/" + indexName(alias), create);
    if (created.status() == 400 && created.text().contains("resource_already_exists_exception")) {
      // Another sink created it first (or the index exists without the alias): make sure of the alias.
      check(http.sendJson("PUT", "/" + indexName(alias) + "/_alias/" + alias, null), "PUT alias " + alias);
      return;
    }
    check(created, "PUT " + indexName(alias));
    LOG.info("Created index {} behind alias {}", indexName(alias), alias);
  }

  private void check(final OpenSearchHttp.Reply reply, final String what) throws IOException {
    if (!reply.ok()) {
      throw new IOException(what + " on " + http.url() + " answered " + reply.status() + ": " + reply.text());
    }
  }
}
