package io.exowatch.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.exowatch.ingest.source.Rejected;
import io.exowatch.schemas.avro.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

  @Test
  void shouldCarryStageSourceReasonUrlKeyAndContent() {
    final DeadLetter d = DeadLetters.of("ctgov",
        new Rejected("NCT00000001", "https://x/studies", "MALFORMED: truncated", "a.B", "{\"studies\":["),
        Instant.parse("2024-05-01T12:00:00.123456Z"));
    assertThat(d.getStage()).isEqualTo("INGEST");
    assertThat(d.getSource()).isEqualTo("ctgov");
    assertThat(d.getKey()).isEqualTo("NCT00000001");
    assertThat(d.getUrl()).isEqualTo("https://x/studies");
    assertThat(d.getReason()).isEqualTo("MALFORMED: truncated");
    assertThat(d.getErrorClass()).isEqualTo("a.B");
    assertThat(d.getOriginalText()).isEqualTo("{\"studies\":[");
    assertThat(d.getTruncated()).isFalse();
    assertThat(d.getTs()).isEqualTo(Instant.parse("2024-05-01T12:00:00.123Z"));
  }

  @Test
  void shouldBoundTheContentTo256KibOfUtf8WithoutSplittingACharacter() {
    final String big = "é".repeat(200_000) + "😀".repeat(10);
    final DeadLetter d = DeadLetters.of("pages", new Rejected(null, "u", "r", null, big), Instant.EPOCH);
    assertThat(d.getTruncated()).isTrue();
    assertThat(d.getOriginalText().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(DeadLetters.MAX_BYTES)
        .isGreaterThan(DeadLetters.MAX_BYTES - 4);
    assertThat(big).startsWith(d.getOriginalText());
    final String emoji = "😀".repeat(70_000);
    final String cut = DeadLetters.cut(emoji, DeadLetters.MAX_BYTES);
    assertThat(cut.length() % 2).isZero();
    assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 1))).isFalse();
  }

  @Test
  void shouldLeaveSmallContentAndAbsentContentAlone() {
    assertThat(DeadLetters.of("s", new Rejected(null, "u", "r", null, null), Instant.EPOCH).getOriginalText()).isNull();
    assertThat(DeadLetters.of("s", new Rejected(null, "u", "r", null, "x"), Instant.EPOCH).getTruncated()).isFalse();
  }
}
