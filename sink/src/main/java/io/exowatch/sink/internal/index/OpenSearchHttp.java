package io.exowatch.sink.internal.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.apache.hc.core5.http.HttpHost;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.opensearch.generic.Request;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;
import org.opensearch.client.transport.httpclient5.ResponseException;

/**
 * The sink's one connection to OpenSearch: an {@code opensearch-java} client over httpclient5, used
 * through its generic client so request and response bodies are Jackson JSON written once (bulk
 * NDJSON, search bodies) rather than converted through JSON-P. HTTP error statuses are returned,
 * not thrown; callers decide which are transient.
 */
public final class OpenSearchHttp implements AutoCloseable {

  /** An HTTP answer: status and body. */
  public record Reply(int status, byte[] body) {
    /** Whether the status is 2xx. */
    public boolean ok() {
      return status >= 200 && status < 300;
    }

    /** The body as text, for error messages. */
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final URI url;
  private final OpenSearchTransport transport;
  private final OpenSearchGenericClient generic;
  private final ObjectMapper json;

  private OpenSearchHttp(final URI url, final OpenSearchTransport transport, final ObjectMapper json) {
    this.url = url;
    this.transport = transport;
    this.generic = new OpenSearchClient(transport).generic();
    this.json = json;
  }

  /** A client for the OpenSearch node or cluster at {@code url} (http or https, optional path prefix). */
  public static OpenSearchHttp connect(final URI url, final ObjectMapper json) {
    final HttpHost host = new HttpHost(url.getScheme(), url.getHost(), url.getPort() < 0
        ? ("https".equals(url.getScheme()) ? 443 : 80) : url.getPort());
    final ApacheHttpClient5TransportBuilder builder = ApacheHttpClient5TransportBuilder.builder(host);
    if (url.getPath() != null && !url.getPath().isEmpty() && !"/".equals(url.getPath())) {
      builder.setPathPrefix(url.getPath());
    }
    return new OpenSearchHttp(url, builder.build(), json);
  }

  /** The base URL, for messages. */
  public URI url() {
    return url;
  }

  /** The JSON mapper shared by the sink. */
  public ObjectMapper json() {
    return json;
  }

  /** Sends a request with an optional JSON (or NDJSON) body; the status is returned, never thrown. */
  public Reply send(final String method, final String endpoint, final byte[] body, final String contentType)
      throws IOException {
    final Requests.JsonBodyBuilder b = Requests.builder().method(method).endpoint(endpoint);
    if (body != null) {
      b.body(Body.from(body, contentType));
    }
    final Request request = b.build();
    try (Response response = generic.execute(request)) {
      final byte[] bytes = response.getBody().map(Body::bodyAsBytes).orElse(new byte[0]);
      return new Reply(response.getStatus(), bytes);
    } catch (final ResponseException e) {
      // The transport throws on error statuses; its message is "method [..], ..., status line [..]"
      // followed by the body on the next line. Callers want the status and the body.
      final String message = e.getMessage() == null ? "" : e.getMessage();
      final int newline = message.indexOf('\n');
      final String text = newline < 0 ? message : message.substring(newline + 1);
      return new Reply(e.status(), text.getBytes(StandardCharsets.UTF_8));
    } catch (final IOException e) {
      // The transport reports 401 and 403 as plain IOExceptions with these messages: they are
      // answers (configuration problems), not transient I/O failures.
      if ("Forbidden access".equals(e.getMessage())) {
        return new Reply(403, e.getMessage().getBytes(StandardCharsets.UTF_8));
      }
      if ("Unauthorized access".equals(e.getMessage())) {
        return new Reply(401, e.getMessage().getBytes(StandardCharsets.UTF_8));
      }
      throw e;
    } catch (final Exception e) {
      throw new IOException(method + " " + url + endpoint + " failed: " + e.getMessage(), e);
    }
  }

  /** Sends a JSON body built from {@code body} (a Map, JsonNode or any Jackson-serialisable value). */
  public Reply sendJson(final String method, final String endpoint, final Object body) throws IOException {
    return send(method, endpoint, body == null ? null : json.writeValueAsBytes(body), "application/json");
  }

  /** Parses a reply body as JSON. */
  public JsonNode parse(final Reply reply) throws IOException {
    return reply.body().length == 0 ? json.createObjectNode() : json.readTree(reply.body());
  }

  @Override
  public void close() throws IOException {
    try {
      transport.close();
    } catch (final IOException e) {
      throw e;
    } catch (final Exception e) {
      throw new IOException("Closing the OpenSearch client for " + url + " failed: " + e.getMessage(), e);
    }
  }
}
