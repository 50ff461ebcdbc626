package io.exowatch.localstack.internal.registry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's in-memory view, rebuilt by applying the {@code _schemas} records in order. Thread-safe:
 * every method holds the instance lock. Records it cannot decode are logged and skipped, so a foreign
 * record in the topic never stops the registry.
 */
final class RegistryState {

    /** One version of one subject. */
    record Version(String subject, int version, int id, String schema, boolean deleted) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(RegistryState.class);

    private final Map<String, NavigableMap<Integer, Version>> subjects = new TreeMap<>();
    private final Map<Integer, String> schemasById = new HashMap<>();
    private final Map<String, Integer> idsBySchema = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel;
    private int maxId;

    /** Applies one record of the topic; a null value is a tombstone. */
    synchronized void apply(byte[] key, byte[] value) {
        if (key == null) {
            return;
        }
        try {
            final StoredRecord.Key decoded = StoredRecord.decodeKey(key);
            switch (decoded.keyType()) {
                case StoredRecord.SCHEMA -> applySchema(decoded, value);
                case StoredRecord.CONFIG -> applyConfig(decoded, value);
                case StoredRecord.DELETE_SUBJECT -> applyDeleteSubject(decoded, value);
                default -> LOG.debug("Ignoring registry record of type {}", decoded.keyType());
            }
        } catch (IllegalArgumentException e) {
            LOG.warn("Skipping undecodable registry record (key {}): {}", new String(key, StandardCharsets.UTF_8), e.getMessage());
        }
    }

    private void applySchema(StoredRecord.Key key, byte[] value) {
        if (key.subject() == null) {
            throw new IllegalArgumentException("SCHEMA key without subject");
        }
        if (value == null) {
            final NavigableMap<Integer, Version> versions = subjects.get(key.subject());
            if (versions != null) {
                final Version removed = versions.remove(key.version());
                if (versions.isEmpty()) {
                    subjects.remove(key.subject());
                }
                if (removed != null) {
                    forgetIdIfUnused(removed.id());
                }
            }
            return;
        }
        final StoredRecord.SchemaValue decoded = StoredRecord.decodeSchemaValue(value);
        final Version version = new Version(decoded.subject(), decoded.version(), decoded.id(), decoded.schema(),
                decoded.deleted());
        final Version previous = subjects.computeIfAbsent(version.subject(), s -> new TreeMap<>())
                .put(version.version(), version);
        schemasById.put(version.id(), version.schema());
        idsBySchema.merge(version.schema(), version.id(), Math::min);
        maxId = Math.max(maxId, version.id());
        if (previous != null && previous.id() != version.id()) {
            forgetIdIfUnused(previous.id());
        }
    }

    private void forgetIdIfUnused(int id) {
        final boolean used = subjects.values().stream()
                .flatMap(versions -> versions.values().stream())
                .anyMatch(v -> v.id() == id);
        if (!used) {
            final String schema = schemasById.remove(id);
            if (schema != null) {
                idsBySchema.remove(schema, id);
            }
        }
    }

    private void applyConfig(StoredRecord.Key key, byte[] value) {
        final Optional<CompatibilityLevel> level = value == null
                ? Optional.empty()
                : StoredRecord.decodeConfigValue(value);
        if (key.subject() == null) {
            globalLevel = level.orElse(null);
        } else if (level.isPresent()) {
            subjectLevels.put(key.subject(), level.get());
        } else {
            subjectLevels.remove(key.subject());
        }
    }

    private void applyDeleteSubject(StoredRecord.Key key, byte[] value) {
        if (value == null || key.subject() == null) {
            return;
        }
        final int upTo = StoredRecord.decodeDeleteSubjectVersion(value);
        final NavigableMap<Integer, Version> versions = subjects.get(key.subject());
        if (versions != null) {
            versions.headMap(upTo, true).replaceAll((number, v) ->
                    new Version(v.subject(), v.version(), v.id(), v.schema(), true));
        }
    }

    /** The versions of {@code subject}, oldest first, optionally with soft-deleted ones. */
    synchronized List<Version> versions(String subject, boolean includeDeleted) {
        final NavigableMap<Integer, Version> versions = subjects.get(subject);
        if (versions == null) {
            return List.of();
        }
        return versions.values().stream()
                .filter(v -> includeDeleted || !v.deleted())
                .collect(Collectors.toUnmodifiableList());
    }

    /** Whether {@code subject} has a version (a live one unless {@code includeDeleted}). */
    synchronized boolean hasSubject(String subject, boolean includeDeleted) {
        return !versions(subject, includeDeleted).isEmpty();
    }

    /** Subject names in order, optionally with subjects whose versions are all soft-deleted. */
    synchronized List<String> subjects(boolean includeDeleted) {
        final List<String> names = new ArrayList<>();
        for (String subject : subjects.keySet()) {
            if (hasSubject(subject, includeDeleted)) {
                names.add(subject);
            }
        }
        return names;
    }

    synchronized Optional<String> schemaById(int id) {
        return Optional.ofNullable(schemasById.get(id));
    }

    synchronized Optional<Integer> idOfSchema(String canonicalSchema) {
        return Optional.ofNullable(idsBySchema.get(canonicalSchema));
    }

    /** Every version (of any subject) that uses schema {@code id}, by subject then version. */
    synchronized List<Version> versionsWithId(int id, boolean includeDeleted) {
        return subjects.values().stream()
                .flatMap(versions -> versions.values().stream())
                .filter(v -> v.id() == id && (includeDeleted || !v.deleted()))
                .collect(Collectors.toUnmodifiableList());
    }

    /** The highest id ever seen, including ids of versions deleted since: new ids are above it. */
    synchronized int maxId() {
        return maxId;
    }

    /** The highest version number of {@code subject}, soft-deleted ones included; 0 when it has none. */
    synchronized int maxVersion(String subject) {
        final NavigableMap<Integer, Version> versions = subjects.get(subject);
        return versions == null || versions.isEmpty() ? 0 : versions.lastKey();
    }

    synchronized Optional<CompatibilityLevel> globalLevel() {
        return Optional.ofNullable(globalLevel);
    }

    synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    /** The level that applies to {@code subject}: its own, else the global one, else BACKWARD. */
    synchronized CompatibilityLevel effectiveLevel(String subject) {
        return subjectLevel(subject).or(this::globalLevel).orElse(CompatibilityLevel.DEFAULT);
    }
}
