package io.exowatch.app.offline.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulated Iranian Registry of Clinical Trials (irct.behdasht.gov.ir) under {@code /irct}.
 *
 * <ul>
 *   <li>{@code GET /irct/search/result?query=...&filters={"perPage":"100",...}&page=n}: a results page in
 *       the site's layout: {@code div.result-count} ("Showing a to b of N results"), one
 *       {@code div.result-title} link to {@code /trial/{n}} per trial, and {@code ul.pagination} with a
 *       link per page. {@code perPage} of the {@code filters} JSON sets the page size, 1 to
 *       {@value #MAX_PER_PAGE}, default {@value #DEFAULT_PER_PAGE}; {@code page} defaults to 1; a page
 *       past the end lists no trials (the count stays). A {@code filters} value that is not JSON, or a
 *       bad {@code perPage} or {@code page}, gets 400. {@code query} is not matched: every trial is a
 *       hit.</li>
 *   <li>{@code GET /irct/trial/{n}/xml}: the trial's XML ({@code text/xml}), or 404.</li>
 *   <li>{@code GET /irct/trial/{n}}: a short public page of the trial (its id, title, status and a link
 *       to the XML), the records' {@code sourceUrl}, or 404.</li>
 * </ul>
 */
public final class IrctHandler implements HttpHandler {

  /** The context path this handler is mounted on. */
  public static final String CONTEXT = "/irct";
  /** The results page. */
  public static final String SEARCH = CONTEXT + "/search/result";
  /** The largest page the site offers. */
  public static final int MAX_PER_PAGE = 100;
  /** The page size when the filters name none. */
  public static final int DEFAULT_PER_PAGE = 20;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern TRIAL_XML = Pattern.compile(Pattern.quote(CONTEXT) + "/trial/(\\d{1,12})/xml/?");
  private static final Pattern TRIAL_PAGE = Pattern.compile(Pattern.quote(CONTEXT) + "/trial/(\\d{1,12})/?");

  /**
   * A trial: its search result and its XML.
   *
   * @param number the site's trial number
   * @param registrationId the IRCT id shown in the result
   * @param title the title shown
   * @param status the status shown
   * @param xml the {@code <trials>} document
   */
  public record Trial(long number, String registrationId, String title, String status, String xml) {
  }

  private final List<Trial> trials;
  private final Map<Long, Trial> byNumber = new LinkedHashMap<>();

  /**
   * A handler serving {@code trials}, listed in that order.
   *
   * @throws IllegalArgumentException when two trials share a number
   */
  public IrctHandler(final List<Trial> trials) {
    this.trials = List.copyOf(trials);
    for (final Trial t : this.trials) {
      if (byNumber.put(t.number(), t) != null) {
        throw new IllegalArgumentException("IRCT trial " + t.number() + " is in the snapshot twice");
      }
    }
  }

  /** How many trials are served. */
  public int size() {
    return trials.size();
  }

  @Override
  public void handle(final HttpExchange exchange) {
    Exchanges.handle(exchange, this::serve);
  }

  private void serve(final HttpExchange exchange) throws IOException {
    Exchanges.requireMethod(exchange, "GET");
    final String path = exchange.getRequestURI().getPath();
    if (path.equals(SEARCH) || path.equals(SEARCH + "/")) {
      final Map<String, List<String>> params = Exchanges.query(exchange);
      final int perPage = perPage(Exchanges.first(params, "filters"));
      final int page = Exchanges.intParam(params, "page", 1, 1, 1_000_000);
      Exchanges.send(exchange, 200, Exchanges.HTML, resultsPage(Exchanges.first(params, "query"),
          Exchanges.first(params, "filters"), page, perPage));
      return;
    }
    final Matcher m = TRIAL_XML.matcher(path);
    if (m.matches()) {
      final Trial t = byNumber.get(Long.parseLong(m.group(1)));
      if (t == null) {
        throw new SimulatedFailure(404, Exchanges.HTML, notFoundPage());
      }
      Exchanges.send(exchange, 200, Exchanges.XML, t.xml());
      return;
    }
    final Matcher page = TRIAL_PAGE.matcher(path);
    if (page.matches() && byNumber.containsKey(Long.parseLong(page.group(1)))) {
      Exchanges.send(exchange, 200, Exchanges.HTML, trialPage(byNumber.get(Long.parseLong(page.group(1)))));
      return;
    }
    throw new SimulatedFailure(404, Exchanges.HTML, notFoundPage());
  }

  /** The page size the {@code filters} JSON asks for. */
  private static int perPage(final String filters) {
    if (filters == null || filters.isBlank()) {
      return DEFAULT_PER_PAGE;
    }
    final JsonNode json;
    try {
      json = MAPPER.readTree(filters);
    } catch (final JsonProcessingException e) {
      throw SimulatedFailure.badRequest("The filters parameter is not JSON: " + e.getOriginalMessage());
    }
    final JsonNode value = json.path("perPage");
    if (value.isMissingNode() || value.isNull() || value.asText().isBlank()) {
      return DEFAULT_PER_PAGE;
    }
    final int n;
    try {
      n = Integer.parseInt(value.asText().strip());
    } catch (final NumberFormatException e) {
      throw SimulatedFailure.badRequest("filters.perPage '" + value.asText() + "' is not an integer");
    }
    if (n < 1 || n > MAX_PER_PAGE) {
      throw SimulatedFailure.badRequest("filters.perPage " + n + " is out of range [1, " + MAX_PER_PAGE + "]");
    }
    return n;
  }

  /** Results page {@code page} (from 1) of {@code perPage} trials in the site's layout. */
  String resultsPage(final String query, final String filters, final int page, final int perPage) {
    final int total = trials.size();
    final int last = Math.max(1, (total + perPage - 1) / perPage);
    final long from = (long) (page - 1) * perPage;
    final long to = Math.min(total, from + perPage);
    final StringBuilder sb = new StringBuilder(4096);
    sb.append("<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\">\n<head>\n  <meta charset=\"utf-8\">\n")
        .append("  <title>Search results - IRCT</title>\n</head>\n<body>\n")
        .append("  <header class=\"site-header\"><a href=\"/\">IRCT</a> <a href=\"/trial/new\">Register a trial</a></header>\n")
        .append("  <main class=\"container\">\n")
        .append("    <form class=\"search-form\" action=\"/search/result\" method=\"get\"><input name=\"query\" value=\"")
        .append(Html.escape(query)).append("\"></form>\n    <div class=\"search-results\">\n");
    if (from < to) {
      sb.append("      <div class=\"result-count\">Showing <strong>").append(from + 1).append("</strong> to <strong>")
          .append(to).append("</strong> of <strong>").append(total).append("</strong> results</div>\n");
      for (long i = from; i < to; i++) {
        final Trial t = trials.get((int) i);
        sb.append("      <div class=\"result-item\">\n        <div class=\"result-title\"><a href=\"/trial/")
            .append(t.number()).append("\">").append(Html.escape(t.title())).append("</a></div>\n")
            .append("        <div class=\"result-meta\">\n          <span class=\"irct-id\">")
            .append(Html.escape(t.registrationId())).append("</span>\n          <span class=\"status\">")
            .append(Html.escape(t.status())).append("</span>\n        </div>\n      </div>\n");
      }
    } else {
      sb.append("      <div class=\"result-count\">Showing <strong>0</strong> of <strong>").append(total)
          .append("</strong> results</div>\n      <div class=\"no-result\">No trial matched your search.</div>\n");
    }
    sb.append("      <nav><ul class=\"pagination\">");
    for (int p = 1; p <= last; p++) {
      if (p == page) {
        sb.append("<li class=\"page-item active\"><span class=\"page-link\">").append(p).append("</span></li>");
      } else {
        sb.append("<li class=\"page-item\"><a class=\"page-link\" href=\"").append(Html.escape(pageHref(query, filters, p)))
            .append("\">").append(p).append("</a></li>");
      }
    }
    if (page < last) {
      sb.append("<li class=\"page-item\"><a class=\"page-link\" href=\"").append(Html.escape(pageHref(query, filters, page + 1)))
          .append("\" rel=\"next\">&raquo;</a></li>");
    }
    sb.append("</ul></nav>\n    </div>\n  </main>\n  <footer><a href=\"/page/help\">Help</a></footer>\n</body>\n</html>\n");
    return sb.toString();
  }

  private static String trialPage(final Trial t) {
    return "<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\">\n<head>\n  <meta charset=\"utf-8\">\n  <title>"
        + Html.escape(t.title()) + " - IRCT</title>\n</head>\n<body>\n  <main class=\"container\">\n    <h1>"
        + Html.escape(t.title()) + "</h1>\n    <p class=\"irct-id\">" + Html.escape(t.registrationId()) + "</p>\n"
        + "    <p class=\"status\">" + Html.escape(t.status()) + "</p>\n    <p><a href=\"" + t.number()
        + "/xml\">XML</a></p>\n  </main>\n</body>\n</html>\n";
  }

  private static String pageHref(final String query, final String filters, final int page) {
    return "/search/result?query=" + encode(query) + "&filters=" + encode(filters) + "&page=" + page;
  }

  private static String encode(final String s) {
    return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String notFoundPage() {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Page not found - IRCT</title></head>"
        + "<body><h1>Page not found</h1></body></html>\n";
  }
}
