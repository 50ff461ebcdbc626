package io.exowatch.schemas.registry;

import io.exowatch.schemas.registry.internal.CachingSchemaRegistryClient;
import io.exowatch.schemas.registry.internal.HttpTransport;
import io.exowatch.schemas.registry.internal.InMemoryRegistry;
import io.exowatch.schemas.registry.internal.RestRegistryBackend;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Creates {@link SchemaRegistryClient}s; the URL picks the implementation.
 *
 * <ul>
 * <li>{@code http://host:8081} or {@code https://...}, several comma-separated: the REST client; on a connection
 * failure it tries the next URL, as Confluent's does.</li>
 * <li>{@code mock://<scope>}: an in-memory registry with the same behaviour (ids, versions, {@code BACKWARD}
 * checks, 404/409 errors), shared by every client of the same scope in this JVM. For unit tests only, e.g. Kafka
 * Streams {@code TopologyTestDriver} tests; {@link #dropMockScope} empties a scope.</li>
 * </ul>
 */
public final class SchemaRegistryClients {

    /** Confluent's config key for the registry URL(s). */
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    /** URL scheme of the in-memory registry. */
    public static final String MOCK_SCHEME = "mock://";

    private SchemaRegistryClients() {
    }

    /**
     * A client with default timeouts and retries ({@link SchemaRegistryClientConfig#defaults()}).
     *
     * @param urls one URL or several separated by commas
     * @return the client
     * @throws IllegalArgumentException naming the URL when it is malformed, or mock and http URLs are mixed
     */
    public static SchemaRegistryClient create(final String urls) {
        return create(urls, SchemaRegistryClientConfig.defaults());
    }

    /**
     * A client for the URL(s) in {@value #SCHEMA_REGISTRY_URL}, with timeouts and retries read from the same map.
     *
     * @param configs e.g. a producer's config map
     * @return the client
     * @throws IllegalArgumentException when {@value #SCHEMA_REGISTRY_URL} is missing or malformed
     */
    public static SchemaRegistryClient create(final Map<String, ?> configs) {
        final Object urls = configs.get(SCHEMA_REGISTRY_URL);
        if (urls == null || urls.toString().isBlank()) {
            throw new IllegalArgumentException("Missing required configuration '" + SCHEMA_REGISTRY_URL
                    + "' (e.g. http://localhost:8081, or mock://<scope> in unit tests)");
        }
        final String text = urls instanceof List<?> list
                ? String.join(",", list.stream().map(String::valueOf).toList()) : urls.toString();
        return create(text, SchemaRegistryClientConfig.fromMap(configs));
    }

    /**
     * A client with the given timeouts and retries (ignored by {@code mock://}).
     *
     * @param urls   one URL or several separated by commas
     * @param config timeouts and retries
     * @return the client
     */
    public static SchemaRegistryClient create(final String urls, final SchemaRegistryClientConfig config) {
        final List<String> parts = split(urls);
        final long mocks = parts.stream().filter(SchemaRegistryClients::isMock).count();
        if (mocks > 0) {
            if (parts.size() > 1) {
                throw new IllegalArgumentException(SCHEMA_REGISTRY_URL + " '" + urls
                        + "': a mock:// URL must be the only one");
            }
            final String scope = parts.get(0).substring(MOCK_SCHEME.length());
            return new CachingSchemaRegistryClient(InMemoryRegistry.forScope(scope));
        }
        final List<URI> bases = new ArrayList<>();
        for (final String part : parts) {
            bases.add(httpUrl(part));
        }
        return new CachingSchemaRegistryClient(new RestRegistryBackend(new HttpTransport(bases, config)));
    }

    /**
     * Empties the in-memory registry of a scope (tests call it between cases).
     *
     * @param scope the part after {@code mock://}
     */
    public static void dropMockScope(final String scope) {
        InMemoryRegistry.dropScope(scope);
    }

    private static boolean isMock(final String url) {
        return url.toLowerCase(Locale.ROOT).startsWith(MOCK_SCHEME);
    }

    private static List<String> split(final String urls) {
        if (urls == null || urls.isBlank()) {
            throw new IllegalArgumentException(SCHEMA_REGISTRY_URL + " is empty");
        }
        final List<String> parts = new ArrayList<>();
        for (final String part : urls.split(",")) {
            final String trimmed = part.trim();
            if (!trimmed.isEmpty()) {
                parts.add(trimmed);
            }
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException(SCHEMA_REGISTRY_URL + " '" + urls + "' names no URL");
        }
        return parts;
    }

    private static URI httpUrl(final String url) {
        final String trimmed = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        try {
            final URI uri = new URI(trimmed);
            final String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new IllegalArgumentException(SCHEMA_REGISTRY_URL + " '" + url
                        + "' is not an http(s)://host[:port] URL or mock://<scope>");
            }
            return uri;
        } catch (final URISyntaxException e) {
            throw new IllegalArgumentException(SCHEMA_REGISTRY_URL + " '" + url + "' is malformed: " + e.getMessage(),
                    e);
        }
    }
}
