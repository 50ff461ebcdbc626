package io.exowatch.localstack;

import io.exowatch.localstack.internal.Directories;
import io.exowatch.localstack.internal.FreePorts;
import io.exowatch.localstack.internal.OpenSearchNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.opensearch.action.admin.cluster.health.ClusterHealthResponse;
import org.opensearch.common.settings.Settings;
import org.opensearch.common.unit.TimeValue;
import org.opensearch.http.HttpServerTransport;
import org.opensearch.node.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real OpenSearch 2.19 node in this JVM: single-node discovery, bound to 127.0.0.1, HTTP via the Netty 4
 * transport, with the common analysers, and disk-watermark checks off (a nearly full development disk must
 * not turn indices read-only). {@link Builder#start()} returns once the cluster is at least yellow.
 *
 * <p>Defaults: a temporary home and data directory deleted on {@link #close()}, a free HTTP port, the
 * transport port picked freely too, cluster name {@value #DEFAULT_CLUSTER_NAME}. A persistent directory
 * ({@link Builder#dataDir(Path)}) keeps its indices across restarts. The operator's port is
 * {@value #DEFAULT_PORT}; {@link Builder#portRange(String)} takes a range such as {@code 9200-9299}.
 */
public final class EmbeddedOpenSearch implements AutoCloseable {

    /** The HTTP port an operator's node listens on unless told otherwise. */
    public static final int DEFAULT_PORT = 9200;

    /** The cluster name unless told otherwise. */
    public static final String DEFAULT_CLUSTER_NAME = "exowatch-local";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedOpenSearch.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final Node node;
    private final Path dataDir;
    private final boolean deleteOnClose;
    private final int port;
    private final Object closeLock = new Object();
    private boolean closed;

    private EmbeddedOpenSearch(Node node, Path dataDir, boolean deleteOnClose, int port) {
        this.node = node;
        this.dataDir = dataDir;
        this.deleteOnClose = deleteOnClose;
        this.port = port;
    }

    /** A builder with the defaults described on the class. */
    public static Builder builder() {
        return new Builder();
    }

    /** The base URL of the REST API, {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The HTTP port it is bound to. */
    public int port() {
        return port;
    }

    /** The node's home directory (its data lives in {@code data/} below it). */
    public Path dataDir() {
        return dataDir;
    }

    /** Closes the node, waits for it to stop, and deletes a temporary directory. Calling it again does nothing. */
    @Override
    public void close() {
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        final long startNanos = System.nanoTime();
        try {
            stop(node);
        } finally {
            if (deleteOnClose) {
                deleteQuietly(dataDir);
            }
        }
        LOG.info("OpenSearch node on port {} stopped in {} ms", port,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }

    private static void stop(Node node) {
        try {
            node.close();
            if (!node.awaitClose(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("OpenSearch node did not stop within {}", CLOSE_TIMEOUT);
            }
        } catch (IOException e) {
            throw new LocalStackException("Closing the OpenSearch node failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("Interrupted while closing the OpenSearch node", e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            Directories.deleteRecursively(dir);
        } catch (IOException e) {
            LOG.warn("Cannot delete temporary OpenSearch directory {}: {}", dir, e.toString());
        }
    }

    /**
     * Configures and starts an {@link EmbeddedOpenSearch}. Defaults: temporary directory, free HTTP port,
     * cluster name {@value EmbeddedOpenSearch#DEFAULT_CLUSTER_NAME}.
     */
    public static final class Builder {
        private Path dataDir;
        private String httpPort = "0";
        private String clusterName = DEFAULT_CLUSTER_NAME;
        private final Map<String, String> overrides = new LinkedHashMap<>();

        private Builder() {
        }

        /** Keeps the node's home and indices in {@code dir} (created when missing) instead of a temporary dir. */
        public Builder dataDir(Path dir) {
            this.dataDir = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** The HTTP port; 0 (the default) lets the node bind a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("OpenSearch port must be 0..65535, was " + port);
            }
            this.httpPort = Integer.toString(port);
            return this;
        }

        /** An HTTP port range such as {@code 9200-9299}: the node binds the first free port in it. */
        public Builder portRange(String range) {
            if (range == null || !range.matches("\\d{1,5}(-\\d{1,5})?")) {
                throw new IllegalArgumentException("OpenSearch port range must look like 9200-9299, was " + range);
            }
            this.httpPort = range;
            return this;
        }

        /** The cluster name (default {@value EmbeddedOpenSearch#DEFAULT_CLUSTER_NAME}). */
        public Builder clusterName(String name) {
            this.clusterName = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Sets any node setting, applied after the defaults (for example {@code indices.memory.index_buffer_size}). */
        public Builder setting(String key, String value) {
            overrides.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Starts the node and waits (up to 90 s) until the cluster is at least yellow.
         *
         * @throws LocalStackException when the node cannot start or get ready; nothing is left running then
         */
        public EmbeddedOpenSearch start() {
            final long startNanos = System.nanoTime();
            if (!httpPort.contains("-") && !"0".equals(httpPort) && !FreePorts.isFree(Integer.parseInt(httpPort))) {
                throw new LocalStackException("OpenSearch HTTP port " + httpPort + " on 127.0.0.1 is already in use");
            }
            final boolean temporary = dataDir == null;
            final Path home = temporary ? Directories.createTemp("exowatch-opensearch-") : Directories.ensure(dataDir);
            Node node = null;
            try {
                node = new OpenSearchNode(settings(home));
                node.start();
                awaitYellow(node);
                final int port = node.injector().getInstance(HttpServerTransport.class)
                        .boundAddress().publishAddress().getPort();
                final EmbeddedOpenSearch openSearch = new EmbeddedOpenSearch(node, home, temporary, port);
                LOG.info("OpenSearch node started on {} (home {}) in {} ms", openSearch.url(), home,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
                return openSearch;
            } catch (Exception e) {
                if (node != null) {
                    try {
                        stop(node);
                    } catch (RuntimeException closeFailure) {
                        e.addSuppressed(closeFailure);
                    }
                }
                if (temporary) {
                    deleteQuietly(home);
                }
                if (e instanceof LocalStackException) {
                    throw (LocalStackException) e;
                }
                final String reason = FreePorts.isAddressInUse(e)
                        ? "HTTP or transport port already in use (http.port " + httpPort + ")"
                        : e.toString();
                throw new LocalStackException("OpenSearch node failed to start (home " + home + "): " + reason, e);
            }
        }

        private Settings settings(Path home) {
            final Settings.Builder settings = Settings.builder()
                    .put("cluster.name", clusterName)
                    .put("node.name", clusterName + "-node")
                    .put("path.home", home.toString())
                    .put("path.data", home.resolve("data").toString())
                    .put("path.logs", home.resolve("logs").toString())
                    .put("discovery.type", "single-node")
                    .put("network.host", "127.0.0.1")
                    .put("http.port", httpPort)
                    .put("transport.port", "0")
                    .put("cluster.routing.allocation.disk.threshold_enabled", false)
                    .put("bootstrap.memory_lock", false)
                    .put("action.auto_create_index", true);
            overrides.forEach(settings::put);
            return settings.build();
        }

        private static void awaitYellow(Node node) {
            final ClusterHealthResponse health = node.client().admin().cluster().prepareHealth()
                    .setWaitForYellowStatus()
                    .setTimeout(TimeValue.timeValueMillis(READY_TIMEOUT.toMillis()))
                    .get();
            if (health.isTimedOut()) {
                throw new LocalStackException("OpenSearch cluster not yellow after " + READY_TIMEOUT + " (status "
                        + health.getStatus() + ")");
            }
        }
    }
}
