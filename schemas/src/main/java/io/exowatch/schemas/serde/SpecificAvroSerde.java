package io.exowatch.schemas.serde;

import io.exowatch.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for one generated Avro class in Confluent's wire format: an {@link AvroSerializer} and an
 * {@link AvroDeserializer} reading into the class (its schema is the reader schema), sharing one registry client so
 * an id the serializer registered needs no request to decode. Configure with {@link AvroSerdeConfig}'s keys (defaults
 * there), or build a configured one with {@link AvroSerdes#specific}.
 *
 * @param <T> the generated class
 */
public class SpecificAvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final SchemaRegistryClient injectedClient;
    private final AvroSerializer<T> serializer;
    private final AvroDeserializer<T> deserializer;

    /**
     * For Kafka Streams' class-name configuration: reads into the generated class named by each writer schema.
     */
    public SpecificAvroSerde() {
        this(null, null);
    }

    /** @param type the generated class to read into */
    public SpecificAvroSerde(final Class<T> type) {
        this(type, null);
    }

    /**
     * @param type   the generated class to read into, or {@code null} to use the class named by the writer schema
     * @param client the registry client to use instead of creating one from {@code schema.registry.url}
     */
    public SpecificAvroSerde(final Class<T> type, final SchemaRegistryClient client) {
        this.injectedClient = client;
        this.serializer = new AvroSerializer<>(client);
        this.deserializer = new AvroDeserializer<>(type, client);
    }

    @Override
    public void configure(final Map<String, ?> configs, final boolean isKey) {
        final AvroSerdeConfig config = new AvroSerdeConfig(configs);
        final SchemaRegistryClient client =
                injectedClient != null ? injectedClient : AvroSerdes.createClient(config, configs);
        serializer.configure(config, client, isKey);
        deserializer.configure(config, client, isKey);
        deserializer.forceSpecificReader();
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
