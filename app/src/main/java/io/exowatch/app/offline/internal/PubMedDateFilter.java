package io.exowatch.app.offline.internal;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The date limits of an esearch request, as E-utilities read them.
 *
 * <ul>
 *   <li>{@code mindate} and {@code maxdate} (both required together) on {@code datetype}
 *       ({@code pdat} when absent, {@code edat}, {@code mdat}, also {@code crdt}); dates
 *       {@code YYYY}, {@code YYYY/MM} or {@code YYYY/MM/DD}; partial lower bounds start on the first day,
 *       partial upper bounds end on the last.</li>
 *   <li>{@code reldate=n}: the last {@code n} days on {@code datetype} ({@code edat} when absent).</li>
 *   <li>Ranges in the term: {@code "2024/01/01"[EDAT] : "3000"[EDAT]}, {@code 2024/01:2025[dp]},
 *       with tags {@code edat}, {@code pdat}, {@code dp}, {@code mdat}, {@code lr}, {@code crdt} or
 *       their long forms ({@code Date - Entry}, {@code Date - Publication}, {@code Date - Modification},
 *       {@code Date - Create}).</li>
 * </ul>
 * The rest of the term is not matched: every article is a hit.
 */
public final class PubMedDateFilter implements Predicate<ArticleMeta> {

  private enum Field { PUBLICATION, ENTRY, MODIFICATION }

  private record Limit(Field field, DateRange range) {
  }

  private static final String DATE = "(\\d{4}(?:/\\d{1,2}){0,2})";
  private static final Pattern TERM_TAGGED = Pattern.compile(
      "\"?" + DATE + "\"?\\s*\\[([A-Za-z -]+)]\\s*:\\s*\"?" + DATE + "\"?\\s*\\[([A-Za-z -]+)]");
  private static final Pattern TERM_COMPACT = Pattern.compile(
      "(?<![\\d/\"])" + DATE + "\\s*:\\s*" + DATE + "\\s*\\[([A-Za-z -]+)]");

  private final List<Limit> limits;

  private PubMedDateFilter(final List<Limit> limits) {
    this.limits = List.copyOf(limits);
  }

  /**
   * Reads the limits of a request.
   *
   * @param params the request parameters
   * @param today the date {@code reldate} counts back from
   * @throws SimulatedFailure 400 naming the parameter when a date or date type is malformed
   */
  public static PubMedDateFilter from(final Map<String, List<String>> params, final LocalDate today) {
    final List<Limit> limits = new ArrayList<>();
    final String datetype = Exchanges.first(params, "datetype");
    final String min = Exchanges.first(params, "mindate");
    final String max = Exchanges.first(params, "maxdate");
    if ((min == null) != (max == null)) {
      throw SimulatedFailure.badRequest("mindate and maxdate must be given together");
    }
    if (min != null) {
      limits.add(new Limit(field(datetype == null ? "pdat" : datetype, "datetype"),
          new DateRange(date(min, true, "mindate"), date(max, false, "maxdate"))));
    }
    final String reldate = Exchanges.first(params, "reldate");
    if (reldate != null) {
      final int days = Exchanges.intParam(params, "reldate", 0, 0, 1_000_000);
      limits.add(new Limit(field(datetype == null ? "edat" : datetype, "datetype"), new DateRange(today.minusDays(days), today)));
    }
    final String term = Exchanges.first(params, "term");
    if (term != null) {
      final Matcher tagged = TERM_TAGGED.matcher(term);
      while (tagged.find()) {
        final Field f = termField(tagged.group(2));
        if (f != null) {
          limits.add(new Limit(f, new DateRange(date(tagged.group(1), true, "term"), date(tagged.group(3), false, "term"))));
        }
      }
      final Matcher compact = TERM_COMPACT.matcher(term);
      while (compact.find()) {
        final Field f = termField(compact.group(3));
        if (f != null) {
          limits.add(new Limit(f, new DateRange(date(compact.group(1), true, "term"), date(compact.group(2), false, "term"))));
        }
      }
    }
    return new PubMedDateFilter(limits);
  }

  @Override
  public boolean test(final ArticleMeta a) {
    for (final Limit l : limits) {
      final LocalDate d = switch (l.field()) {
        case PUBLICATION -> a.published();
        case ENTRY -> a.entered();
        case MODIFICATION -> a.modified() != null ? a.modified() : a.entered();
      };
      if (d == null || !l.range().contains(d)) {
        return false;
      }
    }
    return true;
  }

  /** Whether any limit was given. */
  public boolean isEmpty() {
    return limits.isEmpty();
  }

  private static Field field(final String datetype, final String param) {
    final Field f = termField(datetype);
    if (f == null) {
      throw SimulatedFailure.badRequest("Unknown " + param + " '" + datetype + "'; use pdat, edat, mdat or crdt");
    }
    return f;
  }

  private static Field termField(final String tag) {
    return switch (tag.trim().toLowerCase(Locale.ROOT)) {
      case "pdat", "dp", "date - publication", "publication date" -> Field.PUBLICATION;
      case "edat", "crdt", "date - entry", "entry date", "date - create", "create date" -> Field.ENTRY;
      case "mdat", "lr", "date - modification", "modification date", "date - last revision" -> Field.MODIFICATION;
      default -> null;
    };
  }

  private static LocalDate date(final String raw, final boolean lower, final String param) {
    final String[] parts = raw.trim().replace('-', '/').split("/");
    try {
      final int year = Integer.parseInt(parts[0]);
      if (parts.length == 1) {
        return lower ? LocalDate.of(year, 1, 1) : LocalDate.of(year, 12, 31);
      }
      final YearMonth ym = YearMonth.of(year, Integer.parseInt(parts[1]));
      if (parts.length == 2) {
        return lower ? ym.atDay(1) : ym.atEndOfMonth();
      }
      if (parts.length == 3) {
        return ym.atDay(Integer.parseInt(parts[2]));
      }
    } catch (final RuntimeException e) {
      // Falls through to the message below.
    }
    throw SimulatedFailure.badRequest("Invalid date '" + raw + "' in " + param + "; expected YYYY, YYYY/MM or YYYY/MM/DD");
  }
}
