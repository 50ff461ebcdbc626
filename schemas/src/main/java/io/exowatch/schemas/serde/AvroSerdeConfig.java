package io.exowatch.schemas.serde;

import io.exowatch.schemas.registry.SchemaRegistryClients;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configuration of the Avro serdes, with Confluent's key names so one config map works for both:
 *
 * <table>
 * <caption>Keys and defaults</caption>
 * <tr><th>key</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@value #SCHEMA_REGISTRY_URL}</td><td>(required unless a client is passed in)</td><td>registry URL(s),
 * comma-separated, or {@code mock://<scope>}</td></tr>
 * <tr><td>{@value #AUTO_REGISTER_SCHEMAS}</td><td>true</td><td>the serializer registers the record's schema under the
 * subject; when false it looks the schema up and fails if it is not registered</td></tr>
 * <tr><td>{@value #USE_LATEST_VERSION}</td><td>false</td><td>with auto-registration off: write with the subject's
 * latest version (fetched once per subject and kept), converting the record to it when its own schema differs</td></tr>
 * <tr><td>{@value #SPECIFIC_AVRO_READER}</td><td>false</td><td>the plain {@link AvroDeserializer} returns generated
 * classes (found by the writer schema's full name) instead of {@code GenericRecord}</td></tr>
 * <tr><td>{@code basic.auth.*}</td><td></td><td>not supported: ignored with a warning</td></tr>
 * </table>
 *
 * <p>Subjects follow Confluent's {@code TopicNameStrategy}: {@code <topic>-value}, or {@code <topic>-key} for keys.
 * The registry client's timeouts and retries ({@link io.exowatch.schemas.registry.SchemaRegistryClientConfig}) are read
 * from the same map.
 */
public final class AvroSerdeConfig extends AbstractConfig {

    /** Registry URL(s). */
    public static final String SCHEMA_REGISTRY_URL = SchemaRegistryClients.SCHEMA_REGISTRY_URL;
    /** Whether the serializer registers schemas; default true. */
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    /** Whether the serializer writes with the subject's latest version; default false. */
    public static final String USE_LATEST_VERSION = "use.latest.version";
    /** Whether the generic deserializer returns generated classes; default false. */
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";

    private static final Logger LOG = LoggerFactory.getLogger(AvroSerdeConfig.class);
    private static final ConfigDef DEFINITION = new ConfigDef()
            .define(SCHEMA_REGISTRY_URL, Type.STRING, null, Importance.HIGH,
                    "Comma-separated schema registry URLs, or mock://<scope> for the in-memory registry in unit tests.")
            .define(AUTO_REGISTER_SCHEMAS, Type.BOOLEAN, true, Importance.MEDIUM,
                    "Register the record's schema under the subject when serializing.")
            .define(USE_LATEST_VERSION, Type.BOOLEAN, false, Importance.LOW,
                    "With auto.register.schemas=false, serialize with the subject's latest registered version.")
            .define(SPECIFIC_AVRO_READER, Type.BOOLEAN, false, Importance.LOW,
                    "Deserialize into generated classes instead of GenericRecord.");

    /**
     * @param configs e.g. a producer's, consumer's or streams config map
     * @throws org.apache.kafka.common.config.ConfigException naming the key when a value has the wrong type
     */
    public AvroSerdeConfig(final Map<String, ?> configs) {
        super(DEFINITION, configs, false);
        for (final String key : configs.keySet()) {
            final String lower = key.toLowerCase(Locale.ROOT);
            if (lower.startsWith("basic.auth.") || lower.startsWith("schema.registry.basic.auth.")) {
                LOG.warn("Ignoring '{}': ExoWatch's schema registry client does not authenticate", key);
            }
        }
    }

    /** @return the registry URL(s), or {@code null} when not configured */
    public String schemaRegistryUrl() {
        return getString(SCHEMA_REGISTRY_URL);
    }

    /** @return whether the serializer registers schemas */
    public boolean autoRegisterSchemas() {
        return getBoolean(AUTO_REGISTER_SCHEMAS);
    }

    /** @return whether the serializer writes with the subject's latest version */
    public boolean useLatestVersion() {
        return getBoolean(USE_LATEST_VERSION);
    }

    /** @return whether the plain deserializer returns generated classes */
    public boolean specificAvroReader() {
        return getBoolean(SPECIFIC_AVRO_READER);
    }

    /**
     * The subject of a topic under Confluent's {@code TopicNameStrategy}.
     *
     * @param topic the topic
     * @param isKey whether the record key (rather than the value) is meant
     * @return {@code <topic>-key} or {@code <topic>-value}
     */
    public static String subjectName(final String topic, final boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }
}
