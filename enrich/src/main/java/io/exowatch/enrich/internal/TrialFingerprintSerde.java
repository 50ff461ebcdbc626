package io.exowatch.enrich.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Compact binary form of a {@link TrialFingerprint} for the {@code trial-fingerprints} store (one
 * is written per changed trial, so its size and cost count): a format byte, then each field as
 * name and 64-bit hash, the label hash, the snapshot and the reference keys. Strings are modified
 * UTF-8 ({@link DataOutputStream#writeUTF}); a null string is a false presence byte.
 */
public final class TrialFingerprintSerde implements Serde<TrialFingerprint> {

  private static final byte FORMAT = 1;

  @Override
  public Serializer<TrialFingerprint> serializer() {
    return (topic, f) -> {
      if (f == null) {
        return null;
      }
      final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeByte(FORMAT);
        out.writeShort(f.fields().size());
        for (final Map.Entry<String, Long> field : f.fields().entrySet()) {
          out.writeUTF(field.getKey());
          out.writeLong(field.getValue());
        }
        out.writeLong(f.classification());
        final TrialFingerprint.Snapshot s = f.snapshot();
        for (final String text : new String[] {s.title(), s.status(), s.phase(), s.category(), s.lastUpdatePosted()}) {
          writeNullable(out, text);
        }
        out.writeShort(f.referenceKeys().size());
        for (final String key : f.referenceKeys()) {
          out.writeUTF(key);
        }
      } catch (final IOException e) {
        throw new SerializationException("Cannot write a trial fingerprint for " + topic, e);
      }
      return bytes.toByteArray();
    };
  }

  @Override
  public Deserializer<TrialFingerprint> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
        final byte format = in.readByte();
        if (format != FORMAT) {
          throw new SerializationException("Unknown trial fingerprint format " + format + " in " + topic
              + " (this version reads " + FORMAT + ")");
        }
        final int count = in.readUnsignedShort();
        final Map<String, Long> fields = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
          fields.put(in.readUTF(), in.readLong());
        }
        final long classification = in.readLong();
        final TrialFingerprint.Snapshot snapshot = new TrialFingerprint.Snapshot(readNullable(in),
            readNullable(in), readNullable(in), readNullable(in), readNullable(in));
        final int keys = in.readUnsignedShort();
        final List<String> referenceKeys = new ArrayList<>(keys);
        for (int i = 0; i < keys; i++) {
          referenceKeys.add(in.readUTF());
        }
        return new TrialFingerprint(fields, classification, snapshot, referenceKeys);
      } catch (final IOException e) {
        throw new SerializationException("Cannot read a trial fingerprint (" + bytes.length + " bytes) from "
            + topic + ": " + e, e);
      }
    };
  }

  private static void writeNullable(final DataOutputStream out, final String text) throws IOException {
    out.writeBoolean(text != null);
    if (text != null) {
      // writeUTF takes at most 65535 encoded bytes; a longer title is cut (snapshots are for display).
      out.writeUTF(text.length() > 16_000 ? text.substring(0, 16_000) : text);
    }
  }

  private static String readNullable(final DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }
}
