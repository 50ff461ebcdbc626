package io.exowatch.schemas.registry;

import java.util.List;

/**
 * The registry's answer to a compatibility test ({@code POST /compatibility/subjects/{s}/versions/latest?verbose=true}).
 *
 * @param compatible whether the schema may be registered under the subject
 * @param messages   the registry's reasons when it is not (empty when compatible or when the registry gave none)
 */
public record CompatibilityResult(boolean compatible, List<String> messages) {

    /**
     * Copies the message list so the result is immutable.
     *
     * @param compatible whether the schema may be registered
     * @param messages   the registry's reasons
     */
    public CompatibilityResult {
        messages = List.copyOf(messages);
    }
}
