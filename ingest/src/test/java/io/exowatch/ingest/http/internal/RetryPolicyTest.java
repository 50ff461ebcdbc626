package io.exowatch.ingest.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);

  @Test
  void shouldDoubleTheDelayOnEachRetryWithJitterBetweenHalfAndFull() {
    final RetryPolicy low = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(120), () -> 0.0);
    final RetryPolicy high = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(120), () -> 0.999999);
    assertThat(low.delay(1, Optional.empty())).isEqualTo(Duration.ofMillis(500));
    assertThat(high.delay(1, Optional.empty())).isEqualTo(Duration.ofMillis(1000));
    assertThat(low.delay(2, Optional.empty())).isEqualTo(Duration.ofMillis(1000));
    assertThat(high.delay(3, Optional.empty())).isEqualTo(Duration.ofMillis(4000));
  }

  @Test
  void shouldCapTheExponentialDelayAtTheMaximum() {
    final RetryPolicy p = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(120), () -> 0.999999);
    assertThat(p.delay(10, Optional.empty())).isEqualTo(Duration.ofSeconds(10));
    assertThat(p.delay(1000, Optional.empty())).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void shouldHonourRetryAfterButCapIt() {
    final RetryPolicy p = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(30), () -> 0.5);
    assertThat(p.delay(1, Optional.of(Duration.ofSeconds(7)))).isEqualTo(Duration.ofSeconds(7));
    assertThat(p.delay(1, Optional.of(Duration.ofHours(2)))).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void shouldParseRetryAfterAsSecondsOrHttpDate() {
    assertThat(RetryPolicy.parseRetryAfter("120", CLOCK)).contains(Duration.ofSeconds(120));
    assertThat(RetryPolicy.parseRetryAfter(" 0 ", CLOCK)).contains(Duration.ZERO);
    assertThat(RetryPolicy.parseRetryAfter("Wed, 01 May 2024 12:00:45 GMT", CLOCK)).contains(Duration.ofSeconds(45));
  }

  @Test
  void shouldTreatAPastRetryAfterDateAsNoWaitAndGarbageAsAbsent() {
    assertThat(RetryPolicy.parseRetryAfter("Wed, 01 May 2024 11:00:00 GMT", CLOCK)).contains(Duration.ZERO);
    assertThat(RetryPolicy.parseRetryAfter("soon", CLOCK)).isEmpty();
    assertThat(RetryPolicy.parseRetryAfter("", CLOCK)).isEmpty();
    assertThat(RetryPolicy.parseRetryAfter(null, CLOCK)).isEmpty();
  }
}
