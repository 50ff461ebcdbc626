package io.exowatch.ingest.ctgov;

import static org.assertj.core.api.Assertions.assertThat;

import io.exowatch.ingest.ctgov.internal.MarkdownText;
import org.junit.jupiter.api.Test;

class MarkdownTextTest {

  @Test
  void shouldDropTheBackslashOfEachEscapeTheApiWrites() {
    assertThat(MarkdownText.unescape("HbA1c \\>6.5%, eGFR \\<30, \\*note\\*, \\[a\\] \\- b"))
        .isEqualTo("HbA1c >6.5%, eGFR <30, *note*, [a] - b");
  }

  @Test
  void shouldKeepBackslashesThatEscapeNothing() {
    assertThat(MarkdownText.unescape("C:\\Data and a trailing \\")).isEqualTo("C:\\Data and a trailing \\");
    assertThat(MarkdownText.unescape("a \\\\ b")).isEqualTo("a \\ b");
  }

  @Test
  void shouldReturnTheSameInstanceWhenThereIsNothingToDo() {
    final String plain = "no escapes";
    assertThat(MarkdownText.unescape(plain)).isSameAs(plain);
    assertThat(MarkdownText.unescape(null)).isNull();
  }
}
