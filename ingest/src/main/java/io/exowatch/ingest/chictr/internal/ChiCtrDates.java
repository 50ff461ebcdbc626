package io.exowatch.ingest.chictr.internal;

import io.exowatch.ingest.parse.PartialDates;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates as ChiCTR pages write them, to ISO-8601 (possibly partial): {@code 2024-05-28 00:00:00},
 * {@code 2012/5/1 0:00:00} (older pages), {@code 2012年5月1日}. Always year first.
 */
public final class ChiCtrDates {

  private static final Pattern DATE = Pattern.compile(
      "((?:19|20)\\d{2})\\s*[-/.年]\\s*(\\d{1,2})(?:\\s*[-/.月]\\s*(\\d{1,2})\\s*日?|\\s*月)?");
  /** "从 From 2024-06-01 00:00:00 至 To 2029-10-01 00:00:00": the start is before 至 / To. */
  private static final Pattern RANGE_SPLIT = Pattern.compile("至|\\bTo\\b|\\bto\\b");

  private ChiCtrDates() {
  }

  /** The first date in {@code text} as ISO, or {@code null}. */
  public static String first(final String text) {
    if (text == null) {
      return null;
    }
    final Matcher m = DATE.matcher(text);
    if (!m.find()) {
      return PartialDates.normalize(text);
    }
    return PartialDates.normalize(m.group(1) + "-" + m.group(2) + (m.group(3) == null ? "" : "-" + m.group(3)));
  }

  /**
   * The two ends of a "from ... to ..." cell; either may be {@code null}.
   *
   * @return {@code [start, end]}
   */
  public static String[] range(final String text) {
    if (text == null) {
      return new String[] {null, null};
    }
    final String[] parts = RANGE_SPLIT.split(text, 2);
    return new String[] {first(parts[0]), parts.length > 1 ? first(parts[1]) : null};
  }
}
