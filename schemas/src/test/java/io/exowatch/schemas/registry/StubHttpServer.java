package io.exowatch.schemas.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP server answering queued canned responses in order (the last one repeats), recording each request.
 * Stands in for a registry where a unit test needs exact answers (5xx, timeouts, odd bodies) the real one won't give.
 */
final class StubHttpServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Deque<Answer> answers = new ArrayDeque<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    StubHttpServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** @return {@code http://127.0.0.1:port} */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues an answer; the last queued one keeps being given. */
    StubHttpServer answer(final int status, final String body) {
        synchronized (answers) {
            answers.add(new Answer(status, body, null));
        }
        return this;
    }

    /** Queues an answer given only once {@code gate} runs (e.g. a latch await), to simulate a silent server. */
    StubHttpServer answerAfter(final Runnable gate, final int status, final String body) {
        synchronized (answers) {
            answers.add(new Answer(status, body, gate));
        }
        return this;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** @return a loopback port with nothing listening on it (bound, then released) */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(final HttpExchange exchange) throws IOException {
        final String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("Content-Type"),
                exchange.getRequestHeaders().getFirst("Accept"), body));
        final Answer answer;
        synchronized (answers) {
            answer = answers.size() > 1 ? answers.poll() : answers.peek();
        }
        if (answer == null) {
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
            return;
        }
        if (answer.gate != null) {
            answer.gate.run();
        }
        final byte[] bytes = answer.body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(answer.status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    record Request(String method, String path, String query, String contentType, String accept, String body) {
    }

    private record Answer(int status, String body, Runnable gate) {
    }
}
