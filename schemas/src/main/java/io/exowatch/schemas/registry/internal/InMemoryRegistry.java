package io.exowatch.schemas.registry.internal;

import io.exowatch.schemas.registry.CompatibilityLevel;
import io.exowatch.schemas.registry.CompatibilityResult;
import io.exowatch.schemas.registry.IncompatibleSchemaException;
import io.exowatch.schemas.registry.SchemaRegistryException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * An in-memory registry behind {@code mock://<scope>} URLs, shared by every client of the same scope in this JVM (as
 * Confluent's {@code MockSchemaRegistry}). It behaves like the real one: ids are registry-wide and reused for the same
 * schema text, re-registering returns the existing id, the default rule is {@code BACKWARD} and incompatible schemas
 * are refused with 409; missing subjects, versions and ids answer 404 with Confluent's error codes.
 */
public final class InMemoryRegistry implements RegistryBackend {

    private static final Map<String, InMemoryRegistry> SCOPES = new ConcurrentHashMap<>();

    private final String url;
    private final Map<String, Integer> idsByText = new HashMap<>();
    private final Map<Integer, String> textsById = new HashMap<>();
    private final Map<String, List<Entry>> subjects = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;
    private int nextId = 1;

    private InMemoryRegistry(final String scope) {
        this.url = "mock://" + scope;
    }

    /**
     * The registry of a scope, created empty on first use.
     *
     * @param scope the part after {@code mock://}
     * @return the scope's registry
     */
    public static InMemoryRegistry forScope(final String scope) {
        return SCOPES.computeIfAbsent(scope, InMemoryRegistry::new);
    }

    /**
     * Forgets a scope: the next client of it starts with an empty registry.
     *
     * @param scope the part after {@code mock://}
     */
    public static void dropScope(final String scope) {
        SCOPES.remove(scope);
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public synchronized int register(final String subject, final String schemaText) {
        final Schema schema = parse(schemaText, "POST", "/subjects/" + subject + "/versions");
        final String canonical = schema.toString();
        final List<Entry> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
        for (final Entry entry : versions) {
            if (entry.text.equals(canonical)) {
                return entry.id;
            }
        }
        final List<String> problems = AvroCompatibility.check(effectiveLevel(subject), asVersions(versions), schema);
        if (!problems.isEmpty()) {
            if (versions.isEmpty()) {
                subjects.remove(subject);
            }
            throw new IncompatibleSchemaException(subject, 409, 409,
                    "Schema being registered is incompatible with an earlier schema for subject \"" + subject
                            + "\", details: " + problems, "POST " + url + "/subjects/" + subject + "/versions");
        }
        final int id = idsByText.computeIfAbsent(canonical, t -> nextId++);
        textsById.putIfAbsent(id, canonical);
        final int version = versions.isEmpty() ? 1 : versions.get(versions.size() - 1).version + 1;
        versions.add(new Entry(id, version, canonical, schema));
        return id;
    }

    @Override
    public synchronized RegisteredSchema lookup(final String subject, final String schemaText) {
        final String path = "/subjects/" + subject;
        final String canonical = parse(schemaText, "POST", path).toString();
        for (final Entry entry : versionsOf(subject, "POST", path)) {
            if (entry.text.equals(canonical)) {
                return new RegisteredSchema(subject, entry.id, entry.version, entry.text);
            }
        }
        throw notFound(40403, "Schema not found", "POST", path);
    }

    @Override
    public synchronized String schemaById(final int id) {
        final String text = textsById.get(id);
        if (text == null) {
            throw notFound(40403, "Schema " + id + " not found", "GET", "/schemas/ids/" + id);
        }
        return text;
    }

    @Override
    public synchronized RegisteredSchema latest(final String subject) {
        final List<Entry> versions = versionsOf(subject, "GET", "/subjects/" + subject + "/versions/latest");
        final Entry last = versions.get(versions.size() - 1);
        return new RegisteredSchema(subject, last.id, last.version, last.text);
    }

    @Override
    public synchronized List<Integer> versions(final String subject) {
        return versionsOf(subject, "GET", "/subjects/" + subject + "/versions").stream().map(e -> e.version).toList();
    }

    @Override
    public synchronized CompatibilityResult testCompatibility(final String subject, final String schemaText) {
        final String path = "/compatibility/subjects/" + subject + "/versions/latest?verbose=true";
        final Schema schema = parse(schemaText, "POST", path);
        final List<Entry> versions = subjects.getOrDefault(subject, List.of());
        final List<String> problems = AvroCompatibility.check(effectiveLevel(subject), asVersions(versions), schema);
        return new CompatibilityResult(problems.isEmpty(), problems);
    }

    @Override
    public synchronized CompatibilityLevel globalCompatibility() {
        return globalLevel;
    }

    @Override
    public synchronized CompatibilityLevel setGlobalCompatibility(final CompatibilityLevel level) {
        globalLevel = level;
        return level;
    }

    @Override
    public synchronized Optional<CompatibilityLevel> subjectCompatibility(final String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    @Override
    public synchronized CompatibilityLevel setSubjectCompatibility(final String subject,
            final CompatibilityLevel level) {
        subjectLevels.put(subject, level);
        return level;
    }

    private CompatibilityLevel effectiveLevel(final String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }

    private List<Entry> versionsOf(final String subject, final String method, final String path) {
        final List<Entry> versions = subjects.get(subject);
        if (versions == null || versions.isEmpty()) {
            throw notFound(40401, "Subject '" + subject + "' not found.", method, path);
        }
        return versions;
    }

    private static List<AvroCompatibility.Version> asVersions(final List<Entry> entries) {
        return entries.stream().map(e -> new AvroCompatibility.Version(e.version, e.schema)).toList();
    }

    private Schema parse(final String text, final String method, final String path) {
        try {
            return new Schema.Parser().parse(text);
        } catch (final SchemaParseException | NullPointerException e) {
            throw new SchemaRegistryException("Registry refused the schema", 422, 42201,
                    "Invalid schema: " + e.getMessage(), method + " " + url + path, e);
        }
    }

    private SchemaRegistryException notFound(final int errorCode, final String message, final String method,
            final String path) {
        return new SchemaRegistryException("Registry request failed", 404, errorCode, message,
                method + " " + url + path, null);
    }

    private record Entry(int id, int version, String text, Schema schema) {
    }
}
