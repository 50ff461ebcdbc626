package io.exowatch.enrich.classify.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names what was loaded into a vesicle, from the sentence that says so: {@code miR-124},
 * {@code siRNA KRAS G12D}, or the words after "loaded with". Runs only on the few sentences that
 * hold a cargo word, so regular expressions are affordable here.
 */
final class CargoDetail {

  /** A microRNA name: miR-124, miR-146a-5p, microRNA-21, let-7. */
  static final Pattern MIRNA = Pattern.compile(
      "(?i)(?<![\\p{L}\\p{N}])(?:(?:hsa-)?mi(?:cro)?R(?:NA)?[- ]?(\\d{1,4}[a-z]?(?:-[35]p)?)|(let-7[a-z]?))(?![\\p{L}\\p{N}])");
  private static final Pattern INTERFERING = Pattern.compile("(?i)(?<![\\p{L}\\p{N}])(si|sh)RNAs?(?![\\p{L}\\p{N}])");
  /** A gene symbol, optionally with a mutation: KRAS G12D, PD-L1, TNF. */
  private static final Pattern GENE = Pattern.compile(
      "(?<![\\p{L}\\p{N}])([A-Z][A-Z0-9]{1,7}(?:-[A-Z0-9]{1,3})?(?: [A-Z]\\d{1,4}[A-Z])?)(?![\\p{L}\\p{N}])");
  private static final Pattern LOADED = Pattern.compile(
      "(?i)(?:loaded|encapsulat\\w*|carrying|overexpress\\w*|enriched|conjugated)\\s+(?:with|in)?\\s*"
          + "((?:[\\p{L}\\p{N}][\\p{L}\\p{N}\\-/]*)(?:\\s+[\\p{L}\\p{N}][\\p{L}\\p{N}\\-/]*){0,3})");
  private static final Pattern STOP_WORDS = Pattern.compile(
      "(?i)\\s+(?:and|or|for|to|in|into|of|by|at|as|on|from|derived|which|that|was|were|is|are|given)\\b.*$");

  private CargoDetail() {
  }

  /** Whether a sentence names a microRNA. */
  static boolean namesMirna(final String sentence) {
    return MIRNA.matcher(sentence).find();
  }

  /** What the sentence says was loaded, or {@code null}. */
  static String describe(final String sentence) {
    final Matcher mir = MIRNA.matcher(sentence);
    if (mir.find()) {
      return mir.group(1) != null ? "miR-" + mir.group(1) : mir.group(2);
    }
    final Matcher si = INTERFERING.matcher(sentence);
    if (si.find()) {
      final String kind = si.group(1).toLowerCase(Locale.ROOT) + "RNA";
      final String target = nearestGene(sentence, si.start(), si.end());
      return target == null ? kind : kind + " " + target;
    }
    final Matcher loaded = LOADED.matcher(sentence);
    if (loaded.find()) {
      final String what = STOP_WORDS.matcher(loaded.group(1)).replaceFirst("").strip();
      return what.isEmpty() ? null : what;
    }
    return null;
  }

  private static String nearestGene(final String sentence, final int start, final int end) {
    final Matcher gene = GENE.matcher(sentence);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    while (gene.find()) {
      if (gene.start() >= start && gene.end() <= end) {
        continue;
      }
      final String g = gene.group(1);
      if (g.equals("RNA") || g.equals("DNA") || g.equals("MSC") || g.equals("MSCS") || g.equals("EV")) {
        continue;
      }
      final int distance = gene.end() <= start ? start - gene.end() : gene.start() - end;
      if (distance < bestDistance && distance <= 40) {
        bestDistance = distance;
        best = g;
      }
    }
    return best;
  }
}
