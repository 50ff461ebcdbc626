package io.exowatch.localstack.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.exowatch.localstack.internal.registry.StoredRecord.SchemaValue;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RegistryStateTest {

    private static final String SCHEMA_A = "{\"type\":\"record\",\"name\":\"A\",\"fields\":[]}";
    private static final String SCHEMA_B = "{\"type\":\"record\",\"name\":\"B\",\"fields\":[]}";

    private final RegistryState state = new RegistryState();

    @Test
    void shouldRebuildSubjectsVersionsAndIdsFromSchemaRecords() {
        putSchema("trials-raw-value", 1, 1, SCHEMA_A, false);
        putSchema("trials-raw-value", 2, 2, SCHEMA_B, false);
        putSchema("articles-raw-value", 1, 1, SCHEMA_A, false);

        assertThat(state.subjects(false)).containsExactly("articles-raw-value", "trials-raw-value");
        assertThat(state.versions("trials-raw-value", false)).extracting(RegistryState.Version::version)
                .containsExactly(1, 2);
        assertThat(state.schemaById(2)).contains(SCHEMA_B);
        assertThat(state.idOfSchema(SCHEMA_A)).contains(1);
        assertThat(state.versionsWithId(1, false)).hasSize(2);
        assertThat(state.maxId()).isEqualTo(2);
        assertThat(state.maxVersion("trials-raw-value")).isEqualTo(2);
    }

    @Test
    void shouldHideSoftDeletedVersionsUnlessAskedFor() {
        putSchema("s", 1, 1, SCHEMA_A, false);
        putSchema("s", 1, 1, SCHEMA_A, true);

        assertThat(state.hasSubject("s", false)).isFalse();
        assertThat(state.hasSubject("s", true)).isTrue();
        assertThat(state.subjects(true)).containsExactly("s");
        assertThat(state.schemaById(1)).as("a soft-deleted version keeps its id readable").contains(SCHEMA_A);
    }

    @Test
    void shouldForgetAPermanentlyDeletedVersionButNeverLowerTheHighestId() {
        putSchema("s", 1, 7, SCHEMA_A, true);

        state.apply(StoredRecord.schemaKey("s", 1), null);

        assertThat(state.hasSubject("s", true)).isFalse();
        assertThat(state.schemaById(7)).isEmpty();
        assertThat(state.idOfSchema(SCHEMA_A)).isEmpty();
        assertThat(state.maxId()).isEqualTo(7);
        assertThat(state.maxVersion("s")).isZero();
    }

    @Test
    void shouldMarkVersionsDeletedByAConfluentDeleteSubjectRecord() {
        putSchema("s", 1, 1, SCHEMA_A, false);
        putSchema("s", 2, 2, SCHEMA_B, false);

        state.apply(bytes("{\"keytype\":\"DELETE_SUBJECT\",\"subject\":\"s\",\"magic\":0}"),
                bytes("{\"subject\":\"s\",\"version\":1}"));

        assertThat(state.versions("s", false)).extracting(RegistryState.Version::version).containsExactly(2);
    }

    @Test
    void shouldApplyAndResetGlobalAndSubjectLevels() {
        state.apply(StoredRecord.configKey(null), StoredRecord.configValue(CompatibilityLevel.FULL));
        state.apply(StoredRecord.configKey("s"), StoredRecord.configValue(CompatibilityLevel.NONE));

        assertThat(state.effectiveLevel("s")).isEqualTo(CompatibilityLevel.NONE);
        assertThat(state.effectiveLevel("other")).isEqualTo(CompatibilityLevel.FULL);

        state.apply(StoredRecord.configKey("s"), null);
        state.apply(StoredRecord.configKey(null), null);

        assertThat(state.subjectLevel("s")).isEmpty();
        assertThat(state.effectiveLevel("s")).isEqualTo(CompatibilityLevel.BACKWARD);
    }

    @Test
    void shouldSkipRecordsItCannotDecodeAndKeepGoing() {
        state.apply(bytes("not json"), bytes("{}"));
        state.apply(bytes("{\"keytype\":\"SCHEMA\",\"subject\":\"s\",\"version\":1,\"magic\":1}"), bytes("{\"id\":1}"));
        state.apply(bytes("{\"keytype\":\"NOOP\",\"magic\":0}"), null);
        putSchema("s", 1, 1, SCHEMA_A, false);

        assertThat(state.versions("s", false)).hasSize(1);
    }

    @Test
    void shouldEncodeKeysAsConfluentDoes() {
        assertThat(new String(StoredRecord.schemaKey("s", 3), StandardCharsets.UTF_8))
                .isEqualTo("{\"keytype\":\"SCHEMA\",\"subject\":\"s\",\"version\":3,\"magic\":1}");
        assertThat(new String(StoredRecord.configKey(null), StandardCharsets.UTF_8))
                .isEqualTo("{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}");
    }

    private void putSchema(String subject, int version, int id, String schema, boolean deleted) {
        state.apply(StoredRecord.schemaKey(subject, version),
                StoredRecord.schemaValue(new SchemaValue(subject, version, id, schema, deleted)));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
