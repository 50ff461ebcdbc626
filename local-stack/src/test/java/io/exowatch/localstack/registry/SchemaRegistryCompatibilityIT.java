package io.exowatch.localstack.registry;

import static io.exowatch.localstack.junit.UniqueNames.uniqueName;
import static io.exowatch.localstack.registry.Schemas.field;
import static io.exowatch.localstack.registry.Schemas.fieldWithDefault;
import static io.exowatch.localstack.registry.Schemas.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.exowatch.localstack.LocalStack;
import io.exowatch.localstack.junit.EmbeddedStack;
import io.exowatch.localstack.registry.RegistryHttp.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Compatibility levels and the config endpoints, over HTTP, on the shared stack (subject-level configs only). */
@EmbeddedStack(openSearch = false)
class SchemaRegistryCompatibilityIT {

    private static final String BASE = record("Trial", field("id", "string"));
    private static final String ADDED_WITH_DEFAULT = record("Trial", field("id", "string"),
            fieldWithDefault("title", "string", "\"\""));
    private static final String ADDED_WITHOUT_DEFAULT = record("Trial", field("id", "string"),
            field("title", "string"));
    private static final String REMOVED_REQUIRED = record("Trial");

    private RegistryHttp http;
    private String subject;

    @BeforeEach
    void connect(LocalStack stack) {
        http = new RegistryHttp(stack.schemaRegistryUrl());
        subject = uniqueName("compat") + "-value";
    }

    /**
     * One evolution step from a registered {@code BASE} (or {@code ADDED_WITHOUT_DEFAULT} for the removal row)
     * under each level: BACKWARD needs the new schema to read old data, FORWARD the old schema to read new data.
     */
    @ParameterizedTest(name = "{0}: {1} compatible={2}")
    @CsvSource({
        "NONE,                ADDED_WITHOUT_DEFAULT, true",
        "BACKWARD,            ADDED_WITH_DEFAULT,    true",
        "BACKWARD,            ADDED_WITHOUT_DEFAULT, false",
        "BACKWARD,            REMOVED_REQUIRED,      true",
        "FORWARD,             ADDED_WITHOUT_DEFAULT, true",
        "FORWARD,             REMOVED_REQUIRED,      false",
        "FULL,                ADDED_WITH_DEFAULT,    true",
        "FULL,                ADDED_WITHOUT_DEFAULT, false",
        "FULL,                REMOVED_REQUIRED,      false",
        "BACKWARD_TRANSITIVE, ADDED_WITHOUT_DEFAULT, false",
        "FORWARD_TRANSITIVE,  REMOVED_REQUIRED,      false",
        "FULL_TRANSITIVE,     ADDED_WITH_DEFAULT,    true",
    })
    void shouldApplyEachLevelToOneEvolutionStep(String level, String change, boolean compatible) {
        final String registered = "REMOVED_REQUIRED".equals(change) ? ADDED_WITHOUT_DEFAULT : BASE;
        http.registerId(subject, registered);
        assertThat(http.setCompatibility(subject, level).status()).isEqualTo(200);
        final String candidate = schema(change);

        final Reply check = http.post("/compatibility/subjects/" + subject + "/versions/latest",
                RegistryHttp.schemaBody(candidate));
        final Reply register = http.register(subject, candidate);

        assertThat(check.status()).isEqualTo(200);
        assertThat(check.json().get("is_compatible").asBoolean()).isEqualTo(compatible);
        assertThat(check.json().has("messages")).as("messages only when verbose").isFalse();
        assertThat(register.status()).isEqualTo(compatible ? 200 : 409);
    }

    @Test
    void shouldCheckEveryLiveVersionOnlyUnderBackwardTransitive() {
        // v1 {id}; v2 {id, title=""}; v3 {id, title}: v3 reads v2 data, not v1 data (no title, no default).
        http.registerId(subject, BASE);
        http.registerId(subject, ADDED_WITH_DEFAULT);

        http.setCompatibility(subject, "BACKWARD");
        assertThat(isCompatibleWithAll(ADDED_WITHOUT_DEFAULT)).isTrue();
        http.setCompatibility(subject, "BACKWARD_TRANSITIVE");
        assertThat(isCompatibleWithAll(ADDED_WITHOUT_DEFAULT)).isFalse();
        final Reply refused = http.register(subject, ADDED_WITHOUT_DEFAULT);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.message()).contains("{oldSchemaVersion: 1}").contains("BACKWARD_TRANSITIVE");
        http.setCompatibility(subject, "FULL_TRANSITIVE");
        assertThat(isCompatibleWithAll(ADDED_WITHOUT_DEFAULT)).isFalse();
        http.setCompatibility(subject, "FULL");
        assertThat(isCompatibleWithAll(ADDED_WITHOUT_DEFAULT)).isTrue();
    }

    @Test
    void shouldCheckEveryLiveVersionOnlyUnderForwardTransitive() {
        // v1 {id, title}; v2 {id, title=""}; v3 {id}: v2 reads v3 data (default), v1 does not.
        http.setCompatibility(subject, "FORWARD");
        http.registerId(subject, ADDED_WITHOUT_DEFAULT);
        http.registerId(subject, ADDED_WITH_DEFAULT);

        assertThat(isCompatibleWithAll(BASE)).isTrue();
        http.setCompatibility(subject, "FORWARD_TRANSITIVE");
        assertThat(isCompatibleWithAll(BASE)).isFalse();
        assertThat(http.register(subject, BASE).status()).isEqualTo(409);
    }

    @Test
    void shouldExplainIncompatibilityWhenVerbose() {
        http.registerId(subject, BASE);

        final Reply reply = http.post("/compatibility/subjects/" + subject + "/versions/1?verbose=true",
                RegistryHttp.schemaBody(ADDED_WITHOUT_DEFAULT));

        assertThat(reply.json().get("is_compatible").asBoolean()).isFalse();
        assertThat(reply.json().get("messages").toString())
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE")
                .contains("title")
                .contains("{oldSchemaVersion: 1}");
        final Reply ok = http.post("/compatibility/subjects/" + subject + "/versions/1?verbose=true",
                RegistryHttp.schemaBody(ADDED_WITH_DEFAULT));
        assertThat(ok.json().get("is_compatible").asBoolean()).isTrue();
        assertThat(ok.json().get("messages").size()).isZero();
    }

    @Test
    void shouldTreatAnUnknownSubjectAsCompatibleWithLatestButNotWithANumberedVersion() {
        final Reply latest = http.post("/compatibility/subjects/" + subject + "/versions/latest",
                RegistryHttp.schemaBody(BASE));
        assertThat(latest.status()).isEqualTo(200);
        assertThat(latest.json().get("is_compatible").asBoolean()).isTrue();

        final Reply numbered = http.post("/compatibility/subjects/" + subject + "/versions/3",
                RegistryHttp.schemaBody(BASE));
        assertThat(numbered.status()).isEqualTo(404);
        assertThat(numbered.errorCode()).isEqualTo(40402);
        final Reply invalid = http.post("/compatibility/subjects/" + subject + "/versions/latest",
                RegistryHttp.schemaBody("{\"type\":\"nonsense\"}"));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.errorCode()).isEqualTo(42201);
    }

    @Test
    void shouldSetReadAndDeleteASubjectLevel() {
        final Reply set = http.setCompatibility(subject, "full");
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.text()).isEqualTo("{\"compatibility\":\"FULL\"}");
        assertThat(http.get("/config/" + subject).text()).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");

        final Reply deleted = http.delete("/config/" + subject);
        assertThat(deleted.text()).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
        final Reply none = http.get("/config/" + subject);
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.errorCode()).isEqualTo(40408);
        assertThat(http.get("/config/" + subject + "?defaultToGlobal=true").json().get("compatibilityLevel").asText())
                .isEqualTo(http.get("/config").json().get("compatibilityLevel").asText());
        assertThat(http.delete("/config/" + subject).errorCode()).isEqualTo(40401);
    }

    @Test
    void shouldRejectAnUnknownCompatibilityLevelWith42203() {
        final Reply reply = http.setCompatibility(subject, "SIDEWAYS");

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.errorCode()).isEqualTo(42203);
        assertThat(reply.message()).contains("Invalid compatibility level");
    }

    private boolean isCompatibleWithAll(String schema) {
        final Reply reply = http.post("/compatibility/subjects/" + subject + "/versions",
                RegistryHttp.schemaBody(schema));
        assertThat(reply.status()).isEqualTo(200);
        return reply.json().get("is_compatible").asBoolean();
    }

    private static String schema(String name) {
        switch (name) {
            case "ADDED_WITH_DEFAULT":
                return ADDED_WITH_DEFAULT;
            case "ADDED_WITHOUT_DEFAULT":
                return ADDED_WITHOUT_DEFAULT;
            case "REMOVED_REQUIRED":
                return REMOVED_REQUIRED;
            default:
                throw new IllegalArgumentException(name);
        }
    }
}
