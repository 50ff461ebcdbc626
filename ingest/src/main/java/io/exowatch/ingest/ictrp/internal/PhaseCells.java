package io.exowatch.ingest.ictrp.internal;

import io.exowatch.ingest.parse.PlainText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The phases of a {@code Phase} cell as the registry states them. EU CTR writes one yes/no answer per
 * phase ({@code Human pharmacology (Phase I): no<br>Therapeutic exploratory (Phase II): yes...}): the
 * phases answered yes are kept ({@code Phase II}). Any other cell is one stated phase
 * ({@code Phase 2/Phase 3}, {@code II期}, {@code Not Applicable}), left for enrich to normalise.
 */
public final class PhaseCells {

  private static final Pattern EU_ANSWER = Pattern.compile("\\(\\s*Phase\\s+([IV]+)\\s*\\)\\s*:\\s*(yes|no)",
      Pattern.CASE_INSENSITIVE);

  private PhaseCells() {
  }

  /** The stated phases of {@code cell}; empty for {@code null}. */
  public static List<String> of(final String cell) {
    if (cell == null) {
      return List.of();
    }
    final Matcher m = EU_ANSWER.matcher(cell);
    final List<String> answered = new ArrayList<>();
    boolean euStyle = false;
    while (m.find()) {
      euStyle = true;
      if ("yes".equalsIgnoreCase(m.group(2))) {
        answered.add("Phase " + m.group(1).toUpperCase(Locale.ROOT));
      }
    }
    if (euStyle) {
      return answered;
    }
    final String plain = PlainText.of(cell);
    return plain == null ? List.of() : List.of(plain);
  }
}
