package io.exowatch.ingest.chictr.internal;

import io.exowatch.ingest.chictr.ChiCtrParseException;
import io.exowatch.ingest.parse.ParseException;
import org.jsoup.nodes.Document;

/**
 * What a body that is not the expected ChiCTR page is, in words a dead letter can carry: empty,
 * JSON, the site's firewall pages (chictr.org.cn sits behind Alibaba Cloud WAF, which answers
 * automated clients with an {@code acw_sc__v2} cookie-script challenge or a "您的访问被阻断" block
 * page) or its "404系统找不到页面" page.
 */
public final class PageChecks {

  private PageChecks() {
  }

  /** Fails when {@code body} is empty or not HTML at all. */
  public static void requireHtml(final String body, final String expected) throws ChiCtrParseException {
    final String head = body == null ? "" : body.substring(0, Math.min(body.length(), 512)).replace("\uFEFF", "").strip();
    if (head.isEmpty()) {
      throw new ChiCtrParseException(ParseException.Kind.MALFORMED, "empty body where " + expected + " was expected");
    }
    if (head.startsWith("{") || head.startsWith("[")) {
      throw new ChiCtrParseException(ParseException.Kind.UNEXPECTED_CONTENT,
          "JSON where " + expected + " was expected: '" + excerpt(head) + "'");
    }
  }

  /**
   * Why a page without the markers a parser relies on is not the expected page: one of the site's
   * firewall or error pages, or else an unknown layout.
   *
   * @param markers the markers looked for, named in the unknown-layout message
   */
  public static ChiCtrParseException notExpected(final Document doc, final String body, final String expected,
      final String markers) {
    if (body.contains("acw_sc__v2")) {
      return new ChiCtrParseException(ParseException.Kind.SOURCE_ERROR, "an anti-bot challenge page (Alibaba Cloud "
          + "WAF, acw_sc__v2 cookie script) where " + expected + " was expected");
    }
    final String text = doc.body() == null ? "" : doc.body().text();
    if (text.contains("访问被阻断")) {
      return new ChiCtrParseException(ParseException.Kind.SOURCE_ERROR, "the site's firewall blocked the request ('"
          + excerpt(text) + "') where " + expected + " was expected");
    }
    if (text.contains("系统找不到页面")) {
      return new ChiCtrParseException(ParseException.Kind.SOURCE_ERROR,
          "the site's 'page not found' page ('" + excerpt(text) + "') where " + expected + " was expected");
    }
    return new ChiCtrParseException(ParseException.Kind.UNEXPECTED_CONTENT, "unknown layout: " + describe(doc)
        + " without " + markers + " where " + expected + " was expected");
  }

  /** "a page titled '...'" or "a page without a title", for unknown-layout messages. */
  public static String describe(final Document doc) {
    final String title = doc.title().strip();
    return title.isEmpty() ? "a page without a title" : "a page titled '" + excerpt(title) + "'";
  }

  private static String excerpt(final String s) {
    final String one = s.replaceAll("\\s+", " ").strip();
    return one.length() <= 120 ? one : one.substring(0, 120) + "...";
  }
}
