package io.exowatch.ingest.chictr.internal;

import java.util.Locale;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * Plain text of ChiCTR table cells. The pages pad values with {@code &nbsp;} and full-width spaces
 * and mark each language with {@code class="cn"} / {@code class="en"}; a cell may hold both
 * ({@code <p class="cn">尚未开始</p><p class="en">Not yet recruiting</p>}), one, or unmarked text.
 * Jsoup's text is already entity-decoded and free of markup; here it is trimmed and collapsed.
 */
public final class CellText {

  private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0\\u3000]+");
  private static final Pattern TRAILING_COLON = Pattern.compile("[\\s:]+$");

  private CellText() {
  }

  /** The text of {@code el} with spaces collapsed, or {@code null} when it has none. */
  public static String of(final Element el) {
    return el == null ? null : clean(el.text());
  }

  /** {@code s} with every run of white space (incl. no-break and ideographic spaces) made one space; null when empty. */
  public static String clean(final String s) {
    if (s == null) {
      return null;
    }
    final String t = SPACES.matcher(s).replaceAll(" ").strip();
    return t.isEmpty() ? null : t;
  }

  /**
   * The English text of a value cell: its {@code .en} parts when it has any (null when they are
   * empty, so a caller can fall back to the Chinese), else the whole cell.
   */
  public static String english(final Element cell) {
    return marked(cell, "en");
  }

  /** The Chinese text of a value cell: its {@code .cn} parts when they hold text, else the whole cell. */
  public static String chinese(final Element cell) {
    if (cell == null) {
      return null;
    }
    final String cn = marked(cell, "cn");
    return cn != null ? cn : of(cell);
  }

  private static String marked(final Element cell, final String lang) {
    if (cell == null) {
      return null;
    }
    final Elements parts = cell.select("." + lang);
    if (parts.isEmpty()) {
      return of(cell);
    }
    final StringBuilder sb = new StringBuilder();
    for (final Element p : parts) {
      final String t = of(p);
      if (t != null) {
        sb.append(sb.length() == 0 ? "" : " ").append(t);
      }
    }
    return sb.length() == 0 ? null : sb.toString();
  }

  /**
   * A label as compared: full-width colon and brackets made ASCII, white space collapsed, trailing
   * colon dropped, lower case. {@code "研究实施负责（组长）单位："} gives {@code "研究实施负责(组长)单位"},
   * {@code "Study leader's <br/>telephone："} gives {@code "study leader's telephone"}.
   */
  public static String label(final String raw) {
    if (raw == null) {
      return "";
    }
    final String s = raw.replace('：', ':').replace('（', '(').replace('）', ')');
    final String collapsed = clean(s);
    return collapsed == null ? "" : TRAILING_COLON.matcher(collapsed).replaceAll("").replace(" (", "(")
        .toLowerCase(Locale.ROOT);
  }
}
