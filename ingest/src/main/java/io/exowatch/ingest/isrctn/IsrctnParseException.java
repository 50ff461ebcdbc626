package io.exowatch.ingest.isrctn;

import io.exowatch.ingest.parse.ParseException;

/**
 * An ISRCTN API response that could not be read: not XML, an HTML error page, or XML that is not an
 * {@code <allTrials>} document in the ISRCTN namespace. The message names what was expected and found.
 */
public class IsrctnParseException extends ParseException {

  private static final long serialVersionUID = 1L;

  /** A failure of {@code kind}. */
  public IsrctnParseException(final Kind kind, final String message) {
    super(kind, message);
  }

  /** A failure of {@code kind} caused by {@code cause}. */
  public IsrctnParseException(final Kind kind, final String message, final Throwable cause) {
    super(kind, message, cause);
  }
}
