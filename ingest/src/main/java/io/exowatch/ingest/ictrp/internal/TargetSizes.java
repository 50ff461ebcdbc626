package io.exowatch.ingest.ictrp.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code Target size} cell: a plain count ({@code 120}, {@code 1,200}), or counts per group
 * as ChiCTR writes them ({@code Diagnosed Group:98;Suspending Group:102;}), which are added up. Anything
 * else (free text, a count too large for an int) gives {@code null}.
 */
public final class TargetSizes {

  private static final Pattern COUNT = Pattern.compile("\\d{1,3}(?:[, \\u00A0]\\d{3})+|\\d+");
  private static final Pattern GROUP = Pattern.compile("\\s*[^:：;]+[:：]\\s*(\\d+)\\s*(?:;|$)");

  private TargetSizes() {
  }

  /** The total target size, or {@code null}. */
  public static Integer of(final String cell) {
    if (cell == null || cell.isBlank()) {
      return null;
    }
    final String s = cell.strip();
    if (COUNT.matcher(s).matches()) {
      return toInt(s.replaceAll("\\D", ""));
    }
    final Matcher m = GROUP.matcher(s);
    long total = 0;
    int end = 0;
    while (m.find() && m.start() == end) {
      total += Long.parseLong(m.group(1).length() > 12 ? "9999999999999" : m.group(1));
      end = m.end();
    }
    return end == s.length() && end > 0 && total <= Integer.MAX_VALUE ? (int) total : null;
  }

  private static Integer toInt(final String digits) {
    if (digits.length() > 10) {
      return null;
    }
    final long v = Long.parseLong(digits);
    return v <= Integer.MAX_VALUE ? (int) v : null;
  }
}
