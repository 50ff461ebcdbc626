package io.exowatch.sink.internal.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EventPositionTest {

  @Test
  void shouldEncodeTheNextOffsetOfEveryPartitionInPartitionOrder() {
    final EventPosition p = EventPosition.empty();
    p.set(2, 3);
    p.set(0, 15);
    p.advance(1, 6);
    assertThat(p.encode()).isEqualTo("0-15.1-7.2-3");
  }

  @Test
  void shouldRoundTripThroughItsEventId() {
    final EventPosition p = EventPosition.parse("0-15.1-7.2-3");
    assertThat(p.offsets()).isEqualTo(Map.of(0, 15L, 1, 7L, 2, 3L));
    assertThat(EventPosition.parse(p.encode()).offsets()).isEqualTo(p.offsets());
  }

  @Test
  void shouldNeverMoveAPartitionBackwardsWhenAdvancing() {
    final EventPosition p = EventPosition.parse("0-10");
    p.advance(0, 4);
    assertThat(p.offsets()).containsEntry(0, 10L);
    p.advance(0, 10);
    assertThat(p.offsets()).containsEntry(0, 11L);
  }

  @Test
  void shouldRejectMalformedIdsWithAMessageNamingTheProblem() {
    assertThatThrownBy(() -> EventPosition.parse("abc")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Malformed event id 'abc'");
    assertThatThrownBy(() -> EventPosition.parse("0-1\ndata: x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EventPosition.parse("0-1.0-2")).hasMessageContaining("partition 0 given twice");
    assertThatThrownBy(() -> EventPosition.parse("0-99999999999999999999")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EventPosition.parse("")).isInstanceOf(IllegalArgumentException.class);
  }
}
