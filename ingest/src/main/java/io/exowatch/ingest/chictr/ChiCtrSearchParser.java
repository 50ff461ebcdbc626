package io.exowatch.ingest.chictr;

import io.exowatch.common.ids.TrialIds;
import io.exowatch.ingest.chictr.internal.CellText;
import io.exowatch.ingest.chictr.internal.PageChecks;
import io.exowatch.ingest.parse.ParseException;
import io.exowatch.ingest.parse.RecordFailure;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Reads a ChiCTR search results page ({@code searchproj.html}). The site renders its pager in the
 * browser, so the page itself only states the total ({@code <span id="data-total">}); the result
 * table is {@code table.table1}, one row per registration: 历史版本 (history), 注册号 (registration
 * number, blank on some older rows), 注册题目 (title, a link {@code showproj.html?proj=NNNNNN}, and
 * the institution), 研究类型 (study type), 注册时间 (registration date). Pure and thread-safe.
 */
public final class ChiCtrSearchParser {

  /** Results per page: fixed by the site. */
  public static final int RESULTS_PER_PAGE = 10;

  private static final String EXPECTED = "a ChiCTR search results page (searchproj.html)";
  private static final Pattern PROJECT = Pattern.compile("showproj\\.html\\?(?:[^\"'#]*&)?proj=(\\d+)");
  private static final Pattern COUNT = Pattern.compile("^\\d[\\d,]*$");

  /**
   * Parses one results page.
   *
   * @param html the page
   * @return its results, unreadable rows and stated total
   * @throws ChiCtrParseException not a results page: neither the total ({@code #data-total}) nor the
   *     result table ({@code table.table1}), the site's firewall or error page, not HTML, or a total
   *     that is not a number
   */
  public ChiCtrSearchPage parse(final String html) throws ChiCtrParseException {
    PageChecks.requireHtml(html, EXPECTED);
    final Document doc = Jsoup.parse(html);
    final Element totalEl = doc.getElementById("data-total");
    final Element table = doc.selectFirst("table.table1");
    if (totalEl == null && table == null) {
      throw PageChecks.notExpected(doc, html, EXPECTED, "a result count (#data-total) or result table (table.table1)");
    }
    final List<ChiCtrSearchPage.Result> results = new ArrayList<>();
    final List<RecordFailure> failures = new ArrayList<>();
    if (table != null) {
      final Set<String> seen = new LinkedHashSet<>();
      int row = 0;
      for (final Element tr : table.select("tr:has(td)")) {
        row++;
        final Optional<String> regNo = registrationNumber(tr);
        final Element link = tr.selectFirst("a[href*=showproj.html]");
        final Matcher m = link == null ? null : PROJECT.matcher(link.attr("href"));
        if (m == null || !m.find()) {
          failures.add(new RecordFailure(regNo.orElse(null), "result row " + row
              + " has no project link (showproj.html?proj=...)", ChiCtrParseException.class.getName(), tr.outerHtml()));
          continue;
        }
        if (seen.add(m.group(1))) {
          final String title = CellText.clean(link.attr("title"));
          results.add(new ChiCtrSearchPage.Result(m.group(1), regNo.orElse(null), title != null ? title : CellText.of(link)));
        }
      }
    }
    return new ChiCtrSearchPage(results, failures, total(totalEl));
  }

  private static Optional<String> registrationNumber(final Element tr) {
    for (final Element td : tr.select("td")) {
      final String text = CellText.of(td);
      final Optional<String> id = text == null ? Optional.empty() : TrialIds.normalize(text);
      if (id.isPresent() && TrialIds.CHICTR.equals(TrialIds.registryOf(id.get()))) {
        return id;
      }
    }
    return Optional.empty();
  }

  private static Integer total(final Element totalEl) throws ChiCtrParseException {
    if (totalEl == null) {
      return null;
    }
    final String text = CellText.of(totalEl);
    if (text == null || !COUNT.matcher(text).matches() || text.replace(",", "").length() > 9) {
      throw new ChiCtrParseException(ParseException.Kind.MALFORMED,
          "the result count (#data-total) is not a number: '" + text + "'");
    }
    return Integer.valueOf(text.replace(",", ""));
  }
}
