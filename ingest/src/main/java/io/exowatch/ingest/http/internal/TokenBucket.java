package io.exowatch.ingest.http.internal;

import io.exowatch.ingest.http.Sleeper;
import java.time.Clock;
import java.time.Duration;

/**
 * A token bucket: {@code ratePerSecond} tokens a second, holding at most {@code capacity}. Each
 * {@link #acquire()} takes one token, waiting (through the {@link Sleeper}) until it is there. Waiting
 * callers reserve their token first, so concurrent callers queue instead of all rushing at once.
 * With capacity 1 requests are spaced at least {@code 1 / rate} apart.
 */
public final class TokenBucket {

  private final double ratePerNano;
  private final double capacity;
  private final Clock clock;
  private final Sleeper sleeper;
  private double tokens;
  private long lastNanos;

  /**
   * A full bucket.
   *
   * @param ratePerSecond refill rate, positive
   * @param capacity burst size, at least 1
   * @param clock time source (millisecond precision is enough)
   * @param sleeper how to wait
   */
  public TokenBucket(final double ratePerSecond, final double capacity, final Clock clock,
      final Sleeper sleeper) {
    if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
      throw new IllegalArgumentException("rate limit must be a positive number of requests per second: "
          + ratePerSecond);
    }
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
    }
    this.ratePerNano = ratePerSecond / 1e9;
    this.capacity = capacity;
    this.clock = clock;
    this.sleeper = sleeper;
    this.tokens = capacity;
    this.lastNanos = nanos();
  }

  /** Takes a token, waiting until one is available. */
  public void acquire() throws InterruptedException {
    sleeper.sleep(reserve());
  }

  /** Takes a token now (possibly going into debt) and returns how long the caller must wait. */
  synchronized Duration reserve() {
    final long now = nanos();
    tokens = Math.min(capacity, tokens + (now - lastNanos) * ratePerNano);
    lastNanos = now;
    tokens -= 1;
    if (tokens >= 0) {
      return Duration.ZERO;
    }
    return Duration.ofNanos((long) Math.ceil(-tokens / ratePerNano));
  }

  private long nanos() {
    final java.time.Instant i = clock.instant();
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }
}
