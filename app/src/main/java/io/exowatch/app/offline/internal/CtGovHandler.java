package io.exowatch.app.offline.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The simulated ClinicalTrials.gov API v2 under {@code /api/v2}.
 *
 * <ul>
 *   <li>{@code GET /api/v2/studies}: {@code {"totalCount": n, "studies": [...], "nextPageToken": "..."}};
 *       {@code pageSize} default 10, {@code 0} means the default, values above 1000 are coerced to
 *       1000, negative or non-numeric ones get 400; {@code totalCount} only with
 *       {@code countTotal=true} on the first page; {@code nextPageToken} only when more studies
 *       follow; {@code fields} is ignored; {@code format=csv} gets 400. What is selected and in which
 *       order: {@link CtGovQuery}.</li>
 *   <li>{@code GET /api/v2/studies/{nctId}}: the study, or 404; a malformed id gets 400.</li>
 * </ul>
 * Errors are {@code text/plain}, as on the real API. Pages are streamed, studies written one by one.
 */
public final class CtGovHandler implements HttpHandler {

  /** The context path this handler is mounted on. */
  public static final String CONTEXT = "/api/v2";
  /** The largest page the API serves. */
  public static final int MAX_PAGE_SIZE = 1000;
  /** The page size when none is given. */
  public static final int DEFAULT_PAGE_SIZE = 10;

  private static final byte[] COMMA = {','};

  private final StudyStore store;

  /** A handler serving {@code store}. */
  public CtGovHandler(final StudyStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public void handle(final HttpExchange exchange) {
    Exchanges.handle(exchange, this::serve);
  }

  private void serve(final HttpExchange exchange) throws IOException {
    Exchanges.requireMethod(exchange, "GET");
    final String path = exchange.getRequestURI().getPath().substring(CONTEXT.length());
    if (path.equals("/studies") || path.equals("/studies/")) {
      list(exchange);
    } else if (path.startsWith("/studies/") && path.indexOf('/', "/studies/".length()) < 0) {
      one(exchange, path.substring("/studies/".length()));
    } else {
      throw SimulatedFailure.text(404, "Not found: " + exchange.getRequestURI().getPath());
    }
  }

  private void one(final HttpExchange exchange, final String rawId) throws IOException {
    final String nctId = rawId.trim().toUpperCase(Locale.ROOT);
    if (!StudyDocuments.NCT_ID.matcher(nctId).matches()) {
      throw SimulatedFailure.badRequest("Invalid NCT number '" + rawId + "'");
    }
    final StoredStudy study = store.get(nctId)
        .orElseThrow(() -> SimulatedFailure.text(404, "Study " + nctId + " not found"));
    final ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    study.writeTo(out);
    Exchanges.send(exchange, 200, Exchanges.JSON, out.toByteArray());
  }

  private void list(final HttpExchange exchange) throws IOException {
    final Map<String, List<String>> params = Exchanges.query(exchange);
    final String format = Exchanges.first(params, "format");
    if (format != null && !format.equalsIgnoreCase("json")) {
      throw SimulatedFailure.badRequest("format=" + format + " is not simulated; use format=json");
    }
    final int requested = Exchanges.intParam(params, "pageSize", DEFAULT_PAGE_SIZE, 0, Integer.MAX_VALUE);
    final int pageSize = requested == 0 ? DEFAULT_PAGE_SIZE : Math.min(requested, MAX_PAGE_SIZE);
    final CtGovQuery query = CtGovQuery.from(params);
    final String rawToken = Exchanges.first(params, "pageToken");
    final CtGovPageToken token = rawToken == null || rawToken.isBlank() ? null : CtGovPageToken.decode(rawToken, query);
    final boolean countTotal = token == null && "true".equalsIgnoreCase(Exchanges.first(params, "countTotal"));
    final long total = countTotal ? store.count(query) : -1;
    final StudyStore.Page page = store.page(query, query.order(), token == null ? null : token.key(), pageSize);

    try (OutputStream out = new BufferedOutputStream(Exchanges.startStreaming(exchange, Exchanges.JSON), 64 * 1024)) {
      out.write(countTotal ? ("{\"totalCount\":" + total + ",\"studies\":[").getBytes(StandardCharsets.UTF_8)
          : "{\"studies\":[".getBytes(StandardCharsets.UTF_8));
      boolean first = true;
      for (final StoredStudy s : page.studies()) {
        if (!first) {
          out.write(COMMA);
        }
        s.writeTo(out);
        first = false;
      }
      out.write(']');
      if (page.hasMore()) {
        final StoredStudy last = page.studies().get(page.studies().size() - 1);
        out.write((",\"nextPageToken\":\"" + CtGovPageToken.after(query, last).encode() + "\"")
            .getBytes(StandardCharsets.UTF_8));
      }
      out.write('}');
    }
  }
}
