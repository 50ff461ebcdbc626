package io.exowatch.ingest.chictr.internal;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A registration its owner withdrew. ChiCTR keeps such a record public, leaves its recruiting status
 * as it was and marks the title instead: {@code "Cancelled by the investigator   Clinical guidance
 * of ..."} (seen in ChiCTR records as the WHO ICTRP lists them); the Chinese title may carry
 * {@code 撤销} / {@code 已撤销} ("revoked") the same way.
 *
 * @param reason the marker as written, e.g. {@code Cancelled by the investigator}
 * @param title the title without the marker
 */
public record Withdrawal(String reason, String title) {

  private static final Pattern ENGLISH = Pattern.compile(
      "^\\s*[(\\[【（]?\\s*(cancell?ed\\s+by\\s+(?:the\\s+)?"
          + "(?:investigators?|sponsors?|applicants?|registrants?|researchers?))\\b\\s*[)\\]】）]?\\s*[,.;:：-]?\\s*",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern CHINESE = Pattern.compile(
      "^\\s*[(\\[【（]?\\s*((?:研究者)?(?:申请)?(?:已)?撤销)\\s*[)\\]】）]?\\s*[,，:：-]?\\s*");

  /** The withdrawal marked at the start of {@code title}, if any. */
  public static Optional<Withdrawal> of(final String title) {
    if (title == null) {
      return Optional.empty();
    }
    for (final Pattern p : new Pattern[] {ENGLISH, CHINESE}) {
      final Matcher m = p.matcher(title);
      if (m.find()) {
        final String rest = title.substring(m.end()).strip();
        return Optional.of(new Withdrawal(m.group(1).strip(), rest.isEmpty() ? null : rest));
      }
    }
    return Optional.empty();
  }
}
