package io.exowatch.ingest.parse;

import org.jsoup.Jsoup;

/**
 * Scraped text made plain: markup removed, entities decoded, whitespace collapsed. Everything an
 * ingest parser puts in a record goes through here, so no markup from a source reaches a browser.
 */
public final class PlainText {

  private PlainText() {
  }

  /**
   * The plain text of {@code markup}; {@code null} when it is {@code null} or has no text.
   * {@code "<b>MSC</b>-derived &amp; <script>x()</script>exosomes"} gives {@code "MSC-derived & exosomes"}.
   */
  public static String of(final String markup) {
    if (markup == null) {
      return null;
    }
    final String text;
    if (markup.indexOf('<') < 0 && markup.indexOf('&') < 0) {
      text = markup.replaceAll("[\\s\\u00A0]+", " ").strip();
    } else {
      final org.jsoup.nodes.Document doc = Jsoup.parseBodyFragment(markup);
      doc.select("script, style, noscript, template").remove();
      text = doc.body().text().replace('\u00A0', ' ').replaceAll("\\s+", " ").strip();
    }
    return text.isEmpty() ? null : text;
  }
}
