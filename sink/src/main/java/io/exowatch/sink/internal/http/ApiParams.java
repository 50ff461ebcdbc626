package io.exowatch.sink.internal.http;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Validated query parameters of one request. Every parameter must be known; label values must be in
 * their vocabulary (case-insensitive, given repeated or comma separated); numbers must be in range;
 * free text is bounded. Anything else is a {@link BadRequestException} naming the parameter.
 */
public final class ApiParams {

  /** Longest {@code q} accepted. */
  public static final int MAX_QUERY_LENGTH = 500;
  /** Largest {@code size}. */
  public static final int MAX_SIZE = 100;
  /** Largest {@code from + size} (OpenSearch's default result window). */
  public static final int MAX_WINDOW = 10_000;

  /** Trial ids: NCT03608631, ChiCTR2000029990, IRCT20130812014333N223, 2019-001234-56, ISRCTN..., ACTRN.... */
  public static final Pattern TRIAL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{1,63}");
  /** Article ids: {@code doi:10.NNNN/...} (printable ASCII, no spaces) or {@code pmid:NNN}. */
  public static final Pattern ARTICLE_ID = Pattern.compile("doi:10\\.\\d{4,9}/[!-~]{1,300}|pmid:\\d{1,10}");
  /** Registry codes. */
  private static final Pattern REGISTRY = Pattern.compile("[A-Z][A-Z0-9_]{1,31}");

  private final Map<String, List<String>> raw;

  private ApiParams(final Map<String, List<String>> raw) {
    this.raw = raw;
  }

  /** Checks that every parameter name is in {@code allowed}. */
  public static ApiParams of(final Map<String, List<String>> raw, final Set<String> allowed) {
    for (final String name : raw.keySet()) {
      if (!allowed.contains(name)) {
        throw new BadRequestException("Unknown parameter '" + name + "'; allowed: " + new TreeSet<>(allowed));
      }
    }
    return new ApiParams(raw);
  }

  /** The values of {@code name} upper-cased, each in {@code vocabulary}; empty when absent. */
  public List<String> labels(final String name, final Set<String> vocabulary) {
    final Set<String> out = new LinkedHashSet<>();
    for (final String v : split(name)) {
      final String upper = v.toUpperCase(Locale.ROOT);
      if (!vocabulary.contains(upper)) {
        throw new BadRequestException("Unknown value '" + clip(v) + "' for " + name + "; allowed: " + new TreeSet<>(vocabulary));
      }
      out.add(upper);
    }
    return List.copyOf(out);
  }

  /** Registry codes (upper-cased, {@code [A-Z][A-Z0-9_]{1,31}}). */
  public List<String> registries(final String name) {
    final Set<String> out = new LinkedHashSet<>();
    for (final String v : split(name)) {
      final String upper = v.toUpperCase(Locale.ROOT);
      if (!REGISTRY.matcher(upper).matches()) {
        throw new BadRequestException("Malformed value '" + clip(v) + "' for " + name + ": expected a registry code such as CTGOV");
      }
      out.add(upper);
    }
    return List.copyOf(out);
  }

  /** Trial ids, each matching {@link #TRIAL_ID}. */
  public List<String> trialIds(final String name) {
    final List<String> out = new ArrayList<>();
    for (final String v : split(name)) {
      if (!TRIAL_ID.matcher(v).matches()) {
        throw new BadRequestException("Malformed trial id '" + clip(v) + "' for " + name);
      }
      out.add(v);
    }
    return out;
  }

  /** Free text, at most {@link #MAX_QUERY_LENGTH} characters; {@code null} when absent or blank. */
  public String text(final String name) {
    final List<String> values = raw.getOrDefault(name, List.of());
    if (values.size() > 1) {
      throw new BadRequestException("Parameter '" + name + "' given " + values.size() + " times; give it once");
    }
    if (values.isEmpty() || values.get(0).isBlank()) {
      return null;
    }
    final String v = values.get(0).strip();
    if (v.length() > MAX_QUERY_LENGTH) {
      throw new BadRequestException("Parameter '" + name + "' is " + v.length() + " characters; at most " + MAX_QUERY_LENGTH);
    }
    return v;
  }

  /** An integer in [{@code min}, {@code max}], {@code dflt} when absent. */
  public int integer(final String name, final int dflt, final int min, final int max) {
    final String v = text(name);
    if (v == null) {
      return dflt;
    }
    final int n;
    try {
      n = Integer.parseInt(v);
    } catch (final NumberFormatException e) {
      throw new BadRequestException("Parameter '" + name + "' must be an integer, was '" + clip(v) + "'");
    }
    if (n < min || n > max) {
      throw new BadRequestException("Parameter '" + name + "' must be between " + min + " and " + max + ", was " + n);
    }
    return n;
  }

  /** {@code true} or {@code false} (any letter case), {@code dflt} when absent. */
  public boolean bool(final String name, final boolean dflt) {
    final String v = text(name);
    if (v == null) {
      return dflt;
    }
    final String lower = v.toLowerCase(Locale.ROOT);
    if (!lower.equals("true") && !lower.equals("false")) {
      throw new BadRequestException("Parameter '" + name + "' must be true or false, was '" + clip(v) + "'");
    }
    return lower.equals("true");
  }

  /** One of {@code choices} (lower-case), {@code dflt} when absent. */
  public String choice(final String name, final String dflt, final Set<String> choices) {
    final String v = text(name);
    if (v == null) {
      return dflt;
    }
    if (!choices.contains(v)) {
      throw new BadRequestException("Unknown value '" + clip(v) + "' for " + name + "; allowed: " + new TreeSet<>(choices));
    }
    return v;
  }

  /** {@code from} and {@code size} checked together against {@link #MAX_WINDOW}. */
  public int[] page() {
    final int size = integer("size", 20, 0, MAX_SIZE);
    final int from = integer("from", 0, 0, MAX_WINDOW);
    if (from + size > MAX_WINDOW) {
      throw new BadRequestException("from + size must be at most " + MAX_WINDOW + ", was " + (from + size));
    }
    return new int[] {from, size};
  }

  private List<String> split(final String name) {
    final List<String> out = new ArrayList<>();
    for (final String v : raw.getOrDefault(name, List.of())) {
      for (final String part : v.split(",", -1)) {
        final String t = part.strip();
        if (!t.isEmpty()) {
          out.add(t);
        }
      }
    }
    if (out.size() > 50) {
      throw new BadRequestException("Too many values for " + name + " (" + out.size() + "); at most 50");
    }
    return out;
  }

  private static String clip(final String s) {
    return s.length() <= 60 ? s : s.substring(0, 60) + "...";
  }
}
