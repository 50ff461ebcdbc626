package io.exowatch.ingest.http;

import java.io.IOException;
import java.net.URI;

/**
 * A fetch that failed; the message names the URL. {@link #isTransient()} tells whether a retry could
 * help (I/O errors, timeouts, 429, 5xx) or not (other 4xx, body too large, host not allowed). When
 * the client throws it, retries are already exhausted or were pointless.
 */
public class FetchException extends IOException {

  private static final long serialVersionUID = 1L;

  private final URI url;
  private final boolean transientFailure;

  /** A failure fetching {@code url}. */
  public FetchException(final URI url, final String message, final boolean transientFailure,
      final Throwable cause) {
    super(message + " [" + Urls.redact(String.valueOf(url)) + "]", cause);
    this.url = url;
    this.transientFailure = transientFailure;
  }

  /** The URL that failed. */
  public URI url() {
    return url;
  }

  /** Whether the failure was of a kind that retrying can fix. */
  public boolean isTransient() {
    return transientFailure;
  }
}
