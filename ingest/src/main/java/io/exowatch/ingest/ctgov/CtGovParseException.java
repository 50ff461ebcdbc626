package io.exowatch.ingest.ctgov;

/**
 * A ClinicalTrials.gov response or study could not be read. The message says what was expected and
 * what was found (the JSON field path, the shape of the body); {@link #excerpt()} holds the start of
 * the offending text, bounded to {@value #MAX_EXCERPT_CHARS} characters, for logs and dead letters.
 */
public class CtGovParseException extends RuntimeException {

  /** The most characters of offending text kept in {@link #excerpt()}. */
  public static final int MAX_EXCERPT_CHARS = 300;

  private static final long serialVersionUID = 1L;

  private final String reason;
  private final String excerpt;

  /**
   * A parse failure without offending text.
   *
   * @param message what was wrong, naming the field or shape
   */
  public CtGovParseException(final String message) {
    this(message, null, null);
  }

  /**
   * A parse failure.
   *
   * @param message what was wrong, naming the field or shape
   * @param text the offending text (any length, may be {@code null}); only an excerpt is kept
   * @param cause the underlying error, or {@code null}
   */
  public CtGovParseException(final String message, final String text, final Throwable cause) {
    super(text == null ? message : message + " [" + excerptOf(text) + "]", cause);
    this.reason = message;
    this.excerpt = text == null ? "" : excerptOf(text);
  }

  /** What was wrong, without the excerpt. */
  public String reason() {
    return reason;
  }

  /** The start of the offending text (control characters shown as spaces), or "" when none. */
  public String excerpt() {
    return excerpt;
  }

  /**
   * The start of {@code text}, at most {@value #MAX_EXCERPT_CHARS} characters with control characters
   * replaced by spaces, and the full length when it was cut.
   */
  public static String excerptOf(final String text) {
    final int n = Math.min(text.length(), MAX_EXCERPT_CHARS);
    final StringBuilder sb = new StringBuilder(n + 32);
    for (int i = 0; i < n; i++) {
      final char c = text.charAt(i);
      sb.append(Character.isISOControl(c) ? ' ' : c);
    }
    if (text.length() > n) {
      sb.append("... (").append(text.length()).append(" chars)");
    }
    return sb.toString();
  }
}
