package io.exowatch.localstack.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CompatibilityLevelTest {

    @Test
    void shouldParseLevelNamesInAnyCaseAndIgnoreBlanks() {
        assertThat(CompatibilityLevel.forName(" full_transitive ")).contains(CompatibilityLevel.FULL_TRANSITIVE);
        assertThat(CompatibilityLevel.forName("Backward")).contains(CompatibilityLevel.BACKWARD);
    }

    @Test
    void shouldNotParseUnknownOrMissingNames() {
        assertThat(CompatibilityLevel.forName("SIDEWAYS")).isEmpty();
        assertThat(CompatibilityLevel.forName("")).isEmpty();
        assertThat(CompatibilityLevel.forName(null)).isEmpty();
    }

    @Test
    void shouldDefaultToBackwardLikeConfluent() {
        assertThat(CompatibilityLevel.DEFAULT).isEqualTo(CompatibilityLevel.BACKWARD);
    }

    @Test
    void shouldSayWhichDirectionsAndHowManyVersionsEachLevelChecks() {
        assertThat(CompatibilityLevel.NONE.checksBackward() || CompatibilityLevel.NONE.checksForward()).isFalse();
        assertThat(CompatibilityLevel.BACKWARD.checksBackward()).isTrue();
        assertThat(CompatibilityLevel.BACKWARD.checksForward()).isFalse();
        assertThat(CompatibilityLevel.FORWARD_TRANSITIVE.checksForward()).isTrue();
        assertThat(CompatibilityLevel.FORWARD_TRANSITIVE.checksBackward()).isFalse();
        assertThat(CompatibilityLevel.FULL.checksBackward() && CompatibilityLevel.FULL.checksForward()).isTrue();
        assertThat(CompatibilityLevel.FULL.isTransitive()).isFalse();
        assertThat(CompatibilityLevel.FULL_TRANSITIVE.isTransitive()).isTrue();
        assertThat(CompatibilityLevel.BACKWARD_TRANSITIVE.isTransitive()).isTrue();
    }
}
