package io.exowatch.schemas.serde;

import io.exowatch.schemas.registry.SchemaMetadata;
import io.exowatch.schemas.registry.SchemaRegistryClient;
import io.exowatch.schemas.registry.SchemaRegistryException;
import io.exowatch.schemas.serde.internal.FrameBuffer;
import io.exowatch.schemas.serde.internal.LatestVersionConverter;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serializer writing Avro records (generated classes or {@code GenericRecord}) in Confluent's wire format:
 * magic byte 0, the schema id (big-endian int), plain Avro binary. Configured with {@link AvroSerdeConfig}'s keys;
 * defaults: the record's schema is registered under {@code <topic>-value} ({@code <topic>-key} for keys).
 *
 * <p>{@code null} serializes to {@code null} (a tombstone). Ids are cached per topic and schema, datum writers per
 * schema, and each thread reuses one buffer and encoder, so a known schema costs no request and one copy of the
 * frame. Thread-safe. Failures are {@link SerializationException}s naming the topic, subject and registry URL.
 *
 * @param <T> the record type
 */
public class AvroSerializer<T extends GenericContainer> implements Serializer<T> {

    private final SchemaRegistryClient injectedClient;
    private final Map<String, Map<Schema, Target>> targets = new ConcurrentHashMap<>();
    private final Map<Schema, DatumWriter<Object>> specificWriters = new ConcurrentHashMap<>();
    private final Map<Schema, DatumWriter<Object>> genericWriters = new ConcurrentHashMap<>();
    private SchemaRegistryClient client;
    private boolean isKey;
    private boolean autoRegister = true;
    private boolean useLatestVersion;
    private volatile Target last;

    /** For Kafka's class-name configuration: the client is created from {@code schema.registry.url} in configure. */
    public AvroSerializer() {
        this(null);
    }

    /**
     * @param client the registry client to use instead of creating one from {@code schema.registry.url}
     */
    public AvroSerializer(final SchemaRegistryClient client) {
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
        this.autoRegister = config.autoRegisterSchemas();
        this.useLatestVersion = config.useLatestVersion();
        this.targets.clear();
        this.last = null;
    }

    @Override
    public byte[] serialize(final String topic, final T data) {
        if (data == null) {
            return null;
        }
        if (client == null) {
            throw new IllegalStateException("AvroSerializer used before configure(): no schema registry client");
        }
        final Schema schema = data.getSchema();
        final Target target = target(topic, schema, data);
        final FrameBuffer buffer = FrameBuffer.start(target.id);
        try {
            final BinaryEncoder encoder = buffer.encoder();
            if (target.converter != null) {
                target.writer.write(target.converter.convert(data), encoder);
            } else if (target.specific == data instanceof SpecificRecord) {
                target.writer.write(data, encoder);
            } else {
                writer(schema, data).write(data, encoder);
            }
            encoder.flush();
        } catch (final IOException | RuntimeException e) {
            throw new SerializationException("Cannot serialize " + schema.getFullName() + " for topic '" + topic
                    + "' (subject '" + AvroSerdeConfig.subjectName(topic, isKey) + "', schema id " + target.id
                    + "): " + e, e);
        }
        return buffer.finish();
    }

    private Target target(final String topic, final Schema schema, final T data) {
        final Target previous = last;
        if (previous != null && previous.schema == schema && previous.topic.equals(topic)) {
            return previous;
        }
        final Map<Schema, Target> byTopic = targets.computeIfAbsent(topic, t -> new ConcurrentHashMap<>());
        Target target = byTopic.get(schema);
        if (target == null) {
            target = resolve(topic, schema, data);
            byTopic.putIfAbsent(schema, target);
        }
        last = target;
        return target;
    }

    private Target resolve(final String topic, final Schema schema, final T data) {
        final String subject = AvroSerdeConfig.subjectName(topic, isKey);
        final boolean specific = data instanceof SpecificRecord;
        try {
            if (autoRegister) {
                return new Target(topic, schema, client.register(subject, schema), writer(schema, data), specific,
                        null);
            }
            if (!useLatestVersion) {
                return new Target(topic, schema, client.getId(subject, schema), writer(schema, data), specific, null);
            }
            final SchemaMetadata latest = client.getLatestSchemaMetadata(subject);
            if (latest.schema().equals(schema)) {
                return new Target(topic, schema, latest.id(), writer(schema, data), specific, null);
            }
            final SchemaCompatibility.SchemaPairCompatibility pair =
                    SchemaCompatibility.checkReaderWriterCompatibility(latest.schema(), schema);
            if (pair.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                throw new SerializationException("Cannot write " + schema.getFullName() + " with version "
                        + latest.version() + " (id " + latest.id() + ") of subject '" + subject + "' from "
                        + client.url() + " (use.latest.version=true): that version cannot read this record's schema: "
                        + pair.getResult().getIncompatibilities());
            }
            return new Target(topic, schema, latest.id(),
                    new GenericDatumWriter<>(latest.schema(), GenericData.get()), specific,
                    new LatestVersionConverter(writer(schema, data), schema, latest.schema()));
        } catch (final SchemaRegistryException e) {
            final String action = autoRegister ? "register the schema of " : "find the registered schema of ";
            throw new SerializationException("Cannot " + action + schema.getFullName() + " under subject '" + subject
                    + "' for topic '" + topic + "' at " + client.url() + ": " + e.getMessage(), e);
        }
    }

    private DatumWriter<Object> writer(final Schema schema, final GenericContainer data) {
        if (data instanceof SpecificRecord) {
            // The generated class's own model carries its logical-type conversions (e.g. Instant timestamps).
            return specificWriters.computeIfAbsent(schema,
                    s -> new SpecificDatumWriter<>(s, SpecificData.getForClass(data.getClass())));
        }
        return genericWriters.computeIfAbsent(schema, s -> new GenericDatumWriter<>(s, GenericData.get()));
    }

    @Override
    public void close() {
        // The registry client holds no resource that needs closing; caches go with this object.
    }

    private record Target(String topic, Schema schema, int id, DatumWriter<Object> writer, boolean specific,
            LatestVersionConverter converter) {
    }
}
