package io.exowatch.ingest.euctr;

import io.exowatch.common.ids.TrialIds;
import io.exowatch.ingest.euctr.internal.ProtocolBuilder;
import io.exowatch.ingest.parse.ParseException;
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
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Reads an EU CTR search results page ({@code /ctr-search/search?query=...&page=n}). What it relies on:
 * the results count ({@code div.outcome}: {@code N result(s) found for: ... Displaying page X of Y.}) and
 * the tab title {@code Trials with a EudraCT protocol (N)}; one {@code table.result} per trial, whose
 * {@code span.label} {@code EudraCT Number:} is followed by the number and whose {@code Trial protocol:}
 * row links each member state's protocol ({@code /ctr-search/trial/2005-002909-23/PT}); and the
 * {@code Next} link ({@code a[accesskey=n]}). Pure and thread-safe.
 */
public final class EuCtrSearchPageParser {

  private static final Pattern TOTAL = Pattern.compile("Trials with a EudraCT protocol\\s*\\(([\\d,.]{1,11})\\)");
  private static final Pattern FOUND = Pattern.compile("([\\d,.]{1,11})\\s+result\\(s\\) found");
  private static final Pattern DISPLAYING = Pattern.compile("Displaying page\\s+(\\d{1,9})\\s+of\\s+(\\d{1,9})");

  /**
   * Reads a search results page.
   *
   * @param html the page
   * @return the trials listed and whether another page follows
   * @throws EuCtrParseException {@code MALFORMED} for an empty body; {@code UNEXPECTED_CONTENT} when the page has
   *     none of the results count, the {@code Trials with a EudraCT protocol} tab and a {@code table.result}
   *     (an error page, a changed layout)
   */
  public EuCtrSearchPage parse(final String html) throws EuCtrParseException {
    if (html == null || html.isBlank()) {
      throw new EuCtrParseException(ParseException.Kind.MALFORMED,
          "empty body where an EU CTR search results page was expected");
    }
    final Document doc = Jsoup.parse(html);
    final String text = doc.body() == null ? "" : doc.body().text();
    final Element outcome = doc.selectFirst("div.outcome");
    final List<Element> results = doc.select("table.result");
    final Optional<Integer> total = number(TOTAL, text).or(() -> number(FOUND, text));
    if (outcome == null && results.isEmpty() && total.isEmpty()) {
      final String title = doc.title().strip();
      throw new EuCtrParseException(ParseException.Kind.UNEXPECTED_CONTENT, "not an EU CTR search results page: "
          + "no results count (div.outcome), no 'Trials with a EudraCT protocol (N)' and no table.result"
          + (title.isEmpty() ? "" : "; the page is titled '" + title + "'"));
    }
    final List<EuCtrSearchPage.Listing> listings = new ArrayList<>();
    for (final Element result : results) {
      listing(result).ifPresent(listings::add);
    }
    return new EuCtrSearchPage(listings, total.orElse(null), hasNext(doc, text));
  }

  /** A listed trial: the number after its {@code EudraCT Number:} label, else the one its protocol links name. */
  private static Optional<EuCtrSearchPage.Listing> listing(final Element result) {
    final Set<String> states = new LinkedHashSet<>();
    String fromLinks = null;
    for (final Element a : result.select("a[href]")) {
      final Matcher m = ProtocolBuilder.TRIAL_LINK.matcher(a.attr("href"));
      if (m.find()) {
        fromLinks = fromLinks == null ? m.group(1) : fromLinks;
        states.add(m.group(2));
      }
    }
    final String labelled = labelled(result, "EudraCT Number").flatMap(TrialIds::normalize)
        .filter(s -> ProtocolBuilder.EUDRACT.matcher(s).matches()).orElse(null);
    final String id = labelled != null ? labelled : fromLinks;
    return id == null ? Optional.empty() : Optional.of(new EuCtrSearchPage.Listing(id, List.copyOf(states)));
  }

  /** The text that follows the {@code span.label} starting with {@code label}, up to the next element. */
  private static Optional<String> labelled(final Element result, final String label) {
    for (final Element span : result.select("span.label")) {
      if (span.text().strip().startsWith(label)) {
        final StringBuilder sb = new StringBuilder();
        for (Node n = span.nextSibling(); n instanceof TextNode t; n = n.nextSibling()) {
          sb.append(t.text());
        }
        final String v = sb.toString().replace('\u00A0', ' ').strip();
        return v.isEmpty() ? Optional.empty() : Optional.of(v);
      }
    }
    return Optional.empty();
  }

  /** Whether a page follows: a {@code Next} link, or {@code Displaying page X of Y} with X below Y. */
  private static boolean hasNext(final Document doc, final String text) {
    if (doc.selectFirst("a[accesskey=n][href]") != null) {
      return true;
    }
    final Matcher m = DISPLAYING.matcher(text);
    return m.find() && Integer.parseInt(m.group(1)) < Integer.parseInt(m.group(2));
  }

  private static Optional<Integer> number(final Pattern p, final String text) {
    final Matcher m = p.matcher(text);
    if (!m.find()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Integer.parseInt(m.group(1).replaceAll("[,.]", "")));
    } catch (final NumberFormatException e) {
      return Optional.empty();
    }
  }
}
