package io.exowatch.schemas.registry.internal;

import io.exowatch.schemas.registry.CompatibilityLevel;
import io.exowatch.schemas.registry.CompatibilityResult;
import io.exowatch.schemas.registry.SchemaMetadata;
import io.exowatch.schemas.registry.SchemaRegistryClient;
import io.exowatch.schemas.registry.SchemaRegistryException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * {@link SchemaRegistryClient} over a {@link RegistryBackend}: parses schema text and caches
 * {@code subject -> schema -> id} (registrations and lookups) and {@code id -> schema}, so that a known id costs two
 * map look-ups and no request. Caches are unbounded: a process sees a handful of schemas.
 */
public final class CachingSchemaRegistryClient implements SchemaRegistryClient {

    private final RegistryBackend backend;
    private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

    /** @param backend the REST or in-memory registry */
    public CachingSchemaRegistryClient(final RegistryBackend backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    @Override
    public String url() {
        return backend.url();
    }

    @Override
    public int register(final String subject, final Schema schema) {
        final Map<Schema, Integer> ids = idsFor(subject);
        final Integer cached = ids.get(schema);
        if (cached != null) {
            return cached;
        }
        final int id = backend.register(subject, schema.toString());
        remember(ids, schema, id);
        return id;
    }

    @Override
    public SchemaMetadata lookup(final String subject, final Schema schema) {
        final RegisteredSchema found = backend.lookup(subject, schema.toString());
        remember(idsFor(subject), schema, found.id());
        return new SchemaMetadata(found.subject() == null ? subject : found.subject(), found.id(), found.version(),
                schema);
    }

    @Override
    public int getId(final String subject, final Schema schema) {
        final Integer cached = idsFor(subject).get(schema);
        return cached != null ? cached : lookup(subject, schema).id();
    }

    @Override
    public Schema getSchemaById(final int id) {
        final Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        final Schema parsed = parse(backend.schemaById(id), "schema id " + id);
        final Schema raced = schemasById.putIfAbsent(id, parsed);
        return raced != null ? raced : parsed;
    }

    @Override
    public SchemaMetadata getLatestSchemaMetadata(final String subject) {
        final RegisteredSchema latest = backend.latest(subject);
        Schema schema = schemasById.get(latest.id());
        if (schema == null) {
            schema = parse(latest.schema(), "the latest version of subject '" + subject + "'");
            final Schema raced = schemasById.putIfAbsent(latest.id(), schema);
            schema = raced != null ? raced : schema;
        }
        idsFor(subject).putIfAbsent(schema, latest.id());
        return new SchemaMetadata(subject, latest.id(), latest.version(), schema);
    }

    @Override
    public List<Integer> getAllVersions(final String subject) {
        return backend.versions(subject);
    }

    @Override
    public CompatibilityResult testCompatibility(final String subject, final Schema schema) {
        return backend.testCompatibility(subject, schema.toString());
    }

    @Override
    public CompatibilityLevel getGlobalCompatibility() {
        return backend.globalCompatibility();
    }

    @Override
    public CompatibilityLevel setGlobalCompatibility(final CompatibilityLevel level) {
        return backend.setGlobalCompatibility(Objects.requireNonNull(level, "level"));
    }

    @Override
    public Optional<CompatibilityLevel> getSubjectCompatibility(final String subject) {
        return backend.subjectCompatibility(subject);
    }

    @Override
    public CompatibilityLevel setSubjectCompatibility(final String subject, final CompatibilityLevel level) {
        return backend.setSubjectCompatibility(subject, Objects.requireNonNull(level, "level"));
    }

    @Override
    public String toString() {
        return "SchemaRegistryClient[" + backend.url() + "]";
    }

    private Map<Schema, Integer> idsFor(final String subject) {
        Objects.requireNonNull(subject, "subject");
        return idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
    }

    private void remember(final Map<Schema, Integer> ids, final Schema schema, final int id) {
        ids.putIfAbsent(schema, id);
        // The caller's own instance serves later decodes: writer and reader then share one Schema object.
        schemasById.putIfAbsent(id, schema);
    }

    private Schema parse(final String text, final String what) {
        try {
            return new Schema.Parser().parse(text);
        } catch (final SchemaParseException | NullPointerException e) {
            throw new SchemaRegistryException("Registry " + backend.url() + " returned an unparseable Avro schema for "
                    + what, SchemaRegistryException.NO_STATUS, SchemaRegistryException.NO_STATUS,
                    String.valueOf(e.getMessage()), backend.url(), e);
        }
    }
}
