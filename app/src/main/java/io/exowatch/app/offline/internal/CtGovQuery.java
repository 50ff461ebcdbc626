package io.exowatch.app.offline.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code GET /api/v2/studies} request selects, as far as the simulator honours it.
 *
 * <ul>
 *   <li>{@code AREA[LastUpdatePostDate]RANGE[from,to]} anywhere in {@code query.*} or
 *       {@code filter.advanced} (bounds {@code MIN}/{@code MAX}, {@code yyyy-MM-dd}, {@code yyyy-MM} or
 *       {@code MM/dd/yyyy}; inclusive; several are ANDed).</li>
 *   <li>{@code filter.ids}: NCT ids separated by commas, pipes or spaces.</li>
 *   <li>{@code sort}: {@code LastUpdatePostDate[:asc|:desc]} or {@code NCTId[:asc]}; anything else,
 *       including {@code @relevance} and no sort, lists by NCT id.</li>
 * </ul>
 * Free-text terms are not matched: every stored study is a hit, as if the query had found it.
 *
 * @param lastUpdateRanges date ranges the last-update date must fall in
 * @param ids the ids allowed, or empty for all
 * @param order the listing order
 * @param fingerprint a digest of the selecting parameters, bound into page tokens
 */
public record CtGovQuery(List<DateRange> lastUpdateRanges, Set<String> ids, StudyStore.Order order,
    String fingerprint) implements Predicate<StoredStudy> {

  private static final Pattern RANGE = Pattern.compile(
      "AREA\\[\\s*LastUpdatePostDate\\s*]\\s*RANGE\\[\\s*([^,\\]]*?)\\s*,\\s*([^\\]]*?)\\s*]", Pattern.CASE_INSENSITIVE);
  private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("MM/dd/uuuu", Locale.ROOT);
  /** Parameters that do not change which studies are selected or their order. */
  private static final Set<String> NON_SELECTING = Set.of("pageToken", "pageSize", "countTotal", "fields", "format",
      "markupFormat");

  /** Copies the collections. */
  public CtGovQuery {
    lastUpdateRanges = List.copyOf(lastUpdateRanges);
    ids = Set.copyOf(ids);
  }

  /**
   * Reads the request parameters.
   *
   * @throws SimulatedFailure 400 naming the parameter for a malformed date or sort
   */
  public static CtGovQuery from(final Map<String, List<String>> params) {
    final List<DateRange> ranges = new ArrayList<>();
    final Set<String> ids = new LinkedHashSet<>();
    final TreeMap<String, List<String>> selecting = new TreeMap<>();
    for (final Map.Entry<String, List<String>> e : params.entrySet()) {
      final String name = e.getKey();
      if (NON_SELECTING.contains(name)) {
        continue;
      }
      selecting.put(name, e.getValue());
      for (final String value : e.getValue()) {
        if (name.startsWith("query.") || name.equals("filter.advanced")) {
          final Matcher m = RANGE.matcher(value);
          while (m.find()) {
            ranges.add(new DateRange(bound(name, m.group(1), true), bound(name, m.group(2), false)));
          }
        } else if (name.equals("filter.ids")) {
          for (final String id : value.split("[,|\\s]+")) {
            if (!id.isBlank()) {
              ids.add(id.trim().toUpperCase(Locale.ROOT));
            }
          }
        }
      }
    }
    return new CtGovQuery(ranges, ids, order(Exchanges.first(params, "sort")), fingerprint(selecting));
  }

  @Override
  public boolean test(final StoredStudy study) {
    if (!ids.isEmpty() && !ids.contains(study.nctId())) {
      return false;
    }
    for (final DateRange r : lastUpdateRanges) {
      if (!r.contains(study.lastUpdatePostDate())) {
        return false;
      }
    }
    return true;
  }

  private static StudyStore.Order order(final String sort) {
    if (sort == null || sort.isBlank()) {
      return StudyStore.Order.NCT_ID;
    }
    final String first = sort.split(",")[0].trim();
    final String[] parts = first.split(":");
    final String field = parts[0].trim().toLowerCase(Locale.ROOT);
    final String direction = parts.length > 1 ? parts[1].trim().toLowerCase(Locale.ROOT) : "asc";
    if (!direction.equals("asc") && !direction.equals("desc")) {
      throw SimulatedFailure.badRequest("The sort parameter value '" + sort + "' has an unknown direction '"
          + parts[1] + "'; use asc or desc");
    }
    if (field.equals("lastupdatepostdate")) {
      return direction.equals("desc") ? StudyStore.Order.LAST_UPDATE_DESC : StudyStore.Order.LAST_UPDATE_ASC;
    }
    // @relevance, NCTId and fields the simulator does not order by list in NCT id order.
    return StudyStore.Order.NCT_ID;
  }

  private static LocalDate bound(final String param, final String raw, final boolean lower) {
    final String s = raw.trim();
    if (s.isEmpty() || s.equalsIgnoreCase("MIN") || s.equalsIgnoreCase("MAX")) {
      return null;
    }
    try {
      if (s.matches("\\d{4}-\\d{2}-\\d{2}")) {
        return LocalDate.parse(s);
      }
      if (s.matches("\\d{4}-\\d{2}")) {
        final YearMonth ym = YearMonth.parse(s);
        return lower ? ym.atDay(1) : ym.atEndOfMonth();
      }
      if (s.matches("\\d{2}/\\d{2}/\\d{4}")) {
        return LocalDate.parse(s, US_DATE);
      }
    } catch (final DateTimeParseException e) {
      // Falls through to the message below.
    }
    throw SimulatedFailure.badRequest("Invalid date '" + raw + "' in AREA[LastUpdatePostDate]RANGE[...] of " + param
        + "; expected yyyy-MM-dd, yyyy-MM, MM/dd/yyyy, MIN or MAX");
  }

  private static String fingerprint(final TreeMap<String, List<String>> selecting) {
    try {
      final MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(selecting.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest.digest(), 0, 6);
    } catch (final NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
