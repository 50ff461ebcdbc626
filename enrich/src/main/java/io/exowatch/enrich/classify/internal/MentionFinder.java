package io.exowatch.enrich.classify.internal;

import io.exowatch.enrich.classify.internal.Mention.Origin;
import io.exowatch.enrich.classify.internal.Mention.Use;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the vesicle and secretome mentions of a record and reads, for each, its origin (the nearest
 * source word before it, or the one after a linker: "T cell-derived exosomes", "exosomes derived from
 * dendritic cells"), its use (diagnostic against therapy cues of its intervention or sentence; an
 * outcome measure or an observational study leans diagnostic) and whether it counts (not a unit like
 * "10^8 nanovesicles/ml", not a component like "conditioned medium containing exosomes").
 */
final class MentionFinder {

  private static final int LEFT_WINDOW = 6;
  private static final int LINKER_GAP = 3;
  private static final int RIGHT_WINDOW = 10;
  private static final int CONTAINER_GAP = 3;
  private static final int CONTAINER_REACH = 6;
  private static final int LISTED_GAP = 2;
  private static final int MODIFIER_GAP = 3;

  private final ScannedRecord record;
  private final Map<Long, int[]> cueScores = new HashMap<>();
  private final List<Mention> mentions = new ArrayList<>();

  private MentionFinder(final ScannedRecord record) {
    this.record = record;
  }

  /** The mentions of a scanned record, with origin, use, and whether they count. */
  static List<Mention> find(final ScannedRecord record) {
    final MentionFinder finder = new MentionFinder(record);
    finder.findMentions();
    return finder.mentions;
  }

  private void findMentions() {
    boolean strongVesicle = false;
    boolean strongSecretome = false;
    for (final Field f : record.fields) {
      for (final Hit h : f.hits) {
        switch (h.kind()) {
          case VESICLE -> strongVesicle |= !h.term.weak();
          case MSC_EV_PRODUCT, OTHER_EV_PRODUCT, DIAGNOSTIC_PRODUCT -> strongVesicle = true;
          case SECRETOME -> strongSecretome |= !h.term.weak();
          default -> { }
        }
      }
    }
    for (final Field f : record.fields) {
      for (final Hit h : f.hits) {
        final Kind k = h.kind();
        if (k != Kind.VESICLE && k != Kind.SECRETOME && k != Kind.MSC_EV_PRODUCT
            && k != Kind.OTHER_EV_PRODUCT && k != Kind.DIAGNOSTIC_PRODUCT) {
          continue;
        }
        final Mention m = new Mention(h, k != Kind.SECRETOME);
        switch (k) {
          case MSC_EV_PRODUCT -> m.origin = Origin.MSC;
          case OTHER_EV_PRODUCT, DIAGNOSTIC_PRODUCT -> m.origin = Origin.OTHER;
          default -> {
            final boolean attached = resolveOrigin(m);
            if (h.term.weak() && !attached && !(k == Kind.VESICLE ? strongVesicle : strongSecretome)) {
              continue;
            }
            m.quantity = ScannedRecord.isQuantity(h);
            m.constituent = k == Kind.VESICLE && isConstituent(h);
            if (m.origin == Origin.MSC_WEAK && k == Kind.SECRETOME && m.source.kind() == Kind.TISSUE) {
              // "endometrial cell conditioned medium": a tissue alone does not make a medium MSC-conditioned.
              m.origin = Origin.UNKNOWN;
            }
          }
        }
        m.negated = ScannedRecord.sentenceHas(h, Kind.NEGATION);
        resolveUse(m);
        m.eligible = f.role.namesProduct() || f.role == Role.KEYWORD || f.role == Role.CONDITION
            || f.role == Role.SUMMARY && (m.use == Use.THERAPY || !record.hasInterventions);
        mentions.add(m);
      }
    }
  }

  /** Sets the mention's origin; returns whether a source sits right next to it or is linked to it. */
  private boolean resolveOrigin(final Mention m) {
    final Hit v = m.hit;
    Hit strongLeft = null;
    Hit weakLeft = null;
    Hit linker = null;
    for (final Hit h : v.field.hits) {
      if (h.sentence != v.sentence) {
        continue;
      }
      if (h.tokEnd < v.tokStart && h.gapTo(v) <= LEFT_WINDOW && h.kind().isSource()) {
        if (isStrongSource(h)) {
          if (strongLeft == null || h.tokEnd > strongLeft.tokEnd) {
            strongLeft = h;
          }
        } else if (weakLeft == null || h.tokEnd > weakLeft.tokEnd) {
          weakLeft = h;
        }
      } else if (linker == null && h.kind() == Kind.LINKER && h.tokStart > v.tokEnd && v.gapTo(h) <= LINKER_GAP) {
        linker = h;
      }
    }
    Hit strongRight = null;
    Hit weakRight = null;
    if (linker != null) {
      for (final Hit h : v.field.hits) {
        if (h.sentence == v.sentence && h.tokStart > linker.tokEnd && linker.gapTo(h) <= RIGHT_WINDOW
            && h.kind().isSource()) {
          if (isStrongSource(h)) {
            if (strongRight == null || h.tokStart < strongRight.tokStart) {
              strongRight = h;
            }
          } else if (weakRight == null || h.tokStart < weakRight.tokStart) {
            weakRight = h;
          }
        }
      }
      strongRight = headOf(strongRight);
    }
    final Hit source;
    if (strongRight != null && (strongLeft == null || strongLeft.gapTo(v) > 1)) {
      source = strongRight;
    } else if (strongLeft != null) {
      source = strongLeft;
    } else if (weakRight != null) {
      source = weakRight;
    } else {
      source = weakLeft;
    }
    m.source = source;
    m.origin = source == null ? Origin.UNKNOWN : originOf(source);
    return source != null && (source == strongRight || source == weakRight || source.gapTo(v) <= 1);
  }

  /**
   * The head of a source phrase: when an MSC word follows the source closely, the source only
   * modified it ("derived from menstrual blood-derived endometrial stem cells").
   */
  private Hit headOf(final Hit source) {
    if (source == null || source.kind() == Kind.MSC) {
      return source;
    }
    for (final Hit h : source.field.hits) {
      if (h.kind() == Kind.MSC && h.sentence == source.sentence && h.tokStart > source.tokEnd
          && source.gapTo(h) <= MODIFIER_GAP) {
        return h;
      }
    }
    return source;
  }

  private boolean isStrongSource(final Hit h) {
    return switch (h.kind()) {
      case MSC, MSC_CELL_PRODUCT, OTHER_SOURCE -> true;
      case TISSUE -> h.term.has("nomsc");
      default -> false;
    };
  }

  private Origin originOf(final Hit source) {
    return switch (source.kind()) {
      case MSC, MSC_CELL_PRODUCT -> Origin.MSC;
      case OTHER_SOURCE -> Origin.OTHER;
      case TISSUE -> source.term.has("nomsc") ? Origin.OTHER : Origin.MSC_WEAK;
      default -> Origin.MSC_WEAK;
    };
  }

  /**
   * "conditioned medium containing exosomes", "MSCs release exosomes", "growth factors and exosomes":
   * part of something else.
   */
  private boolean isConstituent(final Hit v) {
    for (final Hit c : v.field.hits) {
      if (c.kind() == Kind.PARACRINE && c.sentence == v.sentence && c.tokEnd < v.tokStart
          && c.gapTo(v) <= LISTED_GAP) {
        return true;
      }
      if (c.kind() != Kind.CONTAINER || c.sentence != v.sentence || c.tokEnd >= v.tokStart
          || c.gapTo(v) > CONTAINER_GAP) {
        continue;
      }
      if (c.term.has("standalone")) {
        return true;
      }
      for (final Hit container : v.field.hits) {
        if ((container.kind() == Kind.SECRETOME || container.kind() == Kind.PARACRINE)
            && container.sentence == v.sentence && container.tokEnd < c.tokStart
            && container.gapTo(c) <= CONTAINER_REACH) {
          return true;
        }
      }
    }
    return false;
  }

  private void resolveUse(final Mention m) {
    final Hit h = m.hit;
    if (h.kind() == Kind.DIAGNOSTIC_PRODUCT || h.field.role == Role.OUTCOME) {
      m.use = Use.DIAGNOSTIC;
      m.cue = h.kind() == Kind.DIAGNOSTIC_PRODUCT ? h : null;
      return;
    }
    final int[] score = cueScores.computeIfAbsent(record.contextKey(h), k -> score(h));
    int diagnostic = score[0];
    int therapy = score[1];
    if (h.field.role == Role.INTERVENTION) {
      switch (InterventionTypes.cue(h.field.interventionType)) {
        case DIAGNOSTIC -> diagnostic += 3;
        case DEVICE -> diagnostic += 1;
        case THERAPY -> therapy += 1;
        case NONE -> { }
      }
    }
    if (record.observational) {
      diagnostic += 2;
    }
    m.use = diagnostic > therapy ? Use.DIAGNOSTIC : therapy > diagnostic ? Use.THERAPY : Use.NEUTRAL;
    if (m.use == Use.DIAGNOSTIC) {
      m.cue = strongestCue(h, Kind.DIAGNOSTIC_CUE);
    }
  }

  /** Diagnostic and therapy cue strength of a hit's context. */
  private int[] score(final Hit h) {
    final int[] s = new int[2];
    for (final Hit c : record.contextOf(h)) {
      switch (c.kind()) {
        case DIAGNOSTIC_CUE -> s[0] += c.term.weak() ? 1 : 2;
        case DIAGNOSTIC_PRODUCT -> s[0] += 3;
        case THERAPY_CUE, ROUTE -> s[1] += c.term.weak() ? 1 : 2;
        default -> { }
      }
    }
    return s;
  }

  private Hit strongestCue(final Hit h, final Kind kind) {
    Hit best = null;
    for (final Hit c : record.contextOf(h)) {
      if (c.kind() == kind && (best == null || best.term.weak() && !c.term.weak())) {
        best = c;
      }
    }
    return best;
  }
}
