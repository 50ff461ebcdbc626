package io.exowatch.schemas.registry;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Timeouts, retries and limits of the REST client. Keys use Confluent's client names and may also be given with the
 * {@code schema.registry.} prefix (which wins), so one producer/consumer/streams config map can carry them:
 *
 * <table>
 * <caption>Keys and defaults</caption>
 * <tr><th>key</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@value #CONNECT_TIMEOUT_MS}</td><td>10000</td><td>TCP connect timeout per URL</td></tr>
 * <tr><td>{@value #READ_TIMEOUT_MS}</td><td>30000</td><td>whole-response timeout per request</td></tr>
 * <tr><td>{@value #MAX_RETRIES}</td><td>3</td><td>retries after the first attempt, on connection failure, timeout,
 * 429 or 5xx</td></tr>
 * <tr><td>{@value #RETRIES_WAIT_MS}</td><td>100</td><td>first backoff; doubles on each retry</td></tr>
 * <tr><td>{@value #RETRIES_MAX_WAIT_MS}</td><td>5000</td><td>backoff cap</td></tr>
 * <tr><td>{@value #MAX_RESPONSE_BYTES}</td><td>16777216</td><td>largest response body accepted</td></tr>
 * </table>
 *
 * @param connectTimeout   TCP connect timeout per URL
 * @param readTimeout      limit for one request's whole response
 * @param maxRetries       retries after the first attempt (0 = no retry)
 * @param retryBackoff     the first wait between attempts, doubled each time
 * @param maxRetryBackoff  the longest wait between attempts
 * @param maxResponseBytes the largest response body accepted
 */
public record SchemaRegistryClientConfig(Duration connectTimeout, Duration readTimeout, int maxRetries,
        Duration retryBackoff, Duration maxRetryBackoff, int maxResponseBytes) {

    /** Prefix under which every key may also be given. */
    public static final String PREFIX = "schema.registry.";
    /** TCP connect timeout in milliseconds; default 10000. */
    public static final String CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
    /** Whole-response timeout in milliseconds; default 30000. */
    public static final String READ_TIMEOUT_MS = "http.read.timeout.ms";
    /** Retries after the first attempt; default 3. */
    public static final String MAX_RETRIES = "max.retries";
    /** First backoff in milliseconds, doubled on each retry; default 100. */
    public static final String RETRIES_WAIT_MS = "retries.wait.ms";
    /** Backoff cap in milliseconds; default 5000. */
    public static final String RETRIES_MAX_WAIT_MS = "retries.max.wait.ms";
    /** Largest response body accepted, in bytes; default 16 MiB. */
    public static final String MAX_RESPONSE_BYTES = "max.response.bytes";

    /**
     * Validates the values, naming the key of a bad one.
     *
     * @param connectTimeout   TCP connect timeout per URL
     * @param readTimeout      limit for one request's whole response
     * @param maxRetries       retries after the first attempt
     * @param retryBackoff     the first wait between attempts
     * @param maxRetryBackoff  the longest wait between attempts
     * @param maxResponseBytes the largest response body accepted
     */
    public SchemaRegistryClientConfig {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        Objects.requireNonNull(maxRetryBackoff, "maxRetryBackoff");
        requirePositive(CONNECT_TIMEOUT_MS, connectTimeout.toMillis());
        requirePositive(READ_TIMEOUT_MS, readTimeout.toMillis());
        if (maxRetries < 0) {
            throw new IllegalArgumentException(MAX_RETRIES + " must be >= 0, was " + maxRetries);
        }
        if (retryBackoff.isNegative() || maxRetryBackoff.isNegative()) {
            throw new IllegalArgumentException(RETRIES_WAIT_MS + " and " + RETRIES_MAX_WAIT_MS + " must be >= 0");
        }
        requirePositive(MAX_RESPONSE_BYTES, maxResponseBytes);
    }

    /** @return the defaults listed in the class description */
    public static SchemaRegistryClientConfig defaults() {
        return new SchemaRegistryClientConfig(Duration.ofSeconds(10), Duration.ofSeconds(30), 3,
                Duration.ofMillis(100), Duration.ofSeconds(5), 16 * 1024 * 1024);
    }

    /**
     * Reads the keys from a config map (values may be numbers or numeric strings); absent keys keep their defaults.
     *
     * @param configs e.g. a producer's config map
     * @return the config
     * @throws IllegalArgumentException naming the key when a value is not a number or out of range
     */
    public static SchemaRegistryClientConfig fromMap(final Map<String, ?> configs) {
        final SchemaRegistryClientConfig d = defaults();
        return new SchemaRegistryClientConfig(
                Duration.ofMillis(longValue(configs, CONNECT_TIMEOUT_MS, d.connectTimeout.toMillis())),
                Duration.ofMillis(longValue(configs, READ_TIMEOUT_MS, d.readTimeout.toMillis())),
                Math.toIntExact(longValue(configs, MAX_RETRIES, d.maxRetries)),
                Duration.ofMillis(longValue(configs, RETRIES_WAIT_MS, d.retryBackoff.toMillis())),
                Duration.ofMillis(longValue(configs, RETRIES_MAX_WAIT_MS, d.maxRetryBackoff.toMillis())),
                Math.toIntExact(longValue(configs, MAX_RESPONSE_BYTES, d.maxResponseBytes)));
    }

    /**
     * @param retries retries after the first attempt
     * @return a copy with another retry count
     */
    public SchemaRegistryClientConfig withMaxRetries(final int retries) {
        return new SchemaRegistryClientConfig(connectTimeout, readTimeout, retries, retryBackoff, maxRetryBackoff,
                maxResponseBytes);
    }

    /**
     * @param first the first wait between attempts
     * @param max   the longest wait
     * @return a copy with another first backoff and cap
     */
    public SchemaRegistryClientConfig withRetryBackoff(final Duration first, final Duration max) {
        return new SchemaRegistryClientConfig(connectTimeout, readTimeout, maxRetries, first, max, maxResponseBytes);
    }

    /**
     * @param connect the TCP connect timeout
     * @param read    the whole-response timeout
     * @return a copy with other connect and read timeouts
     */
    public SchemaRegistryClientConfig withTimeouts(final Duration connect, final Duration read) {
        return new SchemaRegistryClientConfig(connect, read, maxRetries, retryBackoff, maxRetryBackoff,
                maxResponseBytes);
    }

    /**
     * The wait before retry {@code retry} (1-based), without jitter: {@code retryBackoff * 2^(retry-1)}, capped.
     *
     * @param retry the retry number, 1 for the first retry
     * @return the wait
     */
    public Duration backoffBefore(final int retry) {
        final long first = retryBackoff.toMillis();
        final long cap = maxRetryBackoff.toMillis();
        final int shift = Math.min(Math.max(retry - 1, 0), 30);
        final long wait = first > (Long.MAX_VALUE >> shift) ? cap : first << shift;
        return Duration.ofMillis(Math.min(wait, cap));
    }

    private static long longValue(final Map<String, ?> configs, final String key, final long defaultValue) {
        Object value = configs.get(PREFIX + key);
        String used = PREFIX + key;
        if (value == null) {
            value = configs.get(key);
            used = key;
        }
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        try {
            return Long.parseLong(value.toString().trim());
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException(used + " must be a whole number, was '" + value + "'", e);
        }
    }

    private static void requirePositive(final String key, final long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be > 0, was " + value);
        }
    }
}
