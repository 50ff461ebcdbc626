package io.exowatch.enrich.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * The store form of trial fingerprints is the one {@code DataOutputStream} wrote (format 1): what
 * earlier versions stored reads back, and what this one writes is byte for byte the same.
 */
class TrialFingerprintSerdeTest {

  private final TrialFingerprintSerde serde = new TrialFingerprintSerde();

  @Test
  void shouldWriteTheBytesDataOutputStreamWrote() throws IOException {
    for (final TrialFingerprint f : fingerprints()) {
      assertThat(serde.serializer().serialize("t", f)).isEqualTo(dataOutput(f));
    }
  }

  @Test
  void shouldReadWhatDataOutputStreamWrote() throws IOException {
    for (final TrialFingerprint f : fingerprints()) {
      final TrialFingerprint read = serde.deserializer().deserialize("t", dataOutput(f));
      assertThat(read).isEqualTo(f);
      // Read twice: the second time the field names come from what was remembered.
      assertThat(serde.deserializer().deserialize("t", dataOutput(f))).isEqualTo(f);
    }
  }

  @Test
  void shouldCutALongTitleAsBefore() throws IOException {
    final TrialFingerprint f = fingerprint("x".repeat(20_000), List.of());
    final TrialFingerprint read = serde.deserializer().deserialize("t", serde.serializer().serialize("t", f));
    assertThat(read.snapshot().title()).hasSize(16_000);
    assertThat(serde.serializer().serialize("t", f)).isEqualTo(dataOutput(f));
  }

  @Test
  void shouldNameTheTopicWhenBytesAreCutOrMalformed() {
    final byte[] bytes = serde.serializer().serialize("t", fingerprints().get(1));
    for (int cut = 1; cut < bytes.length; cut += 7) {
      final byte[] shorter = Arrays.copyOf(bytes, cut);
      assertThatThrownBy(() -> serde.deserializer().deserialize("trial-fingerprints", shorter))
          .isInstanceOf(SerializationException.class).hasMessageContaining("trial-fingerprints");
    }
    final byte[] malformed = bytes.clone();
    // The first byte of the first field name's characters: 0xFF is never modified UTF-8.
    malformed[5] = (byte) 0xFF;
    assertThatThrownBy(() -> serde.deserializer().deserialize("trial-fingerprints", malformed))
        .isInstanceOf(SerializationException.class).hasMessageContaining("malformed");
    final byte[] otherFormat = bytes.clone();
    otherFormat[0] = 9;
    assertThatThrownBy(() -> serde.deserializer().deserialize("trial-fingerprints", otherFormat))
        .isInstanceOf(SerializationException.class).hasMessageContaining("format 9");
  }

  private static List<TrialFingerprint> fingerprints() {
    return List.of(
        fingerprint("Exosomes in ARDS", List.of("pmid:1")),
        fingerprint("间充质干细胞外泌体 ß é 😀 \u0000 end", List.of("doi:10.1/ß", "pmid:31431712")),
        fingerprint(null, List.of()),
        fingerprint("", List.of("")));
  }

  private static TrialFingerprint fingerprint(final String title, final List<String> keys) {
    final Map<String, Long> fields = new LinkedHashMap<>();
    fields.put("registry", 1L);
    fields.put("briefTitle", -2L);
    fields.put("naïve", Long.MIN_VALUE);
    fields.put("references", Long.MAX_VALUE);
    return new TrialFingerprint(fields, 0x1234_5678_9ABC_DEF0L,
        new TrialFingerprint.Snapshot(title, "RECRUITING", null, "MSC_EV_THERAPY", "2020-03-04"), keys);
  }

  /** Format 1 as the store's first version wrote it, with {@code DataOutputStream}. */
  private static byte[] dataOutput(final TrialFingerprint f) throws IOException {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(1);
      out.writeShort(f.fields().size());
      for (final Map.Entry<String, Long> field : f.fields().entrySet()) {
        out.writeUTF(field.getKey());
        out.writeLong(field.getValue());
      }
      out.writeLong(f.classification());
      final TrialFingerprint.Snapshot s = f.snapshot();
      for (final String text : new String[] {s.title(), s.status(), s.phase(), s.category(), s.lastUpdatePosted()}) {
        out.writeBoolean(text != null);
        if (text != null) {
          out.writeUTF(text.length() > 16_000 ? text.substring(0, 16_000) : text);
        }
      }
      out.writeShort(f.referenceKeys().size());
      for (final String key : f.referenceKeys()) {
        out.writeUTF(key);
      }
    }
    return bytes.toByteArray();
  }
}
