package io.exowatch.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exowatch.schemas.avro.TrialRecord;
import io.exowatch.schemas.testing.TestRecords;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The {@code mock://} registry behaves as the real one does: ids, versions, compatibility rules and error codes. */
class InMemoryRegistryTest {

    private static final Schema V1 = SchemaBuilder.record("Sample").namespace("io.exowatch.test").fields()
            .requiredString("id").endRecord();
    private static final Schema V2_OPTIONAL_FIELD = SchemaBuilder.record("Sample").namespace("io.exowatch.test")
            .fields().requiredString("id").optionalString("note").endRecord();
    private static final Schema V2_REQUIRED_FIELD = SchemaBuilder.record("Sample").namespace("io.exowatch.test")
            .fields().requiredString("id").requiredInt("count").endRecord();

    private final String scope = "registry-" + UUID.randomUUID();
    private final SchemaRegistryClient registry = SchemaRegistryClients.create("mock://" + scope);

    @AfterEach
    void dropScope() {
        SchemaRegistryClients.dropMockScope(scope);
    }

    @Test
    void shouldReturnTheSameIdWhenTheSameSchemaIsRegisteredAgain() {
        final int first = registry.register("samples-value", V1);

        assertThat(registry.register("samples-value", V1)).isEqualTo(first);
        assertThat(registry.getAllVersions("samples-value")).containsExactly(1);
        assertThat(SchemaRegistryClients.create("mock://" + scope).register("samples-value", V1)).isEqualTo(first);
    }

    @Test
    void shouldShareOneScopeBetweenClientsAndForgetItWhenDropped() {
        final int id = registry.register("samples-value", V1);
        final SchemaRegistryClient other = SchemaRegistryClients.create("mock://" + scope);

        assertThat(other.getSchemaById(id)).isEqualTo(V1);

        SchemaRegistryClients.dropMockScope(scope);
        assertThatThrownBy(() -> SchemaRegistryClients.create("mock://" + scope).getSchemaById(id))
                .isInstanceOf(SchemaRegistryException.class);
    }

    @Test
    void shouldAcceptABackwardCompatibleNewOptionalField() {
        final int v1 = registry.register("samples-value", V1);

        final int v2 = registry.register("samples-value", V2_OPTIONAL_FIELD);

        assertThat(v2).isNotEqualTo(v1);
        assertThat(registry.getAllVersions("samples-value")).containsExactly(1, 2);
        final SchemaMetadata latest = registry.getLatestSchemaMetadata("samples-value");
        assertThat(latest.version()).isEqualTo(2);
        assertThat(latest.id()).isEqualTo(v2);
        assertThat(latest.schema()).isEqualTo(V2_OPTIONAL_FIELD);
    }

    @Test
    void shouldRejectIncompatibleSchemaWith409NamingTheSubject() {
        registry.register("samples-value", V1);

        assertThatThrownBy(() -> registry.register("samples-value", V2_REQUIRED_FIELD))
                .isInstanceOfSatisfying(IncompatibleSchemaException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo(409);
                    assertThat(e.subject()).isEqualTo("samples-value");
                    assertThat(e.url()).isEqualTo("POST mock://" + scope + "/subjects/samples-value/versions");
                })
                .hasMessageContaining("'samples-value'")
                .hasMessageContaining("READER_FIELD_MISSING_DEFAULT_VALUE")
                .hasMessageContaining("count");
        assertThat(registry.getAllVersions("samples-value")).containsExactly(1);
    }

    @Test
    void shouldReportCompatibilityWithoutRegistering() {
        registry.register("samples-value", V1);

        final CompatibilityResult good = registry.testCompatibility("samples-value", V2_OPTIONAL_FIELD);
        final CompatibilityResult bad = registry.testCompatibility("samples-value", V2_REQUIRED_FIELD);

        assertThat(good.compatible()).isTrue();
        assertThat(good.messages()).isEmpty();
        assertThat(bad.compatible()).isFalse();
        assertThat(bad.messages()).anySatisfy(m -> assertThat(m).contains("count"))
                .contains("{compatibility: 'BACKWARD'}");
        assertThat(registry.getAllVersions("samples-value")).containsExactly(1);
    }

    @Test
    void shouldFollowTheSubjectLevelOverTheGlobalOne() {
        registry.register("samples-value", V1);

        assertThat(registry.getGlobalCompatibility()).isEqualTo(CompatibilityLevel.BACKWARD);
        assertThat(registry.getSubjectCompatibility("samples-value")).isEmpty();
        assertThat(registry.setSubjectCompatibility("samples-value", CompatibilityLevel.NONE))
                .isEqualTo(CompatibilityLevel.NONE);

        assertThat(registry.getEffectiveCompatibility("samples-value")).isEqualTo(CompatibilityLevel.NONE);
        assertThat(registry.register("samples-value", V2_REQUIRED_FIELD)).isPositive();
    }

    @Test
    void shouldCheckForwardAndTransitiveLevels() {
        registry.setGlobalCompatibility(CompatibilityLevel.FORWARD);
        registry.register("forward-value", V1);
        // FORWARD: version 1 must read new data; dropping its required "id" breaks that, adding a field does not.
        final Schema withoutId = SchemaBuilder.record("Sample").namespace("io.exowatch.test").fields()
                .optionalString("note").endRecord();

        assertThat(registry.testCompatibility("forward-value", withoutId).compatible()).isFalse();
        assertThat(registry.testCompatibility("forward-value", V2_REQUIRED_FIELD).compatible()).isTrue();

        registry.setSubjectCompatibility("transitive-value", CompatibilityLevel.BACKWARD_TRANSITIVE);
        registry.register("transitive-value", V1);
        registry.setSubjectCompatibility("transitive-value", CompatibilityLevel.NONE);
        registry.register("transitive-value", withoutId);
        registry.setSubjectCompatibility("transitive-value", CompatibilityLevel.BACKWARD_TRANSITIVE);
        // Compatible with the latest (adds a defaulted field) but not with version 1, which had a required "id".
        final Schema latestPlusCount = SchemaBuilder.record("Sample").namespace("io.exowatch.test").fields()
                .optionalString("note").requiredInt("count").endRecord();
        assertThat(registry.testCompatibility("transitive-value", latestPlusCount).messages())
                .contains("{oldSchemaVersion: 1}");
    }

    @Test
    void shouldAnswer404WithConfluentErrorCodes() {
        registry.register("samples-value", V1);

        assertThatThrownBy(() -> registry.getSchemaById(4242))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(40403);
                })
                .hasMessageContaining("4242");
        assertThatThrownBy(() -> registry.getLatestSchemaMetadata("nothing-value"))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(40401));
        assertThatThrownBy(() -> registry.lookup("samples-value", V2_OPTIONAL_FIELD))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(40403));
        assertThatThrownBy(() -> registry.getId("nothing-value", V1))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(40401));
    }

    @Test
    void shouldLookUpTheIdAndVersionOfARegisteredSchema() {
        registry.register("samples-value", V1);
        final int id = registry.register("samples-value", V2_OPTIONAL_FIELD);

        final SchemaMetadata found = SchemaRegistryClients.create("mock://" + scope)
                .lookup("samples-value", V2_OPTIONAL_FIELD);

        assertThat(found.id()).isEqualTo(id);
        assertThat(found.version()).isEqualTo(2);
        assertThat(found.subject()).isEqualTo("samples-value");
    }

    @Test
    void shouldEvolveTheProjectsOwnTrialRecordBackward() {
        registry.register("trials-raw-value", TestRecords.trialSchemaWithoutPayloadFields());

        final int id = registry.register("trials-raw-value", TrialRecord.getClassSchema());

        assertThat(registry.getSchemaById(id)).isEqualTo(TrialRecord.getClassSchema());
        assertThat(registry.getAllVersions("trials-raw-value")).containsExactly(1, 2);
    }

    @Test
    void shouldRefuseAMockUrlMixedWithOthers() {
        assertThatThrownBy(() -> SchemaRegistryClients.create("mock://a,http://localhost:8081"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mock://");
    }
}
