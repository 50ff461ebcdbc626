package io.exowatch.ingest.parse;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Article identifiers: cleaning DOIs and PMIDs, and the key of an article on {@code articles-raw}:
 * {@code doi:<lower-case DOI>} when a DOI is known, else {@code pmid:<PMID>}.
 */
public final class ArticleIds {

  private static final Pattern DOI = Pattern.compile("(10\\.\\d{4,9}/\\S+)");
  private static final Pattern PMCID = Pattern.compile("(?i)^(?:pmc)?(\\d{1,9})$");

  private ArticleIds() {
  }

  /**
   * A DOI without a {@code doi:} prefix or resolver URL, trailing punctuation trimmed, lower-case
   * (DOIs are case-insensitive); empty when {@code raw} holds no DOI. {@code "doi:10.1038/S41586-021-03819-2."}
   * and {@code "https://doi.org/10.1038/s41586-021-03819-2"} both give {@code "10.1038/s41586-021-03819-2"}.
   */
  public static Optional<String> cleanDoi(final String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String s = raw.strip();
    if (s.matches(".*%[0-9A-Fa-f]{2}.*")) {
      s = java.net.URLDecoder.decode(s.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    }
    final Matcher m = DOI.matcher(s);
    if (!m.find()) {
      return Optional.empty();
    }
    s = m.group(1);
    while (!s.isEmpty() && endsWithPunctuation(s)) {
      s = s.substring(0, s.length() - 1);
    }
    return s.contains("/") && s.indexOf('/') < s.length() - 1
        ? Optional.of(s.toLowerCase(Locale.ROOT)) : Optional.empty();
  }

  /** Trailing punctuation of prose around a DOI; a ")" only when it closes nothing inside the DOI. */
  private static boolean endsWithPunctuation(final String s) {
    final char c = s.charAt(s.length() - 1);
    if (c == ')') {
      return s.chars().filter(ch -> ch == '(').count() < s.chars().filter(ch -> ch == ')').count();
    }
    return ".,;:]}>\"'".indexOf(c) >= 0;
  }

  /** A PMID: digits only, no leading zeros; empty when {@code raw} is not one. */
  public static Optional<String> cleanPmid(final String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    final String s = raw.strip().replaceFirst("(?i)^pmid:?\\s*", "");
    if (!s.matches("\\d{1,9}")) {
      return Optional.empty();
    }
    final String trimmed = s.replaceFirst("^0+", "");
    return trimmed.isEmpty() ? Optional.empty() : Optional.of(trimmed);
  }

  /** A PMC id in the form {@code PMC1234567}; empty when {@code raw} is not one. */
  public static Optional<String> cleanPmcid(final String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    final Matcher m = PMCID.matcher(raw.strip());
    return m.matches() ? Optional.of("PMC" + m.group(1)) : Optional.empty();
  }

  /**
   * The key of an article: {@code doi:<doi>} when {@code doi} is given, else {@code pmid:<pmid>}.
   *
   * @param doi a cleaned DOI or {@code null}
   * @param pmid a cleaned PMID or {@code null}
   * @return the key, or empty when both are absent
   */
  public static Optional<String> key(final String doi, final String pmid) {
    if (doi != null && !doi.isBlank()) {
      return Optional.of("doi:" + doi.toLowerCase(Locale.ROOT));
    }
    if (pmid != null && !pmid.isBlank()) {
      return Optional.of("pmid:" + pmid);
    }
    return Optional.empty();
  }
}
