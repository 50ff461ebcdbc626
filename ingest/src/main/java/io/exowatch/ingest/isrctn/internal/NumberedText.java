package io.exowatch.ingest.isrctn.internal;

import io.exowatch.ingest.parse.PlainText;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ISRCTN's older free-text lists ({@code primaryOutcome}, {@code secondaryOutcome}, multi-line
 * {@code condition/description}): items on their own lines, often numbered {@code "1. ..."}; a line
 * that does not start a new numbered item continues the previous one.
 */
public final class NumberedText {

  private static final Pattern NUMBERED = Pattern.compile("^\\s*\\d{1,3}\\s*[.)]\\s*(.*)$");
  private static final Pattern FIRST_SENTENCE = Pattern.compile("^(.+?[.;])(?:\\s|$)");
  private static final Pattern LINE = Pattern.compile("\\r?\\n");

  private NumberedText() {
  }

  /** The numbered items of {@code text}, or its lines when none is numbered; plain, empty ones skipped. */
  public static List<String> items(final String text) {
    final List<String> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    final String[] lines = LINE.split(text);
    boolean numbered = false;
    for (final String line : lines) {
      numbered |= NUMBERED.matcher(line).matches();
    }
    StringBuilder current = null;
    for (final String line : lines) {
      final Matcher m = NUMBERED.matcher(line);
      if (!numbered || m.matches() || current == null) {
        add(out, current);
        current = new StringBuilder(numbered && m.matches() ? m.group(1) : line);
      } else {
        current.append(' ').append(line);
      }
    }
    add(out, current);
    return out;
  }

  private static void add(final List<String> out, final StringBuilder item) {
    if (item != null) {
      final String t = PlainText.of(item.toString());
      if (t != null) {
        out.add(t);
      }
    }
  }

  /** A short name for something known only by its description: its first sentence, at most 120 characters. */
  public static String shortName(final String description) {
    if (description == null) {
      return null;
    }
    final Matcher sentence = FIRST_SENTENCE.matcher(description);
    String name = (sentence.find() ? sentence.group(1) : description).replaceAll("[.;]$", "").strip();
    if (name.length() > 120) {
      final int cut = name.lastIndexOf(' ', 117);
      name = name.substring(0, cut > 60 ? cut : 117) + "...";
    }
    return name;
  }
}
