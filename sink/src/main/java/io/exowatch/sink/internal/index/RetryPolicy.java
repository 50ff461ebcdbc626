package io.exowatch.sink.internal.index;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Bounded retries with exponential backoff and jitter: retry {@code n} (1-based) waits
 * {@code base * 2^(n-1)}, capped at {@link #MAX_DELAY}, scaled by a random factor in [0.5, 1].
 *
 * @param maxRetries retries after the first attempt
 * @param base delay before the first retry
 * @param sleeper how to wait (tests pass one that records instead of sleeping)
 */
public record RetryPolicy(int maxRetries, Duration base, Sleeper sleeper) {

  /** The longest single wait. */
  public static final Duration MAX_DELAY = Duration.ofSeconds(30);

  /** Waits; interruptible. */
  @FunctionalInterface
  public interface Sleeper {
    /** Waits {@code millis} milliseconds. */
    void sleep(long millis) throws InterruptedException;
  }

  /** A policy that really sleeps. */
  public static RetryPolicy of(final int maxRetries, final Duration base) {
    return new RetryPolicy(maxRetries, base, Thread::sleep);
  }

  /** The delay before retry {@code attempt} (1-based), with jitter. */
  public long delayMillis(final int attempt) {
    final long exp = base.toMillis() << Math.min(attempt - 1, 20);
    final long capped = Math.min(exp, MAX_DELAY.toMillis());
    return (long) (capped * (0.5 + ThreadLocalRandom.current().nextDouble() * 0.5));
  }

  /** Waits before retry {@code attempt}. */
  public void pause(final int attempt) throws InterruptedException {
    sleeper.sleep(delayMillis(attempt));
  }
}
