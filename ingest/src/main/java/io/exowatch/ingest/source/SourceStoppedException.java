package io.exowatch.ingest.source;

/**
 * A source ended its pass early on purpose: a response it could not page past (unparseable, over the
 * size limit) was dead-lettered, and the cursor still points at it, so the next pass retries from
 * there. Not a crash; reported as an incomplete pass.
 */
public class SourceStoppedException extends Exception {

  private static final long serialVersionUID = 1L;

  /** A stop, with why. */
  public SourceStoppedException(final String message, final Throwable cause) {
    super(message, cause);
  }
}
