package io.exowatch.localstack.internal.registry;

import java.util.Locale;
import java.util.Optional;

/**
 * Confluent's compatibility levels. BACKWARD: the new schema can read data written with the old one;
 * FORWARD: the old schema can read data written with the new one; FULL: both. The plain levels compare with
 * the latest live version only, the {@code _TRANSITIVE} ones with every live version. NONE checks nothing.
 */
public enum CompatibilityLevel {
    /** No check. */
    NONE(false, false, false),
    /** The new schema reads data written with the latest live version (the default). */
    BACKWARD(true, false, false),
    /** The new schema reads data written with every live version. */
    BACKWARD_TRANSITIVE(true, false, true),
    /** The latest live version reads data written with the new schema. */
    FORWARD(false, true, false),
    /** Every live version reads data written with the new schema. */
    FORWARD_TRANSITIVE(false, true, true),
    /** BACKWARD and FORWARD against the latest live version. */
    FULL(true, true, false),
    /** BACKWARD and FORWARD against every live version. */
    FULL_TRANSITIVE(true, true, true);

    /** The level a registry applies when neither the subject nor the global config sets one. */
    public static final CompatibilityLevel DEFAULT = BACKWARD;

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    /** The level named {@code name}, in any case and with surrounding blanks ignored; empty when unknown. */
    public static Optional<CompatibilityLevel> forName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether the new schema must read data written with older ones. */
    public boolean checksBackward() {
        return backward;
    }

    /** Whether older schemas must read data written with the new one. */
    public boolean checksForward() {
        return forward;
    }

    /** Whether every live version is compared, not only the latest. */
    public boolean isTransitive() {
        return transitive;
    }
}
