package io.exowatch.sink.internal.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BatchBufferTest {

  private final BatchBuffer<String> buffer = new BatchBuffer<>(3, 100, Duration.ofMillis(500));

  @Test
  void shouldBecomeFullAtTheItemLimit() {
    assertThat(buffer.add("a", 1, 0)).isFalse();
    assertThat(buffer.add("b", 1, 0)).isFalse();
    assertThat(buffer.add("c", 1, 0)).isTrue();
    assertThat(buffer.isDue(0)).isTrue();
    assertThat(buffer.millisUntilDue(0)).isZero();
  }

  @Test
  void shouldBecomeFullAtTheByteLimit() {
    assertThat(buffer.add("a", 60, 0)).isFalse();
    assertThat(buffer.add("b", 40, 0)).isTrue();
    assertThat(buffer.bytes()).isEqualTo(100);
  }

  @Test
  void shouldRefuseAnItemThatWouldPassTheByteLimit() {
    buffer.add("a", 60, 0);
    assertThat(buffer.fits(40)).isTrue();
    assertThat(buffer.fits(41)).isFalse();
  }

  @Test
  void shouldAcceptAnOversizedItemIntoAnEmptyBufferAsABatchOfOne() {
    assertThat(buffer.fits(1_000)).isTrue();
    assertThat(buffer.add("huge", 1_000, 0)).isTrue();
    assertThat(buffer.drain()).containsExactly("huge");
  }

  @Test
  void shouldBeDueWhenTheOldestItemHasLingered() {
    buffer.add("a", 1, 1_000);
    buffer.add("b", 1, 1_400);
    assertThat(buffer.isDue(1_499)).isFalse();
    assertThat(buffer.millisUntilDue(1_200)).isEqualTo(300);
    assertThat(buffer.isDue(1_500)).isTrue();
  }

  @Test
  void shouldRestartTheLingerClockAfterADrain() {
    buffer.add("a", 1, 0);
    assertThat(buffer.drain()).containsExactly("a");
    buffer.add("b", 1, 10_000);
    assertThat(buffer.isDue(10_499)).isFalse();
    assertThat(buffer.isDue(10_500)).isTrue();
  }

  @Test
  void shouldNeverBeDueWhenEmpty() {
    assertThat(buffer.isDue(Long.MAX_VALUE)).isFalse();
    assertThat(buffer.millisUntilDue(0)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void shouldDrainInInsertionOrderAndReset() {
    buffer.add("a", 10, 0);
    buffer.add("b", 20, 0);
    assertThat(buffer.drain()).containsExactly("a", "b");
    assertThat(buffer.isEmpty()).isTrue();
    assertThat(buffer.bytes()).isZero();
    assertThat(buffer.size()).isZero();
  }

  @Test
  void shouldForgetItemsOnClear() {
    buffer.add("a", 10, 0);
    buffer.clear();
    assertThat(buffer.isEmpty()).isTrue();
    assertThat(buffer.fits(100)).isTrue();
  }

  @Test
  void shouldRejectNonPositiveLimits() {
    assertThatThrownBy(() -> new BatchBuffer<String>(0, 1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxItems=0");
  }
}
