package io.exowatch.app.offline.internal;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Request and response plumbing shared by the simulator's handlers: bounded query strings and
 * bodies, and responses that always close the exchange.
 */
public final class Exchanges {

  /** The most bytes of a refused request body read and discarded. */
  private static final long DRAIN_LIMIT = 16L * 1024 * 1024;

  /** Content type of plain-text errors. */
  public static final String TEXT = "text/plain; charset=utf-8";
  /** Content type of JSON bodies. */
  public static final String JSON = "application/json";
  /** Content type of XML bodies (E-utilities answer {@code text/xml}). */
  public static final String XML = "text/xml; charset=UTF-8";
  /** Content type of HTML pages. */
  public static final String HTML = "text/html; charset=utf-8";
  /** The longest query string accepted; longer ones get 414. */
  public static final int MAX_QUERY_CHARS = 32 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(Exchanges.class);

  private Exchanges() {
  }

  /** What a handler does with one request; it may throw {@link SimulatedFailure}. */
  @FunctionalInterface
  public interface Route {
    /** Answers the request. */
    void serve(HttpExchange exchange) throws IOException;
  }

  /**
   * Runs {@code route}, turning a {@link SimulatedFailure} into its response and anything else into
   * a 500 naming the exception; the exchange is always closed.
   */
  public static void handle(final HttpExchange exchange, final Route route) {
    try (exchange) {
      try {
        route.serve(exchange);
      } catch (final SimulatedFailure f) {
        sendQuietly(exchange, f.status(), f.contentType(), f.bodyBytes());
      } catch (final IOException e) {
        // The client went away mid-response: nothing left to tell it.
        LOG.debug("I/O error answering {}: {}", exchange.getRequestURI(), e.toString());
      } catch (final RuntimeException e) {
        LOG.warn("Source simulator failed on {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
        sendQuietly(exchange, 500, TEXT, ("Internal error in the source simulator: " + e).getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  /** Fails with 405 unless the request uses {@code method}. */
  public static void requireMethod(final HttpExchange exchange, final String method) {
    if (!exchange.getRequestMethod().equalsIgnoreCase(method)) {
      exchange.getResponseHeaders().set("Allow", method);
      throw SimulatedFailure.text(405, "Method " + exchange.getRequestMethod() + " is not allowed on "
          + exchange.getRequestURI().getPath() + "; use " + method);
    }
  }

  /**
   * The decoded query parameters, in order; a name may repeat. Fails with 414 when the raw query is
   * longer than {@value #MAX_QUERY_CHARS} characters and 400 when it is not valid percent-encoding.
   */
  public static Map<String, List<String>> query(final HttpExchange exchange) {
    final String raw = exchange.getRequestURI().getRawQuery();
    final Map<String, List<String>> params = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    if (raw.length() > MAX_QUERY_CHARS) {
      throw SimulatedFailure.text(414, "Query string of " + raw.length() + " characters exceeds the limit of "
          + MAX_QUERY_CHARS);
    }
    for (final String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      final int eq = pair.indexOf('=');
      final String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      final String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return params;
  }

  /** The first value of {@code name}, or {@code null}. */
  public static String first(final Map<String, List<String>> params, final String name) {
    final List<String> values = params.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The first value of the parameter named {@code name} in any letter case, or {@code null}. */
  public static String firstIgnoringCase(final Map<String, List<String>> params, final String name) {
    for (final Map.Entry<String, List<String>> e : params.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
        return e.getValue().get(0);
      }
    }
    return null;
  }

  /**
   * The integer parameter {@code name}, or {@code defaultValue} when absent or blank.
   *
   * @throws SimulatedFailure 400 naming the parameter when it is not an integer in [min, max]
   */
  public static int intParam(final Map<String, List<String>> params, final String name, final int defaultValue,
      final int min, final int max) {
    final String raw = first(params, name);
    if (raw == null || raw.isBlank()) {
      return defaultValue;
    }
    final int value;
    try {
      value = Integer.parseInt(raw.trim());
    } catch (final NumberFormatException e) {
      throw SimulatedFailure.badRequest("The " + name + " parameter value '" + raw + "' is not an integer");
    }
    if (value < min || value > max) {
      throw SimulatedFailure.badRequest("The " + name + " parameter value " + value + " is out of range ["
          + min + ", " + max + "]");
    }
    return value;
  }

  /**
   * Reads the request body, at most {@code maxBytes}.
   *
   * @throws SimulatedFailure 413 when the body (declared or read) is larger
   */
  public static byte[] readBody(final HttpExchange exchange, final int maxBytes) throws IOException {
    final String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null) {
      final long length;
      try {
        length = Long.parseLong(declared.trim());
      } catch (final NumberFormatException e) {
        throw SimulatedFailure.badRequest("Invalid Content-Length: " + declared);
      }
      if (length > maxBytes) {
        drain(exchange);
        throw SimulatedFailure.text(413, "Request body of " + declared.trim() + " bytes exceeds the limit of "
            + maxBytes + " bytes");
      }
    }
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final byte[] buffer = new byte[8192];
    try (InputStream in = exchange.getRequestBody()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        if (out.size() + n > maxBytes) {
          drain(exchange);
          throw SimulatedFailure.text(413, "Request body exceeds the limit of " + maxBytes + " bytes");
        }
        out.write(buffer, 0, n);
      }
    }
    return out.toByteArray();
  }

  /**
   * Reads and discards what is left of a refused request body, up to {@value #DRAIN_LIMIT} bytes, so
   * that the connection is not reset under the client before it reads the answer (a server that
   * closes with unread input sends a TCP reset).
   */
  private static void drain(final HttpExchange exchange) throws IOException {
    final InputStream in = exchange.getRequestBody();
    final byte[] buffer = new byte[8192];
    long left = DRAIN_LIMIT;
    int n;
    while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0) {
      left -= n;
    }
  }

  /** Sends a complete response. */
  public static void send(final HttpExchange exchange, final int status, final String contentType,
      final byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    final boolean head = exchange.getRequestMethod().toUpperCase(Locale.ROOT).equals("HEAD");
    exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** Sends a UTF-8 text body with {@code contentType}. */
  public static void send(final HttpExchange exchange, final int status, final String contentType,
      final String body) throws IOException {
    send(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  /** Starts a chunked 200 response of {@code contentType}; the caller writes and closes the stream. */
  public static OutputStream startStreaming(final HttpExchange exchange, final String contentType) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(200, 0);
    return exchange.getResponseBody();
  }

  private static void sendQuietly(final HttpExchange exchange, final int status, final String contentType,
      final byte[] body) {
    try {
      send(exchange, status, contentType, body);
    } catch (final IOException | RuntimeException e) {
      // Headers may already be out (a failure mid-stream); the closed exchange tells the client.
      LOG.debug("Could not send the error response: {}", e.toString());
    }
  }

  private static String decode(final String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (final IllegalArgumentException e) {
      throw SimulatedFailure.badRequest("Invalid percent-encoding in the query string: '" + s + "'");
    }
  }
}
