package io.exowatch.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The HTTP side of a running {@code exowatch up}, as a browser or dashboard sees it: the sink's search
 * API and event stream, and the OpenSearch node's own API for counts the search API does not give.
 */
final class ExoWatchApi {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI sink;
  private final URI openSearch;

  ExoWatchApi(final String sinkUrl, final String openSearchUrl) {
    this.sink = URI.create(sinkUrl);
    this.openSearch = URI.create(openSearchUrl);
  }

  /** {@code total} of {@code GET /api/trials?size=1}, or -1 while the API does not answer 200. */
  long trialsTotal() {
    final HttpResponse<String> r = get(sink.resolve("/api/trials?size=1"));
    return r.statusCode() == 200 ? parse(r).path("total").asLong(-1) : -1;
  }

  /**
   * {@code total} of {@code /api/trials?collapse=false}: registrations, an exact count (the collapsed
   * total of real trials is a cardinality, exact in practice only up to some thousands).
   */
  long registrationsTotal() {
    final HttpResponse<String> r = get(sink.resolve("/api/trials?size=1&collapse=false"));
    return r.statusCode() == 200 ? parse(r).path("total").asLong(-1) : -1;
  }

  /** {@code GET /api/trials?q=<text>}; fails naming the status and body unless 200. */
  JsonNode search(final String text) {
    return ok(get(sink.resolve("/api/trials?q=" + URLEncoder.encode(text, StandardCharsets.UTF_8))));
  }

  /** The status of {@code GET <path>} on the sink (e.g. {@code /} for the page, {@code /health}). */
  int status(final String path) {
    return get(sink.resolve(path)).statusCode();
  }

  /** {@code count} of {@code GET /<index>/_count} on OpenSearch; fails unless 200. */
  long openSearchCount(final String index) {
    return ok(get(openSearch.resolve("/" + index + "/_count"))).path("count").asLong();
  }

  /** Ids held by more than one document behind {@code index} (a terms aggregation with min_doc_count 2). */
  JsonNode repeatedIds(final String index) {
    final String body = "{\"size\":0,\"aggs\":{\"repeated\":{\"terms\":{\"field\":\"id\",\"min_doc_count\":2,\"size\":10}}}}";
    final HttpRequest request = HttpRequest.newBuilder(openSearch.resolve("/" + index + "/_search"))
        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    return ok(send(request)).path("aggregations").path("repeated").path("buckets");
  }

  /** Opens {@code GET /api/events} (the default categories: MSC-EV and MSC secretome trials). */
  SseStream events() {
    return SseStream.open(http, sink.resolve("/api/events"));
  }

  private HttpResponse<String> get(final URI uri) {
    return send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build());
  }

  private HttpResponse<String> send(final HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (final IOException e) {
      throw new UncheckedIOException("Request to " + request.uri() + " failed", e);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted during a request to " + request.uri(), e);
    }
  }

  private static JsonNode ok(final HttpResponse<String> r) {
    if (r.statusCode() != 200) {
      throw new AssertionError("GET " + r.uri() + " answered " + r.statusCode() + ": " + r.body());
    }
    return parse(r);
  }

  private static JsonNode parse(final HttpResponse<String> r) {
    try {
      return JSON.readTree(r.body());
    } catch (final IOException e) {
      throw new AssertionError(r.uri() + " answered something other than JSON: " + r.body(), e);
    }
  }
}
