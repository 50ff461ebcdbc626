package io.exowatch.localstack.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.exowatch.localstack.LocalStack;
import org.junit.jupiter.api.Test;

/** The extension injects the one shared stack everywhere, starting it once. */
@EmbeddedStack(openSearch = false)
class LocalStackExtensionIT {

    private final LocalStack fromConstructor;

    LocalStackExtensionIT(LocalStack stack) {
        this.fromConstructor = stack;
    }

    @Test
    void shouldInjectTheSameRunningStackIntoConstructorsMethodsAndStaticCallers(LocalStack fromMethod) {
        assertThat(fromMethod).isSameAs(fromConstructor);
        assertThat(LocalStackExtension.sharedStack(false)).isSameAs(fromMethod);
        assertThat(fromMethod.hasKafka() && fromMethod.hasSchemaRegistry()).isTrue();
        assertThat(fromMethod.bootstrapServers()).startsWith("127.0.0.1:");
    }
}
