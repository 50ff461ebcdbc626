package io.exowatch.app.offline.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Publisher landing pages and the DOI resolver in front of them.
 *
 * <ul>
 *   <li>{@code GET /doi/{doi}}: 302 to the page of that DOI (case-insensitive), as doi.org does, or
 *       a 404 "DOI Not Found" page.</li>
 *   <li>{@code GET {path}}: the page at that path, {@code text/html}, or 404.</li>
 * </ul>
 * Pages written for the snapshot are served as they are; a DOI known only from an article record
 * gets a page rendered from that record ({@link #render}) under {@code /article/{doi}}.
 */
public final class LandingPageHandler implements HttpHandler {

  /** The context path of the resolver. */
  public static final String RESOLVER = "/doi";
  /** Where rendered pages live. */
  public static final String RENDERED = "/article/";

  private final Map<String, String> pagesByPath = new LinkedHashMap<>();
  private final Map<String, String> pathsByDoi = new LinkedHashMap<>();

  /**
   * A handler.
   *
   * @param written pages written for the snapshot: path, DOI and HTML
   * @param articles article records whose DOIs without a written page get a rendered one
   */
  public LandingPageHandler(final List<Page> written, final List<ArticleMeta> articles) {
    for (final Page p : written) {
      pagesByPath.put(p.path(), p.html());
      if (p.doi() != null) {
        pathsByDoi.put(p.doi().toLowerCase(Locale.ROOT), p.path());
      }
    }
    for (final ArticleMeta a : articles) {
      if (a.doi() != null && !pathsByDoi.containsKey(a.doi().toLowerCase(Locale.ROOT))) {
        final String path = RENDERED + a.doi();
        pagesByPath.put(path, render(a));
        pathsByDoi.put(a.doi().toLowerCase(Locale.ROOT), path);
      }
    }
  }

  /**
   * A page.
   *
   * @param path where it is served
   * @param doi the DOI it belongs to, or {@code null}
   * @param html the page
   */
  public record Page(String path, String doi, String html) {
    /** Checks the parts. */
    public Page {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(html, "html");
    }
  }

  /** The path of the page of {@code doi}. */
  public Optional<String> pathOf(final String doi) {
    return Optional.ofNullable(pathsByDoi.get(doi.toLowerCase(Locale.ROOT)));
  }

  /** Whether a page is served at {@code path}. */
  public boolean serves(final String path) {
    return pagesByPath.containsKey(path);
  }

  /** How many pages are served. */
  public int size() {
    return pagesByPath.size();
  }

  @Override
  public void handle(final HttpExchange exchange) {
    Exchanges.handle(exchange, this::serve);
  }

  private void serve(final HttpExchange exchange) throws IOException {
    Exchanges.requireMethod(exchange, "GET");
    final String path = exchange.getRequestURI().getPath();
    if (path.startsWith(RESOLVER + "/")) {
      final String doi = path.substring(RESOLVER.length() + 1);
      final Optional<String> target = pathOf(doi);
      if (target.isEmpty()) {
        Exchanges.send(exchange, 404, Exchanges.HTML, "<!DOCTYPE html><html><head><title>Error: DOI Not Found</title></head>"
            + "<body><h1>DOI Not Found</h1><p>" + Html.escape(doi) + "</p></body></html>");
        return;
      }
      final String host = Objects.requireNonNullElse(exchange.getRequestHeaders().getFirst("Host"),
          exchange.getLocalAddress().getHostString() + ":" + exchange.getLocalAddress().getPort());
      final URI location = URI.create("http://" + host).resolve(pathUri(target.get()));
      exchange.getResponseHeaders().set("Location", location.toASCIIString());
      Exchanges.send(exchange, 302, Exchanges.HTML, "<html><head><title>Handle Redirect</title></head><body><a href=\""
          + Html.escape(location.toASCIIString()) + "\">" + Html.escape(location.toASCIIString()) + "</a></body></html>");
      return;
    }
    final String html = pagesByPath.get(path);
    if (html == null) {
      throw new SimulatedFailure(404, Exchanges.HTML, "<!DOCTYPE html><html><head><title>Page not found</title></head>"
          + "<body><h1>Page not found</h1></body></html>");
    }
    Exchanges.send(exchange, 200, Exchanges.HTML, html);
  }

  private static URI pathUri(final String path) {
    try {
      return new URI(null, null, path, null);
    } catch (final URISyntaxException e) {
      throw new IllegalStateException("Page path is not a valid URI path: " + path, e);
    }
  }

  /** A landing page with the usual {@code citation_*} tags, rendered from an article record. */
  public static String render(final ArticleMeta a) {
    final StringBuilder sb = new StringBuilder(4096);
    sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(Html.escape(a.title())).append(" | ").append(Html.escape(a.journal())).append("</title>\n");
    meta(sb, "citation_title", a.title());
    meta(sb, "citation_journal_title", a.journal());
    for (final String author : a.authors()) {
      meta(sb, "citation_author", author);
    }
    if (a.published() != null) {
      meta(sb, "citation_publication_date", a.published().toString().replace('-', '/'));
    }
    meta(sb, "citation_volume", a.volume());
    meta(sb, "citation_issue", a.issue());
    meta(sb, "citation_firstpage", a.firstPage());
    meta(sb, "citation_doi", a.doi());
    meta(sb, "citation_pmid", a.pmid());
    if (!a.keywords().isEmpty()) {
      meta(sb, "citation_keywords", String.join("; ", a.keywords()));
    }
    meta(sb, "description", a.abstractText().length() > 300 ? a.abstractText().substring(0, 297) + "..." : a.abstractText());
    sb.append("</head>\n<body>\n<article>\n<h1>").append(Html.escape(a.title())).append("</h1>\n<p class=\"authors\">")
        .append(Html.escape(String.join("; ", a.authors()))).append("</p>\n<p class=\"doi\">https://doi.org/")
        .append(Html.escape(a.doi())).append("</p>\n<section class=\"abstract\"><h2>Abstract</h2><p>")
        .append(Html.escape(a.abstractText())).append("</p></section>\n</article>\n</body>\n</html>\n");
    return sb.toString();
  }

  private static void meta(final StringBuilder sb, final String name, final String content) {
    if (content != null && !content.isBlank()) {
      sb.append("<meta name=\"").append(name).append("\" content=\"").append(Html.escape(content)).append("\">\n");
    }
  }
}
