package io.exowatch.ingest.parse;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the date spellings sources use into ISO-8601, possibly partial ({@code yyyy},
 * {@code yyyy-MM} or {@code yyyy-MM-dd}): {@code 2021/08}, {@code 2012 Nov 26},
 * {@code 2021-07-15T10:00:00Z}, {@code 15 July 2021}, {@code Jul 2021}, {@code 2021}. Anything else
 * gives {@code null}. Impossible months or days are dropped to the coarser precision. Registries that
 * write the day first ({@code 15/07/2021}, {@code 15.07.2021}: IRCT, EU CTR, ICTRP exports) go through
 * {@link #dayFirst}.
 */
public final class PartialDates {

  private static final Map<String, Integer> MONTHS = Map.ofEntries(
      Map.entry("jan", 1), Map.entry("feb", 2), Map.entry("mar", 3), Map.entry("apr", 4),
      Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7), Map.entry("aug", 8),
      Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12));

  private static final Pattern NUMERIC = Pattern.compile("^((?:1[5-9]|20)\\d{2})(?:[-/.](\\d{1,2})(?:[-/.](\\d{1,2}))?)?(?:$|[T\\s].*)");
  private static final Pattern YEAR_MONTH_NAME = Pattern.compile("^((?:1[5-9]|20)\\d{2})[\\s,]+([A-Za-z]{3,})\\.?(?:[\\s,]+(\\d{1,2}))?\\b.*");
  private static final Pattern DAY_MONTH_YEAR = Pattern.compile("^(?:(\\d{1,2})[\\s-]+)?([A-Za-z]{3,})\\.?[\\s,-]+((?:1[5-9]|20)\\d{2})\\b.*");
  private static final Pattern MONTH_DAY_YEAR = Pattern.compile("^([A-Za-z]{3,})\\.?\\s+(\\d{1,2}),?\\s+((?:1[5-9]|20)\\d{2})\\b.*");

  private static final Pattern DAY_FIRST = Pattern.compile("^(\\d{1,2})[-/.](\\d{1,2})[-/.]((?:1[5-9]|20)\\d{2})(?:$|[T\\s].*)");

  private PartialDates() {
  }

  /**
   * The ISO form of a day-first date ({@code 15/07/2021}, {@code 1.7.2021}, {@code 15-07-2021 00:00}),
   * or of any form {@link #normalize} knows (so a registry that mixes forms still parses); {@code null}
   * when neither applies.
   */
  public static String dayFirst(final String raw) {
    if (raw == null) {
      return null;
    }
    final Matcher m = DAY_FIRST.matcher(raw.strip());
    return m.matches() ? iso(m.group(3), m.group(2), m.group(1)) : normalize(raw);
  }

  /** The ISO form of {@code raw}, or {@code null} when it is not a recognisable date. */
  public static String normalize(final String raw) {
    if (raw == null) {
      return null;
    }
    final String s = raw.strip();
    Matcher m = YEAR_MONTH_NAME.matcher(s);
    if (m.matches() && month(m.group(2)) != null) {
      return iso(m.group(1), month(m.group(2)), m.group(3));
    }
    m = NUMERIC.matcher(s);
    if (m.matches()) {
      return iso(m.group(1), m.group(2), m.group(3));
    }
    m = MONTH_DAY_YEAR.matcher(s);
    if (m.matches() && month(m.group(1)) != null) {
      return iso(m.group(3), month(m.group(1)), m.group(2));
    }
    m = DAY_MONTH_YEAR.matcher(s);
    if (m.matches()) {
      return iso(m.group(3), month(m.group(2)), m.group(1));
    }
    return null;
  }

  /**
   * The ISO form of separate parts as PubMed gives them; month may be a number or a name
   * ({@code "Dec"}), day may be {@code null}.
   */
  public static String of(final String year, final String month, final String day) {
    if (year == null || !year.strip().matches("\\d{4}")) {
      return null;
    }
    final String mm = month == null ? null
        : month.strip().matches("\\d{1,2}") ? month.strip() : month(month);
    return iso(year.strip(), mm, day == null ? null : day.strip());
  }

  /** The month number of a month name or abbreviation in English, or {@code null}. */
  static String month(final String name) {
    if (name == null || name.length() < 3) {
      return null;
    }
    final Integer n = MONTHS.get(name.substring(0, 3).toLowerCase(Locale.ROOT));
    return n == null ? null : Integer.toString(n);
  }

  private static String iso(final String year, final String month, final String day) {
    if (month == null) {
      return year;
    }
    final int m;
    try {
      m = Integer.parseInt(month);
    } catch (final NumberFormatException e) {
      return year;
    }
    if (m < 1 || m > 12) {
      return year;
    }
    final String ym = year + "-" + (m < 10 ? "0" : "") + m;
    if (day == null || !day.matches("\\d{1,2}")) {
      return ym;
    }
    final int d = Integer.parseInt(day);
    if (d < 1 || d > java.time.YearMonth.of(Integer.parseInt(year), m).lengthOfMonth()) {
      return ym;
    }
    return ym + "-" + (d < 10 ? "0" : "") + d;
  }
}
