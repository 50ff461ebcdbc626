package io.exowatch.localstack.internal.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/**
 * Applies a {@link CompatibilityLevel} with Avro's {@link SchemaCompatibility}, the way Confluent's registry
 * does: the latest live version only for plain levels, every live version (newest first) for transitive ones,
 * stopping at the first version the candidate is incompatible with. The messages follow Confluent's shape:
 * one {@code {errorType:..., description:..., additionalInfo:...}} per Avro incompatibility, then
 * {@code {oldSchemaVersion: n}}, {@code {oldSchema: '...'}} and {@code {compatibility: 'LEVEL'}}.
 */
public final class CompatibilityChecker {

    /** A live version of a subject: its number and parsed schema. */
    public record PreviousVersion(int version, Schema schema) {
        public PreviousVersion {
            Objects.requireNonNull(schema, "schema");
        }
    }

    private CompatibilityChecker() {
    }

    /**
     * Checks {@code candidate} against {@code previous} (oldest first) under {@code level}.
     *
     * @return the reasons it is incompatible; empty when it is compatible
     */
    public static List<String> check(Schema candidate, List<PreviousVersion> previous, CompatibilityLevel level) {
        Objects.requireNonNull(candidate, "candidate");
        if (level == CompatibilityLevel.NONE || previous.isEmpty()) {
            return List.of();
        }
        final List<PreviousVersion> toCheck = level.isTransitive()
                ? reversed(previous)
                : List.of(previous.get(previous.size() - 1));
        for (PreviousVersion old : toCheck) {
            final List<String> messages = new ArrayList<>();
            if (level.checksBackward()) {
                messages.addAll(describe(candidate, old.schema(), "new", "old"));
            }
            if (level.checksForward()) {
                messages.addAll(describe(old.schema(), candidate, "old", "new"));
            }
            if (!messages.isEmpty()) {
                messages.add("{oldSchemaVersion: " + old.version() + "}");
                messages.add("{oldSchema: '" + old.schema() + "'}");
                messages.add("{compatibility: '" + level.name() + "'}");
                return List.copyOf(messages);
            }
        }
        return List.of();
    }

    private static List<PreviousVersion> reversed(List<PreviousVersion> versions) {
        final List<PreviousVersion> copy = new ArrayList<>(versions);
        Collections.reverse(copy);
        return copy;
    }

    /** Why {@code reader} cannot read data written with {@code writer}; labels say which one is new. */
    private static List<String> describe(Schema reader, Schema writer, String readerLabel, String writerLabel) {
        final List<Incompatibility> incompatibilities = SchemaCompatibility
                .checkReaderWriterCompatibility(reader, writer)
                .getResult()
                .getIncompatibilities();
        final List<String> messages = new ArrayList<>(incompatibilities.size());
        for (Incompatibility incompatibility : incompatibilities) {
            messages.add("{errorType:'" + incompatibility.getType()
                    + "', description:'" + description(incompatibility, readerLabel, writerLabel)
                    + "', additionalInfo:'" + incompatibility.getMessage() + "'}");
        }
        return messages;
    }

    static String description(Incompatibility incompatibility, String readerLabel, String writerLabel) {
        final String path = incompatibility.getLocation();
        final String info = incompatibility.getMessage();
        switch (incompatibility.getType()) {
            case READER_FIELD_MISSING_DEFAULT_VALUE:
                return "The field '" + info + "' at path '" + path + "' in the " + readerLabel
                        + " schema has no default value and is missing in the " + writerLabel + " schema";
            case TYPE_MISMATCH:
                return "The type (path '" + path + "') of a field in the " + readerLabel
                        + " schema does not match with the " + writerLabel + " schema (" + info + ")";
            case MISSING_ENUM_SYMBOLS:
                return "The " + readerLabel + " schema is missing enum symbols '" + info + "' at path '" + path
                        + "' in the " + writerLabel + " schema";
            case MISSING_UNION_BRANCH:
                return "The " + readerLabel + " schema is missing a type inside a union field at path '" + path
                        + "' in the " + writerLabel + " schema (" + info + ")";
            case NAME_MISMATCH:
                return "The name of the schema at path '" + path + "' in the " + readerLabel
                        + " schema does not match with the " + writerLabel + " schema (" + info + ")";
            case FIXED_SIZE_MISMATCH:
                return "The size of FIXED type field at path '" + path + "' in the " + readerLabel
                        + " schema does not match with the " + writerLabel + " schema (" + info + ")";
            default:
                return incompatibility.getType() + " at path '" + path + "' (" + info + ")";
        }
    }
}
