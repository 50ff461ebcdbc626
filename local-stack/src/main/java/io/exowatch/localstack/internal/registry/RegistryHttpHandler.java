package io.exowatch.localstack.internal.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.exowatch.localstack.internal.registry.RegistryService.SchemaRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Confluent Schema Registry's REST surface (the AVRO subset) over the JDK HTTP server: the same paths, JSON
 * bodies, status codes, error bodies {@code {"error_code": 40401, "message": "..."}} and the content type
 * {@code application/vnd.schemaregistry.v1+json}. Request bodies may be sent as that type,
 * {@code application/vnd.schemaregistry+json}, {@code application/json} or {@code application/octet-stream}
 * (or with none) and are limited to {@value #MAX_BODY_BYTES} bytes. Query parameters a route does not use
 * ({@code normalize}, {@code format}, {@code fetchMaxId} where not applicable, ...) are ignored.
 */
public final class RegistryHttpHandler implements HttpHandler {

    /** The content type of every response. */
    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(RegistryHttpHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ACCEPTED_REQUEST_TYPES = Set.of(
            "application/vnd.schemaregistry.v1+json",
            "application/vnd.schemaregistry+json",
            "application/json",
            "application/octet-stream");

    private final RegistryService service;

    /** Serves {@code service}. */
    public RegistryHttpHandler(RegistryService service) {
        this.service = service;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Response response;
            try {
                response = route(new Request(exchange));
            } catch (RegistryException e) {
                response = Response.error(e.status(), e.errorCode(), e.getMessage());
                if (e.status() >= 500) {
                    LOG.warn("{} {} failed: {}", exchange.getRequestMethod(), exchange.getRequestURI(), e.getMessage(), e);
                }
            } catch (RuntimeException e) {
                LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                response = Response.error(500, 500, "Internal server error: " + e);
            }
            send(exchange, response);
        }
    }

    private Response route(Request request) throws IOException {
        final List<String> path = request.segments;
        final String method = request.method;
        if (path.isEmpty()) {
            return get(method, () -> Response.ok(Map.of()));
        }
        switch (path.get(0)) {
            case "schemas":
                return routeSchemas(request, path);
            case "subjects":
                return routeSubjects(request, path);
            case "compatibility":
                return routeCompatibility(request, path);
            case "config":
                return routeConfig(request, path);
            case "mode":
                return routeMode(request, path);
            default:
                return Response.notFound();
        }
    }

    private Response routeSchemas(Request request, List<String> path) {
        if (path.size() == 2 && "types".equals(path.get(1))) {
            return get(request.method, () -> Response.ok(List.of("AVRO")));
        }
        if (path.size() < 3 || path.size() > 4 || !"ids".equals(path.get(1))) {
            return Response.notFound();
        }
        final Integer id = parseInt(path.get(2));
        if (id == null) {
            return Response.notFound();
        }
        if (path.size() == 3) {
            return get(request.method, () -> {
                final Map<String, Object> body = new LinkedHashMap<>();
                body.put("schema", service.schemaById(id));
                if (request.flag("fetchMaxId")) {
                    body.put("maxId", service.maxId());
                }
                return Response.ok(body);
            });
        }
        switch (path.get(3)) {
            case "schema":
                return get(request.method, () -> Response.raw(service.schemaById(id)));
            case "subjects":
                return get(request.method, () -> Response.ok(service.subjectsForId(id, request.flag("deleted"))));
            case "versions":
                return get(request.method, () -> Response.ok(service.versionsForId(id, request.flag("deleted"))));
            default:
                return Response.notFound();
        }
    }

    private Response routeSubjects(Request request, List<String> path) throws IOException {
        if (path.size() == 1) {
            return get(request.method, () -> Response.ok(service.subjects(request.param("subjectPrefix"),
                    request.flag("deleted"), request.flag("deletedOnly"))));
        }
        final String subject = path.get(1);
        if (path.size() == 2) {
            switch (request.method) {
                case "POST":
                    return Response.ok(service.lookup(subject, request.schemaBody(), request.flag("deleted")));
                case "DELETE":
                    return Response.ok(service.deleteSubject(subject, request.flag("permanent")));
                default:
                    return Response.methodNotAllowed();
            }
        }
        if ("metadata".equals(path.get(2)) && path.size() == 3) {
            return get(request.method, () -> Response.ok(service.latestWithMetadata(subject, request.metadata(),
                    request.flag("deleted"))));
        }
        if (!"versions".equals(path.get(2)) || path.size() > 5) {
            return Response.notFound();
        }
        if (path.size() == 3) {
            switch (request.method) {
                case "GET":
                    return Response.ok(service.versions(subject, request.flag("deleted"), request.flag("deletedOnly")));
                case "POST":
                    return Response.ok(service.register(subject, request.schemaBody()));
                default:
                    return Response.methodNotAllowed();
            }
        }
        final String version = path.get(3);
        if (path.size() == 5) {
            switch (path.get(4)) {
                case "schema":
                    return get(request.method, () -> Response.raw(
                            service.version(subject, version, request.flag("deleted")).schema()));
                case "referencedby":
                    // Schema references are not supported, so no schema ever references another.
                    return get(request.method, () -> {
                        service.version(subject, version, true);
                        return Response.ok(List.of());
                    });
                default:
                    return Response.notFound();
            }
        }
        switch (request.method) {
            case "GET":
                return Response.ok(service.version(subject, version, request.flag("deleted")));
            case "DELETE":
                return Response.ok(service.deleteVersion(subject, version, request.flag("permanent")));
            default:
                return Response.methodNotAllowed();
        }
    }

    private Response routeCompatibility(Request request, List<String> path) throws IOException {
        final boolean withVersion = path.size() == 5;
        if ((path.size() != 4 && !withVersion) || !"subjects".equals(path.get(1)) || !"versions".equals(path.get(3))) {
            return Response.notFound();
        }
        if (!"POST".equals(request.method)) {
            return Response.methodNotAllowed();
        }
        final boolean verbose = request.flag("verbose");
        final List<String> messages = service.compatibilityMessages(path.get(2), withVersion ? path.get(4) : null,
                request.schemaBody(), verbose);
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("is_compatible", messages.isEmpty());
        if (verbose) {
            body.put("messages", messages);
        }
        return Response.ok(body);
    }

    private Response routeConfig(Request request, List<String> path) throws IOException {
        if (path.size() > 2) {
            return Response.notFound();
        }
        final String subject = path.size() == 2 ? path.get(1) : null;
        switch (request.method) {
            case "GET":
                return Response.ok(Map.of("compatibilityLevel", subject == null
                        ? service.globalLevel().name()
                        : service.subjectLevel(subject, request.flag("defaultToGlobal")).name()));
            case "PUT":
                final String level = request.compatibilityBody();
                return Response.ok(Map.of("compatibility", subject == null
                        ? service.setGlobalLevel(level).name()
                        : service.setSubjectLevel(subject, level).name()));
            case "DELETE":
                return Response.ok(Map.of("compatibilityLevel", subject == null
                        ? service.deleteGlobalLevel().name()
                        : service.deleteSubjectLevel(subject).name()));
            default:
                return Response.methodNotAllowed();
        }
    }

    private Response routeMode(Request request, List<String> path) {
        if (path.size() > 2) {
            return Response.notFound();
        }
        if ("PUT".equals(request.method)) {
            return Response.error(422, 42204, "Invalid mode: this registry is always READWRITE");
        }
        if (path.size() == 2 && !request.flag("defaultToGlobal")) {
            return get(request.method, () -> {
                throw RegistryException.subjectModeNotConfigured(path.get(1));
            });
        }
        return get(request.method, () -> Response.ok(Map.of("mode", "READWRITE")));
    }

    private static Response get(String method, ResponseSupplier supplier) {
        return "GET".equals(method) ? supplier.get() : Response.methodNotAllowed();
    }

    private static Integer parseInt(String text) {
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        final byte[] body = response.rawBody != null
                ? response.rawBody.getBytes(StandardCharsets.UTF_8)
                : JSON.writeValueAsBytes(response.body);
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.sendResponseHeaders(response.status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @FunctionalInterface
    private interface ResponseSupplier {
        Response get();
    }

    /** A status and a body: a value to write as JSON, or a raw string (the schema-only routes). */
    private static final class Response {
        final int status;
        final Object body;
        final String rawBody;

        private Response(int status, Object body, String rawBody) {
            this.status = status;
            this.body = body;
            this.rawBody = rawBody;
        }

        static Response ok(Object body) {
            return new Response(200, body, null);
        }

        static Response raw(String body) {
            return new Response(200, null, body);
        }

        static Response error(int status, int errorCode, String message) {
            final Map<String, Object> body = new LinkedHashMap<>();
            body.put("error_code", errorCode);
            body.put("message", message);
            return new Response(status, body, null);
        }

        static Response notFound() {
            return error(404, 404, "HTTP 404 Not Found");
        }

        static Response methodNotAllowed() {
            return error(405, 405, "HTTP 405 Method Not Allowed");
        }
    }

    /** The parts of an exchange the routes need: method, decoded path segments, query, body. */
    private static final class Request {
        final String method;
        final List<String> segments;
        final Map<String, List<String>> query;
        private final HttpExchange exchange;

        Request(HttpExchange exchange) {
            this.exchange = exchange;
            this.method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            this.segments = segments(exchange.getRequestURI().getRawPath());
            this.query = query(exchange.getRequestURI().getRawQuery());
        }

        String param(String name) {
            final List<String> values = query.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        /** A boolean query parameter as JAX-RS reads one: true only for "true" in any case. */
        boolean flag(String name) {
            return "true".equalsIgnoreCase(param(name));
        }

        /** {@code key}/{@code value} query pairs, as {@code GET /subjects/{s}/metadata} takes them. */
        Map<String, String> metadata() {
            final List<String> keys = query.getOrDefault("key", List.of());
            final List<String> values = query.getOrDefault("value", List.of());
            final Map<String, String> metadata = new LinkedHashMap<>();
            for (int i = 0; i < Math.min(keys.size(), values.size()); i++) {
                metadata.put(keys.get(i), values.get(i));
            }
            return metadata;
        }

        SchemaRequest schemaBody() throws IOException {
            final JsonNode body = jsonBody();
            final JsonNode references = body.get("references");
            return new SchemaRequest(text(body, "schema"), text(body, "schemaType"),
                    references != null && references.isArray() ? references.size() : 0);
        }

        String compatibilityBody() throws IOException {
            final JsonNode body = jsonBody();
            final String level = text(body, "compatibility");
            return level != null ? level : text(body, "compatibilityLevel");
        }

        private JsonNode jsonBody() throws IOException {
            final String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (contentType != null && !contentType.isBlank()) {
                final String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
                if (!ACCEPTED_REQUEST_TYPES.contains(mediaType)) {
                    throw new RegistryException(415, 415, "HTTP 415 Unsupported Media Type");
                }
            }
            final byte[] raw = readBody(exchange.getRequestBody());
            final JsonNode node;
            try {
                node = JSON.readTree(raw);
            } catch (JsonProcessingException e) {
                throw new RegistryException(400, 400, "Unparseable JSON request body: " + e.getOriginalMessage());
            }
            if (node == null || node.isMissingNode()) {
                throw new RegistryException(422, 422, "Request body is empty");
            }
            if (!node.isObject()) {
                throw new RegistryException(422, 422, "Request body must be a JSON object");
            }
            return node;
        }

        private static byte[] readBody(InputStream in) throws IOException {
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            final byte[] buffer = new byte[8192];
            int total = 0;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
                if (total > MAX_BODY_BYTES) {
                    throw new RegistryException(413, 413, "Request body larger than " + MAX_BODY_BYTES + " bytes");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }

        private static String text(JsonNode node, String field) {
            final JsonNode value = node.get(field);
            return value == null || value.isNull() ? null : value.asText();
        }

        private static List<String> segments(String rawPath) {
            final List<String> segments = new ArrayList<>();
            if (rawPath == null) {
                return segments;
            }
            for (String part : rawPath.split("/")) {
                if (!part.isEmpty()) {
                    segments.add(decode(part.replace("+", "%2B")));
                }
            }
            return segments;
        }

        private static Map<String, List<String>> query(String rawQuery) {
            final Map<String, List<String>> query = new LinkedHashMap<>();
            if (rawQuery == null || rawQuery.isEmpty()) {
                return query;
            }
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                final int equals = pair.indexOf('=');
                final String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                final String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
            return query;
        }

        /** Percent-decodes; '+' becomes a space, so path segments escape it first (it is literal there). */
        private static String decode(String text) {
            try {
                return URLDecoder.decode(text, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new RegistryException(400, 400, "Malformed percent-encoding in '" + text + "'");
            }
        }
    }
}
