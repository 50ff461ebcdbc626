package io.exowatch.localstack.junit;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Names that no other test in the shared stack uses, so tests isolate by topic, subject, index and
 * application id instead of by stack. The result is {@code <prefix>-<counter>-<random>} in lower-case
 * letters, digits and dashes after the prefix: valid as a Kafka topic, a Kafka Streams application id and,
 * for a lower-case prefix, an OpenSearch index.
 */
public final class UniqueNames {

    private static final AtomicLong COUNTER = new AtomicLong();
    private static final SecureRandom RANDOM = new SecureRandom();

    private UniqueNames() {
    }

    /** For example {@code uniqueName("trials-raw")} gives {@code trials-raw-7-k3f9qz}. */
    public static String uniqueName(String prefix) {
        if (prefix == null || prefix.isBlank()) {
            throw new IllegalArgumentException("A unique name needs a non-blank prefix");
        }
        final String random = Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
        return prefix + "-" + COUNTER.incrementAndGet() + "-"
                + random.substring(0, Math.min(6, random.length())).toLowerCase(Locale.ROOT);
    }
}
