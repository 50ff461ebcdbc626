package io.exowatch.enrich.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
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
 * <p>Not thread-safe: each stream task makes its own.
 */
public final class FieldHashes {

  private final List<Schema.Field> fields = new ArrayList<>();
  private final List<DatumWriter<Object>> writers = new ArrayList<>();
  private final Buffer buffer = new Buffer();
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
    final Map<String, Long> hashes = new LinkedHashMap<>();
    for (int i = 0; i < fields.size(); i++) {
      buffer.reset();
      write(i, record);
      hashes.put(fields.get(i).name(), digest());
    }
    return hashes;
  }

  /** One hash over every hashed field together. */
  public long combined(final IndexedRecord record) {
    buffer.reset();
    for (int i = 0; i < fields.size(); i++) {
      write(i, record);
    }
    return digest();
  }

  private void write(final int i, final IndexedRecord record) {
    encoder = EncoderFactory.get().directBinaryEncoder(buffer, encoder);
    try {
      writers.get(i).write(record.get(fields.get(i).pos()), encoder);
    } catch (final IOException e) {
      throw new UncheckedIOException("Cannot encode field " + fields.get(i).name(), e);
    }
  }

  private long digest() {
    crc32c.reset();
    crc32c.update(buffer.bytes(), 0, buffer.size());
    crc32.reset();
    crc32.update(buffer.bytes(), 0, buffer.size());
    return crc32c.getValue() << 32 | crc32.getValue();
  }

  /** A byte buffer whose array can be read without a copy. */
  private static final class Buffer extends ByteArrayOutputStream {
    Buffer() {
      super(4096);
    }

    byte[] bytes() {
      return buf;
    }
  }
}
