package io.exowatch.app.offline.internal;

/** Escaping text for HTML and XML bodies and attributes. */
public final class Html {

  private Html() {
  }

  /** {@code s} with {@code & < > " '} escaped; {@code null} becomes empty. */
  public static String escape(final String s) {
    if (s == null) {
      return "";
    }
    final StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      final char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
