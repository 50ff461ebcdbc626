package io.exowatch.ingest.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exowatch.ingest.http.FakeTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

  @Test
  void shouldSpaceRequestsByTheInverseOfTheRate() throws Exception {
    final FakeTime time = new FakeTime(Instant.parse("2024-01-01T00:00:00Z"));
    final TokenBucket bucket = new TokenBucket(2.0, 1, time, time);
    for (int i = 0; i < 5; i++) {
      bucket.acquire();
    }
    assertThat(time.sleeps()).containsExactly(Duration.ZERO, Duration.ofMillis(500), Duration.ofMillis(500),
        Duration.ofMillis(500), Duration.ofMillis(500));
    assertThat(time.instant()).isEqualTo(Instant.parse("2024-01-01T00:00:02Z"));
  }

  @Test
  void shouldNotLetIdleTimeBuildABurstBeyondCapacity() throws Exception {
    final FakeTime time = new FakeTime(Instant.parse("2024-01-01T00:00:00Z"));
    final TokenBucket bucket = new TokenBucket(1.0, 1, time, time);
    bucket.acquire();
    time.advance(Duration.ofMinutes(10));
    bucket.acquire();
    bucket.acquire();
    assertThat(time.sleeps()).containsExactly(Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1));
  }

  @Test
  void shouldQueueCallersThatReserveBeforeWaiting() {
    final FakeTime time = new FakeTime(Instant.parse("2024-01-01T00:00:00Z"));
    final TokenBucket bucket = new TokenBucket(4.0, 1, time, time);
    // Three callers reserve at the same instant: they are told to wait 0, 250 and 500 ms.
    assertThat(bucket.reserve()).isEqualTo(Duration.ZERO);
    assertThat(bucket.reserve()).isEqualTo(Duration.ofMillis(250));
    assertThat(bucket.reserve()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void shouldRejectANonPositiveRate() {
    final FakeTime time = new FakeTime(Instant.EPOCH);
    assertThatThrownBy(() -> new TokenBucket(0, 1, time, time)).hasMessageContaining("positive");
    assertThatThrownBy(() -> new TokenBucket(Double.NaN, 1, time, time)).hasMessageContaining("positive");
  }
}
