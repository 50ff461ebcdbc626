package io.exowatch.enrich.classify.internal;

import java.util.List;

/** A vesicle, secretome or branded-product word and what the analysis made of it. */
final class Mention {

  /** Where the vesicles or secretome came from. */
  enum Origin {
    /** Explicit MSCs (or an MSC-EV brand). */
    MSC,
    /** Generic stem cells or an MSC tissue alone. */
    MSC_WEAK,
    /** Non-MSC cells, fluids, plants, bacteria. */
    OTHER,
    /** Not stated near the word. */
    UNKNOWN
  }

  /** What is done with them. */
  enum Use { DIAGNOSTIC, THERAPY, NEUTRAL }

  final Hit hit;
  final boolean vesicle;
  Hit source;
  Origin origin = Origin.UNKNOWN;
  Use use = Use.NEUTRAL;
  Hit cue;
  boolean quantity;
  boolean constituent;
  boolean negated;
  boolean eligible;

  Mention(final Hit hit, final boolean vesicle) {
    this.hit = hit;
    this.vesicle = vesicle;
  }

  /** Whether the mention names a product at all (not a unit, not a component, not said to be withheld). */
  boolean counts() {
    return !quantity && !constituent && !negated;
  }

  /** Whether it may be an MSC product. */
  boolean mscLike() {
    return origin == Origin.MSC || origin == Origin.MSC_WEAK || origin == Origin.UNKNOWN;
  }

  /**
   * The best administered mention of an origin, vesicles or secretome: product fields first,
   * explicit sources first. {@link Origin#MSC} also takes weak MSC origins; {@link Origin#UNKNOWN}
   * takes any MSC-like one.
   */
  static Mention best(final List<Mention> mentions, final Origin origin, final boolean vesicle) {
    Mention best = null;
    for (final Mention m : mentions) {
      if (!m.counts() || m.vesicle != vesicle || m.use == Use.DIAGNOSTIC || !m.eligible) {
        continue;
      }
      final boolean fits = origin == Origin.MSC ? m.origin == Origin.MSC || m.origin == Origin.MSC_WEAK
          : origin == Origin.UNKNOWN ? m.mscLike() : m.origin == origin;
      if (fits && (best == null || m.rank() > best.rank())) {
        best = m;
      }
    }
    return best;
  }

  private int rank() {
    return hit.field.role.weight() * 4 + (origin == Origin.MSC || origin == Origin.OTHER ? 2 : 0)
        + (source != null ? 1 : 0);
  }
}
