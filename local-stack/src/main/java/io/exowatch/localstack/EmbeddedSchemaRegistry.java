package io.exowatch.localstack;

import com.sun.net.httpserver.HttpServer;
import io.exowatch.localstack.internal.FreePorts;
import io.exowatch.localstack.internal.registry.RegistryHttpHandler;
import io.exowatch.localstack.internal.registry.RegistryService;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schema registry speaking Confluent Schema Registry's REST API (AVRO schemas), served in this JVM on
 * 127.0.0.1 by the JDK HTTP server and stored in a compacted Kafka topic laid out like Confluent's
 * {@code _schemas}, so ids and versions survive restarts and Confluent clients and serdes work unchanged.
 *
 * <p>Served: {@code GET /}, {@code /schemas/types}, {@code /schemas/ids/{id}} (+{@code /schema},
 * {@code /subjects}, {@code /versions}), {@code /subjects}, {@code /subjects/{s}/versions[/{v}[/schema|/referencedby]]},
 * {@code POST /subjects/{s}/versions} (register), {@code POST /subjects/{s}} (lookup),
 * {@code DELETE /subjects/{s}[/versions/{v}]} (soft, or {@code ?permanent=true}),
 * {@code POST /compatibility/subjects/{s}/versions[/{v}]} ({@code ?verbose=true}),
 * {@code GET/PUT/DELETE /config[/{s}]} ({@code ?defaultToGlobal=true}), {@code GET /mode[/{s}]}
 * (always READWRITE), {@code GET /subjects/{s}/metadata}. Ids are global and increase from 1; the same
 * schema gets the same id under every subject. Compatibility levels: NONE, BACKWARD (the default),
 * BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE. Non-AVRO schema types and schema
 * references are refused with 422/42201.
 *
 * <p>Defaults: storage topic {@value #DEFAULT_TOPIC} (created when missing: 1 partition, replication factor
 * 1, {@code cleanup.policy=compact}); the operator's port is {@value #DEFAULT_PORT}, 0 picks a free one. On
 * start the whole topic is read to rebuild the state; each change is produced ({@code acks=all}, awaited)
 * before it is applied, by one writer. Run one registry per topic at a time: a second instance would see
 * the first one's writes only when it writes itself or restarts.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {

    /** The port an operator's registry listens on unless told otherwise (Confluent's default). */
    public static final int DEFAULT_PORT = 8081;

    /** The storage topic, as in Confluent's {@code kafkastore.topic}. */
    public static final String DEFAULT_TOPIC = "_schemas";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);
    private static final int HTTP_THREADS = 4;

    private final HttpServer server;
    private final ExecutorService executor;
    private final RegistryService service;
    private final String topic;
    private final Object closeLock = new Object();
    private boolean closed;

    private EmbeddedSchemaRegistry(HttpServer server, ExecutorService executor, RegistryService service,
            String topic) {
        this.server = server;
        this.executor = executor;
        this.service = service;
        this.topic = topic;
    }

    /**
     * Starts a registry on {@code port} (0 = free) storing its schemas in {@value #DEFAULT_TOPIC} of the
     * broker at {@code bootstrapServers}.
     *
     * @throws LocalStackException when the topic cannot be prepared or read, or the port is taken
     */
    public static EmbeddedSchemaRegistry start(String bootstrapServers, int port) {
        return start(bootstrapServers, port, DEFAULT_TOPIC);
    }

    /**
     * Starts a registry on {@code port} (0 = free) storing its schemas in {@code topic} of the broker at
     * {@code bootstrapServers}; tests use their own topic to run a registry beside the shared one.
     *
     * @throws LocalStackException when the topic cannot be prepared or read, or the port is taken
     */
    public static EmbeddedSchemaRegistry start(String bootstrapServers, int port, String topic) {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topic, "topic");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("Schema registry port must be 0..65535, was " + port);
        }
        final long startNanos = System.nanoTime();
        final RegistryService service;
        try {
            service = RegistryService.open(bootstrapServers, topic);
        } catch (RuntimeException e) {
            throw new LocalStackException("Schema registry cannot use topic " + topic + " on " + bootstrapServers
                    + ": " + e.getMessage(), e);
        }
        final HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        } catch (IOException e) {
            service.close();
            final String reason = FreePorts.isAddressInUse(e) ? "is already in use" : "cannot be bound: " + e;
            throw new LocalStackException("Schema registry port " + port + " on 127.0.0.1 " + reason, e);
        }
        final ExecutorService executor = Executors.newFixedThreadPool(HTTP_THREADS, daemonThreads());
        server.setExecutor(executor);
        server.createContext("/", new RegistryHttpHandler(service));
        server.start();
        final EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(server, executor, service, topic);
        LOG.info("Schema registry started on {} (topic {}) in {} ms", registry.url(), topic,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
        return registry;
    }

    /** The base URL, {@code http://127.0.0.1:<port>}, for {@code schema.registry.url}. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** The port it listens on (the one picked when 0 was asked for). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The Kafka topic holding its schemas and configs. */
    public String topic() {
        return topic;
    }

    /** Stops serving HTTP and closes its Kafka clients. Calling it again does nothing. */
    @Override
    public void close() {
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        final int port = port();
        try {
            server.stop(0);
            executor.shutdown();
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        } finally {
            service.close();
        }
        LOG.info("Schema registry on port {} stopped", port);
    }

    private static ThreadFactory daemonThreads() {
        final AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            final Thread thread = new Thread(runnable, "schema-registry-http-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
