package io.exowatch.ingest.irct.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IRCT's intervention groups as its WHO export writes them in {@code i_freetext}: one free text of
 * numbered groups, {@code "Intervention 1: Intervention group: <description> Intervention 2: Control
 * group: <description>"}. The kind ({@code Intervention group}, {@code Control group}, ...) is optional.
 */
public final class InterventionGroups {

  private static final Pattern NUMBERED = Pattern.compile("(?:^|(?<=\\s|[.;]))Intervention\\s+(\\d{1,3})\\s*:\\s*");
  private static final Pattern FIRST_SENTENCE = Pattern.compile("^(.+?[.;])(?:\\s|$)");
  private static final Pattern KIND = Pattern.compile("^([\\p{L}][\\p{L} \\-]{0,40}?\\bgroup)\\s*:\\s*",
      Pattern.CASE_INSENSITIVE);

  /**
   * One group.
   *
   * @param label {@code Intervention <n>}, as IRCT numbers them
   * @param kind the group's kind as written ({@code Control group}), or {@code null}
   * @param description the rest of the group's text, or {@code null} when empty
   */
  public record Group(String label, String kind, String description) {
  }

  private InterventionGroups() {
  }

  /** The numbered groups of {@code text}; empty when it has none (or is {@code null}). */
  public static List<Group> of(final String text) {
    final List<Group> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    final Matcher m = NUMBERED.matcher(text);
    final List<int[]> starts = new ArrayList<>();
    final List<String> numbers = new ArrayList<>();
    while (m.find()) {
      starts.add(new int[] {m.start(), m.end()});
      numbers.add(m.group(1));
    }
    for (int i = 0; i < starts.size(); i++) {
      final int end = i + 1 < starts.size() ? starts.get(i + 1)[0] : text.length();
      String body = text.substring(starts.get(i)[1], end).strip();
      String kind = null;
      final Matcher k = KIND.matcher(body);
      if (k.find()) {
        kind = k.group(1).strip();
        body = body.substring(k.end()).strip();
      }
      out.add(new Group("Intervention " + numbers.get(i), kind, body.isEmpty() ? null : body));
    }
    return out;
  }

  /** A short name for an intervention known only by its description: its first sentence, at most 120 characters. */
  public static String shortName(final String description) {
    if (description == null) {
      return null;
    }
    final Matcher sentence = FIRST_SENTENCE.matcher(description);
    String name = sentence.find() ? sentence.group(1) : description;
    name = name.replaceAll("[.;]$", "").strip();
    if (name.length() > 120) {
      final int cut = name.lastIndexOf(' ', 117);
      name = name.substring(0, cut > 60 ? cut : 117) + "...";
    }
    return name;
  }
}
