package io.exowatch.ingest.irct;

import io.exowatch.ingest.parse.ParseException;

/**
 * An IRCT response that could not be read: a search page without the result markers (an error page
 * or a changed layout), or a trial document that is not IRCT's XML. The message names what was
 * expected and what was found.
 */
public class IrctParseException extends ParseException {

  private static final long serialVersionUID = 1L;

  /** A failure of {@code kind}. */
  public IrctParseException(final Kind kind, final String message) {
    super(kind, message);
  }

  /** A failure of {@code kind} caused by {@code cause}. */
  public IrctParseException(final Kind kind, final String message, final Throwable cause) {
    super(kind, message, cause);
  }
}
