package io.exowatch.ingest.parse;

import java.util.Locale;
import org.jsoup.Jsoup;

/**
 * Cheap checks before parsing a body, so a wrong kind of content fails with a clear reason
 * ("an HTML page titled 'Service Unavailable' where JSON was expected") rather than a syntax error
 * at line 1.
 */
public final class BodyChecks {

  private BodyChecks() {
  }

  /**
   * Fails unless {@code body} could be JSON.
   *
   * @throws ParseException {@code MALFORMED} for an empty body, {@code UNEXPECTED_CONTENT} for
   *     markup or plain text
   */
  public static void expectJson(final String body) throws ParseException {
    final String head = head(body);
    if (head.isEmpty()) {
      throw new ParseException(ParseException.Kind.MALFORMED, "empty body where JSON was expected");
    }
    if (head.startsWith("<")) {
      throw new ParseException(ParseException.Kind.UNEXPECTED_CONTENT, describeMarkup(body) + " where JSON was expected");
    }
    if (!head.startsWith("{") && !head.startsWith("[")) {
      throw new ParseException(ParseException.Kind.UNEXPECTED_CONTENT,
          "text where JSON was expected: '" + excerpt(head) + "'");
    }
  }

  /**
   * Fails unless {@code body} could be an XML document (rather than an HTML page or JSON).
   *
   * @throws ParseException {@code MALFORMED} for an empty body, {@code UNEXPECTED_CONTENT} otherwise
   */
  public static void expectXml(final String body) throws ParseException {
    final String head = head(body);
    if (head.isEmpty()) {
      throw new ParseException(ParseException.Kind.MALFORMED, "empty body where XML was expected");
    }
    final String lower = head.toLowerCase(Locale.ROOT);
    if (lower.startsWith("<!doctype html") || lower.startsWith("<html")) {
      throw new ParseException(ParseException.Kind.UNEXPECTED_CONTENT, describeMarkup(body) + " where XML was expected");
    }
    if (!head.startsWith("<")) {
      throw new ParseException(ParseException.Kind.UNEXPECTED_CONTENT,
          "text where XML was expected: '" + excerpt(head) + "'");
    }
  }

  private static String head(final String body) {
    if (body == null) {
      return "";
    }
    final String s = body.length() > 512 ? body.substring(0, 512) : body;
    return s.replace("\uFEFF", "").strip();
  }

  private static String describeMarkup(final String body) {
    final String title = Jsoup.parse(body.length() > 65_536 ? body.substring(0, 65_536) : body).title().strip();
    return title.isEmpty() ? "an HTML/XML page" : "an HTML page titled '" + excerpt(title) + "'";
  }

  private static String excerpt(final String s) {
    final String one = s.replaceAll("\\s+", " ");
    return one.length() <= 120 ? one : one.substring(0, 120) + "...";
  }
}
