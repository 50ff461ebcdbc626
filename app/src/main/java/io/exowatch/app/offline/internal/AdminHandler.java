package io.exowatch.app.offline.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The simulator's control endpoint, so a test in another process can change the fake source.
 *
 * <ul>
 *   <li>{@code POST /_admin/studies} with a study JSON object, or {@code {"studies": [...]}}: adds
 *       each study, or updates it when its NCT id exists, stamping its last-update date; answers
 *       201 (all created) or 200 with {@code {"created": [...], "updated": [...]}}. Bodies above the
 *       limit get 413; bad JSON or a study without a valid NCT id gets 400 naming the problem, and
 *       then nothing of the request is applied.</li>
 *   <li>{@code GET /_admin/stats}: the number of studies and the request counts.</li>
 * </ul>
 */
public final class AdminHandler implements HttpHandler {

  /** The context path. */
  public static final String CONTEXT = "/_admin";

  /** Whether an upsert created or updated the study. */
  public enum Upserted {
    /** The NCT id was new. */
    CREATED,
    /** A study with the NCT id was replaced. */
    UPDATED
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Function<ObjectNode, Upserted> upsert;
  private final Supplier<JsonNode> stats;
  private final int maxBodyBytes;

  /**
   * A handler.
   *
   * @param upsert adds or updates one study (already validated)
   * @param stats the statistics document
   * @param maxBodyBytes the largest request body accepted
   */
  public AdminHandler(final Function<ObjectNode, Upserted> upsert, final Supplier<JsonNode> stats, final int maxBodyBytes) {
    this.upsert = Objects.requireNonNull(upsert, "upsert");
    this.stats = Objects.requireNonNull(stats, "stats");
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public void handle(final HttpExchange exchange) {
    Exchanges.handle(exchange, this::serve);
  }

  private void serve(final HttpExchange exchange) throws IOException {
    final String path = exchange.getRequestURI().getPath();
    switch (path) {
      case CONTEXT + "/studies" -> {
        Exchanges.requireMethod(exchange, "POST");
        studies(exchange);
      }
      case CONTEXT + "/stats" -> {
        Exchanges.requireMethod(exchange, "GET");
        Exchanges.send(exchange, 200, Exchanges.JSON, MAPPER.writeValueAsBytes(stats.get()));
      }
      default -> throw SimulatedFailure.text(404, "Not found: " + path + " (simulated: POST /_admin/studies, GET /_admin/stats)");
    }
  }

  private void studies(final HttpExchange exchange) throws IOException {
    final String body = new String(Exchanges.readBody(exchange, maxBodyBytes), StandardCharsets.UTF_8);
    final JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (final JsonProcessingException e) {
      throw SimulatedFailure.badRequest("Request body is not valid JSON: " + e.getOriginalMessage());
    }
    final List<ObjectNode> studies = new ArrayList<>();
    if (root != null && root.isObject() && root.has("studies")) {
      if (!root.get("studies").isArray()) {
        throw SimulatedFailure.badRequest("\"studies\" must be an array");
      }
      root.get("studies").forEach(s -> studies.add(validated(s, studies.size())));
    } else {
      studies.add(validated(root, 0));
    }
    final ObjectNode out = MAPPER.createObjectNode();
    final ArrayNode created = out.putArray("created");
    final ArrayNode updated = out.putArray("updated");
    for (final ObjectNode s : studies) {
      final String id = StudyDocuments.nctId(s);
      (upsert.apply(s) == Upserted.CREATED ? created : updated).add(id);
    }
    Exchanges.send(exchange, updated.isEmpty() ? 201 : 200, Exchanges.JSON, MAPPER.writeValueAsBytes(out));
  }

  private static ObjectNode validated(final JsonNode node, final int index) {
    if (node == null || !node.isObject()) {
      throw SimulatedFailure.badRequest("Study #" + index + " must be a JSON object but was "
          + (node == null ? "empty" : node.getNodeType()));
    }
    try {
      StudyDocuments.nctId(node);
      StudyDocuments.lastUpdatePostDate(node);
    } catch (final IllegalArgumentException e) {
      throw SimulatedFailure.badRequest("Study #" + index + ": " + e.getMessage());
    }
    return (ObjectNode) node;
  }
}
