package io.exowatch.schemas.registry;

import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * A client of a Confluent-protocol schema registry. Obtain one from {@link SchemaRegistryClients#create}; the URL
 * picks the implementation ({@code http(s)://...} for the REST protocol, {@code mock://scope} for the in-memory
 * registry used by unit tests).
 *
 * <p>Implementations are thread-safe and cache {@code (subject, schema) -> id} and {@code id -> schema}, so the
 * serializer's and deserializer's hot paths make no request once an id is known. Latest versions, version lists and
 * compatibility settings are asked anew each time. Every method throws {@link SchemaRegistryException} (with status,
 * Confluent error code, message and URL) when the registry refuses, {@link IncompatibleSchemaException} on 409, and
 * {@link SchemaRegistryUnavailableException} after bounded retries when it cannot be reached.
 */
public interface SchemaRegistryClient {

    /** @return the registry URL(s) this client talks to, as configured (for messages) */
    String url();

    /**
     * Registers a schema under a subject ({@code POST /subjects/{subject}/versions}), or returns the id it already has
     * there. Cached.
     *
     * @param subject e.g. {@code trials-raw-value}
     * @param schema  the Avro schema
     * @return the registry-wide schema id
     * @throws IncompatibleSchemaException when the subject's compatibility rule refuses it (409)
     */
    int register(String subject, Schema schema);

    /**
     * Looks up a schema already registered under a subject ({@code POST /subjects/{subject}}). Not cached: use
     * {@link #getId} on a hot path.
     *
     * @param subject the subject
     * @param schema  the schema
     * @return its id and version in that subject
     * @throws SchemaRegistryException 404 with error code 40401 (no such subject) or 40403 (schema not registered)
     */
    SchemaMetadata lookup(String subject, Schema schema);

    /**
     * The id of a schema already registered under a subject: {@link #lookup}, cached.
     *
     * @param subject the subject
     * @param schema  the schema
     * @return its id
     */
    int getId(String subject, Schema schema);

    /**
     * The schema with an id ({@code GET /schemas/ids/{id}}). Cached: ids never change meaning.
     *
     * @param id the schema id from a message frame
     * @return the parsed schema
     * @throws SchemaRegistryException 404 with error code 40403 when no schema has this id
     */
    Schema getSchemaById(int id);

    /**
     * The latest version of a subject ({@code GET /subjects/{subject}/versions/latest}).
     *
     * @param subject the subject
     * @return its latest version
     * @throws SchemaRegistryException 404 with error code 40401 when the subject does not exist
     */
    SchemaMetadata getLatestSchemaMetadata(String subject);

    /**
     * The versions registered under a subject ({@code GET /subjects/{subject}/versions}).
     *
     * @param subject the subject
     * @return the versions, ascending
     */
    List<Integer> getAllVersions(String subject);

    /**
     * Tests a schema against the subject's latest version and compatibility rule without registering it
     * ({@code POST /compatibility/subjects/{subject}/versions/latest?verbose=true}).
     *
     * @param subject the subject
     * @param schema  the candidate schema
     * @return whether it is compatible, and the registry's reasons when it is not
     */
    CompatibilityResult testCompatibility(String subject, Schema schema);

    /** @return the registry-wide compatibility rule ({@code GET /config}) */
    CompatibilityLevel getGlobalCompatibility();

    /**
     * Sets the registry-wide compatibility rule ({@code PUT /config}).
     *
     * @param level the new rule
     * @return the rule now in force, as the registry echoed it
     */
    CompatibilityLevel setGlobalCompatibility(CompatibilityLevel level);

    /**
     * The compatibility rule set on a subject itself ({@code GET /config/{subject}}).
     *
     * @param subject the subject
     * @return the subject's own rule, or empty when it has none and follows the global one
     */
    Optional<CompatibilityLevel> getSubjectCompatibility(String subject);

    /**
     * Sets a subject's own compatibility rule ({@code PUT /config/{subject}}).
     *
     * @param subject the subject
     * @param level   the new rule
     * @return the rule now in force, as the registry echoed it
     */
    CompatibilityLevel setSubjectCompatibility(String subject, CompatibilityLevel level);

    /**
     * The rule that applies to a subject: its own, else the global one.
     *
     * @param subject the subject
     * @return the rule in force
     */
    default CompatibilityLevel getEffectiveCompatibility(final String subject) {
        return getSubjectCompatibility(subject).orElseGet(this::getGlobalCompatibility);
    }
}
