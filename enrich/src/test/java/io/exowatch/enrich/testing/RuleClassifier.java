package io.exowatch.enrich.testing;

import io.exowatch.common.ids.TrialIds;
import io.exowatch.enrich.RecordClassifier;
import io.exowatch.schemas.avro.ArticleRecord;
import io.exowatch.schemas.avro.Category;
import io.exowatch.schemas.avro.Classification;
import io.exowatch.schemas.avro.Phase;
import io.exowatch.schemas.avro.StudyKind;
import io.exowatch.schemas.avro.TrialRecord;
import io.exowatch.schemas.avro.TrialStatus;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small stand-in classifier for topology tests, where the classification itself is not under
 * test: "exosome" or "vesicle" in the title makes {@code MSC_EV_THERAPY}, the status is the
 * registry's upper-cased, articles mention the trial ids in their title and abstract. Tests can
 * override a record's category (a classifier that changed its mind) or make it throw.
 */
public final class RuleClassifier implements RecordClassifier {

  private final Map<String, Category> overrides = new ConcurrentHashMap<>();
  private final Set<String> failing = ConcurrentHashMap.newKeySet();
  private volatile String version = "test-1";

  /** From now on, {@code id} gets {@code category}. */
  public RuleClassifier override(final String id, final Category category) {
    overrides.put(id, category);
    return this;
  }

  /** From now on, classifying {@code id} throws. */
  public RuleClassifier failOn(final String id) {
    failing.add(id);
    return this;
  }

  /** From now on, classifications carry {@code v}. */
  public RuleClassifier version(final String v) {
    version = v;
    return this;
  }

  @Override
  public Classification classify(final TrialRecord trial) {
    final String id = trial.getRegistryId();
    if (failing.contains(id)) {
      throw new IllegalStateException("rule table has no entry for intervention type of " + id);
    }
    final Category category = overrides.getOrDefault(id, categoryOf(trial.getBriefTitle()));
    return base(category)
        .setStatus(status(trial.getStatus()))
        .setPhase(trial.getPhases().contains("PHASE1") ? Phase.PHASE1 : Phase.UNKNOWN)
        .build();
  }

  @Override
  public Classification classify(final ArticleRecord article) {
    if (failing.contains(article.getId())) {
      throw new IllegalStateException("cannot classify " + article.getId());
    }
    final String text = article.getTitle() + " " + article.getAbstractText();
    return base(overrides.getOrDefault(article.getId(), categoryOf(article.getTitle())))
        .setStudyKind(StudyKind.REVIEW)
        .setMentionedTrialIds(TrialIds.find(text))
        .build();
  }

  private Classification.Builder base(final Category category) {
    return Classification.newBuilder()
        .setCategory(category)
        .setConfidence(0.9)
        .setEvidence(List.of())
        .setClassifierVersion(version);
  }

  private static Category categoryOf(final String title) {
    final String t = title == null ? "" : title.toLowerCase(Locale.ROOT);
    return t.contains("exosome") || t.contains("vesicle") ? Category.MSC_EV_THERAPY : Category.UNRELATED;
  }

  private static TrialStatus status(final String raw) {
    if (raw == null) {
      return TrialStatus.UNKNOWN;
    }
    try {
      return TrialStatus.valueOf(raw.strip().toUpperCase(Locale.ROOT).replace(' ', '_'));
    } catch (final IllegalArgumentException e) {
      return TrialStatus.UNKNOWN;
    }
  }
}
