package io.exowatch.schemas.serde;

import io.exowatch.schemas.registry.SchemaRegistryClient;
import io.exowatch.schemas.registry.SchemaRegistryException;
import io.exowatch.schemas.serde.internal.DecoderCache;
import io.exowatch.schemas.serde.internal.ReaderModels;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DatumReader;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer for Confluent-framed Avro: reads the schema id, fetches the writer schema from the registry
 * (once per id) and resolves it to the reader schema, so data written with an older or newer compatible schema reads.
 *
 * <p>The reader schema is the given generated class's schema; without a class, the writer schema itself
 * ({@code GenericRecord}s), or with {@code specific.avro.reader=true} the generated class named by the writer schema.
 * {@code null} deserializes to {@code null} (tombstones). Datum readers are cached per schema id, each thread reuses
 * one decoder, and the {@link ByteBuffer} variant Kafka's consumer calls reads the fetched bytes in place. Thread-safe.
 *
 * <p>Failures are {@link SerializationException}s, never a silent {@code null}: an unknown magic byte (showing the
 * byte, the expected 0 and the topic), a frame shorter than 5 bytes or an Avro body ending early, an unknown schema id
 * (with the registry URL), or a writer schema the reader cannot resolve.
 *
 * @param <T> the record type: a generated class, {@code GenericRecord}, or {@code Object}
 */
public class AvroDeserializer<T> implements Deserializer<T> {

    private static final String GENERATED_PACKAGE = "io.exowatch.schemas.avro.";

    private final Class<T> readerClass;
    private final SchemaRegistryClient injectedClient;
    private final Map<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();
    private SchemaRegistryClient client;
    private boolean isKey;
    private boolean specificReader;
    private volatile Reader<T> last;

    /** Generic reader (or specific with {@code specific.avro.reader=true}); client from {@code schema.registry.url}. */
    public AvroDeserializer() {
        this(null, null);
    }

    /**
     * @param readerClass the generated class to read into; its schema is the reader schema
     */
    public AvroDeserializer(final Class<T> readerClass) {
        this(readerClass, null);
    }

    /**
     * @param readerClass the generated class to read into, or {@code null} for the generic (or configured) reader
     * @param client      the registry client to use instead of creating one from {@code schema.registry.url}
     */
    public AvroDeserializer(final Class<T> readerClass, final SchemaRegistryClient client) {
        if (readerClass != null && !SpecificRecord.class.isAssignableFrom(readerClass)) {
            throw new IllegalArgumentException(readerClass.getName() + " is not a generated Avro class");
        }
        this.readerClass = readerClass;
        this.injectedClient = client;
    }

    @Override
    public void configure(final Map<String, ?> configs, final boolean key) {
        final AvroSerdeConfig config = new AvroSerdeConfig(configs);
        configure(config, injectedClient != null ? injectedClient : AvroSerdes.createClient(config, configs), key);
    }

    /** Applies an already parsed config and client (used by the serdes, which share one client). */
    void configure(final AvroSerdeConfig config, final SchemaRegistryClient registry, final boolean key) {
        this.client = Objects.requireNonNull(registry, "client");
        this.isKey = key;
        this.specificReader = readerClass != null || config.specificAvroReader();
        this.readers.clear();
        this.last = null;
    }

    /** Forces reading into generated classes found by the writer schema's name (the no-class specific serde). */
    void forceSpecificReader() {
        this.specificReader = true;
    }

    @Override
    public T deserialize(final String topic, final byte[] data) {
        return data == null ? null : decode(topic, data, 0, data.length);
    }

    @Override
    public T deserialize(final String topic, final Headers headers, final byte[] data) {
        return deserialize(topic, data);
    }

    @Override
    public T deserialize(final String topic, final Headers headers, final ByteBuffer data) {
        if (data == null) {
            return null;
        }
        if (data.hasArray()) {
            return decode(topic, data.array(), data.arrayOffset() + data.position(), data.remaining());
        }
        final byte[] copy = new byte[data.remaining()];
        data.duplicate().get(copy);
        return decode(topic, copy, 0, copy.length);
    }

    private T decode(final String topic, final byte[] data, final int offset, final int length) {
        if (length > 0 && data[offset] != WireFormat.MAGIC_BYTE) {
            throw new SerializationException("Unknown magic byte 0x" + String.format(Locale.ROOT, "%02x", data[offset] & 0xff)
                    + " (expected 0x00) at the start of a " + length + "-byte " + part() + " on topic '" + topic
                    + "': not written by a Confluent-protocol Avro serializer");
        }
        if (length < WireFormat.HEADER_SIZE) {
            throw new SerializationException("Truncated Confluent frame on topic '" + topic + "': the " + part()
                    + " has " + length + " byte" + (length == 1 ? "" : "s") + ", a frame needs at least "
                    + WireFormat.HEADER_SIZE + " (magic byte 0 and a 4-byte schema id)");
        }
        final int id = WireFormat.readSchemaId(data, offset);
        final DatumReader<T> reader = reader(topic, id);
        try {
            return reader.read(null, DecoderCache.over(data, offset + WireFormat.HEADER_SIZE,
                    length - WireFormat.HEADER_SIZE));
        } catch (final EOFException e) {
            throw new SerializationException("Truncated Avro body on topic '" + topic + "': the " + part() + " ("
                    + length + " bytes, schema id " + id + ") ends before the record does", e);
        } catch (final Exception e) {
            throw new SerializationException("Cannot decode the Avro " + part() + " on topic '" + topic
                    + "' (schema id " + id + ", " + length + " bytes): " + e, e);
        }
    }

    private DatumReader<T> reader(final String topic, final int id) {
        final Reader<T> previous = last;
        if (previous != null && previous.id == id) {
            return previous.reader;
        }
        DatumReader<T> reader = readers.get(id);
        if (reader == null) {
            reader = newReader(topic, id);
            readers.putIfAbsent(id, reader);
        }
        last = new Reader<>(id, reader);
        return reader;
    }

    private DatumReader<T> newReader(final String topic, final int id) {
        if (client == null) {
            throw new IllegalStateException("AvroDeserializer used before configure(): no schema registry client");
        }
        final Schema writer;
        try {
            writer = client.getSchemaById(id);
        } catch (final SchemaRegistryException e) {
            final String what = e.status() == 404 ? "Unknown schema id " : "Cannot fetch schema id ";
            throw new SerializationException(what + id + " in a " + part() + " on topic '" + topic + "' from registry "
                    + client.url() + ": " + e.getMessage(), e);
        }
        if (!specificReader) {
            return new GenericDatumReader<>(writer, writer, GenericData.get());
        }
        final Class<?> target = readerClass != null ? readerClass : classNamedBy(writer, topic, id);
        @SuppressWarnings("unchecked")
        final SpecificData model = ReaderModels.forClass((Class<? extends SpecificRecord>) target);
        final Schema readerSchema = model.getSchema(target);
        final SchemaCompatibility.SchemaPairCompatibility pair =
                SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writer);
        if (pair.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new SerializationException("Schema id " + id + " (" + writer.getFullName() + ") on topic '" + topic
                    + "' cannot be read as " + target.getName() + ": " + pair.getResult().getIncompatibilities());
        }
        // Equal schemas: give Avro the reader's own instance twice, its cheapest resolution.
        return new SpecificDatumReader<>(writer.equals(readerSchema) ? readerSchema : writer, readerSchema, model);
    }

    private Class<?> classNamedBy(final Schema writer, final String topic, final int id) {
        final String name = SpecificData.getClassName(writer);
        Class<?> found = null;
        try {
            if (writer.getType() == Schema.Type.RECORD && name.startsWith(GENERATED_PACKAGE)) {
                // The project's own generated classes: the contract this module compiles, trusted by construction.
                found = Class.forName(name, false, AvroDeserializer.class.getClassLoader());
            } else {
                found = SpecificData.get().getClass(writer);
            }
        } catch (final ClassNotFoundException e) {
            found = null;
        } catch (final SecurityException e) {
            throw new SerializationException("Avro refuses to load " + name + " named by schema id " + id
                    + " on topic '" + topic + "': trust its package with the system property"
                    + " org.apache.avro.SERIALIZABLE_PACKAGES, or give the deserializer the class", e);
        }
        if (found == null || !SpecificRecord.class.isAssignableFrom(found)) {
            throw new SerializationException("No generated class for " + writer.getFullName() + " (schema id " + id
                    + ", topic '" + topic + "') on the classpath, and specific.avro.reader=true");
        }
        return found;
    }

    private String part() {
        return isKey ? "key" : "value";
    }

    @Override
    public void close() {
        // The registry client holds no resource that needs closing; caches go with this object.
    }

    private record Reader<T>(int id, DatumReader<T> reader) {
    }
}
