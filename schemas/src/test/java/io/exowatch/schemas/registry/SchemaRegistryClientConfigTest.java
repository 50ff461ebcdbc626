package io.exowatch.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaRegistryClientConfigTest {

    @Test
    void shouldKeepDefaultsForAbsentKeys() {
        final SchemaRegistryClientConfig config = SchemaRegistryClientConfig.fromMap(Map.of());

        assertThat(config).isEqualTo(SchemaRegistryClientConfig.defaults());
        assertThat(config.maxRetries()).isEqualTo(3);
        assertThat(config.retryBackoff()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void shouldPreferThePrefixedKeyOverThePlainOne() {
        final SchemaRegistryClientConfig config = SchemaRegistryClientConfig.fromMap(Map.of(
                "max.retries", "7", "schema.registry.max.retries", 1, "http.read.timeout.ms", 2500L));

        assertThat(config.maxRetries()).isEqualTo(1);
        assertThat(config.readTimeout()).isEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void shouldNameTheKeyOfABadValue() {
        assertThatThrownBy(() -> SchemaRegistryClientConfig.fromMap(Map.of("schema.registry.retries.wait.ms", "soon")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schema.registry.retries.wait.ms")
                .hasMessageContaining("'soon'");
        assertThatThrownBy(() -> SchemaRegistryClientConfig.fromMap(Map.of("max.retries", -1)))
                .hasMessageContaining("max.retries");
    }

    @Test
    void shouldDoubleTheBackoffUpToTheCap() {
        final SchemaRegistryClientConfig config = SchemaRegistryClientConfig.defaults()
                .withRetryBackoff(Duration.ofMillis(100), Duration.ofMillis(350));

        assertThat(config.backoffBefore(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(config.backoffBefore(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(config.backoffBefore(3)).isEqualTo(Duration.ofMillis(350));
        assertThat(config.backoffBefore(60)).isEqualTo(Duration.ofMillis(350));
    }
}
