package io.exowatch.enrich.classify.internal;

import io.exowatch.schemas.avro.Application;
import io.exowatch.schemas.avro.ConditionArea;
import io.exowatch.schemas.avro.MscSource;
import io.exowatch.schemas.avro.ProductType;
import io.exowatch.schemas.avro.Route;
import io.exowatch.schemas.avro.StudyKind;
import java.util.List;
import java.util.Set;

/**
 * What a vocabulary term means to the classifier: the section names of {@code vocabulary.txt}, the
 * labels each section takes and the flags it allows.
 */
public enum Kind {
  /** An extracellular-vesicle word; one ProductType label; flag {@code weak}: counts only next to a source or beside a full vesicle word. */
  VESICLE("vesicle", List.of(ProductType.class), 1, 1, Set.of("weak")),
  /** Conditioned medium, secretome, lysate; flag {@code weak} as for vesicles. */
  SECRETOME("secretome", List.of(), 0, 0, Set.of("weak")),
  /** An explicit mesenchymal stem/stromal cell word; optional MscSource label for compounds (BM-MSC). */
  MSC("msc", List.of(MscSource.class), 0, 1, Set.of()),
  /** A generic stem/stromal/progenitor cell word: MSC only by weak inference. */
  STEM("stem", List.of(), 0, 0, Set.of()),
  /** A tissue MSCs come from; one MscSource label; flag {@code nomsc}: the tissue alone is not MSC (iPSC). */
  TISSUE("tissue", List.of(MscSource.class), 1, 1, Set.of("nomsc")),
  /** A non-MSC origin of vesicles (dendritic cells, plasma, plants...). */
  OTHER_SOURCE("other-source", List.of(), 0, 0, Set.of()),
  /** A branded MSC-EV product; optional MscSource and one ProductType label. */
  MSC_EV_PRODUCT("msc-ev-product", List.of(MscSource.class, ProductType.class), 1, 2, Set.of()),
  /** A branded vesicle product from non-MSC cells. */
  OTHER_EV_PRODUCT("other-ev-product", List.of(), 0, 0, Set.of()),
  /** A branded vesicle-based diagnostic test. */
  DIAGNOSTIC_PRODUCT("diagnostic-product", List.of(), 0, 0, Set.of()),
  /** A branded live-MSC product; optional MscSource label. */
  MSC_CELL_PRODUCT("msc-cell-product", List.of(MscSource.class), 0, 1, Set.of()),
  /** Words tying a vesicle to its origin after it: "derived from", "secreted by". */
  LINKER("linker", List.of(), 0, 0, Set.of()),
  /** Words making a vesicle a component of something else: "containing"; flag {@code standalone}: no container needed ("secrete"). */
  CONTAINER("contains", List.of(), 0, 0, Set.of("standalone")),
  /** Paracrine things vesicles may be listed among: "growth factors", "cytokines". */
  PARACRINE("paracrine", List.of(), 0, 0, Set.of()),
  /** Words of measurement and diagnosis; flag {@code weak}. */
  DIAGNOSTIC_CUE("diagnostic-cue", List.of(), 0, 0, Set.of("weak")),
  /** Words of administration and treatment; flag {@code weak}. */
  THERAPY_CUE("therapy-cue", List.of(), 0, 0, Set.of("weak")),
  /** A route of administration; one Route label; flag {@code weak}: used only when no other route is found. */
  ROUTE("route", List.of(Route.class), 1, 1, Set.of("weak")),
  /** Engineering of the cargo; flags {@code payload} (names a cargo: siRNA) and {@code strong} (a verb enough alone). */
  CARGO("cargo", List.of(), 0, 0, Set.of("payload", "strong")),
  /** A disease or population; one or more ConditionArea labels. */
  CONDITION("condition", List.of(ConditionArea.class), 1, 4, Set.of()),
  /** A cue of what the product is for; one or more Application labels. */
  APPLICATION("application", List.of(Application.class), 1, 3, Set.of()),
  /** A cue of an article's study kind; one StudyKind label; flag {@code weak}. */
  STUDY_KIND("study-kind", List.of(StudyKind.class), 1, 1, Set.of("weak")),
  /** The start of a registry id, so id search runs only on texts that may hold one. */
  TRIAL_ID_HINT("trial-id-hint", List.of(), 0, 0, Set.of()),
  /** Says vesicles in its sentence are not given: "no vesicle product is given", "only the cells are given". */
  NEGATION("negation", List.of(), 0, 0, Set.of()),
  /** A phrase that only exists to hide the shorter terms inside it ("stage IV", "serum-free"). */
  NEUTRAL("neutral", List.of(), 0, 0, Set.of());

  private final String section;
  private final List<Class<? extends Enum<?>>> labelTypes;
  private final int minLabels;
  private final int maxLabels;
  private final Set<String> flags;

  Kind(final String section, final List<Class<? extends Enum<?>>> labelTypes, final int minLabels,
      final int maxLabels, final Set<String> flags) {
    this.section = section;
    this.labelTypes = labelTypes;
    this.minLabels = minLabels;
    this.maxLabels = maxLabels;
    this.flags = flags;
  }

  /** The section name in the vocabulary file. */
  public String section() {
    return section;
  }

  /** The enum types labels of this kind may name. */
  public List<Class<? extends Enum<?>>> labelTypes() {
    return labelTypes;
  }

  /** Fewest labels a section of this kind must give. */
  public int minLabels() {
    return minLabels;
  }

  /** Most labels a section of this kind may give. */
  public int maxLabels() {
    return maxLabels;
  }

  /** The flags a section of this kind may set. */
  public Set<String> flags() {
    return flags;
  }

  /** The kind with a section name, or {@code null}. */
  public static Kind ofSection(final String section) {
    for (final Kind k : values()) {
      if (k.section.equals(section)) {
        return k;
      }
    }
    return null;
  }

  /** Layer of product words: vesicles, sources, grammar, cues, routes, cargo. */
  public static final int ORIGIN_LAYER = 0;
  /** Layer of conditions. */
  public static final int CONDITION_LAYER = 1;
  /** Layer of applications. */
  public static final int APPLICATION_LAYER = 2;
  /** Layer of study kinds. */
  public static final int STUDY_LAYER = 3;
  /** Layer of trial-id hints and negations (they hide nothing and nothing hides them but neutral phrases). */
  public static final int HINT_LAYER = 4;
  /** Neutral phrases hide terms of every layer. */
  public static final int NEUTRAL_LAYER = 5;
  /** Number of layers. */
  public static final int LAYERS = 6;

  /**
   * The layer of this kind. A longer term hides a shorter one inside it only within a layer ("knee
   * osteoarthritis" the condition does not hide "osteoarthritis" the application), except that
   * neutral phrases hide everything and product words hide conditions and applications ("dental
   * pulp" the tissue hides "dental" the condition).
   */
  public int layer() {
    return switch (this) {
      case CONDITION -> CONDITION_LAYER;
      case APPLICATION -> APPLICATION_LAYER;
      case STUDY_KIND -> STUDY_LAYER;
      case TRIAL_ID_HINT, NEGATION -> HINT_LAYER;
      case NEUTRAL -> NEUTRAL_LAYER;
      default -> ORIGIN_LAYER;
    };
  }

  /** Whether hits of this kind name where a vesicle or secretome came from. */
  public boolean isSource() {
    return this == MSC || this == STEM || this == TISSUE || this == OTHER_SOURCE || this == MSC_CELL_PRODUCT;
  }
}
