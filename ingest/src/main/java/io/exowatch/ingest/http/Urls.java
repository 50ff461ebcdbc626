package io.exowatch.ingest.http;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/** Building request URLs, and hiding secrets (API keys) when URLs are logged or stored. */
public final class Urls {

  private static final Pattern SECRET = Pattern.compile("(?i)([?&](?:api_key|apikey|key|token)=)[^&#]*");

  private Urls() {
  }

  /**
   * {@code base} + {@code path} + a query of {@code params} (in map order; {@code null} values left
   * out), each encoded as UTF-8 with {@code %20} for spaces.
   */
  public static URI build(final URI base, final String path, final Map<String, String> params) {
    final StringBuilder sb = new StringBuilder(base.toString());
    while (sb.length() > 0 && sb.charAt(sb.length() - 1) == '/') {
      sb.setLength(sb.length() - 1);
    }
    sb.append(path.startsWith("/") ? path : "/" + path);
    char sep = '?';
    for (final Map.Entry<String, String> e : params.entrySet()) {
      if (e.getValue() == null) {
        continue;
      }
      sb.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
      sep = '&';
    }
    return URI.create(sb.toString());
  }

  /** {@code s} encoded for a query string. */
  public static String encode(final String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** The URL with the values of {@code api_key}, {@code key} and {@code token} parameters replaced by {@code ***}. */
  public static String redact(final String url) {
    return url == null ? null : SECRET.matcher(url).replaceAll("$1***");
  }
}
