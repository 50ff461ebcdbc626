package io.exowatch.ingest.http;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The server answered with an error status. 429 and 5xx are transient; other 4xx are not and fail at
 * once. The message holds the status, the URL and the start of the body (error bodies are often
 * {@code text/plain} explanations).
 */
public class HttpStatusException extends FetchException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String bodySnippet;
  private final transient Duration retryAfter;

  /**
   * An error status.
   *
   * @param url the URL requested
   * @param status the HTTP status
   * @param bodySnippet the start of the error body, possibly empty
   * @param retryAfter the server's {@code Retry-After}, or {@code null}
   */
  public HttpStatusException(final URI url, final int status, final String bodySnippet,
      final Duration retryAfter) {
    super(url, "HTTP " + status + (bodySnippet.isBlank() ? "" : ": " + bodySnippet),
        isTransientStatus(status), null);
    this.status = status;
    this.bodySnippet = bodySnippet;
    this.retryAfter = retryAfter;
  }

  /** Whether a status is worth retrying: 429 and every 5xx. */
  public static boolean isTransientStatus(final int status) {
    return status == 429 || status >= 500 && status <= 599;
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The start of the error body. */
  public String bodySnippet() {
    return bodySnippet;
  }

  /** The delay the server asked for, if it sent {@code Retry-After}. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
