package io.exowatch.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlainTextTest {

  @Test
  void shouldRemoveMarkupAndScriptsAndDecodeEntities() {
    assertThat(PlainText.of("<b>MSC</b>-derived &amp; <script>x()</script>exosomes"))
        .isEqualTo("MSC-derived & exosomes");
    assertThat(PlainText.of("<img src=x onerror=alert(1)>EVs")).isEqualTo("EVs");
  }

  @Test
  void shouldCollapseWhitespaceAndGiveNullForNoText() {
    assertThat(PlainText.of("  a\n\tb\u00A0 c ")).isEqualTo("a b c");
    assertThat(PlainText.of("   ")).isNull();
    assertThat(PlainText.of("<p> </p>")).isNull();
    assertThat(PlainText.of(null)).isNull();
  }
}
