package io.exowatch.ingest.http;

import java.time.Duration;

/**
 * Waits. The HTTP client waits through this for rate limits and backoff, so tests of the policy can
 * pass a fake that advances a fake clock instead of waiting. The default is {@link #system()}.
 */
@FunctionalInterface
public interface Sleeper {

  /** Waits for {@code duration}; zero or negative returns at once. */
  void sleep(Duration duration) throws InterruptedException;

  /** Waits with {@link Thread#sleep(long, int)}. */
  static Sleeper system() {
    return d -> {
      if (!d.isNegative() && !d.isZero()) {
        Thread.sleep(d.toMillis(), (int) (d.toNanosPart() % 1_000_000));
      }
    };
  }
}
