package io.exowatch.sink.internal.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exowatch.schemas.avro.Category;
import io.exowatch.schemas.avro.StudyKind;
import io.exowatch.sink.internal.SinkMetrics;
import io.exowatch.sink.internal.events.EventPosition;
import io.exowatch.sink.internal.events.EventRelay;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import jakarta.servlet.ServletOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink's HTTP server (Javalin on Jetty 12): the JSON search API, the SSE stream, health,
 * metrics and the page. Every answer carries a strict Content-Security-Policy (scripts, styles
 * and connections from this origin only, no inline code, no framing) and {@code nosniff}. Errors
 * are JSON {@code {"status": n, "error": "..."}}.
 */
public final class HttpApi implements AutoCloseable {

  /** The Content-Security-Policy of every answer. */
  public static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
  private static final Set<String> DEFAULT_EVENT_CATEGORIES =
      Set.of(Category.MSC_EV_THERAPY.name(), Category.MSC_SECRETOME_THERAPY.name());
  private static final Map<String, String[]> ASSETS = Map.of(
      "/", new String[] {"index.html", "text/html; charset=utf-8"},
      "/app.js", new String[] {"app.js", "text/javascript; charset=utf-8"},
      "/app.css", new String[] {"app.css", "text/css; charset=utf-8"},
      "/favicon.svg", new String[] {"favicon.svg", "image/svg+xml"});

  private final Javalin app;
  private final SearchService search;
  private final EventRelay relay;
  private final SinkMetrics metrics;
  private final ObjectMapper json;
  private final Map<String, BooleanSupplier> checks;

  /**
   * A server (not yet started).
   *
   * @param checks readiness checks by component name, all must pass for {@code /health} to say UP
   */
  public HttpApi(final SearchService search, final EventRelay relay, final SinkMetrics metrics, final ObjectMapper json,
      final Map<String, BooleanSupplier> checks) {
    this.search = search;
    this.relay = relay;
    this.metrics = metrics;
    this.json = json;
    this.checks = new LinkedHashMap<>(checks);
    final Map<String, byte[]> assets = new LinkedHashMap<>();
    ASSETS.forEach((path, spec) -> assets.put(path, resource(spec[0])));
    this.app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.startup.showOldJavalinVersionWarning = false;
      config.http.maxRequestSize = 64 * 1024;
      config.routes.before(ctx -> {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        ctx.attribute("exowatch.start", System.nanoTime());
      });
      ASSETS.forEach((path, spec) -> config.routes.get(path, ctx -> {
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType(spec[1]).result(assets.get(path));
      }));
      config.routes.get("/api/trials", timed("/api/trials", this::trials));
      config.routes.get("/api/charts/trials", timed("/api/charts/trials", this::charts));
      config.routes.get("/api/trials/{id}", timed("/api/trials/{id}", this::trial));
      config.routes.get("/api/articles", timed("/api/articles", this::articles));
      config.routes.get("/api/articles/<id>", timed("/api/articles/{id}", this::article));
      config.routes.get("/api/events", this::events);
      config.routes.get("/health", timed("/health", this::health));
      config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.render()));
      config.routes.exception(BadRequestException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
      config.routes.exception(IOException.class, (e, ctx) -> {
        LOG.warn("Search store request failed: {}", e.getMessage());
        error(ctx, 502, "The search store did not answer: " + e.getMessage());
      });
      config.routes.exception(Exception.class, (e, ctx) -> {
        LOG.error("Unexpected error answering {} {}", ctx.method(), ctx.path(), e);
        error(ctx, 500, "Internal error");
      });
      config.routes.error(404, ctx -> {
        if (!ctx.path().startsWith("/api/") || ctx.result() == null || !ctx.result().startsWith("{")) {
          error(ctx, 404, "No such resource: " + ctx.path());
        }
      });
      config.routes.error(405, ctx -> error(ctx, 405, "Method not allowed: " + ctx.method() + " " + ctx.path()));
    });
  }

  /** Starts listening on {@code host}:{@code port} (0 picks a free port); returns the bound port. */
  public int start(final String host, final int port) {
    app.start(host, port);
    return app.port();
  }

  /** The bound port. */
  public int port() {
    return app.port();
  }

  private void trials(final Context ctx) throws IOException {
    send(ctx, 200, search.searchTrials(TrialQuery.parse(ctx.queryParamMap())));
  }

  private void charts(final Context ctx) throws IOException {
    send(ctx, 200, search.trialCharts(TrialQuery.parse(ctx.queryParamMap())));
  }

  private void trial(final Context ctx) throws IOException {
    final String id = ctx.pathParam("id");
    if (!ApiParams.TRIAL_ID.matcher(id).matches()) {
      throw new BadRequestException("Malformed trial id '" + clip(id) + "': expected a registry id such as NCT03608631");
    }
    ApiParams.of(ctx.queryParamMap(), Set.of());
    final Optional<ObjectNode> doc = search.trial(id);
    if (doc.isEmpty()) {
      error(ctx, 404, "No trial with id " + id);
      return;
    }
    send(ctx, 200, doc.get());
  }

  private void articles(final Context ctx) throws IOException {
    final ApiParams p = ApiParams.of(ctx.queryParamMap(), Set.of("q", "category", "kind", "trial", "from", "size"));
    final Map<String, List<String>> filters = new LinkedHashMap<>();
    final List<String> category = p.labels("category", TrialQuery.names(Category.values()));
    final List<String> kind = p.labels("kind", TrialQuery.names(StudyKind.values()));
    final List<String> trial = p.trialIds("trial");
    if (!category.isEmpty()) {
      filters.put("category", category);
    }
    if (!kind.isEmpty()) {
      filters.put("studyKind", kind);
    }
    if (!trial.isEmpty()) {
      filters.put("linkedTrialIds", trial);
    }
    final int[] page = p.page();
    send(ctx, 200, search.searchArticles(p.text("q"), filters, page[0], page[1]));
  }

  private void article(final Context ctx) throws IOException {
    final String id = ctx.pathParam("id");
    if (!ApiParams.ARTICLE_ID.matcher(id).matches()) {
      throw new BadRequestException("Malformed article id '" + clip(id) + "': expected doi:10.NNNN/... or pmid:NNN");
    }
    ApiParams.of(ctx.queryParamMap(), Set.of());
    final Optional<ObjectNode> doc = search.article(id);
    if (doc.isEmpty()) {
      error(ctx, 404, "No article with id " + id);
      return;
    }
    send(ctx, 200, doc.get());
  }

  private void events(final Context ctx) throws Exception {
    final long start = System.nanoTime();
    final ApiParams p = ApiParams.of(ctx.queryParamMap(), Set.of("category"));
    final Set<String> categories = new LinkedHashSet<>();
    final List<String> asked = p.labels("category", withAll(TrialQuery.names(Category.values())));
    if (asked.contains("ALL")) {
      categories.addAll(TrialQuery.names(Category.values()));
    } else {
      categories.addAll(asked.isEmpty() ? DEFAULT_EVENT_CATEGORIES : asked);
    }
    final String lastEventId = ctx.header("Last-Event-ID");
    EventPosition resume = null;
    if (lastEventId != null && !lastEventId.isBlank()) {
      try {
        resume = EventPosition.parse(lastEventId.strip());
      } catch (final IllegalArgumentException e) {
        throw new BadRequestException("Last-Event-ID: " + e.getMessage());
      }
    }
    try {
      relay.acquire();
    } catch (final EventRelay.FullException e) {
      metrics.httpRequest("/api/events", 503, System.nanoTime() - start);
      error(ctx, 503, e.getMessage());
      return;
    }
    // From here the slot is released by stream(), whatever happens in it.
    final ServletOutputStream out;
    try {
      ctx.res().setStatus(200);
      ctx.res().setContentType("text/event-stream;charset=utf-8");
      ctx.res().setHeader("Cache-Control", "no-cache, no-transform");
      ctx.res().setHeader("X-Accel-Buffering", "no");
      out = ctx.res().getOutputStream();
    } catch (final IOException | RuntimeException e) {
      relay.release();
      throw e;
    }
    metrics.httpRequest("/api/events", 200, System.nanoTime() - start);
    relay.stream(out, categories, resume);
  }

  private void health(final Context ctx) throws IOException {
    final ObjectNode body = json.createObjectNode();
    boolean up = true;
    final ObjectNode components = body.putObject("components");
    for (final Map.Entry<String, BooleanSupplier> c : checks.entrySet()) {
      boolean ok;
      try {
        ok = c.getValue().getAsBoolean();
      } catch (final RuntimeException e) {
        ok = false;
      }
      components.put(c.getKey(), ok ? "UP" : "DOWN");
      up &= ok;
    }
    body.put("status", up ? "UP" : "DOWN");
    send(ctx, up ? 200 : 503, body);
  }

  private Handler timed(final String route, final Handler handler) {
    return ctx -> {
      final long start = System.nanoTime();
      try {
        handler.handle(ctx);
      } finally {
        // Exceptions are mapped to their status after this; count them by what they will become.
        metrics.httpRequest(route, ctx.status().getCode(), System.nanoTime() - start);
      }
    };
  }

  private void send(final Context ctx, final int status, final Object body) throws IOException {
    ctx.status(status).contentType("application/json; charset=utf-8").result(json.writeValueAsBytes(body));
  }

  private void error(final Context ctx, final int status, final String message) {
    final ObjectNode body = json.createObjectNode();
    body.put("status", status);
    body.put("error", message);
    try {
      send(ctx, status, body);
    } catch (final IOException e) {
      ctx.status(status).result(message);
    }
  }

  private static Set<String> withAll(final Set<String> values) {
    final Set<String> s = new LinkedHashSet<>(values);
    s.add("ALL");
    return s;
  }

  private static String clip(final String s) {
    return s.length() <= 60 ? s : s.substring(0, 60) + "...";
  }

  private static byte[] resource(final String name) {
    try (InputStream in = HttpApi.class.getResourceAsStream("/io/exowatch/sink/web/" + name)) {
      if (in == null) {
        throw new IllegalStateException("Web asset missing from the jar: " + name);
      }
      return in.readAllBytes();
    } catch (final IOException e) {
      throw new IllegalStateException("Cannot read web asset " + name + ": " + e.getMessage(), e);
    }
  }

  /** Stops the server; open event streams are ended by closing the relay first. */
  @Override
  public void close() {
    relay.close();
    app.stop();
  }
}
