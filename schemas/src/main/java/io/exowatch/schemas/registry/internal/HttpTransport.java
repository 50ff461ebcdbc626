package io.exowatch.schemas.registry.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exowatch.schemas.registry.SchemaRegistryClientConfig;
import io.exowatch.schemas.registry.SchemaRegistryException;
import io.exowatch.schemas.registry.SchemaRegistryUnavailableException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends registry requests with Confluent's content type over one or more base URLs. Connection failures, timeouts,
 * 429 and 5xx move on to the next URL; when every URL failed, the round is retried after an exponential backoff
 * (with up to 25% jitter) until {@code max.retries} is spent, then {@link SchemaRegistryUnavailableException} names
 * the URLs and attempts. Other 4xx answers fail at once with {@link SchemaRegistryException}. The last URL that
 * answered is tried first next time.
 */
public final class HttpTransport {

    /** Confluent's registry media type, sent as {@code Content-Type}. */
    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT = "application/vnd.schemaregistry.v1+json, "
            + "application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";
    private static final Logger LOG = LoggerFactory.getLogger(HttpTransport.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MESSAGE_CHARS = 2000;

    private final List<URI> baseUrls;
    private final String urlList;
    private final SchemaRegistryClientConfig config;
    private final HttpClient http;
    private volatile int preferred;

    /**
     * @param baseUrls the registry base URLs, e.g. {@code http://localhost:8081}
     * @param config   timeouts and retries
     */
    public HttpTransport(final List<URI> baseUrls, final SchemaRegistryClientConfig config) {
        if (baseUrls.isEmpty()) {
            throw new IllegalArgumentException("At least one schema registry URL is needed");
        }
        this.baseUrls = List.copyOf(baseUrls);
        this.urlList = baseUrls.toString();
        this.config = config;
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** @return the base URLs, as a list text for messages */
    public String urls() {
        return urlList;
    }

    /**
     * Sends one request and returns the parsed JSON answer of a 2xx response.
     *
     * @param method  {@code GET}, {@code POST} or {@code PUT}
     * @param path    path and query below the base URL, already encoded, e.g. {@code /schemas/ids/7}
     * @param body    a JSON body, or {@code null}
     * @param context what is being done, for error messages
     * @return the response's JSON
     * @throws SchemaRegistryException on a 4xx answer, or a 2xx answer that is not JSON
     * @throws SchemaRegistryUnavailableException when every attempt failed
     */
    public JsonNode send(final String method, final String path, final Object body, final String context) {
        final byte[] payload = body == null ? null : toJson(body);
        final int attempts = config.maxRetries() + 1;
        Failure last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1) {
                final Duration wait = jittered(config.backoffBefore(attempt - 1));
                LOG.warn("Schema registry {} {} failed ({}); retry {} of {} in {} ms", method, path, last.message,
                        attempt - 1, config.maxRetries(), wait.toMillis());
                pause(wait, method, path);
            }
            final int start = preferred;
            for (int i = 0; i < baseUrls.size(); i++) {
                final int index = (start + i) % baseUrls.size();
                final URI uri = URI.create(baseUrls.get(index) + path);
                final String where = method + " " + uri;
                final Exchange exchange;
                try {
                    exchange = exchange(method, uri, payload);
                } catch (final ResponseTooLargeException e) {
                    throw new SchemaRegistryException(context, SchemaRegistryException.NO_STATUS,
                            SchemaRegistryException.NO_STATUS, e.getMessage(), where, e);
                } catch (final IOException e) {
                    last = new Failure(where, SchemaRegistryException.NO_STATUS, SchemaRegistryException.NO_STATUS,
                            e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
                    LOG.debug("Schema registry {} unreachable: {}", where, last.message);
                    continue;
                }
                if (exchange.status >= 200 && exchange.status < 300) {
                    preferred = index;
                    return parse(exchange, where, context);
                }
                final ErrorBody error = errorBody(exchange.body);
                if (exchange.status == 429 || exchange.status >= 500) {
                    last = new Failure(where, exchange.status, error.code,
                            "HTTP " + exchange.status + " " + error.message, null);
                    continue;
                }
                preferred = index;
                throw new SchemaRegistryException(context, exchange.status, error.code, error.message, where, null);
            }
        }
        throw new SchemaRegistryUnavailableException(method + " " + path, urlList, attempts, last.status,
                last.errorCode, last.message, last.where, last.cause);
    }

    private Exchange exchange(final String method, final URI uri, final byte[] payload) throws IOException {
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(config.readTimeout())
                .header("Accept", ACCEPT);
        if (payload == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", CONTENT_TYPE).method(method, HttpRequest.BodyPublishers.ofByteArray(payload));
        }
        final CompletableFuture<HttpResponse<byte[]>> future =
                http.sendAsync(request.build(), info -> new LimitedBody(config.maxResponseBytes()));
        try {
            // The future's limit also covers a body that trickles in after the headers.
            final HttpResponse<byte[]> response = future.get(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return new Exchange(response.statusCode(), response.body());
        } catch (final TimeoutException e) {
            future.cancel(true);
            throw new HttpTimeoutException("no complete response within " + config.readTimeout().toMillis() + " ms");
        } catch (final ExecutionException e) {
            final Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                // The client's own request timeout fired first: say which limit it was.
                throw new HttpTimeoutException("no complete response within " + config.readTimeout().toMillis() + " ms");
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause == null ? e.toString() : cause.toString(), cause);
        } catch (final InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("Interrupted while calling the schema registry",
                    SchemaRegistryException.NO_STATUS, SchemaRegistryException.NO_STATUS, "", method + " " + uri, e);
        }
    }

    private JsonNode parse(final Exchange exchange, final String where, final String context) {
        try {
            return JSON.readTree(exchange.body);
        } catch (final IOException e) {
            throw new SchemaRegistryException(context + ": the registry's answer is not JSON", exchange.status,
                    SchemaRegistryException.NO_STATUS, excerpt(exchange.body), where, e);
        }
    }

    private static ErrorBody errorBody(final byte[] body) {
        try {
            final JsonNode node = JSON.readTree(body);
            if (node != null && node.isObject()) {
                final int code = node.path("error_code").asInt(SchemaRegistryException.NO_STATUS);
                final String message = node.path("message").asText("");
                return new ErrorBody(code, message.length() > MAX_MESSAGE_CHARS
                        ? message.substring(0, MAX_MESSAGE_CHARS) + "..." : message);
            }
        } catch (final IOException e) {
            // Not Confluent's JSON (a proxy's HTML page, say): quote the text instead.
        }
        return new ErrorBody(SchemaRegistryException.NO_STATUS, excerpt(body));
    }

    private static String excerpt(final byte[] body) {
        final String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.length() > MAX_MESSAGE_CHARS ? text.substring(0, MAX_MESSAGE_CHARS) + "..." : text;
    }

    private static byte[] toJson(final Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (final IOException e) {
            throw new IllegalArgumentException("Cannot write registry request body as JSON", e);
        }
    }

    private static Duration jittered(final Duration wait) {
        final long millis = wait.toMillis();
        return Duration.ofMillis(millis + ThreadLocalRandom.current().nextLong(millis / 4 + 1));
    }

    private void pause(final Duration wait, final String method, final String path) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("Interrupted while waiting to retry the schema registry",
                    SchemaRegistryException.NO_STATUS, SchemaRegistryException.NO_STATUS, "",
                    method + " " + urlList + path, e);
        }
    }

    private record Exchange(int status, byte[] body) {
    }

    private record ErrorBody(int code, String message) {
    }

    private record Failure(String where, int status, int errorCode, String message, Throwable cause) {
    }

    /** Collects a response body and fails once it passes the size limit. */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {

        private final int limit;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;
        private boolean overflowed;

        LimitedBody(final int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(final Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(final List<ByteBuffer> items) {
            for (final ByteBuffer item : items) {
                if (overflowed) {
                    return;
                }
                if (bytes.size() + item.remaining() > limit) {
                    overflowed = true;
                    subscription.cancel();
                    result.completeExceptionally(new ResponseTooLargeException(limit));
                    return;
                }
                final byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(final Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }

    /** A response body over the limit: not retried, the registry would send the same again. */
    private static final class ResponseTooLargeException extends IOException {

        private static final long serialVersionUID = 1L;

        ResponseTooLargeException(final int limit) {
            super("registry response larger than " + limit + " bytes (" + SchemaRegistryClientConfig.MAX_RESPONSE_BYTES
                    + ")");
        }
    }
}
