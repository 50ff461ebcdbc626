package io.exowatch.localstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.logging.log4j.LogManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole embedded infrastructure in one JVM: a KRaft {@link EmbeddedKafka} broker, an
 * {@link EmbeddedSchemaRegistry} storing its schemas on that broker, and an {@link EmbeddedOpenSearch} node.
 * Used by {@code exowatch up} (no Docker needed) and, through {@code LocalStackExtension}, by tests.
 *
 * <p>{@link Builder#start()} initialises Log4j on the calling thread, starts the broker and the OpenSearch
 * node in parallel, then the registry on the broker. When a component fails to start, the ones already
 * running are closed and a {@link LocalStackException} names the component and the cause.
 * {@link #close()} stops the registry, then OpenSearch, then the broker.
 *
 * <p>Defaults: all three components; the operator's ports {@value EmbeddedKafka#DEFAULT_PORT} (Kafka),
 * {@value EmbeddedSchemaRegistry#DEFAULT_PORT} (registry) and {@value EmbeddedOpenSearch#DEFAULT_PORT}
 * (OpenSearch), or free ones after {@link Builder#freePorts()} (what tests use); temporary data
 * directories deleted on close unless {@link Builder#dataDir(Path)} names a persistent root (the broker
 * keeps its log in {@code <root>/kafka}, OpenSearch its home in {@code <root>/opensearch}); topic
 * auto-creation on; one partition per auto-created topic.
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.builder().freePorts().withOpenSearch(false).start()) {
 *     stack.createTopic("trials-raw", 1, true);
 *     config.put("schema.registry.url", stack.schemaRegistryUrl());
 * }
 * }</pre>
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

    private final Builder settings;
    private final EmbeddedKafka kafka;
    private final EmbeddedSchemaRegistry schemaRegistry;
    private volatile EmbeddedOpenSearch openSearch;
    private boolean closed;

    private LocalStack(Builder settings, EmbeddedKafka kafka, EmbeddedSchemaRegistry schemaRegistry,
            EmbeddedOpenSearch openSearch) {
        this.settings = settings;
        this.kafka = kafka;
        this.schemaRegistry = schemaRegistry;
        this.openSearch = openSearch;
    }

    /** A builder with the defaults described on the class. */
    public static Builder builder() {
        return new Builder();
    }

    /** {@code bootstrap.servers} of the broker. */
    public String bootstrapServers() {
        return kafka().bootstrapServers();
    }

    /** {@code schema.registry.url} of the registry. */
    public String schemaRegistryUrl() {
        return schemaRegistry().url();
    }

    /** Base URL of the OpenSearch REST API. */
    public String openSearchUrl() {
        return openSearch().url();
    }

    /** The broker; throws {@link IllegalStateException} when this stack was built without Kafka. */
    public EmbeddedKafka kafka() {
        if (kafka == null) {
            throw new IllegalStateException("This LocalStack was started without Kafka (withKafka(false))");
        }
        return kafka;
    }

    /** The registry; throws {@link IllegalStateException} when this stack was built without one. */
    public EmbeddedSchemaRegistry schemaRegistry() {
        if (schemaRegistry == null) {
            throw new IllegalStateException(
                    "This LocalStack was started without a schema registry (withSchemaRegistry(false))");
        }
        return schemaRegistry;
    }

    /** The OpenSearch node; throws {@link IllegalStateException} when this stack has none. */
    public EmbeddedOpenSearch openSearch() {
        final EmbeddedOpenSearch node = openSearch;
        if (node == null) {
            throw new IllegalStateException("This LocalStack was started without OpenSearch (withOpenSearch(false))");
        }
        return node;
    }

    /** Whether a broker runs in this stack. */
    public boolean hasKafka() {
        return kafka != null;
    }

    /** Whether a schema registry runs in this stack. */
    public boolean hasSchemaRegistry() {
        return schemaRegistry != null;
    }

    /** Whether an OpenSearch node runs in this stack. */
    public boolean hasOpenSearch() {
        return openSearch != null;
    }

    /**
     * Starts the OpenSearch node now if this stack has none yet, with the builder's port and data directory
     * ({@code LocalStackExtension} uses it when a test class needs OpenSearch after others that did not).
     */
    public synchronized void startOpenSearch() {
        if (closed) {
            throw new IllegalStateException("This LocalStack is closed");
        }
        if (openSearch == null) {
            openSearch = startComponent("OpenSearch node", settings::startOpenSearch);
        }
    }

    /**
     * Creates a topic on the broker unless it exists (replication factor 1).
     *
     * @param name topic name
     * @param partitions partition count, at least 1
     * @param compacted {@code cleanup.policy=compact} when true, {@code delete} otherwise
     */
    public void createTopic(String name, int partitions, boolean compacted) {
        try (Admin admin = Admin.create(EmbeddedKafka.adminConfig(bootstrapServers()))) {
            EmbeddedKafka.createTopic(admin, name, partitions, compacted);
        }
    }

    /** Stops the registry, then OpenSearch, then the broker. Calling it again does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        final List<RuntimeException> failures = new ArrayList<>();
        closeQuietly(schemaRegistry, "schema registry", failures);
        closeQuietly(openSearch, "OpenSearch node", failures);
        closeQuietly(kafka, "Kafka broker", failures);
        if (!failures.isEmpty()) {
            final LocalStackException failure = new LocalStackException("Closing the local stack failed: "
                    + failures.get(0).getMessage(), failures.get(0));
            failures.subList(1, failures.size()).forEach(failure::addSuppressed);
            throw failure;
        }
    }

    private static void closeQuietly(AutoCloseable component, String name, List<RuntimeException> failures) {
        if (component == null) {
            return;
        }
        try {
            component.close();
        } catch (Exception e) {
            LOG.warn("Closing the {} failed: {}", name, e.toString());
            failures.add(new LocalStackException("Closing the " + name + " failed: " + e.getMessage(), e));
        }
    }

    private static <T> T startComponent(String name, Callable<T> starter) {
        try {
            return starter.call();
        } catch (Exception e) {
            throw new LocalStackException("Cannot start the local stack: " + name + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Configures and starts a {@link LocalStack}. Defaults: Kafka, registry and OpenSearch on ports 9092, 8081
     * and 9200; temporary directories; topic auto-creation on; {@code num.partitions=1}.
     */
    public static final class Builder {
        private Path dataDir;
        private int kafkaPort = EmbeddedKafka.DEFAULT_PORT;
        private int schemaRegistryPort = EmbeddedSchemaRegistry.DEFAULT_PORT;
        private int openSearchPort = EmbeddedOpenSearch.DEFAULT_PORT;
        private boolean withKafka = true;
        private boolean withSchemaRegistry = true;
        private boolean withOpenSearch = true;
        private boolean autoCreateTopics = true;
        private int numPartitions = 1;

        private Builder() {
        }

        /** Keeps broker and OpenSearch data below {@code root} ({@code kafka/}, {@code opensearch/}) across runs. */
        public Builder dataDir(Path root) {
            this.dataDir = Objects.requireNonNull(root, "root");
            return this;
        }

        /** Free ports for every component (port 0), as tests want. */
        public Builder freePorts() {
            return kafkaPort(0).schemaRegistryPort(0).openSearchPort(0);
        }

        /** The broker port (default 9092; 0 picks a free one). */
        public Builder kafkaPort(int port) {
            this.kafkaPort = port;
            return this;
        }

        /** The registry port (default 8081; 0 picks a free one). */
        public Builder schemaRegistryPort(int port) {
            this.schemaRegistryPort = port;
            return this;
        }

        /** The OpenSearch HTTP port (default 9200; 0 picks a free one). */
        public Builder openSearchPort(int port) {
            this.openSearchPort = port;
            return this;
        }

        /** Whether to start the broker (default true); the registry needs it. */
        public Builder withKafka(boolean enabled) {
            this.withKafka = enabled;
            return this;
        }

        /** Whether to start the schema registry (default true). */
        public Builder withSchemaRegistry(boolean enabled) {
            this.withSchemaRegistry = enabled;
            return this;
        }

        /** Whether to start the OpenSearch node (default true). */
        public Builder withOpenSearch(boolean enabled) {
            this.withOpenSearch = enabled;
            return this;
        }

        /** Whether the broker creates topics on first use (default true). */
        public Builder autoCreateTopics(boolean enabled) {
            this.autoCreateTopics = enabled;
            return this;
        }

        /** Partitions of auto-created topics (default 1). */
        public Builder numPartitions(int partitions) {
            this.numPartitions = partitions;
            return this;
        }

        /**
         * Starts the configured components: broker and OpenSearch in parallel, then the registry.
         *
         * @throws LocalStackException naming the component that failed; the others are closed by then
         */
        public LocalStack start() {
            if (withSchemaRegistry && !withKafka) {
                throw new IllegalStateException("The schema registry stores its schemas in Kafka: "
                        + "withSchemaRegistry(true) needs withKafka(true)");
            }
            final long startNanos = System.nanoTime();
            // Log4j must be configured before the broker and OpenSearch threads race to initialise it.
            LogManager.getContext(false);
            final ExecutorService starters = Executors.newFixedThreadPool(2, starterThreads());
            final Future<EmbeddedKafka> kafkaStart = withKafka ? starters.submit(this::startKafka) : null;
            final Future<EmbeddedOpenSearch> openSearchStart = withOpenSearch
                    ? starters.submit(this::startOpenSearch)
                    : null;
            starters.shutdown();
            final List<Exception> failures = new ArrayList<>();
            final List<String> failed = new ArrayList<>();
            final EmbeddedKafka kafka = await(kafkaStart, "Kafka broker", failures, failed);
            final EmbeddedOpenSearch openSearch = await(openSearchStart, "OpenSearch node", failures, failed);
            EmbeddedSchemaRegistry registry = null;
            if (failures.isEmpty() && withSchemaRegistry) {
                try {
                    registry = EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), schemaRegistryPort);
                } catch (RuntimeException e) {
                    failures.add(e);
                    failed.add("schema registry");
                }
            }
            if (!failures.isEmpty()) {
                final List<RuntimeException> closeFailures = new ArrayList<>();
                closeQuietly(openSearch, "OpenSearch node", closeFailures);
                closeQuietly(kafka, "Kafka broker", closeFailures);
                final LocalStackException failure = new LocalStackException("Cannot start the local stack: "
                        + String.join(" and ", failed) + " failed: " + failures.get(0).getMessage(), failures.get(0));
                failures.subList(1, failures.size()).forEach(failure::addSuppressed);
                closeFailures.forEach(failure::addSuppressed);
                throw failure;
            }
            final LocalStack stack = new LocalStack(this, kafka, registry, openSearch);
            LOG.info("Local stack started in {} ms: kafka {}, schema registry {}, OpenSearch {}",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos),
                    kafka == null ? "off" : kafka.bootstrapServers(),
                    registry == null ? "off" : registry.url(),
                    openSearch == null ? "off" : openSearch.url());
            return stack;
        }

        private EmbeddedKafka startKafka() {
            final EmbeddedKafka.Builder builder = EmbeddedKafka.builder()
                    .port(kafkaPort)
                    .autoCreateTopics(autoCreateTopics)
                    .numPartitions(numPartitions);
            if (dataDir != null) {
                builder.dataDir(dataDir.resolve("kafka"));
            }
            return builder.start();
        }

        private EmbeddedOpenSearch startOpenSearch() {
            final EmbeddedOpenSearch.Builder builder = EmbeddedOpenSearch.builder().port(openSearchPort);
            if (dataDir != null) {
                builder.dataDir(dataDir.resolve("opensearch"));
            }
            return builder.start();
        }

        private static <T> T await(Future<T> start, String name, List<Exception> failures, List<String> failed) {
            if (start == null) {
                return null;
            }
            try {
                return start.get();
            } catch (ExecutionException e) {
                failures.add(e.getCause() instanceof Exception ? (Exception) e.getCause() : e);
                failed.add(name);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.add(e);
                failed.add(name);
            }
            return null;
        }

        private static ThreadFactory starterThreads() {
            final AtomicInteger counter = new AtomicInteger();
            return runnable -> {
                final Thread thread = new Thread(runnable, "local-stack-start-" + counter.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            };
        }
    }
}
