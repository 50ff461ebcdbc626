package io.exowatch.schemas.registry.internal;

/**
 * One version of a subject as the registry states it, schema still as text.
 *
 * @param subject the subject
 * @param id      the schema id
 * @param version the version within the subject
 * @param schema  the schema text
 */
public record RegisteredSchema(String subject, int id, int version, String schema) {
}
