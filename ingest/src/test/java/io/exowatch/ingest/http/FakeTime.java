package io.exowatch.ingest.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A clock that only moves when something "sleeps" on it; records every sleep. */
public final class FakeTime extends Clock implements Sleeper {

  private Instant now;
  private final List<Duration> sleeps = new ArrayList<>();

  public FakeTime(final Instant start) {
    this.now = start;
  }

  @Override
  public synchronized void sleep(final Duration d) {
    sleeps.add(d);
    if (!d.isNegative()) {
      now = now.plus(d);
    }
  }

  /** Moves the clock without recording a sleep. */
  public synchronized void advance(final Duration d) {
    now = now.plus(d);
  }

  /** Every sleep so far, zero-length ones included. */
  public synchronized List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  /** Sleeps longer than zero. */
  public synchronized List<Duration> realSleeps() {
    return sleeps.stream().filter(d -> !d.isZero() && !d.isNegative()).toList();
  }

  @Override
  public synchronized Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(final ZoneId zone) {
    return this;
  }
}
