package io.exowatch.ingest.http.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before a retry: exponential backoff ({@code initial * 2^(retry-1)}, capped at
 * {@code max}) with "equal jitter" (half fixed, half random), unless the server sent
 * {@code Retry-After}, which wins, capped at {@code maxRetryAfter}.
 */
public final class RetryPolicy {

  private final Duration initial;
  private final Duration max;
  private final Duration maxRetryAfter;
  private final DoubleSupplier random;

  /**
   * A policy.
   *
   * @param initial delay before the first retry
   * @param max cap of the exponential delay
   * @param maxRetryAfter cap of a server's Retry-After
   * @param random uniform values in [0, 1) for the jitter
   */
  public RetryPolicy(final Duration initial, final Duration max, final Duration maxRetryAfter,
      final DoubleSupplier random) {
    this.initial = initial;
    this.max = max;
    this.maxRetryAfter = maxRetryAfter;
    this.random = random;
  }

  /**
   * The delay before retry number {@code retry} (1-based).
   *
   * @param retry 1 for the first retry
   * @param retryAfter what the server asked for, if anything
   */
  public Duration delay(final int retry, final Optional<Duration> retryAfter) {
    if (retryAfter.isPresent()) {
      final Duration asked = retryAfter.get();
      return asked.isNegative() ? Duration.ZERO : min(asked, maxRetryAfter);
    }
    final long initialMs = initial.toMillis();
    final int shift = Math.min(Math.max(retry - 1, 0), 20);
    final long exp = Math.min(max.toMillis(), initialMs * (1L << shift));
    final long half = exp / 2;
    return Duration.ofMillis(exp - half + (long) (random.getAsDouble() * (half + 1)));
  }

  /**
   * Parses a {@code Retry-After} header: a number of seconds, or an HTTP date (RFC 1123) measured
   * against {@code clock}. A date in the past gives zero; an unreadable value gives empty.
   */
  public static Optional<Duration> parseRetryAfter(final String value, final Clock clock) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    final String v = value.trim();
    if (v.chars().allMatch(Character::isDigit)) {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
      } catch (final NumberFormatException e) {
        return Optional.of(Duration.ofSeconds(Long.MAX_VALUE / 1_000_000_000L));
      }
    }
    try {
      final Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      final Duration d = Duration.between(clock.instant(), at);
      return Optional.of(d.isNegative() ? Duration.ZERO : d);
    } catch (final DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Duration min(final Duration a, final Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
