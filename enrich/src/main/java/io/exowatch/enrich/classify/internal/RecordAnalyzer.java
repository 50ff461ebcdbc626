package io.exowatch.enrich.classify.internal;

import io.exowatch.schemas.avro.Application;
import io.exowatch.schemas.avro.Cargo;
import io.exowatch.schemas.avro.Category;
import io.exowatch.schemas.avro.ConditionArea;
import io.exowatch.schemas.avro.Evidence;
import io.exowatch.schemas.avro.MscSource;
import io.exowatch.schemas.avro.ProductType;
import io.exowatch.schemas.avro.Route;
import io.exowatch.schemas.avro.StudyKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of CLASSIFICATION.md over the vocabulary hits of one record.
 *
 * <p>Every vesicle or secretome word is a <em>mention</em>. A mention gets an <em>origin</em> from the
 * nearest source word before it ("umbilical cord MSC-derived exosomes", "T cell exosomes") or after a
 * linker ("exosomes derived from dendritic cells"), and a <em>use</em> from the cues around it:
 * diagnostic ("biomarker", "measured", an outcome measure, an observational study) against
 * therapeutic ("nebulised", "injection", "dose", a drug or biological intervention). Mentions that
 * are quantities ("10^8 nanovesicles/ml"), components of something else ("conditioned medium
 * containing exosomes", "MSCs release exosomes") or background (summary sentences without an
 * administration cue, when the record lists its interventions) do not decide the category. The
 * weighted mentions then decide: MSC vesicles, MSC secretome, other vesicles, unsourced vesicles,
 * measured vesicles, live MSCs, else unrelated. Labels are read from the product's own context only
 * (its intervention, the title, the sentences naming it), so a comparator's route or a background
 * disease does not leak in.
 */
public final class RecordAnalyzer {

  private static final int LEFT_WINDOW = 6;
  private static final int LINKER_GAP = 3;
  private static final int RIGHT_WINDOW = 10;
  private static final int TISSUE_WINDOW = 8;
  private static final int TISSUE_BEFORE = 3;
  private static final int LINKED_TISSUE_GAP = 4;
  private static final int CONTAINER_GAP = 3;
  private static final int CONTAINER_REACH = 6;
  private static final int MAX_EVIDENCE_CHARS = 200;
  private static final String RECORD_FIELD = "record";

  private static final Comparator<Hit> BY_POSITION =
      Comparator.comparingInt((Hit h) -> h.start).thenComparingInt(h -> -h.end);

  private final List<Term> terms;
  private final PhraseAutomaton automaton;

  /**
   * An analyzer over a compiled vocabulary.
   *
   * @param terms the vocabulary's terms, by id
   * @param automaton the vocabulary's automaton
   */
  public RecordAnalyzer(final List<Term> terms, final PhraseAutomaton automaton) {
    this.terms = List.copyOf(terms);
    this.automaton = automaton;
  }

  /**
   * Classifies one record given as fields.
   *
   * @param fields the record's text fields
   * @param observational whether the record is an observational study (nothing is administered)
   * @param hasInterventions whether the record lists its interventions (else summaries name the product)
   * @return the verdict
   */
  public Verdict analyze(final List<Field> fields, final boolean observational, final boolean hasInterventions) {
    return new Run(fields, observational, hasInterventions).verdict();
  }

  /** Whether any field holds a hit of the kind; for callers deciding on costlier extraction. */
  public boolean mentions(final List<Field> fields, final Kind kind) {
    for (final Field f : fields) {
      for (final Hit h : f.hits) {
        if (h.kind() == kind) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * An article's study kind from its words (after {@link #analyze} scanned the fields): cues in the
   * title count three times, strong cues twice.
   *
   * @param fields the fields analyzed
   * @return evidence labelled {@code studyKind:<KIND>} for the winning kind, or {@code null} when no cue
   */
  public Evidence studyKind(final List<Field> fields) {
    final EnumMap<StudyKind, Integer> scores = new EnumMap<>(StudyKind.class);
    final EnumMap<StudyKind, Hit> best = new EnumMap<>(StudyKind.class);
    for (final Field f : fields) {
      for (final Hit h : f.hits) {
        if (h.kind() != Kind.STUDY_KIND) {
          continue;
        }
        final StudyKind k = h.term.studyKind();
        scores.merge(k, (h.term.weak() ? 1 : 2) * f.role.weight(), Integer::sum);
        final Hit b = best.get(k);
        if (b == null || b.field.role.weight() < f.role.weight() || b.term.weak() && !h.term.weak()) {
          best.put(k, h);
        }
      }
    }
    StudyKind winner = null;
    for (final Map.Entry<StudyKind, Integer> e : scores.entrySet()) {
      if (winner == null || e.getValue() > scores.get(winner)) {
        winner = e.getKey();
      }
    }
    if (winner == null) {
      return null;
    }
    final Hit h = best.get(winner);
    return new Evidence("studyKind:" + winner, h.field.path, bound(h.text()));
  }

  private enum Origin { MSC, MSC_WEAK, OTHER, UNKNOWN }

  private enum Use { DIAGNOSTIC, THERAPY, NEUTRAL }

  /** A vesicle, secretome or branded-product word and what the analysis made of it. */
  private static final class Mention {
    final Hit hit;
    final boolean vesicle;
    Hit source;
    Origin origin = Origin.UNKNOWN;
    Use use = Use.NEUTRAL;
    Hit cue;
    boolean quantity;
    boolean constituent;
    boolean eligible;

    Mention(final Hit hit, final boolean vesicle) {
      this.hit = hit;
      this.vesicle = vesicle;
    }

    boolean counts() {
      return !quantity && !constituent;
    }

    boolean mscLike() {
      return origin == Origin.MSC || origin == Origin.MSC_WEAK || origin == Origin.UNKNOWN;
    }
  }

  /** The analysis of one record. */
  private final class Run {
    private final List<Field> fields;
    private final boolean observational;
    private final boolean hasInterventions;
    private final Map<Long, List<Field>> groups = new HashMap<>();
    private final Map<Long, int[]> cueScores = new HashMap<>();
    private final List<Mention> mentions = new ArrayList<>();
    private final List<Evidence> evidence = new ArrayList<>();

    Run(final List<Field> fields, final boolean observational, final boolean hasInterventions) {
      this.fields = fields;
      this.observational = observational;
      this.hasInterventions = hasInterventions;
    }

    Verdict verdict() {
      scan();
      findMentions();
      return decide();
    }

    // ---- scanning ---------------------------------------------------------------------------

    private void scan() {
      final PhraseAutomaton.Scanner scanner = automaton.scanner();
      for (int i = 0; i < fields.size(); i++) {
        final Field f = fields.get(i);
        f.index = i;
        f.hits.clear();
        scanner.scan(f.text, (id, s, e, ts, te, sent) -> f.hits.add(new Hit(terms.get(id), f, s, e, ts, te, sent)));
        dropContained(f.hits);
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

    private long groupKey(final Field f) {
      return (1L << 62) | ((long) f.role.ordinal() << 32) | f.group;
    }

    private long contextKey(final Hit h) {
      return h.field.group >= 0 ? groupKey(h.field) : ((long) h.field.index << 32) | h.sentence;
    }

    /** The hits of a hit's context: its intervention or arm, else its sentence. */
    private List<Hit> contextOf(final Hit h) {
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

    // ---- mentions ---------------------------------------------------------------------------

    private void findMentions() {
      boolean strongVesicle = false;
      boolean strongSecretome = false;
      for (final Field f : fields) {
        for (final Hit h : f.hits) {
          switch (h.kind()) {
            case VESICLE -> strongVesicle |= !h.term.weak();
            case MSC_EV_PRODUCT, OTHER_EV_PRODUCT, DIAGNOSTIC_PRODUCT -> strongVesicle = true;
            case SECRETOME -> strongSecretome |= !h.term.weak();
            default -> { }
          }
        }
      }
      for (final Field f : fields) {
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
              m.quantity = isQuantity(h);
              m.constituent = k == Kind.VESICLE && isConstituent(h);
            }
          }
          resolveUse(m);
          m.eligible = f.role.namesProduct() || f.role == Role.KEYWORD || f.role == Role.CONDITION
              || f.role == Role.SUMMARY && (m.use == Use.THERAPY || !hasInterventions);
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

    /** "2.0x10^8 nano vesicles/3 ml", "5 cm": a number right before the word makes it a unit. */
    private boolean isQuantity(final Hit h) {
      final String text = h.field.text;
      int i = h.start - 1;
      while (i >= 0 && (text.charAt(i) == ' ' || text.charAt(i) == '\u00a0')) {
        i--;
      }
      return i >= 0 && i < h.start - 1 && Character.isDigit(text.charAt(i));
    }

    /** "conditioned medium containing exosomes", "MSCs release exosomes": part of something else. */
    private boolean isConstituent(final Hit v) {
      for (final Hit c : v.field.hits) {
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
      final int[] score = cueScores.computeIfAbsent(contextKey(h), k -> score(h));
      int diagnostic = score[0];
      int therapy = score[1];
      final String type = h.field.interventionType;
      if (h.field.role == Role.INTERVENTION && type != null) {
        switch (type) {
          case "DIAGNOSTIC_TEST" -> diagnostic += 3;
          case "DEVICE" -> diagnostic += 1;
          case "BIOLOGICAL", "DRUG", "GENETIC", "COMBINATION_PRODUCT" -> therapy += 1;
          default -> { }
        }
      }
      if (observational) {
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
      for (final Hit c : contextOf(h)) {
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
      for (final Hit c : contextOf(h)) {
        if (c.kind() == kind && (best == null || best.term.weak() && !c.term.weak())) {
          best = c;
        }
      }
      return best;
    }

    // ---- the category -----------------------------------------------------------------------

    private Verdict decide() {
      int mscEv = 0;
      int mscEvExplicit = 0;
      int otherEv = 0;
      int diagnostic = 0;
      int unknownTherapy = 0;
      int unknownNeutral = 0;
      int secretome = 0;
      int secretomeExplicit = 0;
      int secretomeUnknown = 0;
      for (final Mention m : mentions) {
        if (!m.counts()) {
          continue;
        }
        final int w = m.hit.field.role.weight();
        if (m.use == Use.DIAGNOSTIC) {
          diagnostic += w;
          continue;
        }
        if (!m.eligible) {
          continue;
        }
        if (m.vesicle) {
          switch (m.origin) {
            case MSC -> {
              mscEv += w;
              mscEvExplicit += w;
            }
            case MSC_WEAK -> mscEv += w;
            case OTHER -> otherEv += w;
            default -> {
              if (m.use == Use.THERAPY) {
                unknownTherapy += w;
              } else {
                unknownNeutral += w;
              }
            }
          }
        } else {
          switch (m.origin) {
            case MSC -> {
              secretome += w;
              secretomeExplicit += w;
            }
            case MSC_WEAK -> secretome += w;
            case UNKNOWN -> secretomeUnknown += w;
            default -> { }
          }
        }
      }
      final int unknownEv = unknownTherapy + unknownNeutral;
      final boolean recordMsc = recordMentions(true);
      final boolean recordOther = recordMentions(false);
      final List<Hit> live = liveMsc();

      if (mscEv > 0 && mscEv >= otherEv) {
        double c = mscEvExplicit > 0 ? 0.95 : 0.8;
        if (!hasProductFieldMention(Origin.MSC, Origin.MSC_WEAK, true)) {
          c -= 0.15;
        }
        if (otherEv > 0) {
          c -= 0.2;
        }
        if (diagnostic > mscEv) {
          c -= 0.1;
        }
        return mscTherapy(Category.MSC_EV_THERAPY, c, live);
      }
      if (secretome > 0 && secretome >= otherEv) {
        double c = secretomeExplicit > 0 ? 0.9 : 0.75;
        if (otherEv > 0) {
          c -= 0.2;
        }
        return mscTherapy(Category.MSC_SECRETOME_THERAPY, c, live);
      }
      if (otherEv > 0) {
        double c = 0.9;
        if (!hasProductFieldMention(Origin.OTHER, Origin.OTHER, true)) {
          c -= 0.15;
        }
        return other(c, Origin.OTHER);
      }
      if (unknownEv > 0 && recordMsc && !recordOther) {
        return mscTherapy(Category.MSC_EV_THERAPY, 0.6, live);
      }
      if (secretomeUnknown > 0 && recordMsc) {
        return mscTherapy(Category.MSC_SECRETOME_THERAPY, 0.55, live);
      }
      if (unknownEv > 0 && recordOther) {
        return other(0.6, Origin.UNKNOWN);
      }
      if (unknownTherapy > 0 && unknownTherapy > diagnostic && !observational) {
        return other(0.35, Origin.UNKNOWN);
      }
      // Live MSCs with vesicles only measured (an exosome outcome) are still a cell therapy.
      if (!live.isEmpty() && !observational) {
        final Hit best = live.get(0);
        evidence(label(Category.MSC_CELL_THERAPY), best);
        double c = best.field.role.namesProduct() ? 0.9 : 0.7;
        if (diagnostic > 0 || unknownEv > 0) {
          c -= 0.1;
        }
        return verdict(Category.MSC_CELL_THERAPY, c);
      }
      if (diagnostic > 0 || unknownEv > 0) {
        return diagnostic(diagnostic > 0);
      }
      return unrelated();
    }

    /** Whether the record names MSCs (or, when {@code msc} is false, a non-MSC source) where its product is named. */
    private boolean recordMentions(final boolean msc) {
      for (final Field f : fields) {
        if (f.role == Role.OUTCOME || f.role == Role.CONDITION) {
          continue;
        }
        for (final Hit h : f.hits) {
          final Kind k = h.kind();
          if (msc) {
            if (k == Kind.MSC || k == Kind.MSC_CELL_PRODUCT || k == Kind.MSC_EV_PRODUCT
                || k == Kind.STEM && f.role.namesProduct()) {
              return true;
            }
          } else if ((k == Kind.OTHER_SOURCE || k == Kind.OTHER_EV_PRODUCT) && f.role.namesProduct()) {
            return true;
          }
        }
      }
      return false;
    }

    private boolean hasProductFieldMention(final Origin a, final Origin b, final boolean vesicle) {
      for (final Mention m : mentions) {
        if (m.counts() && m.vesicle == vesicle && m.use != Use.DIAGNOSTIC && m.hit.field.role.namesProduct()
            && (m.origin == a || m.origin == b)) {
          return true;
        }
      }
      return false;
    }

    /**
     * Interventions (else arms, else titles) that name MSCs but no vesicle or secretome: live cells.
     * Ordered by field weight, best first.
     */
    private List<Hit> liveMsc() {
      final List<Hit> out = new ArrayList<>();
      for (final List<Field> group : groups.values()) {
        if (group.get(0).role != Role.INTERVENTION && hasInterventions) {
          continue;
        }
        Hit msc = null;
        boolean product = false;
        for (final Field f : group) {
          for (final Hit h : f.hits) {
            final Kind k = h.kind();
            if (k == Kind.VESICLE && !isQuantity(h) || k == Kind.SECRETOME || k == Kind.MSC_EV_PRODUCT
                || k == Kind.OTHER_EV_PRODUCT) {
              product = true;
            } else if (msc == null && (k == Kind.MSC || k == Kind.MSC_CELL_PRODUCT || k == Kind.STEM
                && hasNear(h, Kind.TISSUE, 3))) {
              msc = h;
            }
          }
        }
        if (msc != null && !product) {
          out.add(msc);
        }
      }
      if (out.isEmpty()) {
        for (final Field f : fields) {
          if (f.role != Role.TITLE && !(f.role == Role.SUMMARY && !hasInterventions)) {
            continue;
          }
          for (final Hit h : f.hits) {
            if ((h.kind() == Kind.MSC || h.kind() == Kind.MSC_CELL_PRODUCT) && !sentenceHas(h, Kind.VESICLE)
                && !sentenceHas(h, Kind.SECRETOME) && (f.role == Role.TITLE || sentenceHas(h, Kind.THERAPY_CUE))) {
              out.add(h);
              break;
            }
          }
        }
      }
      out.sort(Comparator.comparingInt((Hit h) -> -h.field.role.weight()));
      return out;
    }

    private boolean hasNear(final Hit h, final Kind kind, final int window) {
      for (final Hit o : h.field.hits) {
        if (o.kind() == kind && o.sentence == h.sentence
            && (o.tokEnd < h.tokStart ? o.gapTo(h) <= window : h.gapTo(o) <= window)) {
          return true;
        }
      }
      return false;
    }

    private boolean sentenceHas(final Hit h, final Kind kind) {
      for (final Hit o : h.field.hits) {
        if (o.kind() == kind && o.sentence == h.sentence) {
          return true;
        }
      }
      return false;
    }

    // ---- verdicts ---------------------------------------------------------------------------

    private Verdict other(final double confidence, final Origin origin) {
      final Mention best = bestMention(origin, true);
      if (best != null) {
        mentionEvidence(label(Category.OTHER_EV_THERAPY), best);
      } else {
        evidence.add(new Evidence(label(Category.OTHER_EV_THERAPY), RECORD_FIELD,
            "vesicles administered without an MSC source"));
      }
      return verdict(Category.OTHER_EV_THERAPY, confidence);
    }

    private Verdict diagnostic(final boolean cued) {
      Mention best = null;
      for (final Mention m : mentions) {
        if (m.counts() && m.use == Use.DIAGNOSTIC
            && (best == null || m.hit.field.role.weight() > best.hit.field.role.weight()
            || best.cue == null && m.cue != null && m.hit.field.role.weight() == best.hit.field.role.weight())) {
          best = m;
        }
      }
      if (best == null) {
        best = bestMention(Origin.UNKNOWN, true);
      }
      final String label = label(Category.EV_DIAGNOSTIC);
      if (best != null) {
        mentionEvidence(label, best);
        if (best.cue != null && best.cue != best.hit) {
          evidence(label, best.cue);
        }
      }
      final boolean strong = best != null && best.cue != null;
      return verdict(Category.EV_DIAGNOSTIC, !cued ? 0.4 : strong ? 0.9 : 0.7);
    }

    private Verdict unrelated() {
      boolean anything = false;
      for (final Field f : fields) {
        for (final Hit h : f.hits) {
          final Kind k = h.kind();
          anything |= k == Kind.VESICLE || k == Kind.SECRETOME || k == Kind.MSC || k == Kind.STEM;
        }
      }
      evidence.add(new Evidence(label(Category.UNRELATED), RECORD_FIELD, anything
          ? "vesicle, secretome or MSC words only in background, none administered or measured"
          : "no vesicle, secretome or MSC words"));
      return verdict(Category.UNRELATED, anything ? 0.7 : 0.95);
    }

    private Verdict verdict(final Category category, final double confidence) {
      return new Verdict(category, clamp(confidence), List.of(), List.of(), List.of(), List.of(), null, null,
          List.of(), List.copyOf(evidence));
    }

    /** The best mention of an origin (vesicles or secretome): product fields first, explicit sources first. */
    private Mention bestMention(final Origin origin, final boolean vesicle) {
      Mention best = null;
      for (final Mention m : mentions) {
        if (!m.counts() || m.vesicle != vesicle || m.use == Use.DIAGNOSTIC || !m.eligible) {
          continue;
        }
        final boolean fits = origin == Origin.MSC ? m.origin == Origin.MSC || m.origin == Origin.MSC_WEAK
            : origin == Origin.UNKNOWN ? m.mscLike() : m.origin == origin;
        if (fits && (best == null || rank(m) > rank(best))) {
          best = m;
        }
      }
      return best;
    }

    private int rank(final Mention m) {
      return m.hit.field.role.weight() * 4 + (m.origin == Origin.MSC || m.origin == Origin.OTHER ? 2 : 0)
          + (m.source != null ? 1 : 0);
    }

    // ---- MSC therapy labels -----------------------------------------------------------------

    private Verdict mscTherapy(final Category category, final double confidence, final List<Hit> live) {
      final boolean ev = category == Category.MSC_EV_THERAPY;
      final Mention best = bestMention(Origin.MSC, ev) != null ? bestMention(Origin.MSC, ev)
          : bestMention(Origin.UNKNOWN, ev);
      if (best != null) {
        mentionEvidence(label(category), best);
      }
      // The product's contexts: where the MSC product is named.
      final Set<Long> contexts = new HashSet<>();
      final EnumMap<ProductType, Hit> productTypes = new EnumMap<>(ProductType.class);
      for (final Mention m : mentions) {
        if (m.counts() && m.use != Use.DIAGNOSTIC && m.eligible && m.mscLike()
            && (m.vesicle == ev || m.hit.kind() == Kind.SECRETOME)) {
          contexts.add(contextKey(m.hit));
          final ProductType type = m.hit.kind() == Kind.SECRETOME ? ProductType.SECRETOME : m.hit.term.productType();
          if (type != null && (m.vesicle == ev || !ev)) {
            productTypes.putIfAbsent(type, m.hit);
          }
        }
      }
      final Set<Long> liveContexts = new HashSet<>();
      for (final Hit h : live) {
        liveContexts.add(contextKey(h));
      }
      if (!live.isEmpty()) {
        productTypes.putIfAbsent(ProductType.LIVE_CELLS, live.get(0));
      }
      for (final Map.Entry<ProductType, Hit> e : productTypes.entrySet()) {
        evidence("productTypes:" + e.getKey(), e.getValue());
      }

      final EnumMap<MscSource, Hit> sources = sources(contexts, liveContexts);
      if (sources.isEmpty()) {
        final Hit msc = firstOfKinds(contexts, Kind.MSC, Kind.STEM);
        sources.put(MscSource.UNSPECIFIED, msc != null ? msc : best != null ? best.hit : null);
      }
      for (final Map.Entry<MscSource, Hit> e : sources.entrySet()) {
        evidenceOrRecord("mscSources:" + e.getKey(), e.getValue());
      }

      final EnumMap<Route, Hit> routes = routes(contexts);
      if (routes.isEmpty()) {
        routes.put(Route.UNSPECIFIED, best != null ? best.hit : null);
      }
      for (final Map.Entry<Route, Hit> e : routes.entrySet()) {
        evidenceOrRecord("routes:" + e.getKey(), e.getValue());
      }

      final List<Hit> cargoHits = engineered(contexts);
      final Hit cargoHit = cargoHits.isEmpty() ? null : cargoHits.get(0);
      final Cargo cargo = cargoHit != null ? Cargo.ENGINEERED : Cargo.NATIVE;
      String cargoDetail = null;
      if (cargoHit != null) {
        evidence("cargo:ENGINEERED", cargoHit);
        for (final Hit h : cargoHits) {
          cargoDetail = CargoDetail.describe(sentenceOf(h));
          if (cargoDetail != null) {
            break;
          }
        }
        if (cargoDetail == null) {
          cargoDetail = cargoHit.text();
        }
      } else {
        evidenceOrRecord("cargo:NATIVE", best != null ? best.hit : null);
      }

      final EnumMap<ConditionArea, Hit> areas = conditionAreas();
      final EnumMap<Application, Hit> applications = applications(contexts);
      if (applications.isEmpty()) {
        applicationsFromAreas(areas, applications);
      }
      if (cargoHit != null) {
        applications.putIfAbsent(Application.DELIVERY, cargoHit);
      }
      for (final Map.Entry<Application, Hit> e : applications.entrySet()) {
        evidence("applications:" + e.getKey(), e.getValue());
      }
      for (final Map.Entry<ConditionArea, Hit> e : areas.entrySet()) {
        if (e.getValue() != null) {
          evidence("conditionAreas:" + e.getKey(), e.getValue());
        }
      }
      return new Verdict(category, clamp(confidence), List.copyOf(applications.keySet()),
          List.copyOf(sources.keySet()), List.copyOf(productTypes.keySet()), List.copyOf(routes.keySet()), cargo,
          cargoDetail, List.copyOf(areas.keySet()), List.copyOf(evidence));
    }

    private boolean inContext(final Hit h, final Set<Long> contexts) {
      return contexts.contains(contextKey(h));
    }

    private Hit firstOfKinds(final Set<Long> contexts, final Kind a, final Kind b) {
      for (final Field f : fields) {
        for (final Hit h : f.hits) {
          if ((h.kind() == a || h.kind() == b) && inContext(h, contexts)) {
            return h;
          }
        }
      }
      return null;
    }

    private EnumMap<MscSource, Hit> sources(final Set<Long> contexts, final Set<Long> liveContexts) {
      final EnumMap<MscSource, Hit> out = new EnumMap<>(MscSource.class);
      for (final Field f : fields) {
        for (final Hit h : f.hits) {
          final boolean relevant = inContext(h, contexts) || liveContexts.contains(contextKey(h));
          if (!relevant) {
            continue;
          }
          final MscSource label = h.term.mscSource();
          switch (h.kind()) {
            case MSC, MSC_EV_PRODUCT, MSC_CELL_PRODUCT -> {
              if (label != null) {
                out.putIfAbsent(label, h);
              }
            }
            case TISSUE -> {
              if (nearMscProduct(h, h.term.has("nomsc"))) {
                out.putIfAbsent(label, h);
              }
            }
            default -> { }
          }
        }
      }
      return out;
    }

    /**
     * Whether a tissue word qualifies an MSC (or, unless {@code mscOnly}, a vesicle or secretome) word:
     * just before it ("umbilical cord MSCs", "adipose exosomes") or after a linker ("MSCs derived from
     * bone marrow"). A tissue named after the product without a linker is a site ("exosomes for thin
     * endometrium").
     */
    private boolean nearMscProduct(final Hit tissue, final boolean mscOnly) {
      for (final Hit o : tissue.field.hits) {
        if (o.sentence != tissue.sentence || o == tissue) {
          continue;
        }
        final Kind k = o.kind();
        final boolean qualifies = k == Kind.MSC || k == Kind.STEM
            || !mscOnly && (k == Kind.VESICLE || k == Kind.SECRETOME);
        if (!qualifies) {
          continue;
        }
        if (tissue.tokEnd < o.tokStart && tissue.gapTo(o) <= TISSUE_BEFORE) {
          return true;
        }
        if (o.tokEnd < tissue.tokStart && o.gapTo(tissue) <= TISSUE_WINDOW && linkedBetween(o, tissue)) {
          return true;
        }
      }
      return false;
    }

    /** Whether a linker follows {@code first} at once and {@code second} follows the linker closely. */
    private boolean linkedBetween(final Hit first, final Hit second) {
      for (final Hit l : first.field.hits) {
        if (l.kind() == Kind.LINKER && l.sentence == first.sentence && l.tokStart > first.tokEnd
            && l.tokEnd < second.tokStart && first.gapTo(l) <= 1 && l.gapTo(second) <= LINKED_TISSUE_GAP) {
          return true;
        }
      }
      return false;
    }

    private EnumMap<Route, Hit> routes(final Set<Long> contexts) {
      final EnumMap<Route, Hit> strong = new EnumMap<>(Route.class);
      final EnumMap<Route, Hit> weak = new EnumMap<>(Route.class);
      for (final Field f : fields) {
        if (f.role == Role.CONDITION || f.role == Role.OUTCOME) {
          continue;
        }
        for (final Hit h : f.hits) {
          if (h.kind() == Kind.ROUTE && inContext(h, contexts)) {
            (h.term.weak() ? weak : strong).putIfAbsent(h.term.route(), h);
          }
        }
      }
      return strong.isEmpty() ? weak : strong;
    }

    /**
     * The hits that show the cargo was engineered, payloads (siRNA) first, then strong verbs
     * (loaded, transfected), then weak ones (enriched); empty for a native product.
     */
    private List<Hit> engineered(final Set<Long> contexts) {
      final List<Hit> payloads = new ArrayList<>();
      final List<Hit> strong = new ArrayList<>();
      final List<Hit> weak = new ArrayList<>();
      for (final Field f : fields) {
        if (f.role == Role.OUTCOME || f.role == Role.CONDITION) {
          continue;
        }
        for (final Hit h : f.hits) {
          if (h.kind() != Kind.CARGO || !inContext(h, contexts)) {
            continue;
          }
          if (h.term.has("payload")) {
            payloads.add(h);
          } else if (h.term.has("strong")) {
            strong.add(h);
          } else if (sentenceHasPayload(h) || CargoDetail.namesMirna(sentenceOf(h))) {
            // "enriched", "modified", "carrying": only with a named payload in the same sentence.
            weak.add(h);
          }
        }
      }
      payloads.addAll(strong);
      payloads.addAll(weak);
      return payloads;
    }

    private boolean sentenceHasPayload(final Hit h) {
      for (final Hit o : h.field.hits) {
        if (o.sentence == h.sentence && o.kind() == Kind.CARGO && o.term.has("payload")) {
          return true;
        }
      }
      return false;
    }

    private EnumMap<ConditionArea, Hit> conditionAreas() {
      final EnumMap<ConditionArea, Hit> out = new EnumMap<>(ConditionArea.class);
      collectAreas(out, false);
      if (out.isEmpty()) {
        collectAreas(out, true);
      }
      if (out.isEmpty()) {
        for (final Field f : fields) {
          if (f.role == Role.CONDITION) {
            evidence.add(new Evidence("conditionAreas:OTHER", f.path, bound(f.text)));
            out.put(ConditionArea.OTHER, null);
            break;
          }
        }
      }
      return out;
    }

    private void collectAreas(final EnumMap<ConditionArea, Hit> out, final boolean summary) {
      for (final Field f : fields) {
        final boolean use = summary ? f.primarySummary
            : f.role == Role.CONDITION || f.role == Role.KEYWORD || f.role == Role.TITLE;
        if (!use) {
          continue;
        }
        for (final Hit h : f.hits) {
          if (h.kind() == Kind.CONDITION) {
            for (final ConditionArea a : h.term.conditionAreas()) {
              out.putIfAbsent(a, h);
            }
          }
        }
      }
    }

    private EnumMap<Application, Hit> applications(final Set<Long> contexts) {
      final EnumMap<Application, Hit> out = new EnumMap<>(Application.class);
      for (final Field f : fields) {
        if (f.role == Role.CONDITION || f.role == Role.KEYWORD || f.role == Role.TITLE) {
          addApplications(out, f, null);
        }
      }
      if (out.isEmpty()) {
        for (final Field f : fields) {
          if (f.role != Role.OUTCOME) {
            addApplications(out, f, contexts);
          }
        }
      }
      return out;
    }

    /**
     * When no word says what the product is for: immune, infectious and respiratory disease suggest
     * immunomodulation, the other areas (except cancer and healthy volunteers) tissue repair.
     */
    private void applicationsFromAreas(final EnumMap<ConditionArea, Hit> areas,
        final EnumMap<Application, Hit> out) {
      for (final Map.Entry<ConditionArea, Hit> e : areas.entrySet()) {
        if (e.getValue() == null) {
          continue;
        }
        switch (e.getKey()) {
          case IMMUNE, INFECTIOUS, RESPIRATORY -> out.putIfAbsent(Application.IMMUNOMODULATORY, e.getValue());
          case ONCOLOGY, HEALTHY_VOLUNTEERS, OTHER -> { }
          default -> out.putIfAbsent(Application.REGENERATIVE, e.getValue());
        }
      }
    }

    private void addApplications(final EnumMap<Application, Hit> out, final Field f, final Set<Long> contexts) {
      for (final Hit h : f.hits) {
        if (h.kind() == Kind.APPLICATION && (contexts == null || inContext(h, contexts))) {
          for (final Application a : h.term.applications()) {
            out.putIfAbsent(a, h);
          }
        }
      }
    }

    // ---- evidence ---------------------------------------------------------------------------

    private String label(final Category category) {
      return "category:" + category;
    }

    private void evidence(final String label, final Hit h) {
      evidence.add(new Evidence(label, h.field.path, bound(h.text())));
    }

    private void evidenceOrRecord(final String label, final Hit h) {
      if (h != null) {
        evidence(label, h);
      } else {
        evidence.add(new Evidence(label, RECORD_FIELD, ""));
      }
    }

    /** The mention together with its source word when they share a field: "umbilical cord MSC-derived exosomes". */
    private void mentionEvidence(final String label, final Mention m) {
      final Hit h = m.hit;
      if (m.source != null && m.source.field == h.field) {
        final int start = Math.min(h.start, m.source.start);
        final int end = Math.max(h.end, m.source.end);
        evidence.add(new Evidence(label, h.field.path, bound(h.field.text.substring(start, end))));
      } else {
        evidence(label, h);
        if (m.source != null) {
          evidence(label, m.source);
        }
      }
    }

    private String sentenceOf(final Hit h) {
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

  private static String bound(final String text) {
    final String t = text.strip();
    return t.length() <= MAX_EVIDENCE_CHARS ? t : t.substring(0, MAX_EVIDENCE_CHARS - 3) + "...";
  }

  private static double clamp(final double c) {
    return Math.max(0.05, Math.min(1.0, Math.round(c * 100) / 100.0));
  }
}
