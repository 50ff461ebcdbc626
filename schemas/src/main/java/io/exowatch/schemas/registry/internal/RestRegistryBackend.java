package io.exowatch.schemas.registry.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.exowatch.schemas.registry.CompatibilityLevel;
import io.exowatch.schemas.registry.CompatibilityResult;
import io.exowatch.schemas.registry.IncompatibleSchemaException;
import io.exowatch.schemas.registry.SchemaRegistryException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Confluent's registry REST protocol, one request per call (see {@link HttpTransport} for retries). */
public final class RestRegistryBackend implements RegistryBackend {

    private static final int SUBJECT_NOT_FOUND = 40401;
    private static final int SUBJECT_LEVEL_NOT_CONFIGURED = 40408;

    private final HttpTransport transport;

    /** @param transport the HTTP transport over the registry's URLs */
    public RestRegistryBackend(final HttpTransport transport) {
        this.transport = transport;
    }

    @Override
    public String url() {
        return transport.urls();
    }

    @Override
    public int register(final String subject, final String schema) {
        final String context = "Registering a schema under subject '" + subject + "'";
        try {
            final JsonNode answer = transport.send("POST", "/subjects/" + segment(subject) + "/versions",
                    Map.of("schema", schema), context);
            return requiredInt(answer, "id", context);
        } catch (final IncompatibleSchemaException e) {
            throw e;
        } catch (final SchemaRegistryException e) {
            if (e.status() == 409) {
                throw new IncompatibleSchemaException(subject, e.status(), e.errorCode(), e.registryMessage(), e.url());
            }
            throw e;
        }
    }

    @Override
    public RegisteredSchema lookup(final String subject, final String schema) {
        final String context = "Looking up a schema under subject '" + subject + "'";
        final JsonNode answer = transport.send("POST", "/subjects/" + segment(subject), Map.of("schema", schema),
                context);
        return registered(answer, subject, context);
    }

    @Override
    public String schemaById(final int id) {
        final String context = "Fetching schema id " + id;
        final JsonNode answer = transport.send("GET", "/schemas/ids/" + id, null, context);
        requireAvro(answer, context);
        return requiredText(answer, "schema", context);
    }

    @Override
    public RegisteredSchema latest(final String subject) {
        final String context = "Fetching the latest version of subject '" + subject + "'";
        final JsonNode answer = transport.send("GET", "/subjects/" + segment(subject) + "/versions/latest", null,
                context);
        return registered(answer, subject, context);
    }

    @Override
    public List<Integer> versions(final String subject) {
        final String context = "Listing the versions of subject '" + subject + "'";
        final JsonNode answer = transport.send("GET", "/subjects/" + segment(subject) + "/versions", null, context);
        if (!answer.isArray()) {
            throw malformed(context, "a JSON array of versions", answer);
        }
        final List<Integer> versions = new ArrayList<>();
        answer.forEach(v -> versions.add(v.asInt()));
        return List.copyOf(versions);
    }

    @Override
    public CompatibilityResult testCompatibility(final String subject, final String schema) {
        final String context = "Testing compatibility with subject '" + subject + "'";
        final JsonNode answer = transport.send("POST",
                "/compatibility/subjects/" + segment(subject) + "/versions/latest?verbose=true",
                Map.of("schema", schema), context);
        final JsonNode compatible = answer.get("is_compatible");
        if (compatible == null || !compatible.isBoolean()) {
            throw malformed(context, "field 'is_compatible'", answer);
        }
        final List<String> messages = new ArrayList<>();
        answer.path("messages").forEach(m -> messages.add(m.isTextual() ? m.asText() : m.toString()));
        return new CompatibilityResult(compatible.asBoolean(), messages);
    }

    @Override
    public CompatibilityLevel globalCompatibility() {
        final String context = "Reading the global compatibility level";
        return level(transport.send("GET", "/config", null, context), context);
    }

    @Override
    public CompatibilityLevel setGlobalCompatibility(final CompatibilityLevel level) {
        final String context = "Setting the global compatibility level to " + level;
        return level(transport.send("PUT", "/config", Map.of("compatibility", level.name()), context), context);
    }

    @Override
    public Optional<CompatibilityLevel> subjectCompatibility(final String subject) {
        final String context = "Reading the compatibility level of subject '" + subject + "'";
        try {
            return Optional.of(level(transport.send("GET", "/config/" + segment(subject), null, context), context));
        } catch (final SchemaRegistryException e) {
            if (e.status() == 404 && (e.errorCode() == SUBJECT_LEVEL_NOT_CONFIGURED
                    || e.errorCode() == SUBJECT_NOT_FOUND)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public CompatibilityLevel setSubjectCompatibility(final String subject, final CompatibilityLevel level) {
        final String context = "Setting the compatibility level of subject '" + subject + "' to " + level;
        return level(transport.send("PUT", "/config/" + segment(subject), Map.of("compatibility", level.name()),
                context), context);
    }

    private CompatibilityLevel level(final JsonNode answer, final String context) {
        // GET answers {"compatibilityLevel": ...}, PUT echoes {"compatibility": ...}.
        JsonNode level = answer.get("compatibilityLevel");
        if (level == null) {
            level = answer.get("compatibility");
        }
        if (level == null || !level.isTextual()) {
            throw malformed(context, "field 'compatibilityLevel'", answer);
        }
        try {
            return CompatibilityLevel.parse(level.asText());
        } catch (final IllegalArgumentException e) {
            throw malformed(context, "a known compatibility level", answer);
        }
    }

    private RegisteredSchema registered(final JsonNode answer, final String subject, final String context) {
        requireAvro(answer, context);
        final String named = answer.path("subject").asText(subject);
        return new RegisteredSchema(named, requiredInt(answer, "id", context), requiredInt(answer, "version", context),
                answer.path("schema").asText(null));
    }

    private void requireAvro(final JsonNode answer, final String context) {
        final String type = answer.path("schemaType").asText("AVRO");
        if (!"AVRO".equals(type)) {
            throw new SchemaRegistryException(context + ": the schema is " + type + ", not AVRO",
                    SchemaRegistryException.NO_STATUS, SchemaRegistryException.NO_STATUS, "", url(), null);
        }
    }

    private int requiredInt(final JsonNode answer, final String field, final String context) {
        final JsonNode value = answer.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw malformed(context, "integer field '" + field + "'", answer);
        }
        return value.asInt();
    }

    private String requiredText(final JsonNode answer, final String field, final String context) {
        final JsonNode value = answer.get(field);
        if (value == null || !value.isTextual()) {
            throw malformed(context, "text field '" + field + "'", answer);
        }
        return value.asText();
    }

    private SchemaRegistryException malformed(final String context, final String expected, final JsonNode answer) {
        final String text = answer.toString();
        return new SchemaRegistryException(context + ": the registry's answer lacks " + expected,
                SchemaRegistryException.NO_STATUS, SchemaRegistryException.NO_STATUS,
                text.length() > 500 ? text.substring(0, 500) + "..." : text, url(), null);
    }

    private static String segment(final String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
