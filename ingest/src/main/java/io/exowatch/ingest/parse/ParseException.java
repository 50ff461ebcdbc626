package io.exowatch.ingest.parse;

import java.util.Objects;

/**
 * A response or record that a parser could not turn into records. The {@link Kind} says what was
 * wrong in a word that a dead letter can carry; the message says it in full (what was expected,
 * what was found, which field).
 */
public class ParseException extends Exception {

  private static final long serialVersionUID = 1L;

  /** What kind of failure. */
  public enum Kind {
    /** Not well-formed: truncated or broken JSON, XML or HTML. */
    MALFORMED,
    /** Well-formed but not what this parser reads, e.g. an HTML error page where JSON was expected. */
    UNEXPECTED_CONTENT,
    /** A field the record cannot do without is absent or empty. */
    MISSING_FIELD,
    /** A construct refused for safety, e.g. an XML entity declaration. */
    FORBIDDEN_CONSTRUCT,
    /** The source itself reported an error in a successful response. */
    SOURCE_ERROR
  }

  private final Kind kind;

  /** A failure of {@code kind}. */
  public ParseException(final Kind kind, final String message) {
    this(kind, message, null);
  }

  /** A failure of {@code kind} caused by {@code cause}. */
  public ParseException(final Kind kind, final String message, final Throwable cause) {
    super(Objects.requireNonNull(kind, "kind") + ": " + message, cause);
    this.kind = kind;
  }

  /** What kind of failure. */
  public Kind kind() {
    return kind;
  }
}
