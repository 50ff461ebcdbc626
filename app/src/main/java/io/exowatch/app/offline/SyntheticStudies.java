package io.exowatch.app.offline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.exowatch.app.offline.internal.SyntheticVocabulary;
import io.exowatch.app.offline.internal.SyntheticVocabulary.Cargo;
import io.exowatch.app.offline.internal.SyntheticVocabulary.Condition;
import io.exowatch.app.offline.internal.SyntheticVocabulary.Diagnostic;
import io.exowatch.app.offline.internal.SyntheticVocabulary.MscSource;
import io.exowatch.app.offline.internal.SyntheticVocabulary.OtherVesicle;
import io.exowatch.app.offline.internal.SyntheticVocabulary.Product;
import io.exowatch.app.offline.internal.SyntheticVocabulary.Route;
import io.exowatch.app.offline.internal.SyntheticVocabulary.Sponsor;
import io.exowatch.app.offline.internal.SyntheticVocabulary.Unrelated;
import io.exowatch.schemas.avro.Category;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A deterministic generator of ClinicalTrials.gov API v2 studies with the vocabulary of the MSC-EV
 * field: MSC-EV therapies from many tissues, by many routes, for many conditions (some delivering an
 * engineered cargo, some comparing vesicles with live cells), secretome trials, vesicles from other
 * sources, EV biomarker studies, live-MSC trials and unrelated near misses, with varied statuses,
 * phases, dates, sponsors and countries, and Chinese and Iranian sponsors' phrasing.
 *
 * <p>Study {@code i} depends only on the seed and {@code i}: it is generated when asked for, in any
 * order, from any thread, so 20,000 studies cost nothing until served ({@link #writeStudy} streams
 * one study of about 2-4 KB). NCT ids are {@value #ID_PREFIX} followed by six digits, a permutation
 * of the index, unique for indices below {@value #MAX_STUDIES} (ClinicalTrials.gov has not assigned
 * that range, so they cannot collide with real or snapshot studies). Last-update dates lie between
 * {@link #FIRST_UPDATE} and {@link #LAST_UPDATE}. Category shares: MSC-EV therapy 40%, secretome 8%,
 * other EVs 13%, EV diagnostics 14%, live MSCs 15%, unrelated 10%. Default seed {@value #DEFAULT_SEED}.
 * Thread-safe.
 */
public final class SyntheticStudies {

  /** The seed of {@link #SyntheticStudies()}. */
  public static final long DEFAULT_SEED = 20_250_601L;
  /** Indices must be below this. */
  public static final int MAX_STUDIES = 1_000_000;
  /** Every synthetic NCT id starts with this. */
  public static final String ID_PREFIX = "NCT09";
  /** The earliest last-update date. */
  public static final LocalDate FIRST_UPDATE = LocalDate.of(2016, 1, 1);
  /** The latest last-update date. */
  public static final LocalDate LAST_UPDATE = LocalDate.of(2025, 6, 30);

  private static final JsonFactory JSON = new JsonFactory();
  private static final long SALT_CATEGORY = 0x5DEECE66DL;
  private static final long SALT_DATE = 0x2545F4914F6CDD1DL;
  private static final long SALT_CONTENT = 0x9E3779B97F4A7C15L;
  private static final int DATE_SPAN_DAYS = (int) ChronoUnit.DAYS.between(FIRST_UPDATE, LAST_UPDATE);
  private static final int ID_MULTIPLIER = 7919;

  private static final List<List<String>> PHASES = List.of(List.of("EARLY_PHASE1"), List.of("PHASE1"), List.of("PHASE1"),
      List.of("PHASE1", "PHASE2"), List.of("PHASE1", "PHASE2"), List.of("PHASE2"), List.of("PHASE2"),
      List.of("PHASE2", "PHASE3"), List.of("PHASE3"), List.of("NA"));
  private static final List<String> MASKINGS = List.of("NONE", "SINGLE", "DOUBLE", "TRIPLE", "QUADRUPLE");
  private static final List<Integer> MIN_AGES = List.of(18, 18, 18, 20, 30, 40, 45);
  private static final List<String> ISOLATION = List.of("ultracentrifugation", "tangential flow filtration and size-exclusion chromatography",
      "polymer precipitation followed by ultrafiltration", "anion-exchange chromatography", "density gradient ultracentrifugation");
  private static final List<String> SCHEDULES = List.of("once", "once a week for 4 weeks", "on days 1, 3 and 5",
      "every other day for 2 weeks", "twice, 4 weeks apart", "once daily for 7 days");
  private static final List<String> WHY_STOPPED = List.of("Slow recruitment", "Sponsor decision", "Funding withdrawn",
      "The COVID-19 pandemic ended", "Manufacturing issues with the investigational product");
  private static final List<Object[]> RECENT_STATUSES = List.of(new Object[] {"RECRUITING", 40},
      new Object[] {"NOT_YET_RECRUITING", 12}, new Object[] {"ACTIVE_NOT_RECRUITING", 13}, new Object[] {"COMPLETED", 25},
      new Object[] {"ENROLLING_BY_INVITATION", 5}, new Object[] {"TERMINATED", 5});
  private static final List<Object[]> OLD_STATUSES = List.of(new Object[] {"COMPLETED", 45}, new Object[] {"UNKNOWN", 30},
      new Object[] {"TERMINATED", 10}, new Object[] {"WITHDRAWN", 5}, new Object[] {"ACTIVE_NOT_RECRUITING", 10});

  private final long seed;
  private final int idOffset;

  /** A generator with {@link #DEFAULT_SEED}. */
  public SyntheticStudies() {
    this(DEFAULT_SEED);
  }

  /** A generator with {@code seed}: the same seed gives the same studies. */
  public SyntheticStudies(final long seed) {
    this.seed = seed;
    this.idOffset = (int) Math.floorMod(mix(seed), (long) MAX_STUDIES);
  }

  /** The seed. */
  public long seed() {
    return seed;
  }

  /** The NCT id of study {@code index}. */
  public String nctId(final int index) {
    check(index);
    final long n = Math.floorMod((long) index * ID_MULTIPLIER + idOffset, (long) MAX_STUDIES);
    final String digits = Long.toString(n);
    return ID_PREFIX + "000000".substring(digits.length()) + digits;
  }

  /** {@code lastUpdatePostDateStruct.date} of study {@code index}, computed without generating it. */
  public LocalDate lastUpdatePostDate(final int index) {
    check(index);
    return FIRST_UPDATE.plusDays(rng(index, SALT_DATE).nextInt(DATE_SPAN_DAYS + 1));
  }

  /** The category (CLASSIFICATION.md) study {@code index} was written to have. */
  public Category category(final int index) {
    check(index);
    final int roll = rng(index, SALT_CATEGORY).nextInt(100);
    if (roll < 40) {
      return Category.MSC_EV_THERAPY;
    } else if (roll < 48) {
      return Category.MSC_SECRETOME_THERAPY;
    } else if (roll < 61) {
      return Category.OTHER_EV_THERAPY;
    } else if (roll < 75) {
      return Category.EV_DIAGNOSTIC;
    } else if (roll < 90) {
      return Category.MSC_CELL_THERAPY;
    }
    return Category.UNRELATED;
  }

  /** Study {@code index} as compact JSON. */
  public String study(final int index) {
    final ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    try {
      writeStudy(index, out);
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Studies {@code 0 .. count-1}, generated lazily as the stream is consumed. */
  public Stream<String> studies(final int count) {
    if (count < 0 || count > MAX_STUDIES) {
      throw new IllegalArgumentException("count must be in [0, " + MAX_STUDIES + "] but was " + count);
    }
    return IntStream.range(0, count).mapToObj(this::study);
  }

  /** Writes study {@code index} as compact UTF-8 JSON to {@code out} (not closed). */
  public void writeStudy(final int index, final OutputStream out) throws IOException {
    final Draft d = draft(index);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      write(d, g);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Drafting: what the study says.

  private Draft draft(final int index) {
    final SplittableRandom r = rng(index, SALT_CONTENT);
    final Draft d = new Draft();
    d.nctId = nctId(index);
    d.category = category(index);
    d.sponsor = pick(r, SyntheticVocabulary.SPONSORS);
    d.orgStudyId = orgStudyId(r, d.sponsor);
    dates(r, d, lastUpdatePostDate(index));
    switch (d.category) {
      case MSC_EV_THERAPY -> mscEv(r, d);
      case MSC_SECRETOME_THERAPY -> secretome(r, d);
      case OTHER_EV_THERAPY -> otherVesicles(r, d);
      case EV_DIAGNOSTIC -> diagnostic(r, d);
      case MSC_CELL_THERAPY -> liveCells(r, d);
      default -> unrelated(r, d);
    }
    return d;
  }

  private static void mscEv(final SplittableRandom r, final Draft d) {
    final MscSource src = pick(r, SyntheticVocabulary.MSC_SOURCES);
    final Product prod = pick(r, SyntheticVocabulary.PRODUCTS);
    final String abbr = src.abbreviation() + "-" + prod.suffix();
    final boolean engineered = r.nextInt(100) < 12;
    final Cargo cargo = engineered ? pick(r, SyntheticVocabulary.CARGOES) : null;
    final Condition cond = engineered ? null : pick(r, SyntheticVocabulary.CONDITIONS);
    final String condition = engineered ? cargo.condition() : cond.name();
    final Route route = route(engineered ? cargo.route() : pick(r, cond.routes()));
    final String zh = d.sponsor.style();
    interventional(r, d, condition.equals("Healthy Volunteers"));
    d.conditions = List.of(condition);
    final String product = engineered ? abbr + " loaded with " + cargo.name() : abbr;
    if (engineered) {
      d.briefTitle = cap(src.name()) + "-derived " + cap(prod.plural()) + " Loaded With " + cargo.name() + " in " + condition;
    } else {
      d.briefTitle = switch (r.nextInt(5)) {
        case 0 -> cap(route.adjective()) + " " + abbr + " in " + condition;
        case 1 -> "Safety and Efficacy of " + cap(prod.plural()) + " Derived From " + titleCase(src.name()) + " in " + condition;
        case 2 -> titleCase(src.name()) + " Derived " + titleCase(prod.plural()) + " for the Treatment of " + condition;
        case 3 -> "Clinical Study of " + titleCase(src.name()) + " " + titleCase(prod.plural()) + " in the Treatment of " + condition;
        default -> "Evaluation of the Effect of " + titleCase(src.name()) + "-derived " + titleCase(prod.plural()) + " on " + condition;
      };
    }
    d.officialTitle = "A " + phaseWords(d.phases) + ", " + designWords(d) + " Study to Evaluate the Safety and Efficacy of "
        + cap(route.adjective()) + " " + prod.plural() + " Derived From " + src.name() + " (" + abbr + ")"
        + (engineered ? " Loaded With " + cargo.name() : "") + " in " + patients(condition);
    final String dose = r.nextBoolean()
        ? (1 + r.nextInt(9)) + ".0×10^" + (8 + r.nextInt(4)) + " particles"
        : (20 + 10 * r.nextInt(20)) + " µg of exosomal protein";
    d.summary = summary(zh, prod.plural() + " derived from " + src.name() + " (" + abbr + ")"
        + (engineered ? " loaded with " + cargo.name() : ""), condition, route.adjective() + " administration",
        engineered ? "deliver " + cargo.name() + " to the diseased tissue" : purpose(cond));
    d.description = "The " + prod.plural() + " are isolated from the serum-free conditioned medium of " + src.abbreviation()
        + "s obtained from " + src.origin() + ", by " + pick(r, ISOLATION) + ", and characterised by nanoparticle tracking "
        + "analysis, transmission electron microscopy and western blot of CD9, CD63 and CD81."
        + (engineered ? " " + cap(cargo.name()) + " is loaded by " + cargo.loading() + " and its content per particle is "
            + "measured by RT-qPCR or HPLC before release." : "")
        + " Each dose contains " + dose + " given by " + route.how() + ", " + pick(r, SCHEDULES) + "."
        + " Participants are followed for " + (3 + 3 * r.nextInt(4)) + " months.";
    d.keywords = engineered ? List.of("engineered exosomes", "drug delivery", cargo.name(), src.abbreviation())
        : List.of(prod.plural(), src.abbreviation(), "cell-free therapy", cond.application().toLowerCase(Locale.ROOT));
    final String type = r.nextInt(10) < 7 ? "BIOLOGICAL" : "DRUG";
    d.arm(abbr, "EXPERIMENTAL", cap(route.adjective()) + " " + product + " plus standard care", type, product,
        cap(prod.plural()) + " derived from " + src.name() + ", " + dose + ", by " + route.how());
    if (r.nextInt(100) < 6) {
      // A trial comparing the vesicles with their parent cells is still an MSC-EV trial.
      d.arm(src.abbreviation(), "EXPERIMENTAL", "Live " + src.abbreviation() + "s", "BIOLOGICAL", src.abbreviation() + "s",
          (1 + r.nextInt(5)) + "×10^6 live " + src.name() + " per kg by " + route.how());
    }
    control(r, d, route);
    d.primary.add(new String[] {"Incidence of treatment-emergent adverse events", "Graded by CTCAE v5.0", "Up to 12 weeks"});
    d.primary.add(new String[] {engineered ? "Objective response rate" : cond.outcome(), null, (3 + 3 * r.nextInt(4)) + " months"});
    d.secondary.add(new String[] {"Serum IL-6 and TNF-α levels", null, "Baseline, day 7 and day 28"});
    eligibility(r, d, engineered ? "Histologically or clinically confirmed " + condition.toLowerCase(Locale.ROOT)
        : cond.inclusion(), condition.equals("Healthy Volunteers"));
  }

  private static void secretome(final SplittableRandom r, final Draft d) {
    final MscSource src = pick(r, SyntheticVocabulary.MSC_SOURCES);
    final Product prod = pick(r, SyntheticVocabulary.SECRETOMES);
    final Condition cond = pick(r, SyntheticVocabulary.CONDITIONS);
    final Route route = route(pick(r, cond.routes()));
    final String abbr = src.abbreviation() + "-" + prod.suffix();
    interventional(r, d, cond.name().equals("Healthy Volunteers"));
    d.conditions = List.of(cond.name());
    d.briefTitle = r.nextBoolean()
        ? cap(prod.plural()) + " of " + titleCase(src.name()) + " in " + cond.name()
        : cap(route.adjective()) + " " + abbr + " for " + cond.name();
    d.officialTitle = "Safety and Efficacy of " + cap(route.adjective()) + " " + prod.plural() + " From " + src.name()
        + " in " + patients(cond.name()) + ": a " + phaseWords(d.phases) + " Trial";
    d.summary = summary(d.sponsor.style(), "the " + prod.plural() + " of " + src.name() + " (" + abbr + ")", cond.name(),
        route.adjective() + " administration", purpose(cond));
    d.description = "The " + prod.plural() + " is collected from passage 4-6 " + src.abbreviation() + " cultures in serum-free "
        + "medium after 48 hours, filtered at 0.22 µm and concentrated by ultrafiltration; it is not fractionated into "
        + "vesicles. It contains growth factors and cytokines such as VEGF, HGF, IGF-1 and TGF-β. It is given by "
        + route.how() + ", " + pick(r, SCHEDULES) + ".";
    d.keywords = List.of(prod.plural(), "paracrine", src.abbreviation(), "cell-free");
    d.arm(abbr, "EXPERIMENTAL", null, "BIOLOGICAL", abbr, cap(prod.plural()) + " of " + src.name() + ", " + route.how());
    control(r, d, route);
    d.primary.add(new String[] {cond.outcome(), null, (3 + 3 * r.nextInt(4)) + " months"});
    d.primary.add(new String[] {"Number of participants with adverse events", null, "Up to 6 months"});
    eligibility(r, d, cond.inclusion(), cond.name().equals("Healthy Volunteers"));
  }

  private static void otherVesicles(final SplittableRandom r, final Draft d) {
    final OtherVesicle v = pick(r, SyntheticVocabulary.OTHER_VESICLES);
    interventional(r, d, false);
    d.conditions = List.of(v.condition());
    d.briefTitle = switch (r.nextInt(3)) {
      case 0 -> titleCase(v.name()) + " (" + v.abbreviation() + ") in " + v.condition();
      case 1 -> "Safety of " + titleCase(v.name()) + " for " + v.condition();
      default -> v.abbreviation() + " in Patients With " + v.condition();
    };
    d.officialTitle = "A " + phaseWords(d.phases) + " Study of " + v.name() + " (" + v.abbreviation() + ") in " + patients(v.condition());
    d.summary = summary(d.sponsor.style(), v.name() + " (" + v.abbreviation() + ")", v.condition(), v.how(),
        "reduce disease activity");
    d.description = cap(v.abbreviation()) + " are produced under GMP and characterised by nanoparticle tracking analysis. "
        + "No mesenchymal stem cells or their products are used. Participants receive " + v.how() + ".";
    d.keywords = List.of(v.abbreviation(), "extracellular vesicles", v.condition());
    d.arm(v.abbreviation(), "EXPERIMENTAL", null, v.type(), v.name(), cap(v.how()));
    if (r.nextBoolean()) {
      d.arm("Standard care", "ACTIVE_COMPARATOR", "Standard of care alone", null, null, null);
    }
    d.primary.add(new String[] {"Incidence of adverse events", null, "Up to 8 weeks"});
    d.primary.add(new String[] {"Change in disease activity", null, "12 weeks"});
    eligibility(r, d, "Diagnosis of " + v.condition().toLowerCase(Locale.ROOT), false);
  }

  private static void diagnostic(final SplittableRandom r, final Draft d) {
    final Diagnostic x = pick(r, SyntheticVocabulary.DIAGNOSTICS);
    final boolean observational = r.nextInt(100) < 80;
    d.studyType = observational ? "OBSERVATIONAL" : "INTERVENTIONAL";
    d.phases = observational ? null : List.of("NA");
    d.purpose = "DIAGNOSTIC";
    d.allocation = "NA";
    d.model = "SINGLE_GROUP";
    d.masking = "NONE";
    d.enrollment = 60 + 20 * r.nextInt(30);
    d.conditions = List.of(x.condition());
    d.briefTitle = r.nextBoolean()
        ? cap(x.biomarker()) + " in " + cap(x.sample()) + " as a Biomarker of " + x.condition()
        : "Diagnostic Value of " + titleCase(x.biomarker()) + " for " + x.condition();
    d.officialTitle = "A Prospective Study of " + x.biomarker() + " in " + x.sample() + " to " + x.purpose();
    d.summary = "This study will measure " + x.biomarker() + " in " + x.sample() + " samples of patients with "
        + x.condition().toLowerCase(Locale.ROOT) + " and controls to " + x.purpose() + ". Extracellular vesicles are "
        + "isolated by size-exclusion chromatography and analysed; no vesicle product is given to participants.";
    d.description = "Samples are collected at enrolment and at follow-up visits, processed within 2 hours and stored at -80 °C. "
        + "Exosome concentration and size are measured by nanoparticle tracking analysis.";
    d.keywords = List.of("liquid biopsy", "exosomes", "biomarker");
    d.bioSpec = cap(x.sample()) + " samples";
    d.arm(observational ? null : "Liquid biopsy", observational ? null : "EXPERIMENTAL", null, "DIAGNOSTIC_TEST",
        cap(x.biomarker()) + " assay", "Measurement of " + x.biomarker() + " in " + x.sample());
    d.primary.add(new String[] {"Area under the ROC curve of " + x.biomarker(), null, "At enrolment"});
    d.primary.add(new String[] {"Sensitivity and specificity", null, "12 months"});
    eligibility(r, d, "Diagnosis or suspicion of " + x.condition().toLowerCase(Locale.ROOT), false);
  }

  private static void liveCells(final SplittableRandom r, final Draft d) {
    final MscSource src = pick(r, SyntheticVocabulary.MSC_SOURCES);
    final Condition cond = pick(r, SyntheticVocabulary.CONDITIONS);
    final Route route = route(pick(r, cond.routes()));
    interventional(r, d, cond.name().equals("Healthy Volunteers"));
    d.conditions = List.of(cond.name());
    d.briefTitle = r.nextBoolean()
        ? titleCase(src.name()) + " for " + cond.name()
        : cap(route.adjective()) + " " + src.abbreviation() + " Transplantation in " + cond.name();
    d.officialTitle = "Safety and Efficacy of " + cap(route.adjective()) + " " + src.name() + " in " + patients(cond.name());
    d.summary = summary(d.sponsor.style(), "allogeneic " + src.name() + " (" + src.abbreviation() + ")", cond.name(),
        route.adjective() + " transplantation", purpose(cond));
    d.description = "Cells are expanded from " + src.origin() + " to passage 3-5 and released after testing for "
        + "sterility, mycoplasma, endotoxin and CD73/CD90/CD105 expression. Each dose is "
        + (1 + r.nextInt(4)) + "×10^6 live cells per kg by " + route.how() + "."
        + (r.nextInt(100) < 15 ? " The benefit of MSCs is thought to come from paracrine factors and exosomes they "
            + "release, but only the cells are given." : "");
    d.keywords = List.of("mesenchymal stem cells", src.abbreviation(), "cell therapy");
    d.arm(src.abbreviation(), "EXPERIMENTAL", null, "BIOLOGICAL", src.abbreviation(),
        (1 + r.nextInt(4)) + "×10^6 cells/kg, " + route.how());
    control(r, d, route);
    d.primary.add(new String[] {cond.outcome(), null, (3 + 3 * r.nextInt(4)) + " months"});
    d.primary.add(new String[] {"Infusion-related adverse events", null, "72 hours after each dose"});
    eligibility(r, d, cond.inclusion(), cond.name().equals("Healthy Volunteers"));
  }

  private static void unrelated(final SplittableRandom r, final Draft d) {
    final Unrelated u = pick(r, SyntheticVocabulary.UNRELATED);
    interventional(r, d, false);
    d.conditions = List.of(u.condition());
    d.briefTitle = u.title();
    d.officialTitle = "A Randomized Trial: " + u.title();
    d.summary = u.summary();
    d.description = "Participants are randomized 1:1 and followed at 1, 3 and 6 months.";
    d.keywords = List.of(u.condition());
    d.arm(u.intervention(), "EXPERIMENTAL", null, u.type(), u.intervention(), null);
    d.arm("Control", "ACTIVE_COMPARATOR", "Usual care", null, null, null);
    d.primary.add(new String[] {"Primary efficacy endpoint", null, "6 months"});
    eligibility(r, d, "Diagnosis of " + u.condition().toLowerCase(Locale.ROOT), false);
  }

  private static void interventional(final SplittableRandom r, final Draft d, final boolean healthy) {
    d.studyType = "INTERVENTIONAL";
    d.phases = pick(r, PHASES);
    d.purpose = healthy ? "OTHER" : "TREATMENT";
    d.allocation = r.nextInt(3) == 0 ? "NA" : "RANDOMIZED";
    d.model = d.allocation.equals("NA") ? "SINGLE_GROUP" : "PARALLEL";
    d.masking = d.allocation.equals("NA") ? "NONE" : pick(r, MASKINGS);
    d.enrollment = 10 + r.nextInt(d.phases.contains("PHASE3") ? 400 : 110);
    d.healthy = healthy;
  }

  private static void control(final SplittableRandom r, final Draft d, final Route route) {
    if (d.allocation.equals("NA")) {
      return;
    }
    if (r.nextBoolean()) {
      d.arm("Placebo", "PLACEBO_COMPARATOR", "Normal saline by the same route", "OTHER", "Placebo",
          "0.9% sodium chloride, " + route.how());
    } else {
      d.arm("Standard treatment", "ACTIVE_COMPARATOR", "Standard treatment according to current guidelines", null, null, null);
    }
  }

  private static void eligibility(final SplittableRandom r, final Draft d, final String disease, final boolean healthy) {
    final int minAge = healthy ? 18 : pick(r, MIN_AGES);
    final int maxAge = minAge + 40 + 5 * r.nextInt(6);
    d.minAge = minAge + " Years";
    d.maxAge = maxAge + " Years";
    d.stdAges = maxAge >= 65 ? List.of("ADULT", "OLDER_ADULT") : List.of("ADULT");
    final StringBuilder sb = new StringBuilder("Inclusion Criteria:\n\n");
    sb.append("* Aged ").append(minAge).append(" to ").append(maxAge).append(" years, male or female\n");
    sb.append("* ").append(disease).append('\n');
    if (!healthy) {
      sb.append("* ECOG performance status \\<= 2\n");
    }
    sb.append("* Willing to participate and sign the informed consent\n\n");
    sb.append("Exclusion Criteria:\n\n");
    sb.append("* Pregnant or lactating women\n");
    sb.append("* Other active malignancy within 5 years\n");
    sb.append("* Positive for HIV, HBV, HCV or syphilis\n");
    sb.append("* Severe heart, liver or kidney dysfunction (ALT \\> 3 × ULN, creatinine \\> 2 × ULN)\n");
    sb.append("* Participation in another clinical trial within 3 months");
    d.eligibility = sb.toString();
  }

  private static void dates(final SplittableRandom r, final Draft d, final LocalDate lastUpdate) {
    d.lastUpdate = lastUpdate;
    LocalDate first = lastUpdate.minusDays(r.nextInt(2200));
    if (first.isBefore(LocalDate.of(2010, 1, 1))) {
      first = LocalDate.of(2010, 1, 1).plusDays(r.nextInt(400));
    }
    if (first.isAfter(lastUpdate)) {
      first = lastUpdate;
    }
    d.firstPost = first;
    final boolean recent = lastUpdate.isAfter(LocalDate.of(2021, 6, 30));
    d.status = recent ? pickWeighted(r, RECENT_STATUSES) : pickWeighted(r, OLD_STATUSES);
    d.start = d.status.equals("NOT_YET_RECRUITING") ? lastUpdate.plusDays(30 + r.nextInt(200)) : first.plusDays(r.nextInt(120) - 30);
    d.primaryCompletion = d.start.plusDays(300 + r.nextInt(1200));
    d.completion = d.primaryCompletion.plusDays(r.nextInt(366));
    if (d.status.equals("TERMINATED") || d.status.equals("WITHDRAWN")) {
      d.whyStopped = pick(r, WHY_STOPPED);
    }
  }

  private static String summary(final String style, final String product, final String condition, final String how,
      final String aim) {
    if (condition.equals("Healthy Volunteers")) {
      return "This is a dose-escalation study of the safety and tolerability of " + how + " of " + product
          + " in healthy volunteers, to prepare trials in patients.";
    }
    final String lc = condition.toLowerCase(Locale.ROOT);
    return switch (style) {
      case "zh" -> "The purpose of this study is to evaluate the safety and efficacy of " + product + " in the treatment of "
          + lc + ". The patients will receive " + how + ", and the investigators will observe whether it can " + aim + ".";
      case "fa" -> "In this study, the safety and efficacy of " + product + " will be evaluated in patients with " + lc
          + ". The patients will be received " + how + " and followed in the outpatient clinic to assess if it can " + aim + ".";
      default -> "This study tests whether " + how + " of " + product + " is safe and can " + aim + " in people with " + lc + ".";
    };
  }

  private static String purpose(final Condition cond) {
    return cond.application().equals("IMMUNOMODULATORY") ? "reduce inflammation and modulate the immune response"
        : "promote tissue repair and regeneration";
  }

  private static String patients(final String condition) {
    return condition.equals("Healthy Volunteers") ? "Healthy Volunteers" : "Patients With " + condition;
  }

  private static String phaseWords(final List<String> phases) {
    if (phases == null) {
      return "Prospective";
    }
    final List<String> words = new ArrayList<>();
    for (final String p : phases) {
      words.add(switch (p) {
        case "EARLY_PHASE1" -> "Pilot";
        case "PHASE1" -> "Phase I";
        case "PHASE2" -> "Phase II";
        case "PHASE3" -> "Phase III";
        case "PHASE4" -> "Phase IV";
        default -> "Prospective";
      });
    }
    return String.join("/", words).replace("/Phase ", "/");
  }

  private static String designWords(final Draft d) {
    return d.allocation.equals("NA") ? "Open-label, Single-arm" : "Randomized, " + switch (d.masking) {
      case "NONE" -> "Open-label";
      case "SINGLE" -> "Single-blind";
      default -> "Double-blind";
    } + ", Controlled";
  }

  private static Route route(final String code) {
    for (final Route route : SyntheticVocabulary.ROUTES) {
      if (route.code().equals(code)) {
        return route;
      }
    }
    throw new IllegalStateException("No route " + code + " in the vocabulary");
  }

  private static String orgStudyId(final SplittableRandom r, final Sponsor s) {
    final int year = 2015 + r.nextInt(11);
    return switch (s.style()) {
      case "fa" -> "IR." + s.city().toUpperCase(Locale.ROOT).substring(0, 3) + ".REC." + (year - 621) + "." + (1 + r.nextInt(400));
      case "zh" -> year + "-KY-" + (100 + r.nextInt(900));
      default -> "EXW-" + year + "-" + (1000 + r.nextInt(9000));
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Writing: the v2 JSON shape.

  private static void write(final Draft d, final JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeObjectFieldStart("protocolSection");

    g.writeObjectFieldStart("identificationModule");
    g.writeStringField("nctId", d.nctId);
    g.writeObjectFieldStart("orgStudyIdInfo");
    g.writeStringField("id", d.orgStudyId);
    g.writeEndObject();
    g.writeObjectFieldStart("organization");
    g.writeStringField("fullName", d.sponsor.sponsor());
    g.writeStringField("class", d.sponsor.sponsorClass());
    g.writeEndObject();
    g.writeStringField("briefTitle", d.briefTitle);
    g.writeStringField("officialTitle", d.officialTitle);
    g.writeEndObject();

    g.writeObjectFieldStart("statusModule");
    g.writeStringField("statusVerifiedDate", d.lastUpdate.toString().substring(0, 7));
    g.writeStringField("overallStatus", d.status);
    if (d.whyStopped != null) {
      g.writeStringField("whyStopped", d.whyStopped);
    }
    final boolean done = d.status.equals("COMPLETED") || d.status.equals("TERMINATED");
    dateStruct(g, "startDateStruct", d.start, d.status.equals("NOT_YET_RECRUITING") ? "ESTIMATED" : "ACTUAL");
    dateStruct(g, "primaryCompletionDateStruct", d.primaryCompletion, done ? "ACTUAL" : "ESTIMATED");
    dateStruct(g, "completionDateStruct", d.completion, done ? "ACTUAL" : "ESTIMATED");
    g.writeStringField("studyFirstSubmitDate", d.firstPost.minusDays(4).toString());
    g.writeStringField("studyFirstSubmitQcDate", d.firstPost.minusDays(1).toString());
    dateStruct(g, "studyFirstPostDateStruct", d.firstPost, "ACTUAL");
    g.writeStringField("lastUpdateSubmitDate", d.lastUpdate.minusDays(1).toString());
    dateStruct(g, "lastUpdatePostDateStruct", d.lastUpdate, "ACTUAL");
    g.writeEndObject();

    g.writeObjectFieldStart("sponsorCollaboratorsModule");
    g.writeObjectFieldStart("responsibleParty");
    g.writeStringField("type", "SPONSOR");
    g.writeEndObject();
    g.writeObjectFieldStart("leadSponsor");
    g.writeStringField("name", d.sponsor.sponsor());
    g.writeStringField("class", d.sponsor.sponsorClass());
    g.writeEndObject();
    g.writeEndObject();

    g.writeObjectFieldStart("descriptionModule");
    g.writeStringField("briefSummary", d.summary);
    g.writeStringField("detailedDescription", d.description);
    g.writeEndObject();

    g.writeObjectFieldStart("conditionsModule");
    stringArray(g, "conditions", d.conditions);
    stringArray(g, "keywords", d.keywords);
    g.writeEndObject();

    g.writeObjectFieldStart("designModule");
    g.writeStringField("studyType", d.studyType);
    if (d.phases != null) {
      stringArray(g, "phases", d.phases);
    }
    g.writeObjectFieldStart("designInfo");
    if (d.studyType.equals("OBSERVATIONAL")) {
      g.writeStringField("observationalModel", "COHORT");
      g.writeStringField("timePerspective", "PROSPECTIVE");
    } else {
      g.writeStringField("allocation", d.allocation);
      g.writeStringField("interventionModel", d.model);
      g.writeStringField("primaryPurpose", d.purpose);
      g.writeObjectFieldStart("maskingInfo");
      g.writeStringField("masking", d.masking);
      g.writeEndObject();
    }
    g.writeEndObject();
    if (d.bioSpec != null) {
      g.writeObjectFieldStart("bioSpec");
      g.writeStringField("retention", "SAMPLES_WITHOUT_DNA");
      g.writeStringField("description", d.bioSpec);
      g.writeEndObject();
    }
    g.writeObjectFieldStart("enrollmentInfo");
    g.writeNumberField("count", d.enrollment);
    g.writeStringField("type", d.status.equals("COMPLETED") || d.status.equals("TERMINATED") ? "ACTUAL" : "ESTIMATED");
    g.writeEndObject();
    g.writeEndObject();

    g.writeObjectFieldStart("armsInterventionsModule");
    if (d.armLabels.stream().anyMatch(Objects::nonNull)) {
      g.writeArrayFieldStart("armGroups");
      for (int i = 0; i < d.armLabels.size(); i++) {
        if (d.armLabels.get(i) == null) {
          continue;
        }
        g.writeStartObject();
        g.writeStringField("label", d.armLabels.get(i));
        g.writeStringField("type", d.armTypes.get(i));
        if (d.armDescriptions.get(i) != null) {
          g.writeStringField("description", d.armDescriptions.get(i));
        }
        g.writeArrayFieldStart("interventionNames");
        if (d.interventionNames.get(i) != null) {
          g.writeString(titleCase(d.interventionTypes.get(i).toLowerCase(Locale.ROOT).replace('_', ' ')) + ": "
              + d.interventionNames.get(i));
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeArrayFieldStart("interventions");
    for (int i = 0; i < d.interventionNames.size(); i++) {
      if (d.interventionNames.get(i) == null) {
        continue;
      }
      g.writeStartObject();
      g.writeStringField("type", d.interventionTypes.get(i));
      g.writeStringField("name", d.interventionNames.get(i));
      if (d.interventionDescriptions.get(i) != null) {
        g.writeStringField("description", d.interventionDescriptions.get(i));
      }
      if (d.armLabels.get(i) != null) {
        g.writeArrayFieldStart("armGroupLabels");
        g.writeString(d.armLabels.get(i));
        g.writeEndArray();
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();

    g.writeObjectFieldStart("outcomesModule");
    outcomes(g, "primaryOutcomes", d.primary);
    if (!d.secondary.isEmpty()) {
      outcomes(g, "secondaryOutcomes", d.secondary);
    }
    g.writeEndObject();

    g.writeObjectFieldStart("eligibilityModule");
    g.writeStringField("eligibilityCriteria", d.eligibility);
    g.writeBooleanField("healthyVolunteers", d.healthy);
    g.writeStringField("sex", "ALL");
    g.writeStringField("minimumAge", d.minAge);
    g.writeStringField("maximumAge", d.maxAge);
    stringArray(g, "stdAges", d.stdAges);
    if (d.studyType.equals("OBSERVATIONAL")) {
      g.writeStringField("studyPopulation", "Patients seen at " + d.sponsor.facility() + " and matched controls.");
      g.writeStringField("samplingMethod", "NON_PROBABILITY_SAMPLE");
    }
    g.writeEndObject();

    g.writeObjectFieldStart("contactsLocationsModule");
    g.writeArrayFieldStart("locations");
    g.writeStartObject();
    g.writeStringField("facility", d.sponsor.facility());
    if (d.status.equals("RECRUITING") || d.status.equals("NOT_YET_RECRUITING")) {
      g.writeStringField("status", d.status);
    }
    g.writeStringField("city", d.sponsor.city());
    if (d.sponsor.state() != null) {
      g.writeStringField("state", d.sponsor.state());
    }
    g.writeStringField("country", d.sponsor.country());
    g.writeObjectFieldStart("geoPoint");
    g.writeNumberField("lat", d.sponsor.lat());
    g.writeNumberField("lon", d.sponsor.lon());
    g.writeEndObject();
    g.writeEndObject();
    g.writeEndArray();
    g.writeEndObject();

    g.writeEndObject();
    g.writeBooleanField("hasResults", false);
    g.writeEndObject();
  }

  private static void dateStruct(final JsonGenerator g, final String name, final LocalDate date, final String type)
      throws IOException {
    g.writeObjectFieldStart(name);
    g.writeStringField("date", date.toString());
    g.writeStringField("type", type);
    g.writeEndObject();
  }

  private static void stringArray(final JsonGenerator g, final String name, final List<String> values) throws IOException {
    g.writeArrayFieldStart(name);
    for (final String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  private static void outcomes(final JsonGenerator g, final String name, final List<String[]> outcomes) throws IOException {
    g.writeArrayFieldStart(name);
    for (final String[] o : outcomes) {
      g.writeStartObject();
      g.writeStringField("measure", o[0]);
      if (o[1] != null) {
        g.writeStringField("description", o[1]);
      }
      g.writeStringField("timeFrame", o[2]);
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  // ---------------------------------------------------------------------------------------------
  // Randomness and small helpers.

  private SplittableRandom rng(final int index, final long salt) {
    return new SplittableRandom(mix(seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + salt));
  }

  /** SplitMix64's finaliser: spreads nearby inputs over the whole range. */
  private static long mix(final long x) {
    long z = x + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static void check(final int index) {
    if (index < 0 || index >= MAX_STUDIES) {
      throw new IllegalArgumentException("Study index must be in [0, " + MAX_STUDIES + ") but was " + index);
    }
  }

  private static <T> T pick(final SplittableRandom r, final List<T> list) {
    return list.get(r.nextInt(list.size()));
  }

  private static String pickWeighted(final SplittableRandom r, final List<Object[]> weighted) {
    int total = 0;
    for (final Object[] w : weighted) {
      total += (Integer) w[1];
    }
    int roll = r.nextInt(total);
    for (final Object[] w : weighted) {
      roll -= (Integer) w[1];
      if (roll < 0) {
        return (String) w[0];
      }
    }
    throw new IllegalStateException("unreachable");
  }

  private static String cap(final String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }

  private static String titleCase(final String s) {
    final String[] words = s.split(" ");
    final StringBuilder sb = new StringBuilder(s.length());
    for (final String w : words) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(w.equals("of") || w.equals("from") || w.equals("and") ? w : cap(w));
    }
    return sb.toString();
  }

  /** The content of one study before it is written. */
  private static final class Draft {
    String nctId;
    Category category;
    Sponsor sponsor;
    String orgStudyId;
    String briefTitle;
    String officialTitle;
    String status;
    String whyStopped;
    LocalDate start;
    LocalDate primaryCompletion;
    LocalDate completion;
    LocalDate firstPost;
    LocalDate lastUpdate;
    String summary;
    String description;
    List<String> conditions;
    List<String> keywords;
    String studyType;
    List<String> phases;
    String allocation;
    String model;
    String purpose;
    String masking;
    int enrollment;
    String bioSpec;
    boolean healthy;
    String eligibility;
    String minAge;
    String maxAge;
    List<String> stdAges;
    final List<String> armLabels = new ArrayList<>();
    final List<String> armTypes = new ArrayList<>();
    final List<String> armDescriptions = new ArrayList<>();
    final List<String> interventionTypes = new ArrayList<>();
    final List<String> interventionNames = new ArrayList<>();
    final List<String> interventionDescriptions = new ArrayList<>();
    final List<String[]> primary = new ArrayList<>();
    final List<String[]> secondary = new ArrayList<>();

    /** Adds an arm (label may be null for observational studies) and its intervention (name may be null). */
    void arm(final String label, final String type, final String description, final String interventionType,
        final String interventionName, final String interventionDescription) {
      armLabels.add(label);
      armTypes.add(type);
      armDescriptions.add(description);
      interventionTypes.add(interventionType);
      interventionNames.add(interventionName);
      interventionDescriptions.add(interventionDescription);
    }
  }
}
