package io.exowatch.ingest.ctgov.internal;

/**
 * Removes the markdown backslash escapes ClinicalTrials.gov puts in free text ({@code \>}, {@code \<},
 * {@code \*}, {@code \[}, {@code \]}, {@code \-}, ...): a backslash before any ASCII punctuation
 * character is dropped, as CommonMark reads it. Other backslashes are kept.
 */
public final class MarkdownText {

  private MarkdownText() {
  }

  /**
   * The text with markdown escapes removed.
   *
   * @param text free text, or {@code null}
   * @return the un-escaped text, the same instance when it holds no backslash, {@code null} for {@code null}
   */
  public static String unescape(final String text) {
    if (text == null) {
      return null;
    }
    int i = text.indexOf('\\');
    if (i < 0) {
      return text;
    }
    final StringBuilder sb = new StringBuilder(text.length());
    sb.append(text, 0, i);
    final int n = text.length();
    while (i < n) {
      final char c = text.charAt(i);
      if (c == '\\' && i + 1 < n && isAsciiPunctuation(text.charAt(i + 1))) {
        sb.append(text.charAt(i + 1));
        i += 2;
      } else {
        sb.append(c);
        i++;
      }
    }
    return sb.toString();
  }

  private static boolean isAsciiPunctuation(final char c) {
    return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~';
  }
}
