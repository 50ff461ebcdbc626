package io.exowatch.ingest.euctr;

import io.exowatch.ingest.parse.ParseException;

/**
 * An EU Clinical Trials Register response could not be read: an empty body, an HTML page where the
 * full-text download was expected, a page with none of the markers the parsers rely on (an error
 * page, a changed layout), or a protocol without its EudraCT number. The message says what was
 * expected and what was found.
 */
public class EuCtrParseException extends ParseException {

  private static final long serialVersionUID = 1L;

  /** A failure of {@code kind}. */
  public EuCtrParseException(final Kind kind, final String message) {
    super(kind, message);
  }
}
