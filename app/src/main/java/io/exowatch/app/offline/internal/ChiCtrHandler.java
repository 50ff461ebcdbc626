package io.exowatch.app.offline.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The simulated Chinese Clinical Trial Registry (chictr.org.cn) under {@code /chictr}.
 *
 * <ul>
 *   <li>{@code GET /chictr/searchproj.html?title=...&page=n}: a results page in the site's markup: the
 *       total in {@code <span id="data-total">}, then {@code table.table1} with {@value #PER_PAGE} rows a
 *       page (历史版本, 注册号, the title linking {@code showproj.html?proj=NNNNNN} with the institution,
 *       研究类型, 注册时间); the pager is left empty, as the site renders it in the browser. {@code page}
 *       defaults to 1; a page past the end lists no rows (the total stays); one that is not a positive
 *       number gets 400. {@code title} and the other form fields are not matched: every project is a
 *       hit.</li>
 *   <li>{@code GET /chictr/showproj.html?proj=NNNNNN}: the project page, or a 404 page.</li>
 * </ul>
 */
public final class ChiCtrHandler implements HttpHandler {

  /** The context path this handler is mounted on. */
  public static final String CONTEXT = "/chictr";
  /** The results page. */
  public static final String SEARCH = CONTEXT + "/searchproj.html";
  /** The project page. */
  public static final String PROJECT = CONTEXT + "/showproj.html";
  /** Rows a results page holds, as on the site. */
  public static final int PER_PAGE = 10;

  private static final DateTimeFormatter LISTED = DateTimeFormatter.ofPattern("yyyy/MM/dd", Locale.ROOT);

  /**
   * A project: its row of the results and its page.
   *
   * @param projectId the {@code proj=} number
   * @param registrationNumber the registration number shown in the row
   * @param title the title shown in the row
   * @param institution the institution shown under the title
   * @param studyType the study type shown in the row
   * @param registered the registration date shown in the row
   * @param html the project page
   */
  public record Project(String projectId, String registrationNumber, String title, String institution,
      String studyType, LocalDate registered, String html) {
  }

  private final List<Project> projects;
  private final Map<String, Project> byId = new LinkedHashMap<>();

  /**
   * A handler serving {@code projects}, listed in that order.
   *
   * @throws IllegalArgumentException when two projects share a project id
   */
  public ChiCtrHandler(final List<Project> projects) {
    this.projects = List.copyOf(projects);
    for (final Project p : this.projects) {
      if (byId.put(p.projectId(), p) != null) {
        throw new IllegalArgumentException("ChiCTR project " + p.projectId() + " is in the snapshot twice");
      }
    }
  }

  /** How many projects are served. */
  public int size() {
    return projects.size();
  }

  @Override
  public void handle(final HttpExchange exchange) {
    Exchanges.handle(exchange, this::serve);
  }

  private void serve(final HttpExchange exchange) throws IOException {
    Exchanges.requireMethod(exchange, "GET");
    final String path = exchange.getRequestURI().getPath();
    final Map<String, List<String>> params = Exchanges.query(exchange);
    if (path.equals(SEARCH)) {
      final int page = Exchanges.intParam(params, "page", 1, 1, Integer.MAX_VALUE);
      Exchanges.send(exchange, 200, Exchanges.HTML, resultsPage(page));
    } else if (path.equals(PROJECT)) {
      final String id = Objects.requireNonNullElse(Exchanges.first(params, "proj"), "").strip();
      final Project p = byId.get(id);
      if (p == null) {
        throw new SimulatedFailure(404, Exchanges.HTML, notFoundPage());
      }
      Exchanges.send(exchange, 200, Exchanges.HTML, p.html());
    } else {
      throw new SimulatedFailure(404, Exchanges.HTML, notFoundPage());
    }
  }

  /** Results page {@code page} (from 1) in the site's markup. */
  String resultsPage(final int page) {
    final StringBuilder sb = new StringBuilder(4096);
    sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n  <head>\n    <meta charset=\"UTF-8\" />\n")
        .append("    <title>中国临床试验注册中心 - 世界卫生组织国际临床试验注册平台一级注册机构</title>\n")
        .append("    <link rel=\"stylesheet\" href=\"./css/index.css\" />\n  </head>\n  <body>\n")
        .append("    <div class=\"pc-wrap\">\n      <div class=\"pc-box\">\n        <div class=\"retrieve-box p10\">\n")
        .append("          <div class=\"retr-line\">\n            共检索到\n            <span id=\"data-total\">")
        .append(projects.size()).append("</span>\n            个符合检索条件的试验。\n          </div>\n")
        .append("          <table class=\"table1\" cellspacing=\"1\" cellpadding=\"0\" border=\"0\">\n")
        .append("            <t-head>\n              <tr>\n")
        .append("                <th style=\"width: 100px\">历史版本</th>\n")
        .append("                <th style=\"width: 150px\">注册号</th>\n")
        .append("                <th style=\"width: 454px\">注册题目</th>\n")
        .append("                <th style=\"width: 90px\">研究类型</th>\n")
        .append("                <th style=\"width: 80px\">注册时间</th>\n")
        .append("              </tr>\n            </t-head>\n");
    final long from = (long) (page - 1) * PER_PAGE;
    for (long i = from; i < Math.min(projects.size(), from + PER_PAGE); i++) {
      final Project p = projects.get((int) i);
      final String title = Html.escape(p.title());
      sb.append("            <tr>\n              <td>\n                <a href=\"historyversionpub.html?regno=")
          .append(Html.escape(p.registrationNumber())).append("\">\n                  历史版本\n                </a>\n")
          .append("              </td>\n              <td>").append(Html.escape(p.registrationNumber())).append("</td>\n")
          .append("              <td>\n                <a\n                  href=\"showproj.html?proj=")
          .append(p.projectId()).append("\"\n                  class=\"tit1 wto\"\n                  title=\"")
          .append(title).append("\"\n                >\n                  ").append(title).append("\n                </a>\n")
          .append("                <p>").append(Html.escape(p.institution())).append("</p>\n              </td>\n")
          .append("              <td>").append(Html.escape(p.studyType())).append("</td>\n")
          .append("              <td>").append(LISTED.format(p.registered())).append("</td>\n            </tr>\n");
    }
    sb.append("          </table>\n          <div id=\"pagination\" class=\"pagination\"></div>\n")
        .append("        </div>\n      </div>\n    </div>\n")
        .append("    <script src=\"./js/searchproj.js\"></script>\n  </body>\n</html>\n");
    return sb.toString();
  }

  private static String notFoundPage() {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"UTF-8\" /><title>404</title></head>"
        + "<body><p>页面不存在 / Page not found</p></body></html>\n";
  }
}
