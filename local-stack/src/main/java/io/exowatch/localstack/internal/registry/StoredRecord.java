package io.exowatch.localstack.internal.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The records of the {@code _schemas} topic, encoded as Confluent's registry encodes them so either registry
 * can read the other's topic. Keys: {@code {"keytype":"SCHEMA","subject":..,"version":..,"magic":1}},
 * {@code {"keytype":"CONFIG","subject":..|null,"magic":0}}, {@code {"keytype":"DELETE_SUBJECT",...}};
 * values: {@code {"subject","version","id","schema","deleted"}}, {@code {"compatibilityLevel"}},
 * {@code {"subject","version"}}. A null value is a tombstone (permanent delete or config reset).
 */
final class StoredRecord {

    static final String SCHEMA = "SCHEMA";
    static final String CONFIG = "CONFIG";
    static final String DELETE_SUBJECT = "DELETE_SUBJECT";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A decoded key: its type, subject (null for the global config) and version (0 when none). */
    record Key(String keyType, String subject, int version) {
    }

    /** A decoded schema value. */
    record SchemaValue(String subject, int version, int id, String schema, boolean deleted) {
    }

    private StoredRecord() {
    }

    static byte[] schemaKey(String subject, int version) {
        final ObjectNode key = JSON.createObjectNode();
        key.put("keytype", SCHEMA);
        key.put("subject", subject);
        key.put("version", version);
        key.put("magic", 1);
        return bytes(key);
    }

    static byte[] configKey(String subjectOrNull) {
        final ObjectNode key = JSON.createObjectNode();
        key.put("keytype", CONFIG);
        key.put("subject", subjectOrNull);
        key.put("magic", 0);
        return bytes(key);
    }

    static byte[] schemaValue(SchemaValue value) {
        final ObjectNode node = JSON.createObjectNode();
        node.put("subject", value.subject());
        node.put("version", value.version());
        node.put("id", value.id());
        node.put("schema", value.schema());
        node.put("deleted", value.deleted());
        return bytes(node);
    }

    static byte[] configValue(CompatibilityLevel level) {
        final ObjectNode node = JSON.createObjectNode();
        node.put("compatibilityLevel", level.name());
        return bytes(node);
    }

    /** Decodes a key; throws {@link IllegalArgumentException} naming the problem when it is not one. */
    static Key decodeKey(byte[] raw) {
        final JsonNode node = parse(raw, "key");
        final String keyType = text(node, "keytype");
        if (keyType == null) {
            throw new IllegalArgumentException("key has no keytype: " + node);
        }
        return new Key(keyType, text(node, "subject"), node.path("version").asInt(0));
    }

    static SchemaValue decodeSchemaValue(byte[] raw) {
        final JsonNode node = parse(raw, "schema value");
        final String schemaType = text(node, "schemaType");
        if (schemaType != null && !"AVRO".equals(schemaType)) {
            throw new IllegalArgumentException("schema type " + schemaType + " is not supported (AVRO only)");
        }
        final String subject = text(node, "subject");
        final String schema = text(node, "schema");
        if (subject == null || schema == null || !node.path("id").isInt() || !node.path("version").isInt()) {
            throw new IllegalArgumentException("schema value lacks subject, version, id or schema: " + node);
        }
        return new SchemaValue(subject, node.get("version").asInt(), node.get("id").asInt(), schema,
                node.path("deleted").asBoolean(false));
    }

    /** The level of a config value, from {@code compatibilityLevel} (or {@code compatibility}). */
    static Optional<CompatibilityLevel> decodeConfigValue(byte[] raw) {
        final JsonNode node = parse(raw, "config value");
        final String level = text(node, "compatibilityLevel") != null
                ? text(node, "compatibilityLevel")
                : text(node, "compatibility");
        return CompatibilityLevel.forName(level);
    }

    /** The highest version a DELETE_SUBJECT value covers. */
    static int decodeDeleteSubjectVersion(byte[] raw) {
        return parse(raw, "delete-subject value").path("version").asInt(Integer.MAX_VALUE);
    }

    private static JsonNode parse(byte[] raw, String what) {
        try {
            final JsonNode node = JSON.readTree(raw);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException(what + " is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " is not JSON: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        final JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
