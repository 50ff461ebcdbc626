package io.exowatch.schemas.registry;

import java.util.Arrays;
import java.util.Locale;

/**
 * A subject's compatibility rule, as Confluent's registry names it. The registry default is {@link #BACKWARD}.
 *
 * <p>{@code BACKWARD}: a new schema can read data written with the latest version (new optional fields are fine).
 * {@code FORWARD}: the latest version can read data written with the new schema. {@code FULL}: both. The
 * {@code _TRANSITIVE} variants check against every earlier version instead of only the latest. {@code NONE}: no check.
 */
public enum CompatibilityLevel {
    /** No check. */
    NONE,
    /** New schemas read data of the latest version (the registry's default). */
    BACKWARD,
    /** New schemas read data of every earlier version. */
    BACKWARD_TRANSITIVE,
    /** The latest version reads data of new schemas. */
    FORWARD,
    /** Every earlier version reads data of new schemas. */
    FORWARD_TRANSITIVE,
    /** Both BACKWARD and FORWARD against the latest version. */
    FULL,
    /** Both BACKWARD and FORWARD against every earlier version. */
    FULL_TRANSITIVE;

    /**
     * Parses the name the registry uses ({@code "BACKWARD"}, case-insensitive).
     *
     * @param name the level's name
     * @return the level
     * @throws IllegalArgumentException naming the value and the accepted names when unknown
     */
    public static CompatibilityLevel parse(final String name) {
        if (name != null) {
            final String upper = name.trim().toUpperCase(Locale.ROOT);
            for (final CompatibilityLevel level : values()) {
                if (level.name().equals(upper)) {
                    return level;
                }
            }
        }
        throw new IllegalArgumentException("Unknown compatibility level '" + name + "'; expected one of "
                + Arrays.toString(values()));
    }

    /** @return whether a new schema must be able to read data written with earlier versions */
    public boolean checksBackward() {
        return this == BACKWARD || this == BACKWARD_TRANSITIVE || this == FULL || this == FULL_TRANSITIVE;
    }

    /** @return whether earlier versions must be able to read data written with a new schema */
    public boolean checksForward() {
        return this == FORWARD || this == FORWARD_TRANSITIVE || this == FULL || this == FULL_TRANSITIVE;
    }

    /** @return whether every earlier version is checked, not only the latest */
    public boolean isTransitive() {
        return this == BACKWARD_TRANSITIVE || this == FORWARD_TRANSITIVE || this == FULL_TRANSITIVE;
    }
}
