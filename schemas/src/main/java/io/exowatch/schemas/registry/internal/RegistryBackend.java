package io.exowatch.schemas.registry.internal;

import io.exowatch.schemas.registry.CompatibilityLevel;
import io.exowatch.schemas.registry.CompatibilityResult;
import java.util.List;
import java.util.Optional;

/**
 * The registry operations on schema text, one call per request, no caching: the REST protocol or the in-memory
 * registry. {@link CachingSchemaRegistryClient} adds parsing and caches on top.
 */
public interface RegistryBackend {

    /** @return the URL(s), for messages */
    String url();

    /** {@code POST /subjects/{subject}/versions}: the id of the schema, registering it if new. */
    int register(String subject, String schema);

    /** {@code POST /subjects/{subject}}: id and version of an already registered schema. */
    RegisteredSchema lookup(String subject, String schema);

    /** {@code GET /schemas/ids/{id}}: the schema text. */
    String schemaById(int id);

    /** {@code GET /subjects/{subject}/versions/latest}. */
    RegisteredSchema latest(String subject);

    /** {@code GET /subjects/{subject}/versions}. */
    List<Integer> versions(String subject);

    /** {@code POST /compatibility/subjects/{subject}/versions/latest?verbose=true}. */
    CompatibilityResult testCompatibility(String subject, String schema);

    /** {@code GET /config}. */
    CompatibilityLevel globalCompatibility();

    /** {@code PUT /config}. */
    CompatibilityLevel setGlobalCompatibility(CompatibilityLevel level);

    /** {@code GET /config/{subject}}: empty when the subject has no level of its own. */
    Optional<CompatibilityLevel> subjectCompatibility(String subject);

    /** {@code PUT /config/{subject}}. */
    CompatibilityLevel setSubjectCompatibility(String subject, CompatibilityLevel level);
}
