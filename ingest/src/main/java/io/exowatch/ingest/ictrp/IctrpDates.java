package io.exowatch.ingest.ictrp;

import io.exowatch.ingest.parse.PartialDates;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates of an ICTRP export as ISO-8601, possibly partial ({@code yyyy-MM-dd}, {@code yyyy-MM}).
 *
 * <p>The export passes on each registry's own spelling, so one column holds several forms:
 * <ul>
 *   <li>{@code Date registration3}: {@code yyyymmdd} for every registry; preferred (see {@link #registration}).</li>
 *   <li>{@code Date registration}: {@code dd/mm/yyyy} for most registries (ANZCTR, EU CTR and
 *       ClinicalTrials.gov rows in the exports seen); year-first {@code yyyy-mm-dd} and {@code yyyy/mm/dd}
 *       occur too and are read as such.</li>
 *   <li>{@code Date enrollement}: ClinicalTrials.gov's {@code March 5, 2020} and {@code March 2020}; JPRN's
 *       {@code 2020/03/05}; others {@code 15/01/2020}, {@code 15-01-2020}, {@code 2020-01-15} or
 *       {@code January 2020}.</li>
 *   <li>{@code Last Refreshed on}: {@code 17 February 2025}.</li>
 *   <li>SQL-Server style {@code Mar 27 2020 12:00AM} in date columns of the weekly full export, whose
 *       {@code Jan  1 1900} means "no date".</li>
 * </ul>
 * A date with a 4-digit year last is read day first, except where the first number cannot be a day's
 * month partner ({@code 4/22/2020}: 22 is no month, so it is read month first). Anything unreadable,
 * and the year 1900 placeholder, gives {@code null}: a bad date never rejects a row. Thread-safe.
 */
public final class IctrpDates {

  private static final Pattern COMPACT = Pattern.compile("((?:19|20)\\d{2})(\\d{2})(\\d{2})(?:\\.0+)?");
  private static final Pattern YEAR_LAST = Pattern.compile("(\\d{1,2})[/.\\-](\\d{1,2})[/.\\-]((?:19|20)\\d{2})(?:[T\\s].*)?");
  private static final String NO_DATE_YEAR = "1900";

  private IctrpDates() {
  }

  /**
   * The registration date of a row: {@code Date registration3} when it is a valid {@code yyyymmdd},
   * else {@code Date registration}.
   */
  public static String registration(final IctrpRow row) {
    final String compact = compact(row.get(IctrpColumn.DATE_REGISTRATION3));
    return compact != null ? compact : parse(row.get(IctrpColumn.DATE_REGISTRATION));
  }

  /** The ISO form of any of the spellings above, or {@code null}. */
  public static String parse(final String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    final String s = raw.strip();
    String iso = compact(s);
    if (iso == null) {
      final Matcher m = YEAR_LAST.matcher(s);
      if (m.matches() && Integer.parseInt(m.group(1)) <= 12 && Integer.parseInt(m.group(2)) > 12) {
        iso = PartialDates.of(m.group(3), m.group(1), m.group(2));
      } else {
        iso = PartialDates.dayFirst(s);
      }
    }
    return iso == null || iso.startsWith(NO_DATE_YEAR) ? null : iso;
  }

  /** {@code yyyymmdd} as ISO, or {@code null} when {@code raw} is not that form or not a real day. */
  private static String compact(final String raw) {
    if (raw == null) {
      return null;
    }
    final Matcher m = COMPACT.matcher(raw.strip());
    if (!m.matches()) {
      return null;
    }
    final String iso = PartialDates.of(m.group(1), m.group(2), m.group(3));
    return iso != null && iso.length() == 10 && !iso.startsWith(NO_DATE_YEAR) ? iso : null;
  }
}
