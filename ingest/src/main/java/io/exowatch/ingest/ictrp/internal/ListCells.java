package io.exowatch.ingest.ictrp.internal;

import io.exowatch.ingest.parse.PlainText;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Splits an ICTRP cell that holds a list into its items, each made plain text. Items are separated by
 * {@code ;} and by line breaks ({@code <br>} or a newline): every line break in {@link Breaks#LINES}
 * mode (conditions, countries, ids), only a blank line (two breaks) in {@link Breaks#PARAGRAPHS} mode
 * (interventions, outcomes, whose items run over several lines). Separators inside brackets do not
 * split ({@code "Pain [VAS; 0-10]"} is one item) unless the brackets do not balance. Empty items and
 * repeats are dropped.
 */
public final class ListCells {

  /** Which line breaks separate items. */
  public enum Breaks {
    /** Every line break. */
    LINES,
    /** Only a blank line. */
    PARAGRAPHS
  }

  private static final Pattern BR = Pattern.compile("(?i)<br\\s*/?>|\\r\\n|\\r");

  private ListCells() {
  }

  /** The plain-text items of {@code cell}, in order, without repeats; empty for {@code null}. */
  public static List<String> split(final String cell, final Breaks breaks) {
    if (cell == null || cell.isBlank()) {
      return List.of();
    }
    final String text = BR.matcher(cell).replaceAll("\n");
    List<String> raw = cut(text, breaks, true);
    if (raw == null) {
      raw = cut(text, breaks, false);
    }
    final Set<String> items = new LinkedHashSet<>();
    for (final String r : raw) {
      final String plain = PlainText.of(r);
      if (plain != null && !plain.chars().allMatch(c -> c == ';' || c == ',' || c == '.' || c == '-')) {
        items.add(plain);
      }
    }
    return List.copyOf(new ArrayList<>(items));
  }

  /** The raw items; {@code null} when bracket-aware cutting finds unbalanced brackets. */
  private static List<String> cut(final String text, final Breaks breaks, final boolean bracketAware) {
    final List<String> out = new ArrayList<>();
    int depth = 0;
    int start = 0;
    final int n = text.length();
    for (int i = 0; i < n; i++) {
      final char c = text.charAt(i);
      if (bracketAware && (c == '(' || c == '[' || c == '{')) {
        depth++;
      } else if (bracketAware && (c == ')' || c == ']' || c == '}')) {
        depth--;
        if (depth < 0) {
          return null;
        }
      } else if (depth == 0 && (c == ';' || c == '\n' && splitsAt(text, i, breaks))) {
        out.add(text.substring(start, i));
        start = i + 1;
      }
    }
    if (depth != 0) {
      return null;
    }
    out.add(text.substring(start));
    return out;
  }

  /** Whether the newline at {@code i} separates items: always for lines, before another newline for paragraphs. */
  private static boolean splitsAt(final String text, final int i, final Breaks breaks) {
    if (breaks == Breaks.LINES) {
      return true;
    }
    int j = i + 1;
    while (j < text.length() && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) {
      j++;
    }
    return j < text.length() && text.charAt(j) == '\n';
  }
}
