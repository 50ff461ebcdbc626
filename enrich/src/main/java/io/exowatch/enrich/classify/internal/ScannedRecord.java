package io.exowatch.enrich.classify.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One record's fields after the vocabulary scan: each field's hits in text order with the hits
 * hidden inside longer ones dropped, the intervention and arm groups, and the context queries the
 * rules ask ("what else is in this hit's intervention or sentence").
 */
final class ScannedRecord {

  static {
    if (Kind.values().length > Long.SIZE) {
      throw new IllegalStateException("ScannedRecord keeps the kinds present in a long: at most 64 kinds");
    }
  }

  private static final Comparator<Hit> BY_POSITION =
      Comparator.comparingInt((Hit h) -> h.start).thenComparingInt(h -> -h.end);

  final List<Field> fields;
  final boolean observational;
  final boolean hasInterventions;
  private final Map<Long, List<Field>> groups = new HashMap<>();
  /** Bit {@code 1 << kind.ordinal()} set for every kind some field has a hit of. */
  private long kinds;

  ScannedRecord(final List<Term> terms, final PhraseAutomaton automaton, final List<Field> fields,
      final boolean observational, final boolean hasInterventions) {
    this.fields = fields;
    this.observational = observational;
    this.hasInterventions = hasInterventions;
    final PhraseAutomaton.Scanner scanner = automaton.scanner();
    for (int i = 0; i < fields.size(); i++) {
      final Field f = fields.get(i);
      f.index = i;
      f.hits.clear();
      scanner.scan(f.text, (id, s, e, ts, te, sent) -> f.hits.add(new Hit(terms.get(id), f, s, e, ts, te, sent)));
      dropContained(f.hits);
      for (final Hit h : f.hits) {
        kinds |= 1L << h.kind().ordinal();
      }
      if (f.group >= 0) {
        groups.computeIfAbsent(groupKey(f), k -> new ArrayList<>(3)).add(f);
      }
    }
  }

  /**
   * Drops hits inside a longer hit that hides them (see {@link Kind#layer}): "stem cell" inside
   * "hematopoietic stem cell", the route "IV" inside "stage IV".
   */
  private void dropContained(final List<Hit> hits) {
    if (hits.size() < 2) {
      return;
    }
    hits.sort(BY_POSITION);
    // Per layer: the furthest end reached so far and where the hit reaching it started.
    final int[] maxEnd = new int[Kind.LAYERS];
    final int[] maxEndStart = new int[Kind.LAYERS];
    java.util.Arrays.fill(maxEnd, -1);
    int kept = 0;
    for (int i = 0; i < hits.size(); i++) {
      final Hit h = hits.get(i);
      boolean contained = false;
      for (int layer = 0; layer < Kind.LAYERS && !contained; layer++) {
        if (maxEnd[layer] >= 0 && hiddenByLayer(h.kind(), layer)) {
          contained = maxEnd[layer] > h.end || maxEnd[layer] == h.end && maxEndStart[layer] < h.start;
        }
      }
      if (!contained) {
        hits.set(kept++, h);
        final int layer = h.kind().layer();
        if (h.end > maxEnd[layer]) {
          maxEnd[layer] = h.end;
          maxEndStart[layer] = h.start;
        }
      }
    }
    hits.subList(kept, hits.size()).clear();
  }

  private boolean hiddenByLayer(final Kind kind, final int layer) {
    final int mine = kind.layer();
    return layer == mine || layer == Kind.NEUTRAL_LAYER
        || layer == Kind.ORIGIN_LAYER && (mine == Kind.CONDITION_LAYER || mine == Kind.APPLICATION_LAYER);
  }


  /** The intervention and arm groups: the fields each intervention (or arm) spreads over. */
  Collection<List<Field>> groups() {
    return groups.values();
  }

  private static long groupKey(final Field f) {
    return (1L << 62) | ((long) f.role.ordinal() << 32) | f.group;
  }

  /** A key equal for hits of one context: an intervention or arm, else a sentence of a field. */
  long contextKey(final Hit h) {
    return h.field.group >= 0 ? groupKey(h.field) : ((long) h.field.index << 32) | h.sentence;
  }

  /** The hits of a hit's context: its intervention or arm, else its sentence. */
  List<Hit> contextOf(final Hit h) {
    final List<Hit> out = new ArrayList<>();
    if (h.field.group >= 0) {
      for (final Field f : groups.get(groupKey(h.field))) {
        out.addAll(f.hits);
      }
    } else {
      for (final Hit o : h.field.hits) {
        if (o.sentence == h.sentence) {
          out.add(o);
        }
      }
    }
    return out;
  }

  /** Whether any field holds a hit of the kind. */
  boolean any(final Kind kind) {
    return (kinds & 1L << kind.ordinal()) != 0;
  }

  /** Whether any field holds a hit of one of the kinds. */
  boolean anyOf(final Kind... of) {
    for (final Kind kind : of) {
      if (any(kind)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the hit's sentence holds a hit of the kind. */
  static boolean sentenceHas(final Hit h, final Kind kind) {
    for (final Hit o : h.field.hits) {
      if (o.kind() == kind && o.sentence == h.sentence) {
        return true;
      }
    }
    return false;
  }

  /** Whether a hit of the kind is within {@code window} words of the hit, either side, same sentence. */
  static boolean hasNear(final Hit h, final Kind kind, final int window) {
    for (final Hit o : h.field.hits) {
      if (o.kind() == kind && o.sentence == h.sentence
          && (o.tokEnd < h.tokStart ? o.gapTo(h) <= window : h.gapTo(o) <= window)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a linker follows {@code first} at once and {@code second} follows the linker within {@code gap} words. */
  static boolean linkedBetween(final Hit first, final Hit second, final int gap) {
    for (final Hit l : first.field.hits) {
      if (l.kind() == Kind.LINKER && l.sentence == first.sentence && l.tokStart > first.tokEnd
          && l.tokEnd < second.tokStart && first.gapTo(l) <= 1 && l.gapTo(second) <= gap) {
        return true;
      }
    }
    return false;
  }

  /** "2.0x10^8 nano vesicles/3 ml", "5 cm": a number right before the word makes it a unit. */
  static boolean isQuantity(final Hit h) {
    final String text = h.field.text;
    int i = h.start - 1;
    while (i >= 0 && (text.charAt(i) == ' ' || text.charAt(i) == '\u00a0')) {
      i--;
    }
    return i >= 0 && i < h.start - 1 && Character.isDigit(text.charAt(i));
  }

  /** The text of the hit's sentence (the scan's sentence rule: . ; ! ? before a space, or a newline). */
  static String sentenceOf(final Hit h) {
    final String text = h.field.text;
    int sentence = 0;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      final char c = text.charAt(i);
      final boolean end = c == '\n' || (c == '.' || c == ';' || c == '!' || c == '?')
          && (i + 1 >= text.length() || Character.isWhitespace(text.charAt(i + 1)));
      if (end) {
        if (sentence == h.sentence) {
          return text.substring(start, i + 1);
        }
        sentence++;
        start = i + 1;
      }
    }
    return text.substring(start);
  }
}
