package io.exowatch.ingest.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How every site client behaves, set once for all sites.
 *
 * <p>Defaults ({@link #defaults()}): user agent {@value #DEFAULT_USER_AGENT}, connect timeout 10 s,
 * read timeout 60 s (the whole response, headers and body), maximum body 32 MiB (after gzip
 * decoding), 4 retries with exponential backoff from 1 s doubling up to 60 s with jitter, and a
 * server's {@code Retry-After} honoured up to 120 s.
 *
 * @param userAgent the {@code User-Agent} header; names ExoWatch so site operators know who calls
 * @param connectTimeout time allowed to open a connection
 * @param readTimeout time allowed for the whole response after the request is sent
 * @param maxBodyBytes largest body accepted; a larger one fails with {@link BodyTooLargeException}
 * @param maxRetries retries after the first attempt for I/O errors, timeouts, 429 and 5xx
 * @param initialBackoff delay before the first retry; doubles on each further retry
 * @param maxBackoff cap of the exponential delay
 * @param maxRetryAfter cap of a server's {@code Retry-After}
 */
public record HttpSettings(
    String userAgent,
    Duration connectTimeout,
    Duration readTimeout,
    long maxBodyBytes,
    int maxRetries,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration maxRetryAfter) {

  /** The default user agent. */
  public static final String DEFAULT_USER_AGENT =
      "ExoWatch/0.1 (MSC-EV trial tracker; +https://github.com/exowatch/exowatch)";

  /** Validates the settings. */
  public HttpSettings {
    Objects.requireNonNull(userAgent, "userAgent");
    if (userAgent.isBlank()) {
      throw new IllegalArgumentException("http.user-agent must not be blank");
    }
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(readTimeout, "readTimeout");
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
    if (maxBodyBytes <= 0) {
      throw new IllegalArgumentException("http.max-body-bytes must be positive: " + maxBodyBytes);
    }
    if (maxRetries < 0) {
      throw new IllegalArgumentException("http.max-retries must not be negative: " + maxRetries);
    }
  }

  /** The defaults listed in the class comment. */
  public static HttpSettings defaults() {
    return new HttpSettings(DEFAULT_USER_AGENT, Duration.ofSeconds(10), Duration.ofSeconds(60),
        32L << 20, 4, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(120));
  }

  /** A copy with another read timeout. */
  public HttpSettings withReadTimeout(final Duration timeout) {
    return new HttpSettings(userAgent, connectTimeout, timeout, maxBodyBytes, maxRetries,
        initialBackoff, maxBackoff, maxRetryAfter);
  }

  /** A copy with another body limit. */
  public HttpSettings withMaxBodyBytes(final long bytes) {
    return new HttpSettings(userAgent, connectTimeout, readTimeout, bytes, maxRetries,
        initialBackoff, maxBackoff, maxRetryAfter);
  }

  /** A copy with other retry bounds. */
  public HttpSettings withRetries(final int retries, final Duration initial, final Duration max) {
    return new HttpSettings(userAgent, connectTimeout, readTimeout, maxBodyBytes, retries,
        initial, max, maxRetryAfter);
  }

  private static void requirePositive(final Duration d, final String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
  }
}
