package io.exowatch.ingest.chictr.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * The label/value pairs of a ChiCTR page or of one nested table. A label cell holds the Chinese
 * label in {@code <p class="cn">} and/or the English one in {@code <p class="en">}; its value is the
 * next cell of the row. Pages use three shapes: one row with both labels and one value, a
 * {@code tr.cn} row and a {@code tr.en} row each with its own label and value, and rows of two
 * pairs. Lookups go by the English label first and fall back to the Chinese one, so English-only,
 * bilingual and Chinese-only registrations all read; an English value that is empty while the
 * Chinese one is filled gives the Chinese.
 */
public final class LabelledCells {

  /** One label cell: its labels as {@link CellText#label} folds them, and the cell after it (may be null). */
  private record Pair(String cn, String en, Element value) {
  }

  private final List<Pair> pairs;

  private LabelledCells(final List<Pair> pairs) {
    this.pairs = List.copyOf(pairs);
  }

  /** The top-level pairs of a project page: every {@code td.left_title} that carries a marked label. */
  public static LabelledCells ofPage(final Element root) {
    return of(root.select("td.left_title"));
  }

  /**
   * The pairs of a nested table (interventions, sponsors, sites, outcomes): every cell holding a
   * {@code .cn} or {@code .en} label that ends with a colon.
   */
  public static LabelledCells ofTable(final Element table) {
    final Elements labelCells = new Elements();
    for (final Element td : table.select("td")) {
      final String text = marked(td, "cn").isEmpty() && marked(td, "en").isEmpty() ? null : CellText.of(td);
      if (text != null && (text.endsWith("：") || text.endsWith(":"))) {
        labelCells.add(td);
      }
    }
    return of(labelCells);
  }

  private static LabelledCells of(final Elements labelCells) {
    final List<Pair> out = new ArrayList<>();
    for (final Element cell : labelCells) {
      final String cn = joined(marked(cell, "cn"));
      final String en = joined(marked(cell, "en"));
      if (cn.isEmpty() && en.isEmpty()) {
        continue;
      }
      out.add(new Pair(cn, en, cell.nextElementSibling()));
    }
    return new LabelledCells(out);
  }

  /** The children of {@code cell} of class {@code lang}. */
  private static Elements marked(final Element cell, final String lang) {
    final Elements out = new Elements();
    for (final Element child : cell.children()) {
      if (child.hasClass(lang)) {
        out.add(child);
      }
    }
    return out;
  }

  private static String joined(final Elements marks) {
    final StringBuilder sb = new StringBuilder();
    for (final Element m : marks) {
      sb.append(' ').append(m.text());
    }
    return CellText.label(sb.toString());
  }

  /** Whether there is no labelled cell at all. */
  public boolean isEmpty() {
    return pairs.isEmpty();
  }

  /**
   * The value of the field labelled {@code en} (English text) or, failing that, {@code cn}
   * (Chinese text); {@code null} when neither has text.
   */
  public String text(final String en, final String cn) {
    final String e = CellText.label(en);
    for (final Pair p : pairs) {
      if (p.en().equals(e)) {
        final String t = CellText.english(p.value());
        if (t != null) {
          return t;
        }
      }
    }
    return chinese(cn);
  }

  /** The Chinese value of the field labelled {@code cn}, or {@code null}. */
  public String chinese(final String cn) {
    final String c = CellText.label(cn);
    for (final Pair p : pairs) {
      if (p.cn().equals(c)) {
        final String t = CellText.chinese(p.value());
        if (t != null) {
          return t;
        }
      }
    }
    return null;
  }

  /** The whole text of the value cell labelled {@code en} or {@code cn} (both languages), or {@code null}. */
  public String raw(final String en, final String cn) {
    return cell(en, cn).map(CellText::of).orElse(null);
  }

  /** The value cell labelled {@code en}, else {@code cn}, that has content. */
  public Optional<Element> cell(final String en, final String cn) {
    final String e = CellText.label(en);
    final String c = CellText.label(cn);
    Element fallback = null;
    for (final Pair p : pairs) {
      if (p.value() == null || p.value().childrenSize() == 0 && CellText.of(p.value()) == null) {
        continue;
      }
      if (p.en().equals(e)) {
        return Optional.of(p.value());
      }
      if (fallback == null && p.cn().equals(c)) {
        fallback = p.value();
      }
    }
    return Optional.ofNullable(fallback);
  }
}
