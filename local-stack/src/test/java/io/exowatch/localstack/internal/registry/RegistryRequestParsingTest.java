package io.exowatch.localstack.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exowatch.localstack.internal.registry.RegistryService.SchemaRequest;
import org.junit.jupiter.api.Test;

class RegistryRequestParsingTest {

    @Test
    void shouldReadLatestMinusOneAndPositiveVersions() {
        assertThat(RegistryService.parseVersion("latest")).isEqualTo(-1);
        assertThat(RegistryService.parseVersion("LATEST")).isEqualTo(-1);
        assertThat(RegistryService.parseVersion("-1")).isEqualTo(-1);
        assertThat(RegistryService.parseVersion("12")).isEqualTo(12);
    }

    @Test
    void shouldRejectOtherVersionsWith42202() {
        for (String bad : new String[] {"0", "-2", "first", "", "2147483648"}) {
            assertThatThrownBy(() -> RegistryService.parseVersion(bad)).as(bad)
                    .isInstanceOfSatisfying(RegistryException.class, e -> {
                        assertThat(e.status()).isEqualTo(422);
                        assertThat(e.errorCode()).isEqualTo(42202);
                        assertThat(e.getMessage()).contains("'" + bad + "'");
                    });
        }
    }

    @Test
    void shouldParseAvroSchemasWithOrWithoutDeclaredType() {
        assertThat(RegistryService.parse(new SchemaRequest("\"string\"", null, 0)).getType().getName())
                .isEqualTo("string");
        assertThat(RegistryService.parse(new SchemaRequest("\"long\"", "avro", 0)).getType().getName())
                .isEqualTo("long");
    }

    @Test
    void shouldRejectOtherTypesReferencesEmptyAndBrokenSchemasWith42201() {
        assertInvalid(new SchemaRequest("{}", "JSON", 0), "Invalid schema type JSON");
        assertInvalid(new SchemaRequest("\"string\"", null, 1), "references are not supported");
        assertInvalid(new SchemaRequest(" ", null, 0), "Empty schema");
        assertInvalid(new SchemaRequest("{\"type\":\"record\",\"name\":\"R\"}", null, 0), "Invalid schema:");
    }

    private static void assertInvalid(SchemaRequest request, String message) {
        assertThatThrownBy(() -> RegistryService.parse(request))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.errorCode()).isEqualTo(42201);
                    assertThat(e.getMessage()).contains(message);
                });
    }
}
