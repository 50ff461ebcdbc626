package io.exowatch.sink.internal.http;

/** A request the API refuses with 400; the message names the parameter and what is allowed. */
public final class BadRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A refusal with a message naming the parameter. */
  public BadRequestException(final String message) {
    super(message);
  }
}
