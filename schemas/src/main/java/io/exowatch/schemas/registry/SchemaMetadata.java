package io.exowatch.schemas.registry;

import java.util.Objects;
import org.apache.avro.Schema;

/**
 * One registered version of a subject.
 *
 * @param subject the subject, e.g. {@code trials-raw-value}
 * @param id      the registry-wide schema id written into every message frame
 * @param version the version within the subject, starting at 1
 * @param schema  the parsed Avro schema
 */
public record SchemaMetadata(String subject, int id, int version, Schema schema) {

    /**
     * Rejects missing parts.
     *
     * @param subject the subject
     * @param id      the schema id
     * @param version the version within the subject
     * @param schema  the parsed schema
     */
    public SchemaMetadata {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
    }
}
