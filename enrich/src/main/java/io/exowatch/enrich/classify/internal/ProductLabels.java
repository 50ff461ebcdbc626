package io.exowatch.enrich.classify.internal;

import io.exowatch.enrich.classify.internal.Mention.Origin;
import io.exowatch.enrich.classify.internal.Mention.Use;
import io.exowatch.schemas.avro.Application;
import io.exowatch.schemas.avro.Cargo;
import io.exowatch.schemas.avro.Category;
import io.exowatch.schemas.avro.ConditionArea;
import io.exowatch.schemas.avro.MscSource;
import io.exowatch.schemas.avro.ProductType;
import io.exowatch.schemas.avro.Route;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The labels of the two MSC therapy categories, read from the product's own contexts only (the
 * interventions, titles and sentences that name the MSC product), so that a comparator's route or a
 * background disease does not leak in: product types, MSC sources (compound words like BM-MSC, or a
 * tissue just before an MSC or vesicle word or after a linker), routes, engineered cargo and what it
 * is, condition areas (conditions, keywords, titles; the brief summary if they name none) and
 * applications (the same fields; else the product's contexts; else implied by the areas).
 */
final class ProductLabels {

  private static final int TISSUE_WINDOW = 8;
  private static final int TISSUE_BEFORE = 3;
  private static final int LINKED_TISSUE_GAP = 4;

  private final ScannedRecord record;
  private final List<Mention> mentions;
  private final EvidenceList evidence;

  private ProductLabels(final ScannedRecord record, final List<Mention> mentions, final EvidenceList evidence) {
    this.record = record;
    this.mentions = mentions;
    this.evidence = evidence;
  }

  /**
   * The verdict of an MSC therapy category with its labels.
   *
   * @param category MSC_EV_THERAPY or MSC_SECRETOME_THERAPY
   * @param confidence the category's confidence
   * @param live the hits naming live MSCs administered, best first (LIVE_CELLS)
   * @param record the scanned record
   * @param mentions its mentions
   * @param evidence the evidence gathered so far; label evidence is added
   * @return the verdict
   */
  static Verdict of(final Category category, final double confidence, final List<Hit> live,
      final ScannedRecord record, final List<Mention> mentions, final EvidenceList evidence) {
    return new ProductLabels(record, mentions, evidence).verdict(category, confidence, live);
  }

  private Verdict verdict(final Category category, final double confidence, final List<Hit> live) {
    final boolean ev = category == Category.MSC_EV_THERAPY;
    final Mention best = Mention.best(mentions, Origin.MSC, ev) != null ? Mention.best(mentions, Origin.MSC, ev)
        : Mention.best(mentions, Origin.UNKNOWN, ev);
    if (best != null) {
      evidence.addMention("category:" + category, best);
    }
    // The product's contexts: where the MSC product is named.
    final Set<Long> contexts = new HashSet<>();
    final EnumMap<ProductType, Hit> productTypes = new EnumMap<>(ProductType.class);
    for (final Mention m : mentions) {
      if (m.counts() && m.use != Use.DIAGNOSTIC && m.eligible && m.mscLike()
          && (m.vesicle == ev || m.hit.kind() == Kind.SECRETOME)) {
        contexts.add(record.contextKey(m.hit));
        final ProductType type = m.hit.kind() == Kind.SECRETOME ? ProductType.SECRETOME : m.hit.term.productType();
        if (type != null && (m.vesicle == ev || !ev)) {
          productTypes.putIfAbsent(type, m.hit);
        }
      }
    }
    final Set<Long> liveContexts = new HashSet<>();
    for (final Hit h : live) {
      liveContexts.add(record.contextKey(h));
    }
    if (!live.isEmpty()) {
      productTypes.putIfAbsent(ProductType.LIVE_CELLS, live.get(0));
    }
    for (final Map.Entry<ProductType, Hit> e : productTypes.entrySet()) {
      evidence.add("productTypes:" + e.getKey(), e.getValue());
    }

    final EnumMap<MscSource, Hit> sources = sources(contexts, liveContexts);
    if (sources.isEmpty()) {
      final Hit msc = firstOfKinds(contexts, Kind.MSC, Kind.STEM);
      sources.put(MscSource.UNSPECIFIED, msc != null ? msc : best != null ? best.hit : null);
    }
    for (final Map.Entry<MscSource, Hit> e : sources.entrySet()) {
      evidence.addOrRecord("mscSources:" + e.getKey(), e.getValue());
    }

    final EnumMap<Route, Hit> routes = routes(contexts);
    if (routes.isEmpty()) {
      routes.put(Route.UNSPECIFIED, best != null ? best.hit : null);
    }
    for (final Map.Entry<Route, Hit> e : routes.entrySet()) {
      evidence.addOrRecord("routes:" + e.getKey(), e.getValue());
    }

    final List<Hit> cargoHits = engineered(contexts);
    final Hit cargoHit = cargoHits.isEmpty() ? null : cargoHits.get(0);
    final Cargo cargo = cargoHit != null ? Cargo.ENGINEERED : Cargo.NATIVE;
    String cargoDetail = null;
    if (cargoHit != null) {
      evidence.add("cargo:ENGINEERED", cargoHit);
      for (final Hit h : cargoHits) {
        cargoDetail = CargoDetail.describe(ScannedRecord.sentenceOf(h));
        if (cargoDetail != null) {
          break;
        }
      }
      if (cargoDetail == null) {
        cargoDetail = cargoHit.text();
      }
    } else {
      evidence.addOrRecord("cargo:NATIVE", best != null ? best.hit : null);
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
      evidence.add("applications:" + e.getKey(), e.getValue());
    }
    for (final Map.Entry<ConditionArea, Hit> e : areas.entrySet()) {
      if (e.getValue() != null) {
        evidence.add("conditionAreas:" + e.getKey(), e.getValue());
      }
    }
    return new Verdict(category, RecordAnalyzer.clamp(confidence), List.copyOf(applications.keySet()),
        List.copyOf(sources.keySet()), List.copyOf(productTypes.keySet()), List.copyOf(routes.keySet()), cargo,
        cargoDetail, List.copyOf(areas.keySet()), evidence.entries());
  }

  private boolean inContext(final Hit h, final Set<Long> contexts) {
    return contexts.contains(record.contextKey(h));
  }

  private Hit firstOfKinds(final Set<Long> contexts, final Kind a, final Kind b) {
    for (final Field f : record.fields) {
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
    for (final Field f : record.fields) {
      for (final Hit h : f.hits) {
        final boolean relevant = inContext(h, contexts) || liveContexts.contains(record.contextKey(h));
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
      if (o.tokEnd < tissue.tokStart && o.gapTo(tissue) <= TISSUE_WINDOW && ScannedRecord.linkedBetween(o, tissue, LINKED_TISSUE_GAP)) {
        return true;
      }
    }
    return false;
  }

  private EnumMap<Route, Hit> routes(final Set<Long> contexts) {
    final EnumMap<Route, Hit> strong = new EnumMap<>(Route.class);
    final EnumMap<Route, Hit> weak = new EnumMap<>(Route.class);
    for (final Field f : record.fields) {
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
    for (final Field f : record.fields) {
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
        } else if (sentenceHasPayload(h) || CargoDetail.namesMirna(ScannedRecord.sentenceOf(h))) {
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
      for (final Field f : record.fields) {
        if (f.role == Role.CONDITION) {
          evidence.add("conditionAreas:OTHER", f.path(), f.text);
          out.put(ConditionArea.OTHER, null);
          break;
        }
      }
    }
    return out;
  }

  private void collectAreas(final EnumMap<ConditionArea, Hit> out, final boolean summary) {
    for (final Field f : record.fields) {
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
    for (final Field f : record.fields) {
      if (f.role == Role.CONDITION || f.role == Role.KEYWORD || f.role == Role.TITLE) {
        addApplications(out, f, null);
      }
    }
    if (out.isEmpty()) {
      for (final Field f : record.fields) {
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
}
