package io.exowatch.app.offline.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The simulated EU Clinical Trials Register (clinicaltrialsregister.eu) under {@code /euctr}.
 *
 * <ul>
 *   <li>{@code GET /euctr/ctr-search/search?query=...&page=n}: a results page in the register's markup,
 *       {@value #PER_PAGE} trials a page: {@code div.outcome} ("N result(s) found for: q. Displaying page
 *       X of Y."), the pager with a {@code Next} link ({@code accesskey="n"}) while pages follow, the
 *       "Trials with a EudraCT protocol (N)" tab, and one {@code table.result} per trial with its member
 *       states' protocol links. A page past the end lists no trials.</li>
 *   <li>{@code GET /euctr/ctr-search/rest/download/full?query=...&page=n&mode=current_page}: the
 *       full-text download of that page ({@code text/plain}): the preamble line, then every member-state
 *       block of the page's trials; a page past the end gives the preamble alone. Another {@code mode}
 *       gets 400.</li>
 * </ul>
 * {@code page} defaults to 1; one that is not a positive number gets 400. {@code query} is not matched:
 * every trial is a hit. The member states' protocol pages ({@code /ctr-search/trial/{number}/{state}})
 * are not served (404): every trial is in its page's download.
 */
public final class EuCtrHandler implements HttpHandler {

  /** The context path this handler is mounted on. */
  public static final String CONTEXT = "/euctr";
  /** The results page. */
  public static final String SEARCH = CONTEXT + "/ctr-search/search";
  /** The full-text download. */
  public static final String DOWNLOAD = CONTEXT + "/ctr-search/rest/download/full";
  /** Trials a results page holds, as on the register. */
  public static final int PER_PAGE = 20;
  /** The first line of every full-text download. */
  public static final String PREAMBLE = "This file contains full details on each clinical trial selected for download. "
      + "Where multi-state trials have been downloaded full information for each of the member states/countries "
      + "involved in the trial are included separately.";

  /**
   * A trial: its search result and its download blocks.
   *
   * @param eudractNumber the EudraCT number
   * @param sponsorProtocolNumber the sponsor's protocol number, or {@code null}
   * @param startDate the start date shown
   * @param sponsorName the sponsor shown
   * @param fullTitle the full title shown
   * @param medicalCondition the medical condition shown
   * @param populationAge the population age shown
   * @param gender the gender shown
   * @param protocols the member-state protocols shown, as code and status
   * @param fullText the trial's blocks of the full-text download
   */
  public record Trial(String eudractNumber, String sponsorProtocolNumber, LocalDate startDate, String sponsorName,
      String fullTitle, String medicalCondition, String populationAge, String gender, List<Protocol> protocols,
      String fullText) {
  }

  /**
   * A member state's protocol.
   *
   * @param code its code in the link ({@code DE})
   * @param status its status ({@code Ongoing})
   */
  public record Protocol(String code, String status) {
  }

  private final List<Trial> trials;

  /**
   * A handler serving {@code trials}, listed in that order.
   *
   * @throws IllegalArgumentException when two trials share a EudraCT number
   */
  public EuCtrHandler(final List<Trial> trials) {
    this.trials = List.copyOf(trials);
    final Set<String> seen = new HashSet<>();
    for (final Trial t : this.trials) {
      if (!seen.add(t.eudractNumber())) {
        throw new IllegalArgumentException("EU CTR trial " + t.eudractNumber() + " is in the snapshot twice");
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
    if (!path.equals(SEARCH) && !path.equals(DOWNLOAD)) {
      throw new SimulatedFailure(404, Exchanges.HTML, "<!DOCTYPE html>\n<html><head><title>Page Not Found</title></head>"
          + "<body><h1>Page Not Found</h1></body></html>\n");
    }
    final Map<String, List<String>> params = Exchanges.query(exchange);
    final String query = Exchanges.first(params, "query");
    final int page = Exchanges.intParam(params, "page", 1, 1, 1_000_000);
    if (path.equals(SEARCH)) {
      Exchanges.send(exchange, 200, Exchanges.HTML, resultsPage(query == null ? "" : query, page));
      return;
    }
    final String mode = Exchanges.first(params, "mode");
    if (!"current_page".equals(mode)) {
      throw SimulatedFailure.badRequest("mode=" + mode + " is not simulated; use mode=current_page");
    }
    Exchanges.send(exchange, 200, Exchanges.TEXT, download(page));
  }

  private List<Trial> page(final int page) {
    final long from = (long) (page - 1) * PER_PAGE;
    return from >= trials.size() ? List.of() : trials.subList((int) from, (int) Math.min(trials.size(), from + PER_PAGE));
  }

  /** The full-text download of results page {@code page}. */
  String download(final int page) {
    final StringBuilder sb = new StringBuilder(16_384).append(PREAMBLE).append("\n\n");
    for (final Trial t : page(page)) {
      sb.append(t.fullText().strip()).append("\n\n");
    }
    return sb.toString();
  }

  /** Results page {@code page} (from 1) in the register's markup. */
  String resultsPage(final String query, final int page) {
    final int total = trials.size();
    final int pages = (total + PER_PAGE - 1) / PER_PAGE;
    final String q = Html.escape(query);
    final StringBuilder sb = new StringBuilder(8192);
    sb.append("<!DOCTYPE html>\n<html>\n\t<head>\n")
        .append("\t\t<meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\">\n")
        .append("\t\t<link type=\"text/css\" href=\"/ctr-search/css/styles.css\" rel=\"stylesheet\"/>\n")
        .append("\t\t<title>\n                    Clinical Trials Register - Search for ").append(q).append("\n\t\t</title>\n")
        .append("\t</head>\n\t<body>\n<div id=\"headerContainer\" class=\"width100\">\n")
        .append("\t<table id=\"logoContainer\" class=\"container_12\"><tbody><tr>\n")
        .append("\t\t<td width=\"586\"><span class=\"bannerText\">EU Clinical Trials Register</span></td>\n")
        .append("\t</tr></tbody></table>\n</div>\n<div class=\"container_12\">\n")
        .append("\t<form id=\"search-form\" action=\"/ctr-search/search\" method=\"get\">\n")
        .append("\t\t<input id=\"query\" class=\"padding04 alpha omega\" name=\"query\" value=\"").append(q).append("\"/>\n")
        .append("\t</form>\n</div>\n<div id=\"content\" class=\"container_12\">\n\t<div class=\"outcome grid_12\">\n\t\t")
        .append(total).append(" result(s) found for: ").append(q).append(". &nbsp; Displaying page ").append(page)
        .append(" of ").append(pages).append(".\n\t\t<div class=\"margin-bottom\">\n");
    if (page > 1 && page <= pages + 1) {
      sb.append("\t\t\t<a href=\"").append(Html.escape(searchHref(query, page - 1)))
          .append("\" accesskey=\"p\" title=\"Previous page\">&laquo;Previous</a>&nbsp;\n");
    }
    for (int p = 1; p <= pages; p++) {
      if (p == page) {
        sb.append("\t\t\t<strong>").append(p).append("</strong>&nbsp;\n");
      } else {
        sb.append("\t\t\t<a href=\"").append(Html.escape(searchHref(query, p))).append("\">").append(p).append("</a>&nbsp;\n");
      }
    }
    if (page < pages) {
      sb.append("\t\t\t<a href=\"").append(Html.escape(searchHref(query, page + 1)))
          .append("\" accesskey=\"n\" title=\"Next page\">Next&raquo;</a>\n");
    }
    sb.append("\t\t</div>\n\t</div>\n\t<div id=\"tabs\" class=\"grid_12\">\n\t\t<ul>\n")
        .append("\t\t\t<li><a href=\"#tabs-1\">Trials with a EudraCT protocol (").append(total).append(")</a></li>\n")
        .append("\t\t</ul>\n\t\t<div id=\"tabs-1\" class=\"results grid_12\">\n");
    final List<Trial> listed = page(page);
    if (listed.isEmpty()) {
      sb.append("\t\t\t<p>No results found.</p>\n");
    }
    for (final Trial t : listed) {
      sb.append("\t\t\t<table class=\"result\">\n\t\t\t\t<tr>\n")
          .append("\t\t\t\t\t<td class=\"first\"><span class=\"label\">EudraCT Number:</span> ").append(t.eudractNumber())
          .append("</td>\n\t\t\t\t\t<td><span class=\"label\">Sponsor Protocol Number:</span> ")
          .append(Html.escape(t.sponsorProtocolNumber())).append("</td>\n")
          .append("\t\t\t\t\t<td><span class=\"label\">Start Date<a class=\"tooltip\" href=\"javascript:void(0)\" ")
          .append("title=\"The start date is the date of the Competent Authority decision\">*</a>:</span> ")
          .append(t.startDate()).append("</td>\n\t\t\t\t</tr>\n");
      row(sb, "Sponsor Name:", Html.escape(t.sponsorName()));
      row(sb, "Full Title:", " " + Html.escape(t.fullTitle()));
      row(sb, "Medical condition:", " " + Html.escape(t.medicalCondition()));
      row(sb, "Population Age:", " " + Html.escape(t.populationAge()));
      row(sb, "Gender:", " " + Html.escape(t.gender()));
      final StringBuilder links = new StringBuilder();
      for (final Protocol p : t.protocols()) {
        links.append(" <a href=\"/ctr-search/trial/").append(t.eudractNumber()).append('/').append(Html.escape(p.code()))
            .append("\">").append(Html.escape(p.code())).append("</a><span class=\"status\">(")
            .append(Html.escape(p.status())).append(")</span>");
      }
      row(sb, "Trial protocol:", links.toString());
      row(sb, "Trial results:", " (No results available)");
      sb.append("\t\t\t</table>\n");
    }
    sb.append("\t\t</div>\n\t</div>\n</div>\n<div id=\"footerContainer\" class=\"width100\">\n")
        .append("\tEU Clinical Trials Register Service Desk: <a href=\"mailto:euctr@ema.europa.eu\">euctr@ema.europa.eu</a>\n")
        .append("</div>\n\t</body>\n</html>\n");
    return sb.toString();
  }

  private static void row(final StringBuilder sb, final String label, final String html) {
    sb.append("\t\t\t\t<tr><td colspan=\"3\"><span class=\"label\">").append(label).append("</span>").append(html)
        .append("</td></tr>\n");
  }

  private static String searchHref(final String query, final int page) {
    return "/ctr-search/search?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8).replace("+", "%20")
        + "&page=" + page;
  }
}
