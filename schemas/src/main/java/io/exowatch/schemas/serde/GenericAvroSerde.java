package io.exowatch.schemas.serde;

import io.exowatch.schemas.registry.SchemaRegistryClient;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for {@link GenericRecord}s in Confluent's wire format; records read back carry the writer's schema. Serializer
 * and deserializer share one registry client. Configure with {@link AvroSerdeConfig}'s keys (defaults there), or
 * build a configured one with {@link AvroSerdes#generic}.
 */
public class GenericAvroSerde implements Serde<GenericRecord> {

    private final SchemaRegistryClient injectedClient;
    private final AvroSerializer<GenericRecord> serializer;
    private final AvroDeserializer<GenericRecord> deserializer;

    /** For Kafka Streams' class-name configuration; the client is created from {@code schema.registry.url}. */
    public GenericAvroSerde() {
        this(null);
    }

    /** @param client the registry client to use instead of creating one from {@code schema.registry.url} */
    public GenericAvroSerde(final SchemaRegistryClient client) {
        this.injectedClient = client;
        this.serializer = new AvroSerializer<>(client);
        this.deserializer = new AvroDeserializer<>(null, client);
    }

    @Override
    public void configure(final Map<String, ?> configs, final boolean isKey) {
        final AvroSerdeConfig config = new AvroSerdeConfig(configs);
        final SchemaRegistryClient client =
                injectedClient != null ? injectedClient : AvroSerdes.createClient(config, configs);
        serializer.configure(config, client, isKey);
        // Generic by contract: specific.avro.reader in a shared config map must not turn records into classes.
        deserializer.configure(new AvroSerdeConfig(withoutSpecificReader(configs)), client, isKey);
    }

    private static Map<String, Object> withoutSpecificReader(final Map<String, ?> configs) {
        final Map<String, Object> copy = new HashMap<>(configs);
        copy.remove(AvroSerdeConfig.SPECIFIC_AVRO_READER);
        return copy;
    }

    @Override
    public Serializer<GenericRecord> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<GenericRecord> deserializer() {
        return deserializer;
    }
}
