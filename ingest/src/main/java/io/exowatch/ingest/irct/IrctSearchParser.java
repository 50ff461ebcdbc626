package io.exowatch.ingest.irct;

import io.exowatch.ingest.parse.ParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * Reads an IRCT search results page ({@code /search/result?query=...&page=n}, HTML): the result
 * links {@code <div class="result-title"><a href="/trial/{n}">}, the count in
 * {@code <div class="result-count">...<strong>N</strong>} and the page links of
 * {@code <ul class="pagination">}. Pure, Jsoup only.
 *
 * <p>A page with neither a result count nor result titles is not a results page (an error page,
 * a login or maintenance page, or a changed layout) and fails with the page's title in the reason.
 */
public final class IrctSearchParser {

  private static final Pattern TRIAL_HREF = Pattern.compile("(?:^|/)trial/(\\d{1,12})/?(?:[?#].*)?$");
  private static final Pattern NUMBER = Pattern.compile("\\d[\\d,]*");
  private static final Pattern PAGE_PARAM = Pattern.compile("[?&]page=(\\d{1,6})");

  private IrctSearchParser() {
  }

  /**
   * Parses one results page.
   *
   * @param html the page
   * @return the trials it links to, its count and its last page
   * @throws IrctParseException {@code MALFORMED} for an empty body, {@code UNEXPECTED_CONTENT} when
   *     the page has none of the results markers
   */
  public static IrctSearchPage parse(final String html) throws IrctParseException {
    if (html == null || html.isBlank()) {
      throw new IrctParseException(ParseException.Kind.MALFORMED, "empty body where an IRCT search page was expected");
    }
    final Document doc = Jsoup.parse(html);
    final Elements titles = doc.select(".result-title a[href]");
    final Element count = doc.selectFirst(".result-count");
    if (titles.isEmpty() && count == null) {
      final String title = doc.title().strip();
      throw new IrctParseException(ParseException.Kind.UNEXPECTED_CONTENT, "not an IRCT search results page"
          + (title.isEmpty() ? "" : " (titled '" + title + "')")
          + ": no div.result-count and no div.result-title links");
    }
    final Set<Long> numbers = new LinkedHashSet<>();
    for (final Element a : titles) {
      final Matcher m = TRIAL_HREF.matcher(a.attr("href").strip());
      if (m.find()) {
        numbers.add(Long.parseLong(m.group(1)));
      }
    }
    return new IrctSearchPage(List.copyOf(numbers), total(count), lastPage(doc));
  }

  /** The last number in the count block ("Showing 1 to 20 of <strong>57</strong>"). */
  private static OptionalInt total(final Element count) {
    if (count == null) {
      return OptionalInt.empty();
    }
    final Elements strong = count.select("strong");
    final String text = strong.isEmpty() ? count.text() : strong.last().text();
    Integer last = null;
    final Matcher m = NUMBER.matcher(text);
    while (m.find()) {
      final String digits = m.group().replace(",", "");
      if (digits.length() <= 9) {
        last = Integer.valueOf(digits);
      }
    }
    return last == null ? OptionalInt.empty() : OptionalInt.of(last);
  }

  private static OptionalInt lastPage(final Document doc) {
    int max = 0;
    // Links to other pages, and the current page, which is a plain item.
    for (final Element item : doc.select("ul.pagination li")) {
      final Element a = item.selectFirst("a[href]");
      final Matcher m = PAGE_PARAM.matcher(a == null ? "" : a.attr("href"));
      if (m.find()) {
        max = Math.max(max, Integer.parseInt(m.group(1)));
      }
      final String text = item.text().strip();
      if (text.matches("\\d{1,6}")) {
        max = Math.max(max, Integer.parseInt(text));
      }
    }
    return max > 0 ? OptionalInt.of(max) : OptionalInt.empty();
  }
}
