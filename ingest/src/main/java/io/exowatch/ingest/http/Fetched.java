package io.exowatch.ingest.http;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A successful response: 2xx, or 304 for a conditional request whose content has not changed.
 *
 * @param url the URL requested
 * @param finalUrl the URL that answered, after redirects
 * @param status the HTTP status (2xx or 304)
 * @param headers response headers, names lower-case
 * @param body the decoded body (gzip already undone); empty for 304
 */
public record Fetched(URI url, URI finalUrl, int status, Map<String, List<String>> headers, byte[] body) {

  /** Copies the headers and body. */
  public Fetched {
    headers = Map.copyOf(headers);
    body = body.clone();
  }

  /** Whether the server said the content has not changed since the last fetch (304). */
  public boolean notModified() {
    return status == 304;
  }

  /** The first value of a header, by case-insensitive name. */
  public Optional<String> header(final String name) {
    final List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** The media type without parameters, lower-case, e.g. {@code application/json}; empty if absent. */
  public String mediaType() {
    return header("content-type")
        .map(ct -> ct.split(";", 2)[0].trim().toLowerCase(Locale.ROOT))
        .orElse("");
  }

  /** The charset of {@code Content-Type}, UTF-8 when absent or unknown. */
  public Charset charset() {
    final String ct = header("content-type").orElse("");
    for (final String param : ct.split(";")) {
      final String p = param.trim();
      if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
        final String name = p.substring("charset=".length()).replace("\"", "").trim();
        try {
          return Charset.forName(name);
        } catch (final IllegalCharsetNameException | UnsupportedCharsetException e) {
          return StandardCharsets.UTF_8;
        }
      }
    }
    return StandardCharsets.UTF_8;
  }

  /** The body as text in {@link #charset()}. */
  public String text() {
    return new String(body, charset());
  }

  /** The body (a copy). */
  @Override
  public byte[] body() {
    return body.clone();
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof Fetched f && url.equals(f.url) && finalUrl.equals(f.finalUrl)
        && status == f.status && headers.equals(f.headers) && java.util.Arrays.equals(body, f.body);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(url, finalUrl, status, headers, java.util.Arrays.hashCode(body));
  }

  @Override
  public String toString() {
    return "Fetched[" + status + " " + finalUrl + ", " + body.length + " bytes]";
  }
}
