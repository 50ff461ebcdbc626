package io.exowatch.enrich.internal;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Compact binary form of a {@link TrialFingerprint} for the {@code trial-fingerprints} store (one
 * is written per changed trial and read per sighting of a known one, so its size and cost count): a
 * format byte, then each field as name and 64-bit hash, the label hash, the snapshot and the
 * reference keys. Numbers are big-endian; strings are modified UTF-8 with a two-byte length, as
 * {@link java.io.DataOutputStream#writeUTF} writes them; a null string is a false presence byte.
 *
 * <p>Field names repeat in every fingerprint: their encoded bytes are kept (a bounded map), and
 * reading compares the bytes against those names instead of decoding a new string each time.
 */
public final class TrialFingerprintSerde implements Serde<TrialFingerprint> {

  private static final byte FORMAT = 1;
  /** Longest string a two-byte length can give in modified UTF-8. */
  private static final int MAX_UTF = 65_535;
  /** Snapshot strings are cut to this many characters (snapshots are for display). */
  private static final int MAX_SNAPSHOT_CHARS = 16_000;
  /** How many distinct field names are remembered: far more than any record schema has. */
  private static final int NAMES_LIMIT = 1024;

  /** Field names and their modified UTF-8, for both directions. */
  private static final Map<String, byte[]> NAME_BYTES = new ConcurrentHashMap<>();
  private static final Map<Key, String> NAMES = new ConcurrentHashMap<>();

  @Override
  public Serializer<TrialFingerprint> serializer() {
    return (topic, f) -> {
      if (f == null) {
        return null;
      }
      final Writer out = new Writer(64 + f.fields().size() * 24);
      out.put(FORMAT);
      out.putShort(f.fields().size());
      for (final Map.Entry<String, Long> field : f.fields().entrySet()) {
        out.put(name(field.getKey(), topic));
        out.putLong(field.getValue());
      }
      out.putLong(f.classification());
      final TrialFingerprint.Snapshot s = f.snapshot();
      for (final String text : new String[] {s.title(), s.status(), s.phase(), s.category(), s.lastUpdatePosted()}) {
        out.put((byte) (text != null ? 1 : 0));
        if (text != null) {
          // Modified UTF-8 takes at most 65535 bytes; a longer title is cut (snapshots are for display).
          out.put(utf(text.length() > MAX_SNAPSHOT_CHARS ? text.substring(0, MAX_SNAPSHOT_CHARS) : text, topic));
        }
      }
      out.putShort(f.referenceKeys().size());
      for (final String key : f.referenceKeys()) {
        out.put(utf(key, topic));
      }
      return out.toByteArray();
    };
  }

  @Override
  public Deserializer<TrialFingerprint> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try {
        final ByteBuffer in = ByteBuffer.wrap(bytes);
        final byte format = in.get();
        if (format != FORMAT) {
          throw new SerializationException("Unknown trial fingerprint format " + format + " in " + topic
              + " (this version reads " + FORMAT + ")");
        }
        final int count = Short.toUnsignedInt(in.getShort());
        final Map<String, Long> fields = new LinkedHashMap<>(count * 2);
        for (int i = 0; i < count; i++) {
          fields.put(readName(in), in.getLong());
        }
        final long classification = in.getLong();
        final TrialFingerprint.Snapshot snapshot = new TrialFingerprint.Snapshot(readNullable(in),
            readNullable(in), readNullable(in), readNullable(in), readNullable(in));
        final int keys = Short.toUnsignedInt(in.getShort());
        final List<String> referenceKeys = new ArrayList<>(keys);
        for (int i = 0; i < keys; i++) {
          referenceKeys.add(readUtf(in));
        }
        return new TrialFingerprint(fields, classification, snapshot, referenceKeys);
      } catch (final BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException e) {
        throw new SerializationException("Cannot read a trial fingerprint (" + bytes.length + " bytes) from "
            + topic + ": " + e, e);
      }
    };
  }

  /** The modified UTF-8 of a field name, with its length, remembered. */
  private static byte[] name(final String name, final String topic) {
    final byte[] known = NAME_BYTES.get(name);
    if (known != null) {
      return known;
    }
    final byte[] encoded = utf(name, topic);
    if (NAME_BYTES.size() < NAMES_LIMIT) {
      NAME_BYTES.put(name, encoded);
    }
    return encoded;
  }

  /** {@code s} as {@link java.io.DataOutputStream#writeUTF} writes it: length, then modified UTF-8. */
  static byte[] utf(final String s, final String topic) {
    int length = 0;
    for (int i = 0; i < s.length(); i++) {
      final char c = s.charAt(i);
      length += c >= 0x0001 && c <= 0x007F ? 1 : c <= 0x07FF ? 2 : 3;
    }
    if (length > MAX_UTF) {
      throw new SerializationException("A string of " + length + " encoded bytes does not fit a trial fingerprint"
          + " for " + topic + " (at most " + MAX_UTF + ")");
    }
    final byte[] out = new byte[length + 2];
    out[0] = (byte) (length >>> 8);
    out[1] = (byte) length;
    int at = 2;
    for (int i = 0; i < s.length(); i++) {
      final char c = s.charAt(i);
      if (c >= 0x0001 && c <= 0x007F) {
        out[at++] = (byte) c;
      } else if (c <= 0x07FF) {
        out[at++] = (byte) (0xC0 | c >> 6 & 0x1F);
        out[at++] = (byte) (0x80 | c & 0x3F);
      } else {
        out[at++] = (byte) (0xE0 | c >> 12 & 0x0F);
        out[at++] = (byte) (0x80 | c >> 6 & 0x3F);
        out[at++] = (byte) (0x80 | c & 0x3F);
      }
    }
    return out;
  }

  /** A field name: the remembered string when the bytes are one seen before. */
  private static String readName(final ByteBuffer in) {
    final int length = Short.toUnsignedInt(in.getShort(in.position()));
    final int from = in.position() + 2;
    if (from + length > in.limit()) {
      throw new BufferUnderflowException();
    }
    final Key key = new Key(in.array(), in.arrayOffset() + from, length);
    final String known = NAMES.get(key);
    if (known != null) {
      in.position(from + length);
      return known;
    }
    final String name = readUtf(in);
    if (NAMES.size() < NAMES_LIMIT) {
      NAMES.put(key.copy(), name);
    }
    return name;
  }

  private static String readNullable(final ByteBuffer in) {
    return in.get() != 0 ? readUtf(in) : null;
  }

  /** A string as {@link java.io.DataInputStream#readUTF} reads it. */
  static String readUtf(final ByteBuffer in) {
    final int length = Short.toUnsignedInt(in.getShort());
    if (length > in.remaining()) {
      throw new BufferUnderflowException();
    }
    final char[] chars = new char[length];
    int n = 0;
    final int end = in.position() + length;
    while (in.position() < end) {
      final int a = in.get() & 0xFF;
      if (a < 0x80) {
        chars[n++] = (char) a;
      } else if ((a & 0xE0) == 0xC0) {
        final int b = continuation(in, end);
        chars[n++] = (char) ((a & 0x1F) << 6 | b & 0x3F);
      } else if ((a & 0xF0) == 0xE0) {
        final int b = continuation(in, end);
        final int c = continuation(in, end);
        chars[n++] = (char) ((a & 0x0F) << 12 | (b & 0x3F) << 6 | c & 0x3F);
      } else {
        throw new IllegalArgumentException("malformed modified UTF-8 at byte " + (in.position() - 1));
      }
    }
    return new String(chars, 0, n);
  }

  private static int continuation(final ByteBuffer in, final int end) {
    if (in.position() >= end) {
      throw new IllegalArgumentException("modified UTF-8 cut inside a character");
    }
    final int b = in.get() & 0xFF;
    if ((b & 0xC0) != 0x80) {
      throw new IllegalArgumentException("malformed modified UTF-8 at byte " + (in.position() - 1));
    }
    return b;
  }

  /** A range of bytes compared by content, as a map key. */
  private static final class Key {
    private final byte[] bytes;
    private final int from;
    private final int length;
    private final int hash;

    Key(final byte[] bytes, final int from, final int length) {
      this.bytes = bytes;
      this.from = from;
      this.length = length;
      int h = 1;
      for (int i = from; i < from + length; i++) {
        h = 31 * h + bytes[i];
      }
      this.hash = h;
    }

    Key copy() {
      return new Key(Arrays.copyOfRange(bytes, from, from + length), 0, length);
    }

    @Override
    public boolean equals(final Object o) {
      return o instanceof Key k && Arrays.equals(bytes, from, from + length, k.bytes, k.from, k.from + k.length);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /** A growing big-endian byte buffer. */
  private static final class Writer {
    private byte[] buf;
    private int count;

    Writer(final int capacity) {
      buf = new byte[capacity];
    }

    void put(final byte b) {
      ensure(1);
      buf[count++] = b;
    }

    void put(final byte[] b) {
      ensure(b.length);
      System.arraycopy(b, 0, buf, count, b.length);
      count += b.length;
    }

    void putShort(final int v) {
      ensure(2);
      buf[count++] = (byte) (v >>> 8);
      buf[count++] = (byte) v;
    }

    void putLong(final long v) {
      ensure(8);
      for (int shift = 56; shift >= 0; shift -= 8) {
        buf[count++] = (byte) (v >>> shift);
      }
    }

    byte[] toByteArray() {
      return Arrays.copyOf(buf, count);
    }

    private void ensure(final int more) {
      if (count + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + more));
      }
    }
  }
}
