package io.exowatch.ingest.euctr.internal;

import io.exowatch.ingest.parse.PlainText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What EU CTR values mean: the register's placeholders for "nothing here"
 * ({@code Information not present in EudraCT}, {@code NA}, {@code N/A}, {@code -}), its {@code Yes}/{@code No}
 * checkboxes, and free text made plain ({@link PlainText}).
 */
public final class Values {

  private static final Set<String> PLACEHOLDERS = Set.of(
      "information not present in eudract", "na", "n/a", "n.a.", "-", "none", "not applicable");

  private Values() {
  }

  /** Whether {@code value} says nothing: {@code null}, blank or a placeholder. */
  public static boolean isPlaceholder(final String value) {
    return value == null || value.isBlank()
        || PLACEHOLDERS.contains(value.strip().toLowerCase(Locale.ROOT));
  }

  /** Whether a checkbox value is {@code Yes}. */
  public static boolean isYes(final String value) {
    return value != null && value.strip().equalsIgnoreCase("yes");
  }

  /** The plain text of a value, whitespace and line breaks collapsed; {@code null} for a placeholder. */
  public static String text(final String value) {
    return isPlaceholder(value) ? null : PlainText.of(value);
  }

  /** The lines of a list value (routes, countries), each plain, placeholders dropped. */
  public static List<String> lines(final String value) {
    final List<String> out = new ArrayList<>();
    if (value == null) {
      return out;
    }
    for (final String line : value.split("\n")) {
      final String t = text(line);
      if (t != null) {
        out.add(t);
      }
    }
    return out;
  }
}
