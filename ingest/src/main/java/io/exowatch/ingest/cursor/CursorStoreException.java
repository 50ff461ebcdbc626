package io.exowatch.ingest.cursor;

/** A cursor could not be read or stored; the message names the topic and source. */
public class CursorStoreException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A failure with its cause. */
  public CursorStoreException(final String message, final Throwable cause) {
    super(message, cause);
  }
}
