package io.exowatch.enrich.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * 64-bit content hashes of an Avro record's fields: CRC-32C and CRC-32 (two different polynomials,
 * both computed by the CPU's own instructions) of each field's Avro binary encoding, side by side.
 * Used to tell which fields of a record changed between two sightings without keeping the record;
 * a change goes unnoticed only if both checksums collide, about once in 2^64 changes. Not a
 * defence against crafted input, which change detection does not need. Fields named in
 * {@code excluded} (fetch metadata) are left out.
 *
 * <p>The encoding is written here for the types the pipeline's records use (null, boolean, int,
 * long and timestamp-millis, float, double, string, enum, array, record, and unions with null),
 * byte for byte as Avro's own writer writes it but without its per-value schema lookups; any other
 * type (maps, bytes, fixed, other logical types and unions) is handed to Avro's writer. Hashes
 * stored by earlier versions therefore still compare equal.
 *
 * <p>Not thread-safe: each stream task makes its own.
 */
public final class FieldHashes {

  private final List<Schema.Field> fields = new ArrayList<>();
  private final List<DatumWriter<Object>> writers = new ArrayList<>();
  private final Bytes bytes = new Bytes();
  private final CRC32C crc32c = new CRC32C();
  private final CRC32 crc32 = new CRC32();
  private BinaryEncoder encoder;

  /**
   * Hashes of the fields of generated class {@code type} except {@code excluded}.
   *
   * @throws IllegalArgumentException when an excluded name is not a field of the schema
   */
  public FieldHashes(final Class<? extends SpecificRecord> type, final Set<String> excluded) {
    // The class's own model: no class is looked up by name (Avro 1.12 guards that).
    final SpecificData model = SpecificData.getForClass(type);
    final Schema schema = model.getSchema(type);
    for (final String name : excluded) {
      if (schema.getField(name) == null) {
        throw new IllegalArgumentException("No field '" + name + "' in " + schema.getFullName());
      }
    }
    for (final Schema.Field field : schema.getFields()) {
      if (!excluded.contains(field.name())) {
        fields.add(field);
        writers.add(new SpecificDatumWriter<>(field.schema(), model));
      }
    }
  }

  /** The hash of each hashed field, by field name, in schema order. */
  public Map<String, Long> perField(final IndexedRecord record) {
    final Map<String, Long> hashes = new LinkedHashMap<>(fields.size() * 2);
    for (int i = 0; i < fields.size(); i++) {
      bytes.reset();
      write(i, record);
      hashes.put(fields.get(i).name(), digest());
    }
    return hashes;
  }

  /** One hash over every hashed field together. */
  public long combined(final IndexedRecord record) {
    bytes.reset();
    for (int i = 0; i < fields.size(); i++) {
      write(i, record);
    }
    return digest();
  }

  private void write(final int i, final IndexedRecord record) {
    final Schema.Field field = fields.get(i);
    final Object value = record.get(field.pos());
    final int start = bytes.size();
    if (bytes.value(field.schema(), value)) {
      return;
    }
    // A type written here is not: Avro's writer encodes the whole field instead.
    bytes.truncate(start);
    encoder = EncoderFactory.get().directBinaryEncoder(bytes, encoder);
    try {
      writers.get(i).write(value, encoder);
    } catch (final IOException e) {
      throw new UncheckedIOException("Cannot encode field " + field.name(), e);
    }
  }

  private long digest() {
    crc32c.reset();
    crc32c.update(bytes.array(), 0, bytes.size());
    crc32.reset();
    crc32.update(bytes.array(), 0, bytes.size());
    return crc32c.getValue() << 32 | crc32.getValue();
  }

  /**
   * A byte buffer readable without a copy, that also writes values in Avro's binary encoding
   * (zig-zag variable-length integers, little-endian floating point, length-prefixed UTF-8,
   * arrays as one block then a zero). An {@link OutputStream} for Avro's own writer; unlike
   * {@code ByteArrayOutputStream}, not synchronized.
   */
  private static final class Bytes extends OutputStream {

    private byte[] buf = new byte[4096];
    private int count;

    byte[] array() {
      return buf;
    }

    int size() {
      return count;
    }

    void reset() {
      count = 0;
    }

    void truncate(final int size) {
      count = size;
    }

    @Override
    public void write(final int b) {
      ensure(1);
      buf[count++] = (byte) b;
    }

    @Override
    public void write(final byte[] b, final int off, final int len) {
      ensure(len);
      System.arraycopy(b, off, buf, count, len);
      count += len;
    }

    /** Writes {@code value} as {@code schema}; returns false, having written part of it, for a type it does not write. */
    boolean value(final Schema schema, final Object value) {
      switch (schema.getType()) {
        case NULL:
          return value == null;
        case BOOLEAN:
          if (!(value instanceof Boolean b)) {
            return false;
          }
          write(b ? 1 : 0);
          return true;
        case INT:
          if (schema.getLogicalType() != null || !(value instanceof Integer n)) {
            return false;
          }
          varLong(n);
          return true;
        case LONG:
          return longValue(schema, value);
        case FLOAT:
          if (schema.getLogicalType() != null || !(value instanceof Float f)) {
            return false;
          }
          littleEndian(Float.floatToRawIntBits(f), 4);
          return true;
        case DOUBLE:
          if (schema.getLogicalType() != null || !(value instanceof Double d)) {
            return false;
          }
          littleEndian(Double.doubleToRawLongBits(d), 8);
          return true;
        case STRING:
          if (schema.getLogicalType() != null || !(value instanceof String s)) {
            return false;
          }
          string(s);
          return true;
        case ENUM:
          if (!(value instanceof Enum<?> e)) {
            return false;
          }
          varLong(e.ordinal());
          return true;
        case ARRAY:
          return array(schema.getElementType(), value);
        case RECORD:
          return record(schema, value);
        case UNION:
          return union(schema, value);
        default:
          return false;
      }
    }

    private boolean longValue(final Schema schema, final Object value) {
      if (schema.getLogicalType() == null && value instanceof Long n) {
        varLong(n);
        return true;
      }
      if (schema.getLogicalType() instanceof LogicalTypes.TimestampMillis && value instanceof Instant t) {
        varLong(t.toEpochMilli());
        return true;
      }
      return false;
    }

    private boolean array(final Schema items, final Object value) {
      if (!(value instanceof Collection<?> c)) {
        return false;
      }
      if (!c.isEmpty()) {
        varLong(c.size());
        for (final Object item : c) {
          if (!value(items, item)) {
            return false;
          }
        }
      }
      write(0);
      return true;
    }

    private boolean record(final Schema schema, final Object value) {
      // Like Avro's writer: the schema's fields, read by position.
      if (!(value instanceof IndexedRecord r)) {
        return false;
      }
      for (final Schema.Field f : schema.getFields()) {
        if (!value(f.schema(), r.get(f.pos()))) {
          return false;
        }
      }
      return true;
    }

    /** Unions of null and one other type only: the branch index, then the value. */
    private boolean union(final Schema schema, final Object value) {
      final List<Schema> branches = schema.getTypes();
      if (branches.size() != 2) {
        return false;
      }
      final int nullBranch = branches.get(0).getType() == Schema.Type.NULL ? 0
          : branches.get(1).getType() == Schema.Type.NULL ? 1 : -1;
      if (nullBranch < 0) {
        return false;
      }
      final int branch = value == null ? nullBranch : 1 - nullBranch;
      varLong(branch);
      return value(branches.get(branch), value);
    }

    private void string(final String s) {
      if (s.isEmpty()) {
        write(0);
        return;
      }
      final byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      varLong(utf8.length);
      write(utf8, 0, utf8.length);
    }

    private void varLong(final long n) {
      ensure(10);
      long v = (n << 1) ^ (n >> 63);
      while ((v & ~0x7FL) != 0) {
        buf[count++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      buf[count++] = (byte) v;
    }

    private void littleEndian(final long bits, final int width) {
      ensure(width);
      for (int k = 0; k < width; k++) {
        buf[count++] = (byte) (bits >>> (8 * k));
      }
    }

    private void ensure(final int more) {
      if (count + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + more));
      }
    }
  }
}
