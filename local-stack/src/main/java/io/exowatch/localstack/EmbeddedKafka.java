package io.exowatch.localstack;

import io.exowatch.localstack.internal.Directories;
import io.exowatch.localstack.internal.FreePorts;
import io.exowatch.localstack.internal.RetriedSequenceLogFilter;
import io.exowatch.localstack.internal.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka 4.4 broker in KRaft mode (broker and controller in one process), running
 * in this JVM and listening on 127.0.0.1 only.
 *
 * <p>Defaults: a temporary data directory deleted on {@link #close()}, a free broker port, automatic topic
 * creation on, {@code num.partitions=1}. The controller listener always takes a free port. The internal
 * topics (consumer offsets, transaction state, share-coordinator state) have replication factor 1, min ISR
 * 1 and one partition, so transactions and exactly-once Kafka Streams work against it;
 * {@code group.initial.rebalance.delay.ms} and {@code group.streams.initial.rebalance.delay.ms} are 0 so
 * groups form at once; the log cleaner runs with a 2 MiB dedupe buffer.
 *
 * <p>A persistent data directory ({@link Builder#dataDir(Path)}) is formatted with Kafka's
 * {@code StorageTool} only when it has no {@code meta.properties} yet, so it keeps its cluster id and data
 * across restarts, even when the broker port changes. The quorum uses a static voter set
 * ({@code controller.quorum.voters}) for that reason.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.builder().start()) {
 *     kafka.createTopic("trials-raw", 1, true);
 *     producerProps.put("bootstrap.servers", kafka.bootstrapServers());
 * }
 * }</pre>
 */
public final class EmbeddedKafka implements AutoCloseable {

    /** The port an operator's broker listens on unless told otherwise. */
    public static final int DEFAULT_PORT = 9092;

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final int MAX_START_ATTEMPTS = 5;
    private static final int NODE_ID = 1;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaRaftServer server;
    private final Path dataDir;
    private final boolean deleteDataDirOnClose;
    private final int port;
    private final String clusterId;
    private final Object closeLock = new Object();
    private boolean closed;

    private EmbeddedKafka(KafkaRaftServer server, Path dataDir, boolean deleteDataDirOnClose, int port,
            String clusterId) {
        this.server = server;
        this.dataDir = dataDir;
        this.deleteDataDirOnClose = deleteDataDirOnClose;
        this.port = port;
        this.clusterId = clusterId;
    }

    /** A builder with the defaults described on the class. */
    public static Builder builder() {
        return new Builder();
    }

    /** {@code host:port} of the broker's PLAINTEXT listener, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The port the broker listens on (the one picked when 0 was asked for). */
    public int port() {
        return port;
    }

    /** The log directory: the persistent one given, or the temporary one. */
    public Path dataDir() {
        return dataDir;
    }

    /** The cluster id stored in the log directory's {@code meta.properties}. */
    public String clusterId() {
        return clusterId;
    }

    /**
     * Creates a topic with replication factor 1 unless it exists already (then does nothing, whatever its
     * partition count).
     *
     * @param name topic name
     * @param partitions number of partitions, at least 1
     * @param compacted {@code cleanup.policy=compact} when true, {@code delete} otherwise
     */
    public void createTopic(String name, int partitions, boolean compacted) {
        try (Admin admin = Admin.create(adminConfig(bootstrapServers()))) {
            createTopic(admin, name, partitions, compacted);
        }
    }

    static void createTopic(Admin admin, String name, int partitions, boolean compacted) {
        Objects.requireNonNull(name, "name");
        if (partitions < 1) {
            throw new IllegalArgumentException("Topic " + name + ": partitions must be at least 1, was " + partitions);
        }
        try {
            Topics.createIfMissing(admin, name, partitions, compacted, ADMIN_TIMEOUT);
            LOG.debug("Topic {} ready ({} partitions asked, compacted {})", name, partitions, compacted);
        } catch (ExecutionException e) {
            throw new LocalStackException("Cannot create topic " + name + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new LocalStackException("Timed out after " + ADMIN_TIMEOUT + " creating topic " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("Interrupted while creating topic " + name, e);
        }
    }

    static Properties adminConfig(String bootstrapServers) {
        final Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "exowatch-local-stack-admin");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "30000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        return props;
    }

    /**
     * Shuts the broker down (controlled shutdown, then the controller) and waits until it has stopped; then
     * deletes the data directory when it was temporary. Calling it again does nothing.
     */
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
            server.shutdown();
            server.awaitShutdown();
        } finally {
            if (deleteDataDirOnClose) {
                deleteQuietly(dataDir);
            }
        }
        LOG.info("Kafka broker on port {} stopped in {} ms", port, elapsedMillis(startNanos));
    }

    private static void deleteQuietly(Path dir) {
        try {
            Directories.deleteRecursively(dir);
        } catch (IOException e) {
            LOG.warn("Cannot delete temporary Kafka directory {}: {}", dir, e.toString());
        }
    }

    private static long elapsedMillis(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /**
     * Configures and starts an {@link EmbeddedKafka}. Defaults: temporary data directory, port 0 (free),
     * auto-create topics on, one partition per auto-created topic.
     */
    public static final class Builder {
        private Path dataDir;
        private int port;
        private boolean autoCreateTopics = true;
        private int numPartitions = 1;
        private final Map<String, String> overrides = new LinkedHashMap<>();

        private Builder() {
        }

        /** Keeps the log in {@code dir} (created when missing) across restarts instead of a temporary dir. */
        public Builder dataDir(Path dir) {
            this.dataDir = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** The broker port; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("Kafka port must be 0..65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** Whether producing to or fetching metadata for a missing topic creates it (default true). */
        public Builder autoCreateTopics(boolean enabled) {
            this.autoCreateTopics = enabled;
            return this;
        }

        /** {@code num.partitions}: partitions of auto-created topics (default 1). */
        public Builder numPartitions(int partitions) {
            if (partitions < 1) {
                throw new IllegalArgumentException("num.partitions must be at least 1, was " + partitions);
            }
            this.numPartitions = partitions;
            return this;
        }

        /** Sets any broker property, applied after the defaults (for example {@code log.retention.ms}). */
        public Builder brokerProperty(String key, String value) {
            overrides.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Formats the log directory when needed, starts the broker and waits until it answers a metadata
         * request. A picked port that another process takes first is retried with new ports.
         *
         * @throws LocalStackException when the broker cannot start; nothing is left running then
         */
        public EmbeddedKafka start() {
            final long startNanos = System.nanoTime();
            if (port != 0 && !FreePorts.isFree(port)) {
                throw new LocalStackException("Kafka broker port " + port + " on 127.0.0.1 is already in use");
            }
            final boolean temporary = dataDir == null;
            final Path logDir = temporary ? Directories.createTemp("exowatch-kafka-") : Directories.ensure(dataDir);
            try {
                final EmbeddedKafka kafka = startWithRetries(logDir, temporary);
                LOG.info("Kafka broker started on {} (cluster {}, log dir {}) in {} ms",
                        kafka.bootstrapServers(), kafka.clusterId, logDir, elapsedMillis(startNanos));
                return kafka;
            } catch (RuntimeException e) {
                if (temporary) {
                    deleteQuietly(logDir);
                }
                throw e;
            }
        }

        private EmbeddedKafka startWithRetries(Path logDir, boolean temporary) {
            final List<Throwable> failures = new ArrayList<>();
            for (int attempt = 1; attempt <= MAX_START_ATTEMPTS; attempt++) {
                final int brokerPort = port == 0 ? FreePorts.pick() : port;
                final int controllerPort = FreePorts.pick();
                final Properties props = brokerProperties(logDir, brokerPort, controllerPort);
                final String clusterId = formatIfNeeded(logDir, props);
                RetriedSequenceLogFilter.install();
                final KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
                try {
                    server.startup();
                    awaitReady(brokerPort);
                    return new EmbeddedKafka(server, logDir, temporary, brokerPort, clusterId);
                } catch (RuntimeException e) {
                    stopQuietly(server);
                    failures.add(e);
                    final boolean fixedPortTaken = port != 0 && !FreePorts.isFree(port);
                    if (!FreePorts.isAddressInUse(e) || fixedPortTaken || attempt == MAX_START_ATTEMPTS) {
                        final LocalStackException failure = new LocalStackException(
                                "Kafka broker failed to start on 127.0.0.1:" + brokerPort + " (controller port "
                                        + controllerPort + ", log dir " + logDir + "): " + e.getMessage(), e);
                        failures.subList(0, failures.size() - 1).forEach(failure::addSuppressed);
                        throw failure;
                    }
                    LOG.warn("Kafka start attempt {} of {} lost a port race ({}); retrying with new ports",
                            attempt, MAX_START_ATTEMPTS, e.getMessage());
                }
            }
            throw new IllegalStateException("unreachable");
        }

        private Properties brokerProperties(Path logDir, int brokerPort, int controllerPort) {
            final Properties p = new Properties();
            p.put("process.roles", "broker,controller");
            p.put("node.id", Integer.toString(NODE_ID));
            p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
            p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
            p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
            p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            p.put("controller.listener.names", "CONTROLLER");
            p.put("inter.broker.listener.name", "PLAINTEXT");
            p.put("log.dirs", logDir.toString());
            p.put("num.partitions", Integer.toString(numPartitions));
            p.put("default.replication.factor", "1");
            p.put("min.insync.replicas", "1");
            p.put("auto.create.topics.enable", Boolean.toString(autoCreateTopics));
            p.put("offsets.topic.replication.factor", "1");
            p.put("offsets.topic.num.partitions", "1");
            p.put("transaction.state.log.replication.factor", "1");
            p.put("transaction.state.log.min.isr", "1");
            p.put("transaction.state.log.num.partitions", "1");
            p.put("share.coordinator.state.topic.replication.factor", "1");
            p.put("share.coordinator.state.topic.min.isr", "1");
            p.put("share.coordinator.state.topic.num.partitions", "1");
            p.put("group.initial.rebalance.delay.ms", "0");
            p.put("group.streams.initial.rebalance.delay.ms", "0");
            p.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
            p.put("num.network.threads", "2");
            p.put("num.io.threads", "2");
            p.put("background.threads", "2");
            p.put("num.recovery.threads.per.data.dir", "1");
            p.put("delete.topic.enable", "true");
            p.putAll(overrides);
            return p;
        }

        /** Formats {@code logDir} unless it holds a {@code meta.properties}; returns the cluster id either way. */
        private static String formatIfNeeded(Path logDir, Properties props) {
            final Path meta = logDir.resolve("meta.properties");
            if (Files.exists(meta)) {
                return readClusterId(meta);
            }
            final String clusterId = Uuid.randomUuid().toString();
            Path configFile = null;
            final ByteArrayOutputStream output = new ByteArrayOutputStream();
            try {
                configFile = Files.createTempFile("exowatch-kafka-format-", ".properties");
                try (OutputStream out = Files.newOutputStream(configFile)) {
                    props.store(out, "ExoWatch embedded broker, for kafka-storage format");
                }
                final int exitCode;
                try (PrintStream printer = new PrintStream(output, true, StandardCharsets.UTF_8)) {
                    exitCode = StorageTool.execute(
                            new String[] {"format", "--config", configFile.toString(), "--cluster-id", clusterId},
                            printer);
                }
                if (exitCode != 0) {
                    throw new LocalStackException("Formatting Kafka log dir " + logDir + " failed with exit code "
                            + exitCode + ": " + output.toString(StandardCharsets.UTF_8).trim());
                }
                LOG.debug("Formatted {}: {}", logDir, output.toString(StandardCharsets.UTF_8).trim());
                return readClusterId(meta);
            } catch (IOException e) {
                throw new LocalStackException("Cannot format Kafka log dir " + logDir + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                if (e instanceof LocalStackException) {
                    throw e;
                }
                throw new LocalStackException("Formatting Kafka log dir " + logDir + " failed: " + e.getMessage()
                        + " " + output.toString(StandardCharsets.UTF_8).trim(), e);
            } finally {
                if (configFile != null) {
                    try {
                        Files.deleteIfExists(configFile);
                    } catch (IOException e) {
                        LOG.debug("Cannot delete {}: {}", configFile, e.toString());
                    }
                }
            }
        }

        private static String readClusterId(Path metaProperties) {
            final Properties meta = new Properties();
            try (InputStream in = Files.newInputStream(metaProperties)) {
                meta.load(in);
            } catch (IOException e) {
                throw new LocalStackException("Cannot read " + metaProperties + ": " + e.getMessage(), e);
            }
            final String id = meta.getProperty("cluster.id");
            if (id == null || id.isBlank()) {
                throw new LocalStackException(metaProperties + " has no cluster.id");
            }
            return id;
        }

        private static void awaitReady(int brokerPort) {
            final Properties config = adminConfig("127.0.0.1:" + brokerPort);
            try (Admin admin = Admin.create(config)) {
                admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new LocalStackException("Kafka broker on port " + brokerPort + " does not answer: "
                        + e.getCause().getMessage(), e.getCause());
            } catch (TimeoutException e) {
                throw new LocalStackException("Kafka broker on port " + brokerPort + " not ready after "
                        + READY_TIMEOUT, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LocalStackException("Interrupted while waiting for the Kafka broker", e);
            }
        }

        private static void stopQuietly(KafkaRaftServer server) {
            try {
                server.shutdown();
                server.awaitShutdown();
            } catch (RuntimeException e) {
                LOG.debug("Shutting down a broker that failed to start: {}", e.toString());
            }
        }
    }
}
