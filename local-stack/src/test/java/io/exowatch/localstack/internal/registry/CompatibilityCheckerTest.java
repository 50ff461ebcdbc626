package io.exowatch.localstack.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.exowatch.localstack.internal.registry.CompatibilityChecker.PreviousVersion;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class CompatibilityCheckerTest {

    private static final Schema ID_ONLY = parse("{\"type\":\"record\",\"name\":\"Trial\",\"fields\":["
            + "{\"name\":\"id\",\"type\":\"string\"}]}");
    private static final Schema WITH_PHASE_DEFAULT = parse("{\"type\":\"record\",\"name\":\"Trial\",\"fields\":["
            + "{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"phase\",\"type\":\"string\",\"default\":\"NA\"}]}");
    private static final Schema WITH_PHASE_REQUIRED = parse("{\"type\":\"record\",\"name\":\"Trial\",\"fields\":["
            + "{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"phase\",\"type\":\"string\"}]}");
    private static final Schema STATUS_ABC = parse("{\"type\":\"enum\",\"name\":\"Status\",\"symbols\":[\"A\",\"B\",\"C\"]}");
    private static final Schema STATUS_AB = parse("{\"type\":\"enum\",\"name\":\"Status\",\"symbols\":[\"A\",\"B\"]}");

    @Test
    void shouldAcceptAnythingUnderNone() {
        assertThat(CompatibilityChecker.check(STATUS_AB, versions(ID_ONLY), CompatibilityLevel.NONE)).isEmpty();
    }

    @Test
    void shouldAcceptAFirstVersionUnderEveryLevel() {
        for (CompatibilityLevel level : CompatibilityLevel.values()) {
            assertThat(CompatibilityChecker.check(ID_ONLY, List.of(), level)).as(level.name()).isEmpty();
        }
    }

    @Test
    void shouldRefuseANewRequiredFieldUnderBackwardWithConfluentShapedMessages() {
        final List<String> messages =
                CompatibilityChecker.check(WITH_PHASE_REQUIRED, versions(ID_ONLY), CompatibilityLevel.BACKWARD);

        assertThat(messages).hasSize(4);
        assertThat(messages.get(0))
                .startsWith("{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE'")
                .contains("The field 'phase' at path '/fields/1' in the new schema has no default value "
                        + "and is missing in the old schema")
                .endsWith("additionalInfo:'phase'}");
        assertThat(messages.get(1)).isEqualTo("{oldSchemaVersion: 1}");
        assertThat(messages.get(2)).startsWith("{oldSchema: '{\"type\":\"record\"");
        assertThat(messages.get(3)).isEqualTo("{compatibility: 'BACKWARD'}");
    }

    @Test
    void shouldAcceptANewFieldWithADefaultUnderFull() {
        assertThat(CompatibilityChecker.check(WITH_PHASE_DEFAULT, versions(ID_ONLY), CompatibilityLevel.FULL)).isEmpty();
    }

    @Test
    void shouldRefuseARemovedEnumSymbolOnlyInTheDirectionThatReadsIt() {
        // Old readers of ABC read AB data fine (FORWARD); new AB readers cannot read C (BACKWARD).
        assertThat(CompatibilityChecker.check(STATUS_AB, versions(STATUS_ABC), CompatibilityLevel.FORWARD)).isEmpty();
        assertThat(CompatibilityChecker.check(STATUS_AB, versions(STATUS_ABC), CompatibilityLevel.BACKWARD))
                .first().asString().contains("MISSING_ENUM_SYMBOLS").contains("[C]");
    }

    @Test
    void shouldCompareOnlyTheLatestVersionUnlessTransitive() {
        final List<PreviousVersion> history = versions(ID_ONLY, WITH_PHASE_DEFAULT);

        assertThat(CompatibilityChecker.check(WITH_PHASE_REQUIRED, history, CompatibilityLevel.BACKWARD)).isEmpty();
        assertThat(CompatibilityChecker.check(WITH_PHASE_REQUIRED, history, CompatibilityLevel.BACKWARD_TRANSITIVE))
                .contains("{oldSchemaVersion: 1}", "{compatibility: 'BACKWARD_TRANSITIVE'}");
    }

    @Test
    void shouldReportTheNewestIncompatibleVersionFirstUnderTransitiveLevels() {
        final List<PreviousVersion> history = versions(WITH_PHASE_REQUIRED, WITH_PHASE_REQUIRED);

        assertThat(CompatibilityChecker.check(ID_ONLY, history, CompatibilityLevel.FORWARD_TRANSITIVE))
                .contains("{oldSchemaVersion: 2}")
                .doesNotContain("{oldSchemaVersion: 1}");
    }

    @Test
    void shouldLabelTheOldSchemaAsReaderForForwardChecks() {
        final List<String> messages =
                CompatibilityChecker.check(ID_ONLY, versions(WITH_PHASE_REQUIRED), CompatibilityLevel.FORWARD);

        assertThat(messages.get(0)).contains("in the old schema has no default value and is missing in the new schema");
    }

    private static List<PreviousVersion> versions(Schema... schemas) {
        final PreviousVersion[] versions = new PreviousVersion[schemas.length];
        for (int i = 0; i < schemas.length; i++) {
            versions[i] = new PreviousVersion(i + 1, schemas[i]);
        }
        return List.of(versions);
    }

    private static Schema parse(String json) {
        return new Schema.Parser().parse(json);
    }
}
