package io.exowatch.enrich.classify.internal;

import io.exowatch.enrich.classify.internal.Mention.Origin;
import io.exowatch.enrich.classify.internal.Mention.Use;
import io.exowatch.schemas.avro.Category;
import io.exowatch.schemas.avro.Evidence;
import io.exowatch.schemas.avro.StudyKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The rules of CLASSIFICATION.md over the vocabulary hits of one record.
 *
 * <p>Every vesicle or secretome word is a <em>mention</em> ({@link MentionFinder}): it gets an origin
 * (MSC, other cells or fluids, unknown), a use (diagnostic, therapy, neutral) and may not count at all
 * (a unit, a component, background). The mentions then decide, weighted by the field they are in
 * (titles and interventions name the product; summaries often only give background): MSC vesicles,
 * MSC secretome, other vesicles, vesicles without a stated source (by what else the record names),
 * live MSCs whose vesicles are only measured, measured vesicles, else unrelated. The labels of the two
 * MSC therapy categories come from {@link ProductLabels}. Immutable and thread-safe; each call works
 * on the {@link Field}s it is given.
 */
public final class RecordAnalyzer {

  /**
   * The kinds without which a record is unrelated: those that make mentions ({@link MentionFinder})
   * and those that make live MSCs. A record with none of them has neither.
   */
  private static final Kind[] TRIGGERS = {Kind.VESICLE, Kind.SECRETOME, Kind.MSC_EV_PRODUCT, Kind.OTHER_EV_PRODUCT,
    Kind.DIAGNOSTIC_PRODUCT, Kind.MSC, Kind.MSC_CELL_PRODUCT, Kind.STEM};

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
   * @param fields the record's text fields; their hits are filled in
   * @param observational whether the record is an observational study (nothing is administered)
   * @param hasInterventions whether the record lists its interventions (else summaries name the product)
   * @return the verdict
   */
  public Verdict analyze(final List<Field> fields, final boolean observational, final boolean hasInterventions) {
    final ScannedRecord record = new ScannedRecord(terms, automaton, fields, observational, hasInterventions);
    if (!record.anyOf(TRIGGERS)) {
      // Most registrations: nothing to weigh, so no mentions and no live MSCs; the rules would end at unrelated.
      return new Decision(record, List.of()).unrelated();
    }
    return new Decision(record, MentionFinder.find(record)).verdict();
  }

  /**
   * The text from each hit of a kind in fields of a role, {@code length} characters long (after
   * {@link #analyze} scanned the fields): where a costlier search (registry ids after their prefix)
   * needs to look.
   *
   * @param fields the fields analyzed
   * @param kind the hits' kind
   * @param role the fields' role
   * @param length how many characters from each hit's start
   * @return the snippets, in field and text order
   */
  public List<String> snippetsAt(final List<Field> fields, final Kind kind, final Role role, final int length) {
    final List<String> out = new ArrayList<>();
    for (final Field f : fields) {
      if (f.role != role) {
        continue;
      }
      for (final Hit h : f.hits) {
        if (h.kind() == kind) {
          out.add(f.text.substring(h.start, Math.min(f.text.length(), h.start + length)));
        }
      }
    }
    return out;
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
    return new Evidence("studyKind:" + winner, h.field.path(), EvidenceList.bound(h.text()));
  }

  /** A confidence rounded to two decimals, within [0.05, 1]. */
  static double clamp(final double c) {
    return Math.max(0.05, Math.min(1.0, Math.round(c * 100) / 100.0));
  }

  /** The category decision for one record. */
  private static final class Decision {
    private final ScannedRecord record;
    private final List<Mention> mentions;
    private final EvidenceList evidence = new EvidenceList();

    Decision(final ScannedRecord record, final List<Mention> mentions) {
      this.record = record;
      this.mentions = mentions;
    }

    Verdict verdict() {
      int mscEv = 0;
      int mscEvExplicit = 0;
      int otherEv = 0;
      int diagnostic = 0;
      int unknownTherapy = 0;
      int unknownNeutral = 0;
      int secretome = 0;
      int secretomeExplicit = 0;
      int secretomeUnknown = 0;
      // Unsourced vesicles where the product is named (titles, interventions, arms; summaries when the
      // record lists no interventions): the only ones that may make the record an MSC or other-EV trial.
      int unknownNamed = 0;
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
              if (m.hit.field.role.namesProduct() || !record.hasInterventions) {
                unknownNamed += w;
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
      final boolean recordMsc = recordNames(true);
      final boolean recordOther = recordNames(false);
      final List<Hit> live = liveMsc();

      if (mscEv > 0 && mscEv >= otherEv) {
        double c = mscEvExplicit > 0 ? 0.95 : 0.8;
        if (!hasProductFieldMention(Origin.MSC, Origin.MSC_WEAK)) {
          c -= 0.15;
        }
        if (otherEv > 0) {
          c -= 0.2;
        }
        if (diagnostic > mscEv) {
          c -= 0.1;
        }
        return ProductLabels.of(Category.MSC_EV_THERAPY, c, live, record, mentions, evidence);
      }
      if (secretome > 0 && secretome >= otherEv) {
        double c = secretomeExplicit > 0 ? 0.9 : 0.75;
        if (otherEv > 0) {
          c -= 0.2;
        }
        return ProductLabels.of(Category.MSC_SECRETOME_THERAPY, c, live, record, mentions, evidence);
      }
      if (otherEv > 0) {
        return other(hasProductFieldMention(Origin.OTHER, Origin.OTHER) ? 0.9 : 0.75, Origin.OTHER);
      }
      // Vesicles or secretome without a stated source take the record's MSCs (or other source) only
      // where they are named as the product and outweigh what is merely measured.
      if (unknownNamed > 0 && unknownNamed > diagnostic && recordMsc && !recordOther) {
        return ProductLabels.of(Category.MSC_EV_THERAPY, 0.6, live, record, mentions, evidence);
      }
      if (secretomeUnknown > 0 && secretomeUnknown > diagnostic && recordMsc) {
        return ProductLabels.of(Category.MSC_SECRETOME_THERAPY, 0.55, live, record, mentions, evidence);
      }
      if (unknownNamed > 0 && unknownNamed > diagnostic && recordOther) {
        return other(0.6, Origin.UNKNOWN);
      }
      if (unknownTherapy > 0 && unknownNamed > diagnostic && !record.observational) {
        return other(0.35, Origin.UNKNOWN);
      }
      // Live MSCs with vesicles only measured (an exosome outcome) are still a cell therapy.
      if (!live.isEmpty() && !record.observational) {
        final Hit best = live.get(0);
        evidence.add(label(Category.MSC_CELL_THERAPY), best);
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
    private boolean recordNames(final boolean msc) {
      for (final Field f : record.fields) {
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

    private boolean hasProductFieldMention(final Origin a, final Origin b) {
      for (final Mention m : mentions) {
        if (m.counts() && m.vesicle && m.use != Use.DIAGNOSTIC && m.hit.field.role.namesProduct()
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
      for (final List<Field> group : record.groups()) {
        if (group.get(0).role != Role.INTERVENTION && record.hasInterventions) {
          continue;
        }
        Hit msc = null;
        boolean product = false;
        for (final Field f : group) {
          for (final Hit h : f.hits) {
            final Kind k = h.kind();
            if (k == Kind.VESICLE && !ScannedRecord.isQuantity(h) || k == Kind.SECRETOME
                || k == Kind.MSC_EV_PRODUCT || k == Kind.OTHER_EV_PRODUCT) {
              product = true;
            } else if (msc == null && (k == Kind.MSC || k == Kind.MSC_CELL_PRODUCT || k == Kind.STEM
                && ScannedRecord.hasNear(h, Kind.TISSUE, 3))) {
              msc = h;
            }
          }
        }
        if (msc != null && !product) {
          out.add(msc);
        }
      }
      if (out.isEmpty()) {
        for (final Field f : record.fields) {
          if (f.role != Role.TITLE && !(f.role == Role.SUMMARY && !record.hasInterventions)) {
            continue;
          }
          for (final Hit h : f.hits) {
            if ((h.kind() == Kind.MSC || h.kind() == Kind.MSC_CELL_PRODUCT)
                && !ScannedRecord.sentenceHas(h, Kind.VESICLE) && !ScannedRecord.sentenceHas(h, Kind.SECRETOME)
                && (f.role == Role.TITLE || ScannedRecord.sentenceHas(h, Kind.THERAPY_CUE))) {
              out.add(h);
              break;
            }
          }
        }
      }
      out.sort(Comparator.comparingInt((Hit h) -> -h.field.role.weight()));
      return out;
    }

    private Verdict other(final double confidence, final Origin origin) {
      final Mention best = Mention.best(mentions, origin, true);
      if (best != null) {
        evidence.addMention(label(Category.OTHER_EV_THERAPY), best);
      } else {
        evidence.add(label(Category.OTHER_EV_THERAPY), EvidenceList.RECORD_FIELD,
            "vesicles administered without an MSC source");
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
        best = Mention.best(mentions, Origin.UNKNOWN, true);
      }
      final String label = label(Category.EV_DIAGNOSTIC);
      if (best != null) {
        evidence.addMention(label, best);
        if (best.cue != null && best.cue != best.hit) {
          evidence.add(label, best.cue);
        }
      }
      final boolean strong = best != null && best.cue != null;
      return verdict(Category.EV_DIAGNOSTIC, !cued ? 0.4 : strong ? 0.9 : 0.7);
    }

    private Verdict unrelated() {
      final boolean anything = record.any(Kind.VESICLE) || record.any(Kind.SECRETOME) || record.any(Kind.MSC)
          || record.any(Kind.STEM);
      evidence.add(label(Category.UNRELATED), EvidenceList.RECORD_FIELD, anything
          ? "vesicle, secretome or MSC words only in background, none administered or measured"
          : "no vesicle, secretome or MSC words");
      return verdict(Category.UNRELATED, anything ? 0.7 : 0.95);
    }

    private Verdict verdict(final Category category, final double confidence) {
      return new Verdict(category, clamp(confidence), List.of(), List.of(), List.of(), List.of(), null, null,
          List.of(), evidence.entries());
    }

    private static String label(final Category category) {
      return "category:" + category;
    }
  }
}
