package io.exowatch.localstack.junit;

import static io.exowatch.localstack.junit.UniqueNames.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UniqueNamesTest {

    @Test
    void shouldKeepThePrefixAndUseOnlyCharactersValidForTopicsAndIndices() {
        final String name = uniqueName("trials-raw");

        assertThat(name).startsWith("trials-raw-").matches("trials-raw-[0-9]+-[0-9a-z]{1,6}");
    }

    @Test
    void shouldNeverRepeatAName() {
        final Set<String> names = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            names.add(uniqueName("t"));
        }
        assertThat(names).hasSize(1_000);
    }

    @Test
    void shouldRefuseABlankPrefix() {
        assertThatThrownBy(() -> uniqueName(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
