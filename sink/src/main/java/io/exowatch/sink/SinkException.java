package io.exowatch.sink;

/** The sink could not start (OpenSearch or Kafka unreachable, index setup refused, port taken); the message names what failed. */
public final class SinkException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message}, caused by {@code cause}. */
  public SinkException(final String message, final Throwable cause) {
    super(message, cause);
  }
}
