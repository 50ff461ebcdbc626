package io.exowatch.enrich.classify;

import io.exowatch.common.ids.TrialIds;
import io.exowatch.enrich.classify.internal.Field;
import io.exowatch.enrich.classify.internal.Kind;
import io.exowatch.enrich.classify.internal.RecordAnalyzer;
import io.exowatch.enrich.classify.internal.Role;
import io.exowatch.enrich.classify.internal.Verdict;
import io.exowatch.schemas.avro.AbstractSection;
import io.exowatch.schemas.avro.ArticleRecord;
import io.exowatch.schemas.avro.Arm;
import io.exowatch.schemas.avro.Classification;
import io.exowatch.schemas.avro.Evidence;
import io.exowatch.schemas.avro.Intervention;
import io.exowatch.schemas.avro.Phase;
import io.exowatch.schemas.avro.SecondaryId;
import io.exowatch.schemas.avro.StudyKind;
import io.exowatch.schemas.avro.TrialRecord;
import io.exowatch.schemas.avro.TrialStatus;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Classifies trial registrations and articles as CLASSIFICATION.md describes: one category with a
 * confidence, the labels of the two MSC therapy categories, normalised phase and status, trial ids
 * mentioned, and evidence (field path and matched text) for every label. A plain library: no Kafka,
 * no I/O after construction.
 *
 * <p>Observational designs (see {@link #observational}) lean every vesicle mention towards measurement.
 * The words it knows are data: {@link Vocabulary#standard()} by default, compiled once. Rules
 * changes bump {@link #VERSION}, which every result carries, so re-classified records are visible.
 * Thread-safe; one instance serves all threads.
 */
public final class Classifier {

  /** The version stamped on every classification; bump it when rules or vocabulary change. */
  public static final String VERSION = "2026.11.2";

  /** How far after an id prefix (or "trial registration") the id search looks. */
  private static final int ID_SNIPPET_CHARS = 80;

  private final RecordAnalyzer analyzer;

  /** A classifier over the bundled vocabulary. */
  public Classifier() {
    this(Vocabulary.standard());
  }

  /**
   * A classifier over a vocabulary.
   *
   * @param vocabulary the compiled vocabulary
   */
  public Classifier(final Vocabulary vocabulary) {
    Objects.requireNonNull(vocabulary, "vocabulary");
    this.analyzer = new RecordAnalyzer(vocabulary.terms(), vocabulary.automaton());
  }

  /**
   * Classifies a trial registration from any registry.
   *
   * @param trial the record
   * @return its classification; {@code studyKind} is null for trials
   */
  public Classification classify(final TrialRecord trial) {
    Objects.requireNonNull(trial, "trial");
    final List<Field> fields = trialFields(trial);
    final Verdict v = analyzer.analyze(fields, observational(trial.getStudyType()), !trial.getInterventions().isEmpty());

    final List<Evidence> evidence = new ArrayList<>(v.evidence());
    final Phase phase = Phases.normalise(trial.getPhases());
    if (!trial.getPhases().isEmpty()) {
      evidence.add(new Evidence("phase:" + phase, "phases", String.join(", ", trial.getPhases())));
    }
    final TrialStatus status = Statuses.normalise(trial.getStatus());
    if (trial.getStatus() != null) {
      evidence.add(new Evidence("status:" + status, "status", trial.getStatus()));
    }
    return build(v, phase, status, null, trialIds(trial, fields), evidence);
  }

  /**
   * Classifies an article by its subject (title, abstract, keywords, MeSH terms).
   *
   * @param article the record
   * @return its classification with {@code studyKind} and the trial ids it mentions; phase and status UNKNOWN
   */
  public Classification classify(final ArticleRecord article) {
    Objects.requireNonNull(article, "article");
    final List<Field> fields = articleFields(article);
    final Verdict v = analyzer.analyze(fields, false, false);
    final List<Evidence> evidence = new ArrayList<>(v.evidence());
    final StudyKind kind = studyKind(article, fields, evidence);
    return build(v, Phase.UNKNOWN, TrialStatus.UNKNOWN, kind, articleTrialIds(article), evidence);
  }

  private static Classification build(final Verdict v, final Phase phase, final TrialStatus status,
      final StudyKind studyKind, final List<String> trialIds, final List<Evidence> evidence) {
    return Classification.newBuilder()
        .setCategory(v.category())
        .setConfidence(v.confidence())
        .setApplications(new ArrayList<>(v.applications()))
        .setMscSources(new ArrayList<>(v.mscSources()))
        .setProductTypes(new ArrayList<>(v.productTypes()))
        .setRoutes(new ArrayList<>(v.routes()))
        .setCargo(v.cargo())
        .setCargoDetail(v.cargoDetail())
        .setConditionAreas(new ArrayList<>(v.conditionAreas()))
        .setPhase(phase)
        .setStatus(status)
        .setStudyKind(studyKind)
        .setMentionedTrialIds(trialIds)
        .setEvidence(evidence)
        .setClassifierVersion(VERSION)
        .build();
  }

  /**
   * Whether a study type says nothing is administered: ClinicalTrials.gov {@code OBSERVATIONAL}, and
   * other registries' observational, diagnostic-test, epidemiological, cohort, case-control and
   * cross-sectional designs, in English or as ChiCTR writes them in Chinese (观察性研究, 诊断试验,
   * 流行病学研究, 病因学, 预后研究, 队列, 病例对照, 横断面).
   */
  static boolean observational(final String studyType) {
    if (studyType == null) {
      return false;
    }
    final String t = studyType.toLowerCase(Locale.ROOT);
    return t.contains("observational") || t.contains("diagnostic") || t.contains("epidemiolog")
        || t.contains("cohort") || t.contains("case-control") || t.contains("case control")
        || t.contains("cross-sectional") || t.contains("cross sectional")
        || t.contains("观察性") || t.contains("诊断试验") || t.contains("流行病学") || t.contains("病因学")
        || t.contains("预后") || t.contains("队列") || t.contains("病例对照") || t.contains("横断面");
  }

  // ---- fields ---------------------------------------------------------------------------------

  private static List<Field> trialFields(final TrialRecord t) {
    final List<Field> fields = new ArrayList<>(16 + t.getInterventions().size() * 3);
    add(fields, "briefTitle", -1, t.getBriefTitle(), Role.TITLE);
    add(fields, "officialTitle", -1, t.getOfficialTitle(), Role.TITLE);
    add(fields, "acronym", -1, t.getAcronym(), Role.TITLE);
    if (t.getBriefSummary() != null && !t.getBriefSummary().isBlank()) {
      fields.add(new Field("briefSummary", -1, null, -1, t.getBriefSummary(), Role.SUMMARY, -1, null, true));
    }
    add(fields, "detailedDescription", -1, t.getDetailedDescription(), Role.SUMMARY);
    addAll(fields, "conditions", t.getConditions(), Role.CONDITION);
    addAll(fields, "keywords", t.getKeywords(), Role.KEYWORD);
    final List<Intervention> interventions = t.getInterventions();
    for (int i = 0; i < interventions.size(); i++) {
      final Intervention in = interventions.get(i);
      final String type = in.getType() == null ? null : in.getType().toUpperCase(Locale.ROOT);
      addGroup(fields, "interventions", i, "name", -1, in.getName(), Role.INTERVENTION, type);
      addGroup(fields, "interventions", i, "description", -1, in.getDescription(), Role.INTERVENTION, type);
      final List<String> other = in.getOtherNames();
      for (int j = 0; j < other.size(); j++) {
        addGroup(fields, "interventions", i, "otherNames", j, other.get(j), Role.INTERVENTION, type);
      }
    }
    final List<Arm> arms = t.getArms();
    for (int i = 0; i < arms.size(); i++) {
      addGroup(fields, "arms", i, "label", -1, arms.get(i).getLabel(), Role.ARM, null);
      addGroup(fields, "arms", i, "description", -1, arms.get(i).getDescription(), Role.ARM, null);
    }
    addAll(fields, "outcomes", t.getOutcomes(), Role.OUTCOME);
    return fields;
  }

  private static List<Field> articleFields(final ArticleRecord a) {
    final List<Field> fields = new ArrayList<>();
    add(fields, "title", -1, a.getTitle(), Role.TITLE);
    if (a.getAbstractText() != null && !a.getAbstractText().isBlank()) {
      fields.add(new Field("abstractText", -1, null, -1, a.getAbstractText(), Role.SUMMARY, -1, null, true));
    } else {
      final List<AbstractSection> sections = a.getAbstractSections();
      for (int i = 0; i < sections.size(); i++) {
        if (sections.get(i).getText() != null && !sections.get(i).getText().isBlank()) {
          fields.add(new Field("abstractSections", i, "text", -1, sections.get(i).getText(), Role.SUMMARY, -1,
              null, i == 0));
        }
      }
    }
    addAll(fields, "keywords", a.getKeywords(), Role.KEYWORD);
    addAll(fields, "meshTerms", a.getMeshTerms(), Role.KEYWORD);
    return fields;
  }

  private static void add(final List<Field> fields, final String name, final int index, final String text,
      final Role role) {
    if (text != null && !text.isBlank()) {
      fields.add(Field.of(name, index, text, role));
    }
  }

  private static void addAll(final List<Field> fields, final String name, final List<String> texts, final Role role) {
    for (int i = 0; i < texts.size(); i++) {
      add(fields, name, i, texts.get(i), role);
    }
  }

  private static void addGroup(final List<Field> fields, final String name, final int group, final String child,
      final int childIndex, final String text, final Role role, final String type) {
    if (text != null && !text.isBlank()) {
      fields.add(new Field(name, group, child, childIndex, text, role, group, type, false));
    }
  }

  // ---- ids and study kind ---------------------------------------------------------------------

  /** Registrations elsewhere: other registries' secondary ids, and ids the summaries name. */
  private List<String> trialIds(final TrialRecord t, final List<Field> fields) {
    final Set<String> ids = new LinkedHashSet<>();
    for (final SecondaryId s : t.getSecondaryIds()) {
      if (s.getRegistry() != null) {
        ids.add(TrialIds.normalize(s.getId()).orElse(s.getId()));
      } else {
        TrialIds.normalize(s.getId()).ifPresent(ids::add);
      }
    }
    // The id search is a regular expression: run it only just after where the vocabulary saw an id
    // prefix ("NCT...", "ChiCTR...", "Trial registration: 2019-001234-56").
    for (final String snippet : analyzer.snippetsAt(fields, Kind.TRIAL_ID_HINT, Role.SUMMARY, ID_SNIPPET_CHARS)) {
      ids.addAll(TrialIds.find(snippet));
    }
    ids.remove(t.getRegistryId());
    TrialIds.normalize(t.getRegistryId()).ifPresent(ids::remove);
    return new ArrayList<>(ids);
  }

  private static List<String> articleTrialIds(final ArticleRecord a) {
    final Set<String> ids = new LinkedHashSet<>();
    for (final String id : a.getTrialIds()) {
      if (id != null && !id.isBlank()) {
        ids.add(TrialIds.normalize(id).orElse(id.strip()));
      }
    }
    ids.addAll(TrialIds.find(a.getTitle()));
    if (a.getAbstractText() != null) {
      ids.addAll(TrialIds.find(a.getAbstractText()));
    } else {
      for (final AbstractSection s : a.getAbstractSections()) {
        ids.addAll(TrialIds.find(s.getText()));
      }
    }
    return new ArrayList<>(ids);
  }

  private StudyKind studyKind(final ArticleRecord a, final List<Field> fields, final List<Evidence> evidence) {
    final List<String> types = a.getPublicationTypes();
    for (final StudyKind wanted : List.of(StudyKind.REVIEW, StudyKind.CLINICAL_TRIAL)) {
      for (int i = 0; i < types.size(); i++) {
        if (publicationTypeKind(types.get(i)) == wanted) {
          evidence.add(new Evidence("studyKind:" + wanted, "publicationTypes[" + i + "]", types.get(i)));
          return wanted;
        }
      }
    }
    final Evidence fromText = analyzer.studyKind(fields);
    if (fromText != null) {
      evidence.add(fromText);
      return StudyKind.valueOf(fromText.getLabel().substring("studyKind:".length()));
    }
    evidence.add(new Evidence("studyKind:OTHER", "publicationTypes",
        types.isEmpty() ? "" : String.join(", ", types)));
    return StudyKind.OTHER;
  }

  /** The study kind a PubMed publication type implies, or {@code null}. */
  static StudyKind publicationTypeKind(final String type) {
    final String t = type == null ? "" : type.toLowerCase(Locale.ROOT);
    if (t.contains("review") || t.contains("meta-analysis") || t.contains("meta analysis")) {
      return StudyKind.REVIEW;
    }
    if (t.contains("clinical trial") || t.contains("randomized controlled trial")
        || t.contains("controlled clinical trial") || t.contains("clinical study")) {
      return StudyKind.CLINICAL_TRIAL;
    }
    return null;
  }
}
