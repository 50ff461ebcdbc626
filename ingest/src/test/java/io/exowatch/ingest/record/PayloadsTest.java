package io.exowatch.ingest.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PayloadsTest {

  @Test
  void shouldKeepTextWithinTheBoundUntouched() {
    assertThat(Payloads.bound("abc", 3)).isEqualTo(new Payloads.Bounded("abc", false));
    assertThat(Payloads.bound(null, 3)).isEqualTo(new Payloads.Bounded(null, false));
  }

  @Test
  void shouldCutLongerTextAndSaySo() {
    assertThat(Payloads.bound("abcdef", 4)).isEqualTo(new Payloads.Bounded("abcd", true));
  }

  @Test
  void shouldNotSplitASurrogatePair() {
    final String text = "ab\uD83D\uDE00cd";
    assertThat(Payloads.bound(text, 3)).isEqualTo(new Payloads.Bounded("ab", true));
    assertThat(Payloads.bound(text, 4)).isEqualTo(new Payloads.Bounded("ab\uD83D\uDE00", true));
  }

  @Test
  void shouldRejectABoundBelowOne() {
    assertThatThrownBy(() -> Payloads.bound("x", 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxChars");
  }

  @Test
  void shouldDefaultTo256KibiCharacters() {
    assertThat(Payloads.MAX_PAYLOAD_CHARS).isEqualTo(262_144);
  }
}
