package io.exowatch.schemas.registry.internal;

import io.exowatch.schemas.registry.CompatibilityLevel;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * Confluent's compatibility rules on Avro's {@link SchemaCompatibility}, with messages shaped like the registry's
 * verbose answers ({@code {errorType:'...', description:'...', additionalInfo:'...'}}).
 */
public final class AvroCompatibility {

    private AvroCompatibility() {
    }

    /**
     * Checks a candidate against a subject's versions.
     *
     * @param level    the subject's rule
     * @param previous the subject's versions, oldest first (may be empty)
     * @param candidate the schema to register
     * @return the reasons it is incompatible; empty when it is compatible
     */
    public static List<String> check(final CompatibilityLevel level, final List<Version> previous,
            final Schema candidate) {
        final List<String> messages = new ArrayList<>();
        if (level == CompatibilityLevel.NONE || previous.isEmpty()) {
            return messages;
        }
        final List<Version> against = level.isTransitive() ? previous : List.of(previous.get(previous.size() - 1));
        for (int i = against.size() - 1; i >= 0; i--) {
            final Version old = against.get(i);
            final int before = messages.size();
            if (level.checksBackward()) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(candidate, old.schema()), "new", "old",
                        messages);
            }
            if (level.checksForward()) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(old.schema(), candidate), "old", "new",
                        messages);
            }
            if (messages.size() > before) {
                messages.add("{oldSchemaVersion: " + old.version() + "}");
                messages.add("{oldSchema: '" + old.schema() + "'}");
                messages.add("{compatibility: '" + level + "'}");
            }
        }
        return messages;
    }

    private static void describe(final SchemaPairCompatibility pair, final String readerName,
            final String writerName, final List<String> messages) {
        if (pair.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return;
        }
        for (final Incompatibility incompatibility : pair.getResult().getIncompatibilities()) {
            messages.add("{errorType:'" + incompatibility.getType() + "', description:'The " + readerName
                    + " schema (reader) cannot read data written with the " + writerName + " schema (writer) at path '"
                    + incompatibility.getLocation() + "': " + incompatibility.getMessage() + "', additionalInfo:'"
                    + incompatibility.getMessage() + "'}");
        }
    }

    /**
     * One version of a subject, for checks.
     *
     * @param version the version number
     * @param schema  the parsed schema
     */
    public record Version(int version, Schema schema) {
    }
}
