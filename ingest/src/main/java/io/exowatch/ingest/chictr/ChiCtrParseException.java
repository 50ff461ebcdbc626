package io.exowatch.ingest.chictr;

import io.exowatch.ingest.parse.ParseException;

/**
 * A ChiCTR page could not be read: an unknown layout (none of the label cells or result markers
 * the parsers rely on), the site's firewall or "page not found" page, a body that is not HTML, or a
 * project page without its registration number. The message says what was expected and what was
 * found, naming the label or element.
 */
public class ChiCtrParseException extends ParseException {

  private static final long serialVersionUID = 1L;

  /** A failure of {@code kind}. */
  public ChiCtrParseException(final Kind kind, final String message) {
    super(kind, message);
  }
}
