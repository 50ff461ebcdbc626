package io.exowatch.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exowatch.sink.internal.index.IndexSetup;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The OpenSearch Dashboards saved objects in {@code dashboards/exowatch.ndjson} fit the sink: every
 * line parses, every reference resolves inside the file, and every field a visualisation
 * aggregates on is an aggregatable field (keyword, number, date) of the sink's mappings.
 */
class DashboardsTest {

  private final ObjectMapper json = new ObjectMapper();

  private static Map<String, String> aggregatableFields(final JsonNode properties, final String prefix, final Map<String, String> out) {
    properties.fields().forEachRemaining(e -> {
      final String name = prefix + e.getKey();
      final JsonNode def = e.getValue();
      if (def.has("properties")) {
        aggregatableFields(def.path("properties"), name + ".", out);
        return;
      }
      final String type = def.path("type").asText();
      if (!type.equals("text")) {
        out.put(name, type);
      }
      def.path("fields").fields().forEachRemaining(sub -> {
        if (!sub.getValue().path("type").asText().equals("text")) {
          out.put(name + "." + sub.getKey(), sub.getValue().path("type").asText());
        }
      });
    });
    return out;
  }

  @Test
  void shouldReferenceOnlyObjectsAndAggregatableFieldsThatExist() throws Exception {
    final Path file = Path.of("../dashboards/exowatch.ndjson");
    final List<JsonNode> objects = new ArrayList<>();
    for (final String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      objects.add(json.readTree(line));
    }
    final Set<String> ids = new HashSet<>();
    objects.forEach(o -> ids.add(o.path("type").asText() + "/" + o.path("id").asText()));
    final Map<String, Map<String, String>> fieldsByPattern = new HashMap<>();
    fieldsByPattern.put("exowatch-trials", aggregatableFields(
        IndexSetup.mappings(IndexSetup.Kind.TRIALS, json).path("properties"), "", new HashMap<>()));
    fieldsByPattern.put("exowatch-articles", aggregatableFields(
        IndexSetup.mappings(IndexSetup.Kind.ARTICLES, json).path("properties"), "", new HashMap<>()));

    assertThat(objects).extracting(o -> o.path("type").asText()).contains("index-pattern", "visualization", "dashboard");
    for (final JsonNode o : objects) {
      for (final JsonNode ref : o.path("references")) {
        assertThat(ids).as("reference of " + o.path("id").asText()).contains(ref.path("type").asText() + "/" + ref.path("id").asText());
      }
      if (o.path("type").asText().equals("visualization")) {
        final String pattern = o.path("references").get(0).path("id").asText();
        final JsonNode visState = json.readTree(o.path("attributes").path("visState").asText());
        assertThat(visState.path("aggs")).isNotEmpty();
        for (final JsonNode agg : visState.path("aggs")) {
          final String field = agg.path("params").path("field").asText(null);
          if (field != null) {
            assertThat(fieldsByPattern.get(pattern)).as(o.path("id").asText() + " aggregates on " + field).containsKey(field);
          }
        }
      }
      if (o.path("type").asText().equals("dashboard")) {
        assertThat(json.readTree(o.path("attributes").path("panelsJSON").asText())).hasSize(o.path("references").size());
      }
    }
  }
}
