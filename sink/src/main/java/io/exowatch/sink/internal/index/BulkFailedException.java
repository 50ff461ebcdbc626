package io.exowatch.sink.internal.index;

/**
 * A bulk request could not be completed: OpenSearch kept answering 429/5xx or could not be reached
 * after every retry, or refused the whole request (e.g. 401, 403). The message names the URL, the
 * status and the attempts; nothing of the batch was committed, so it is read again from Kafka.
 */
public final class BulkFailedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final boolean transientFailure;

  /** A failure; {@code transientFailure} when retrying later may succeed. */
  public BulkFailedException(final String message, final boolean transientFailure, final Throwable cause) {
    super(message, cause);
    this.transientFailure = transientFailure;
  }

  /** Whether retrying later may succeed (I/O, 429, 5xx) rather than a configuration problem (4xx). */
  public boolean isTransient() {
    return transientFailure;
  }
}
