package io.exowatch.localstack;

import static io.exowatch.localstack.junit.UniqueNames.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exowatch.localstack.junit.EmbeddedStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shared OpenSearch node over its REST API: health, indexing with the common analysers, search. */
@EmbeddedStack
class EmbeddedOpenSearchIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String url;

    @BeforeEach
    void connect(LocalStack stack) {
        url = stack.openSearchUrl();
    }

    @Test
    void shouldReportAtLeastYellowClusterHealth() throws Exception {
        final JsonNode health = send("GET", "/_cluster/health", null);

        assertThat(health.get("status").asText()).isIn("green", "yellow");
        assertThat(health.get("number_of_nodes").asInt()).isEqualTo(1);
        assertThat(url).startsWith("http://127.0.0.1:");
    }

    @Test
    void shouldIndexAndSearchADocumentWithAnAnalyserFromTheCommonPlugin() throws Exception {
        final String index = uniqueName("trials");
        send("PUT", "/" + index, "{\"settings\":{\"number_of_replicas\":0,\"analysis\":{\"analyzer\":{"
                + "\"folded\":{\"type\":\"custom\",\"tokenizer\":\"standard\",\"filter\":[\"lowercase\",\"asciifolding\"]}}}},"
                + "\"mappings\":{\"properties\":{\"title\":{\"type\":\"text\",\"analyzer\":\"folded\"}}}}");
        send("PUT", "/" + index + "/_doc/NCT04313647?refresh=true",
                "{\"title\":\"Exosomes dérivés de cellules souches mésenchymateuses\"}");

        final JsonNode result = send("POST", "/" + index + "/_search",
                "{\"query\":{\"match\":{\"title\":\"mesenchymateuses\"}}}");

        assertThat(result.at("/hits/total/value").asInt()).isEqualTo(1);
        assertThat(result.at("/hits/hits/0/_id").asText()).isEqualTo("NCT04313647");
    }

    private JsonNode send(String method, String path, String body) throws IOException, InterruptedException {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        final HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isBetween(200, 201);
        return JSON.readTree(response.body());
    }
}
