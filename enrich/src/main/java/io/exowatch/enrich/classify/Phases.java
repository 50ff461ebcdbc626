package io.exowatch.enrich.classify;

import io.exowatch.schemas.avro.Phase;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Normalises trial phases as registries write them into one {@link Phase}.
 *
 * <p>Understood: ClinicalTrials.gov enums ({@code EARLY_PHASE1}, {@code PHASE1}, {@code NA}, a list
 * {@code [PHASE1, PHASE2]}); words with Arabic or Roman numerals and sub-phases ({@code Phase II},
 * {@code Phase 1/Phase 2}, {@code Phase 2-3}, {@code Phase I/II}, {@code Phase 1b}, {@code IIa});
 * {@code Phase 0} and {@code Early Phase 1} ({@link Phase#EARLY_PHASE1}); {@code N/A},
 * {@code Not Applicable}, {@code NA} ({@link Phase#NOT_APPLICABLE}); EU register wording
 * ({@code Therapeutic exploratory (Phase II)}; entries answered {@code No} are skipped) and
 * {@code Post-market} (phase 4). Two adjacent phases give the combined phase (1+2, 2+3); any other
 * combination, or nothing recognisable, gives {@link Phase#UNKNOWN}. Thread-safe, no state.
 */
public final class Phases {

  private static final Map<String, Integer> NUMERALS = Map.ofEntries(
      Map.entry("0", 0), Map.entry("1", 1), Map.entry("2", 2), Map.entry("3", 3), Map.entry("4", 4),
      Map.entry("i", 1), Map.entry("ii", 2), Map.entry("iii", 3), Map.entry("iv", 4),
      Map.entry("1a", 1), Map.entry("1b", 1), Map.entry("2a", 2), Map.entry("2b", 2), Map.entry("3a", 3),
      Map.entry("3b", 3), Map.entry("ia", 1), Map.entry("ib", 1), Map.entry("iia", 2), Map.entry("iib", 2),
      Map.entry("iiia", 3), Map.entry("iiib", 3), Map.entry("iva", 4), Map.entry("ivb", 4));

  private static final Pattern NON_WORD = Pattern.compile("[^a-z0-9]+");

  /**
   * Phases read before, by the registry's list: registries use a few dozen, so nearly every record
   * is a lookup. Bounded, so that free-text phases cannot grow it without end.
   */
  private static final Map<List<String>, Phase> READ = new ConcurrentHashMap<>();
  private static final int READ_LIMIT = 4096;

  private Phases() {
  }

  /**
   * The normalised phase of a record.
   *
   * @param phases the phases as the registry states them; {@code null} or empty gives UNKNOWN
   * @return the phase
   */
  public static Phase normalise(final List<String> phases) {
    if (phases == null || phases.isEmpty()) {
      return Phase.UNKNOWN;
    }
    final Phase known = READ.get(phases);
    if (known != null) {
      return known;
    }
    final Phase read = read(phases);
    if (READ.size() < READ_LIMIT && phases.stream().allMatch(Objects::nonNull)) {
      // A copy: the caller's list may change later.
      READ.put(List.copyOf(phases), read);
    }
    return read;
  }

  private static Phase read(final List<String> phases) {
    final BitSet numbers = new BitSet(5);
    boolean notApplicable = false;
    for (final String raw : phases) {
      if (raw == null || raw.isBlank()) {
        continue;
      }
      final String s = raw.toLowerCase(Locale.ROOT).replace('_', ' ').strip();
      final String[] words = NON_WORD.split(s);
      if (contains(words, "no") || contains(words, "false")) {
        continue;
      }
      if (s.equals("na") || s.equals("n/a") || s.contains("not applicable") || s.equals("none")) {
        notApplicable = true;
        continue;
      }
      if (s.contains("early phase")) {
        numbers.set(0);
        continue;
      }
      if (s.contains("post market") || s.contains("post-market") || s.contains("postmarket")) {
        numbers.set(4);
        continue;
      }
      final boolean saysPhase = s.contains("phase");
      boolean onlyNumerals = true;
      final BitSet found = new BitSet(5);
      for (final String w : words) {
        if (w.isEmpty()) {
          continue;
        }
        final String word = w.startsWith("phase") && w.length() > 5 ? w.substring(5) : w;
        final Integer n = NUMERALS.get(word);
        if (n != null) {
          found.set(n);
        } else if (!word.equals("phase")) {
          onlyNumerals = false;
        }
      }
      if (saysPhase || onlyNumerals) {
        numbers.or(found);
      }
    }
    return combine(numbers, notApplicable);
  }

  private static Phase combine(final BitSet numbers, final boolean notApplicable) {
    if (numbers.isEmpty()) {
      return notApplicable ? Phase.NOT_APPLICABLE : Phase.UNKNOWN;
    }
    if (numbers.get(0)) {
      numbers.clear(0);
      return numbers.isEmpty() || numbers.cardinality() == 1 && numbers.get(1) ? Phase.EARLY_PHASE1 : Phase.UNKNOWN;
    }
    final int lo = numbers.nextSetBit(0);
    final int hi = numbers.length() - 1;
    if (lo == hi) {
      return switch (lo) {
        case 1 -> Phase.PHASE1;
        case 2 -> Phase.PHASE2;
        case 3 -> Phase.PHASE3;
        default -> Phase.PHASE4;
      };
    }
    if (numbers.cardinality() == 2 && hi == lo + 1) {
      if (lo == 1) {
        return Phase.PHASE1_PHASE2;
      }
      if (lo == 2) {
        return Phase.PHASE2_PHASE3;
      }
    }
    return Phase.UNKNOWN;
  }

  private static boolean contains(final String[] words, final String word) {
    for (final String w : words) {
      if (w.equals(word)) {
        return true;
      }
    }
    return false;
  }
}
