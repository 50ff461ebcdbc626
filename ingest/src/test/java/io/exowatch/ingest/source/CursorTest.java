package io.exowatch.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CursorTest {

  @Test
  void shouldRoundTripThroughJsonWithSortedKeys() {
    final Cursor c = Cursor.EMPTY.with("since", "2024-03-01").with("pageToken", "abc\"def")
        .withList("pending", List.of("10.1/a", "10.2/b"));
    assertThat(c.toJson()).startsWith("{\"pageToken\"");
    assertThat(Cursor.fromJson(c.toJson())).isEqualTo(c);
    assertThat(Cursor.fromJson(c.toJson()).getList("pending")).containsExactly("10.1/a", "10.2/b");
  }

  @Test
  void shouldRemoveAValueSetToNullAndReadNumbersLeniently() {
    final Cursor c = Cursor.of(Map.of("retstart", "200", "bad", "x"));
    assertThat(c.with("bad", null).values()).containsOnlyKeys("retstart");
    assertThat(c.getLong("retstart", 0)).isEqualTo(200);
    assertThat(c.getLong("bad", 7)).isEqualTo(7);
    assertThat(c.getLong("missing", 7)).isEqualTo(7);
    assertThat(Cursor.EMPTY.withList("pending", List.of()).isEmpty()).isTrue();
  }

  @Test
  void shouldRejectJsonThatIsNotAnObject() {
    assertThatThrownBy(() -> Cursor.fromJson("[1]")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> Cursor.fromJson("{\"since\":")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not valid JSON");
  }
}
