package io.exowatch.ingest.euctr;

import io.exowatch.ingest.euctr.internal.ProtocolBuilder;
import io.exowatch.ingest.parse.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;

/**
 * Reads an EU CTR protocol page ({@code /ctr-search/trial/2005-002909-23/PT}): the summary table
 * ({@code table.summary}, label cells {@code td.cellGrey}, values {@code td.cellLighterGrey}) and the
 * section tables ({@code table#section-a} ... {@code table#section-p}), whose rows are
 * {@code tr.tricell} with the code in {@code td.first}, the label in {@code td.second} and the value in
 * {@code td.third} (free text in a nested table, lists as nested cells or {@code <br>} lines). Rows with
 * {@code td.cellBlue} are headings or, as {@code B.Sponsor: 1} and {@code D.IMP: 1}, number the sponsors and
 * IMPs. The same fields as the full-text download come out. Pure and thread-safe.
 */
public final class EuCtrProtocolPageParser {

  private static final Pattern GROUP = Pattern.compile("^(?:B\\.Sponsor|D\\.IMP|Sponsor):?\\s*(\\d+)$");

  /**
   * Reads a protocol page.
   *
   * @param html the page
   * @param pageUrl where it came from: its last path segment gives the member state ({@code PT}, {@code 3rd});
   *     may be {@code null}
   * @return the protocol, its source the page's HTML
   * @throws EuCtrParseException {@code MALFORMED} for an empty body; {@code UNEXPECTED_CONTENT} when the page has
   *     neither the summary table nor a protocol section (an error page, a changed layout); {@code MISSING_FIELD}
   *     when it has no EudraCT number
   */
  public MemberStateProtocol parse(final String html, final String pageUrl) throws EuCtrParseException {
    if (html == null || html.isBlank()) {
      throw new EuCtrParseException(ParseException.Kind.MALFORMED, "empty body where an EU CTR protocol page was expected");
    }
    final Document doc = Jsoup.parse(html);
    final Element summary = doc.selectFirst("table.summary");
    final List<Element> sections = doc.select("table.section.content");
    if (summary == null && sections.isEmpty()) {
      final String title = doc.title().strip();
      throw new EuCtrParseException(ParseException.Kind.UNEXPECTED_CONTENT, "not an EU CTR protocol page: no summary "
          + "table (table.summary) and no protocol section (table#section-a ...)"
          + (title.isEmpty() ? "" : "; the page is titled '" + title + "'"));
    }
    final ProtocolBuilder p = new ProtocolBuilder();
    if (summary != null) {
      for (final Element row : rows(summary)) {
        final Element label = row.selectFirst("td.cellGrey");
        final Element value = row.selectFirst("td.cellLighterGrey");
        if (label != null && value != null) {
          p.field("", stripColon(text(label)), cellText(value));
        }
      }
    }
    for (final Element section : sections) {
      p.group(0);
      for (final Element row : rows(section)) {
        read(p, row);
      }
    }
    return p.build(html, memberState(pageUrl));
  }

  private static void read(final ProtocolBuilder p, final Element row) {
    final Element blue = cell(row, "cellBlue");
    if (blue != null) {
      final Matcher m = GROUP.matcher(text(blue));
      if (m.matches()) {
        p.group(Integer.parseInt(m.group(1)));
      } else {
        p.heading("", text(blue));
      }
      return;
    }
    final Element first = cell(row, "first");
    final Element second = cell(row, "second");
    final Element third = cell(row, "third");
    if (first != null && second != null && third != null) {
      p.field(text(first), stripColon(text(second)), cellText(third));
    } else if (row.childrenSize() == 1 && !row.child(0).select("tr.tricell").isEmpty()) {
      // A block of rows in a table of its own, e.g. each MedDRA classification (E.1.2)
      for (final Element table : row.child(0).children()) {
        if (table.nameIs("table")) {
          rows(table).forEach(r -> read(p, r));
        }
      }
    } else if (row.childrenSize() >= 2) {
      p.heading(text(row.child(0)), text(row.child(1)));
    }
  }

  /** A cell of the row itself (not of a nested table) with CSS class {@code cssClass}, or {@code null}. */
  private static Element cell(final Element row, final String cssClass) {
    for (final Element td : row.children()) {
      if (td.nameIs("td") && td.hasClass(cssClass)) {
        return td;
      }
    }
    return null;
  }

  /** The rows of a table itself, not of the tables nested in its cells. */
  private static List<Element> rows(final Element table) {
    final List<Element> rows = new ArrayList<>();
    for (final Element child : table.children()) {
      if (child.nameIs("tbody")) {
        rows.addAll(child.children().stream().filter(e -> e.nameIs("tr")).toList());
      } else if (child.nameIs("tr")) {
        rows.add(child);
      }
    }
    return rows;
  }

  /** A value cell: the cells of a nested table one a line, else its text with {@code <br>} as line breaks. */
  private static String cellText(final Element cell) {
    final List<Element> inner = cell.select("table td");
    if (!inner.isEmpty()) {
      final List<String> lines = new ArrayList<>();
      for (final Element td : inner) {
        lines.add(lines(td));
      }
      return String.join("\n", lines).strip();
    }
    return lines(cell);
  }

  /** The text of an element with {@code <br>} kept as line breaks, spaces collapsed within each line. */
  private static String lines(final Element e) {
    final Element copy = e.clone();
    copy.select("br").forEach(br -> br.after(new TextNode("\n")));
    final List<String> out = new ArrayList<>();
    for (final String line : copy.wholeText().split("\n")) {
      final String t = line.replace('\u00A0', ' ').replaceAll("\\s+", " ").strip();
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return String.join("\n", out);
  }

  private static String text(final Element e) {
    return e.text().replace('\u00A0', ' ').strip();
  }

  private static String stripColon(final String label) {
    return label.endsWith(":") ? label.substring(0, label.length() - 1).strip() : label;
  }

  private static String memberState(final String pageUrl) {
    if (pageUrl == null) {
      return null;
    }
    final Matcher m = ProtocolBuilder.TRIAL_LINK.matcher(pageUrl);
    return m.find() ? m.group(2) : null;
  }
}
