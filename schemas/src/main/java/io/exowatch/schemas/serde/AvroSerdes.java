package io.exowatch.schemas.serde;

import io.exowatch.schemas.registry.SchemaRegistryClient;
import io.exowatch.schemas.registry.SchemaRegistryClientConfig;
import io.exowatch.schemas.registry.SchemaRegistryClients;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;

/**
 * Configured Avro serdes in one call, e.g. {@code AvroSerdes.specific(TrialRecord.class, config, false)} for a
 * {@code trials-raw} value serde. {@code config} holds {@link AvroSerdeConfig}'s keys (at least
 * {@code schema.registry.url}); defaults are listed there.
 */
public final class AvroSerdes {

    private AvroSerdes() {
    }

    /**
     * @param type   the generated class
     * @param config serde config, at least {@code schema.registry.url}
     * @param isKey  whether the serde is for record keys (subject {@code <topic>-key}) rather than values
     * @param <T>    the generated class
     * @return a configured serde
     * @throws ConfigException naming the key when the config is missing or wrong
     */
    public static <T extends SpecificRecord> SpecificAvroSerde<T> specific(final Class<T> type,
            final Map<String, ?> config, final boolean isKey) {
        final SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type);
        serde.configure(config, isKey);
        return serde;
    }

    /**
     * Like {@link #specific(Class, Map, boolean)} with a shared registry client (its URL wins over the config's).
     *
     * @param type   the generated class
     * @param client the registry client
     * @param config serde config ({@code schema.registry.url} may be absent)
     * @param isKey  whether the serde is for record keys
     * @param <T>    the generated class
     * @return a configured serde
     */
    public static <T extends SpecificRecord> SpecificAvroSerde<T> specific(final Class<T> type,
            final SchemaRegistryClient client, final Map<String, ?> config, final boolean isKey) {
        final SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type, client);
        serde.configure(config, isKey);
        return serde;
    }

    /**
     * @param config serde config, at least {@code schema.registry.url}
     * @param isKey  whether the serde is for record keys rather than values
     * @return a configured generic serde
     */
    public static GenericAvroSerde generic(final Map<String, ?> config, final boolean isKey) {
        final GenericAvroSerde serde = new GenericAvroSerde();
        serde.configure(config, isKey);
        return serde;
    }

    /**
     * @param client the registry client
     * @param config serde config ({@code schema.registry.url} may be absent)
     * @param isKey  whether the serde is for record keys rather than values
     * @return a configured generic serde sharing the client
     */
    public static GenericAvroSerde generic(final SchemaRegistryClient client, final Map<String, ?> config,
            final boolean isKey) {
        final GenericAvroSerde serde = new GenericAvroSerde(client);
        serde.configure(config, isKey);
        return serde;
    }

    /** A client for the config's URL(s), with a {@link ConfigException} naming the key when absent or malformed. */
    static SchemaRegistryClient createClient(final AvroSerdeConfig config, final Map<String, ?> originals) {
        final String urls = config.schemaRegistryUrl();
        if (urls == null || urls.isBlank()) {
            throw new ConfigException("Missing required configuration '" + AvroSerdeConfig.SCHEMA_REGISTRY_URL
                    + "' (e.g. http://localhost:8081, or mock://<scope> in unit tests)");
        }
        try {
            return SchemaRegistryClients.create(urls, SchemaRegistryClientConfig.fromMap(originals));
        } catch (final IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }
}
