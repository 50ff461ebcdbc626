package io.exowatch.localstack.internal.registry;

import io.exowatch.localstack.internal.registry.CompatibilityChecker.PreviousVersion;
import io.exowatch.localstack.internal.registry.RegistryState.Version;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Confluent's schema registry does behind its REST resources, for AVRO schemas: registration with
 * global ids and per-subject versions, lookups, soft and permanent deletes, compatibility checks and the
 * compatibility config. Every change goes through one writer: catch up with the topic, decide, produce the
 * record (acks=all, awaited), then apply it to the in-memory state. Reads use the state directly.
 */
public final class RegistryService implements AutoCloseable {

    /** A schema sent by a client: the schema text, its declared type (null means AVRO), its reference count. */
    public record SchemaRequest(String schema, String schemaType, int referenceCount) {
    }

    /** The answer to a registration: Confluent's {@code RegisterSchemaResponse} fields. */
    public record Registered(int id, int version, String schema) {
    }

    /** One version of one subject, as Confluent's {@code Schema} entity. */
    public record SubjectVersion(String subject, int version, int id, String schema) {
    }

    /** A subject and version pair, as in {@code GET /schemas/ids/{id}/versions}. */
    public record SubjectAndVersion(String subject, int version) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(RegistryService.class);
    private static final int LATEST = -1;

    private final SchemaLog log;
    private final RegistryState state = new RegistryState();
    private final ReentrantLock writer = new ReentrantLock();
    private final Map<String, Schema> parsed = new ConcurrentHashMap<>();

    /** Reads {@code log} to its end to rebuild the state. */
    RegistryService(SchemaLog log) {
        this.log = log;
        final int records = log.catchUp(state::apply);
        LOG.info("Schema registry state rebuilt from {} records of topic {}: {} subjects, highest id {}", records,
                log.topic(), state.subjects(true).size(), state.maxId());
    }

    /** Opens the storage topic on {@code bootstrapServers} (creating it when missing) and rebuilds the state. */
    public static RegistryService open(String bootstrapServers, String topic) {
        final SchemaLog schemaLog = new SchemaLog(bootstrapServers, topic);
        try {
            return new RegistryService(schemaLog);
        } catch (RuntimeException e) {
            schemaLog.close();
            throw e;
        }
    }

    // ---- registration and lookup -------------------------------------------------------------------------

    /** Registers {@code request} under {@code subject}, or returns the live version that already holds it. */
    public Registered register(String subject, SchemaRequest request) {
        final Schema candidate = parse(request);
        final String canonical = candidate.toString();
        writer.lock();
        try {
            catchUp();
            final List<Version> live = state.versions(subject, false);
            for (Version version : live) {
                if (version.schema().equals(canonical)) {
                    return new Registered(version.id(), version.version(), version.schema());
                }
            }
            final CompatibilityLevel level = state.effectiveLevel(subject);
            final List<String> messages = CompatibilityChecker.check(candidate, previous(live), level);
            if (!messages.isEmpty()) {
                throw RegistryException.incompatible("Schema being registered is incompatible with an earlier schema "
                        + "for subject \"" + subject + "\", details: [" + String.join(", ", messages) + "]");
            }
            final int id = state.idOfSchema(canonical).orElse(state.maxId() + 1);
            final int version = state.maxVersion(subject) + 1;
            write(StoredRecord.schemaKey(subject, version),
                    StoredRecord.schemaValue(new StoredRecord.SchemaValue(subject, version, id, canonical, false)),
                    "Register schema operation failed while writing to the Kafka store");
            LOG.info("Registered schema id {} as version {} of subject {}", id, version, subject);
            return new Registered(id, version, canonical);
        } finally {
            writer.unlock();
        }
    }

    /** The version of {@code subject} holding {@code request} (the latest such version). */
    public SubjectVersion lookup(String subject, SchemaRequest request, boolean includeDeleted) {
        final String canonical = parse(request).toString();
        final List<Version> versions = state.versions(subject, includeDeleted);
        for (int i = versions.size() - 1; i >= 0; i--) {
            final Version version = versions.get(i);
            if (version.schema().equals(canonical)) {
                return view(version);
            }
        }
        if (versions.isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
        throw RegistryException.schemaNotFound();
    }

    /** The schema text of global id {@code id}. */
    public String schemaById(int id) {
        return state.schemaById(id).orElseThrow(() -> RegistryException.schemaNotFound(id));
    }

    /** The highest schema id assigned so far (0 before the first registration). */
    public int maxId() {
        return state.maxId();
    }

    /** Subjects with a version using schema {@code id}. */
    public List<String> subjectsForId(int id, boolean includeDeleted) {
        final List<String> subjects = versionsForId(id, includeDeleted).stream()
                .map(SubjectAndVersion::subject)
                .distinct()
                .collect(Collectors.toUnmodifiableList());
        if (subjects.isEmpty()) {
            throw RegistryException.schemaNotFound(id);
        }
        return subjects;
    }

    /** Subject-version pairs using schema {@code id}. */
    public List<SubjectAndVersion> versionsForId(int id, boolean includeDeleted) {
        final List<SubjectAndVersion> versions = state.versionsWithId(id, includeDeleted).stream()
                .map(v -> new SubjectAndVersion(v.subject(), v.version()))
                .collect(Collectors.toUnmodifiableList());
        if (versions.isEmpty()) {
            throw RegistryException.schemaNotFound(id);
        }
        return versions;
    }

    /** Subject names in order; {@code prefix} null or empty means all. */
    public List<String> subjects(String prefix, boolean includeDeleted, boolean deletedOnly) {
        final List<String> names = deletedOnly
                ? state.subjects(true).stream().filter(s -> !state.hasSubject(s, false)).collect(Collectors.toList())
                : state.subjects(includeDeleted);
        if (prefix == null || prefix.isEmpty() || ":*:".equals(prefix)) {
            return names;
        }
        return names.stream().filter(s -> s.startsWith(prefix)).collect(Collectors.toUnmodifiableList());
    }

    /** Version numbers of {@code subject}. */
    public List<Integer> versions(String subject, boolean includeDeleted, boolean deletedOnly) {
        if (!state.hasSubject(subject, includeDeleted || deletedOnly)) {
            throw RegistryException.subjectNotFound(subject);
        }
        return state.versions(subject, true).stream()
                .filter(v -> deletedOnly ? v.deleted() : includeDeleted || !v.deleted())
                .map(Version::version)
                .collect(Collectors.toUnmodifiableList());
    }

    /** Version {@code versionId} ("latest", "-1" or a number) of {@code subject}. */
    public SubjectVersion version(String subject, String versionId, boolean includeDeleted) {
        final int number = parseVersion(versionId);
        return find(subject, number, includeDeleted).map(RegistryService::view).orElseThrow(() ->
                state.hasSubject(subject, includeDeleted)
                        ? RegistryException.versionNotFound(number)
                        : RegistryException.subjectNotFound(subject));
    }

    /** The latest version whose metadata matches; versions carry no metadata here, so only an empty filter does. */
    public SubjectVersion latestWithMetadata(String subject, Map<String, String> metadata, boolean includeDeleted) {
        if (!state.hasSubject(subject, includeDeleted)) {
            throw RegistryException.subjectNotFound(subject);
        }
        if (!metadata.isEmpty()) {
            throw RegistryException.schemaNotFound();
        }
        return version(subject, "latest", includeDeleted);
    }

    // ---- deletes -----------------------------------------------------------------------------------------

    /** Soft-deletes every live version of {@code subject} (and its config), or permanently removes them all. */
    public List<Integer> deleteSubject(String subject, boolean permanent) {
        writer.lock();
        try {
            catchUp();
            if (!state.hasSubject(subject, true)) {
                throw RegistryException.subjectNotFound(subject);
            }
            final boolean hasLive = state.hasSubject(subject, false);
            if (!permanent && !hasLive) {
                throw RegistryException.subjectSoftDeleted(subject);
            }
            if (permanent && hasLive) {
                throw RegistryException.subjectNotSoftDeleted(subject);
            }
            final List<Integer> deleted = new ArrayList<>();
            for (Version version : state.versions(subject, permanent)) {
                if (permanent) {
                    write(StoredRecord.schemaKey(subject, version.version()), null,
                            "Delete subject operation failed while writing to the Kafka store");
                } else {
                    writeSoftDelete(version);
                }
                deleted.add(version.version());
            }
            if (!permanent && state.subjectLevel(subject).isPresent()) {
                write(StoredRecord.configKey(subject), null,
                        "Delete subject operation failed while writing to the Kafka store");
            }
            LOG.info("Deleted subject {} versions {} (permanent {})", subject, deleted, permanent);
            return deleted;
        } finally {
            writer.unlock();
        }
    }

    /** Soft-deletes a live version, or permanently removes a soft-deleted one; returns its number. */
    public int deleteVersion(String subject, String versionId, boolean permanent) {
        final int number = parseVersion(versionId);
        writer.lock();
        try {
            catchUp();
            final Optional<Version> anyState = find(subject, number, permanent);
            if (anyState.isEmpty()) {
                if (!permanent && number != LATEST && find(subject, number, true).isPresent()) {
                    throw RegistryException.versionSoftDeleted(subject, versionId);
                }
                throw state.hasSubject(subject, true)
                        ? RegistryException.versionNotFound(number)
                        : RegistryException.subjectNotFound(subject);
            }
            final Version version = anyState.get();
            if (permanent) {
                if (!version.deleted()) {
                    throw RegistryException.versionNotSoftDeleted(subject, versionId);
                }
                write(StoredRecord.schemaKey(subject, version.version()), null,
                        "Delete Schema Version operation failed while writing to the Kafka store");
            } else {
                writeSoftDelete(version);
            }
            LOG.info("Deleted version {} of subject {} (permanent {})", version.version(), subject, permanent);
            return version.version();
        } finally {
            writer.unlock();
        }
    }

    private void writeSoftDelete(Version version) {
        write(StoredRecord.schemaKey(version.subject(), version.version()),
                StoredRecord.schemaValue(new StoredRecord.SchemaValue(version.subject(), version.version(),
                        version.id(), version.schema(), true)),
                "Delete operation failed while writing to the Kafka store");
    }

    // ---- compatibility -----------------------------------------------------------------------------------

    /**
     * Why {@code request} is incompatible with version {@code versionId} of {@code subject} under the subject's
     * level, or with every live version the level asks for when {@code versionId} is null. Empty means
     * compatible. An unknown subject with "latest" (or no version) is compatible, as in Confluent's.
     *
     * @param verbose when true an invalid schema is reported as a message instead of a 422
     */
    public List<String> compatibilityMessages(String subject, String versionId, SchemaRequest request,
            boolean verbose) {
        final List<Version> against;
        if (versionId == null) {
            against = state.versions(subject, false);
        } else {
            final int number = parseVersion(versionId);
            final Optional<Version> target = find(subject, number, false);
            if (target.isEmpty() && number != LATEST) {
                throw RegistryException.versionNotFound(number);
            }
            against = target.map(List::of).orElse(List.of());
        }
        final Schema candidate;
        try {
            candidate = parse(request);
        } catch (RegistryException e) {
            if (verbose && e.errorCode() == 42201) {
                return List.of(e.getMessage());
            }
            throw e;
        }
        return CompatibilityChecker.check(candidate, previous(against), state.effectiveLevel(subject));
    }

    // ---- config ------------------------------------------------------------------------------------------

    /** The global level (BACKWARD unless set). */
    public CompatibilityLevel globalLevel() {
        return state.globalLevel().orElse(CompatibilityLevel.DEFAULT);
    }

    /** Sets the global level; {@code name} in any case. */
    public CompatibilityLevel setGlobalLevel(String name) {
        return setLevel(null, name);
    }

    /** Resets the global level to the default and returns the one it replaced. */
    public CompatibilityLevel deleteGlobalLevel() {
        writer.lock();
        try {
            catchUp();
            final CompatibilityLevel previous = globalLevel();
            write(StoredRecord.configKey(null), null, "Failed to delete compatibility level");
            return previous;
        } finally {
            writer.unlock();
        }
    }

    /** The subject's own level; with {@code defaultToGlobal}, the level that applies to it. */
    public CompatibilityLevel subjectLevel(String subject, boolean defaultToGlobal) {
        if (defaultToGlobal) {
            return state.effectiveLevel(subject);
        }
        return state.subjectLevel(subject).orElseThrow(() ->
                RegistryException.subjectCompatibilityNotConfigured(subject));
    }

    /** Sets the subject's own level (the subject needs no versions); {@code name} in any case. */
    public CompatibilityLevel setSubjectLevel(String subject, String name) {
        return setLevel(subject, name);
    }

    /** Removes the subject's own level and returns it. */
    public CompatibilityLevel deleteSubjectLevel(String subject) {
        writer.lock();
        try {
            catchUp();
            final CompatibilityLevel previous = state.subjectLevel(subject)
                    .orElseThrow(() -> RegistryException.subjectNotFound(subject));
            write(StoredRecord.configKey(subject), null, "Failed to delete compatibility level");
            return previous;
        } finally {
            writer.unlock();
        }
    }

    private CompatibilityLevel setLevel(String subjectOrNull, String name) {
        final CompatibilityLevel level = CompatibilityLevel.forName(name)
                .orElseThrow(RegistryException::invalidCompatibilityLevel);
        writer.lock();
        try {
            catchUp();
            write(StoredRecord.configKey(subjectOrNull), StoredRecord.configValue(level),
                    "Failed to update compatibility level");
            LOG.info("Compatibility level of {} set to {}", subjectOrNull == null ? "the registry" : subjectOrNull,
                    level);
            return level;
        } finally {
            writer.unlock();
        }
    }

    @Override
    public void close() {
        writer.lock();
        try {
            log.close();
        } finally {
            writer.unlock();
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    /** Parses "latest", "-1" or 1..2^31-1; anything else is Confluent's 42202. */
    static int parseVersion(String versionId) {
        final String trimmed = versionId == null ? "" : versionId.trim();
        if ("latest".equals(trimmed.toLowerCase(Locale.ROOT))) {
            return LATEST;
        }
        try {
            final int number = Integer.parseInt(trimmed);
            if (number == LATEST || number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // falls through to the 42202 below
        }
        throw RegistryException.invalidVersion(versionId);
    }

    private Optional<Version> find(String subject, int number, boolean includeDeleted) {
        final List<Version> versions = state.versions(subject, includeDeleted);
        if (number == LATEST) {
            return versions.stream().max(Comparator.comparingInt(Version::version));
        }
        return versions.stream().filter(v -> v.version() == number).findFirst();
    }

    private List<PreviousVersion> previous(List<Version> versions) {
        final List<PreviousVersion> previous = new ArrayList<>(versions.size());
        for (Version version : versions) {
            previous.add(new PreviousVersion(version.version(), parsedStored(version.schema())));
        }
        return previous;
    }

    private Schema parsedStored(String schema) {
        return parsed.computeIfAbsent(schema, text -> new Schema.Parser().parse(text));
    }

    /** Parses a client's schema; a missing, non-AVRO, referencing or unparseable one is Confluent's 42201. */
    static Schema parse(SchemaRequest request) {
        final String type = request.schemaType();
        if (type != null && !"AVRO".equals(type.toUpperCase(Locale.ROOT))) {
            throw RegistryException.invalidSchema("Invalid schema type " + type
                    + ": this registry stores AVRO schemas only");
        }
        if (request.referenceCount() > 0) {
            throw RegistryException.invalidSchema("Invalid schema: schema references are not supported by this "
                    + "registry (AVRO schemas without references only)");
        }
        if (request.schema() == null || request.schema().isBlank()) {
            throw RegistryException.invalidSchema("Empty schema");
        }
        try {
            return new Schema.Parser().parse(request.schema());
        } catch (RuntimeException e) {
            throw RegistryException.invalidSchema("Invalid schema: " + e.getMessage());
        }
    }

    private static SubjectVersion view(Version version) {
        return new SubjectVersion(version.subject(), version.version(), version.id(), version.schema());
    }

    private void catchUp() {
        try {
            log.catchUp(state::apply);
        } catch (RuntimeException e) {
            throw RegistryException.storeError("Error while reading the Kafka store " + log.topic(), e);
        }
    }

    private void write(byte[] key, byte[] value, String failureMessage) {
        try {
            log.append(key, value);
        } catch (ExecutionException e) {
            throw RegistryException.storeError(failureMessage, e.getCause());
        } catch (TimeoutException | RuntimeException e) {
            throw RegistryException.storeError(failureMessage, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryException.storeError(failureMessage, e);
        }
        state.apply(key, value);
    }
}
