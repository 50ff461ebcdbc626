package io.exowatch.localstack.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Talks to a registry over plain HTTP with the JDK client, the way any Confluent client would. */
final class RegistryHttp {

    static final String V1_JSON = "application/vnd.schemaregistry.v1+json";
    static final ObjectMapper JSON = new ObjectMapper();

    /** A response: status, content type, body text and the body parsed as JSON (null when it is not JSON). */
    record Reply(int status, String contentType, String text, JsonNode json) {
        int errorCode() {
            return json.path("error_code").asInt();
        }

        String message() {
            return json.path("message").asText();
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    RegistryHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    Reply delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    Reply post(String path, String body) {
        return post(path, body, V1_JSON);
    }

    Reply post(String path, String body, String contentType) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Reply put(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", V1_JSON)
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** {@code POST /subjects/{subject}/versions} with {@code {"schema": schema}}. */
    Reply register(String subject, String schema) {
        return post("/subjects/" + subject + "/versions", schemaBody(schema));
    }

    /** Registers and returns the id, failing the test when the registry refuses. */
    int registerId(String subject, String schema) {
        final Reply reply = register(subject, schema);
        if (reply.status() != 200) {
            throw new AssertionError("register " + subject + " answered " + reply.status() + ": " + reply.text());
        }
        return reply.json().get("id").asInt();
    }

    Reply setCompatibility(String subject, String level) {
        return put("/config/" + subject, "{\"compatibility\":\"" + level + "\"}");
    }

    static String schemaBody(String schema) {
        final ObjectNode body = JSON.createObjectNode();
        body.put("schema", schema);
        return body.toString();
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            final HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode json;
            try {
                json = JSON.readTree(response.body());
            } catch (IOException e) {
                json = null;
            }
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.body(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
