package io.exowatch.enrich.internal;

import io.exowatch.common.ids.TrialIds;
import io.exowatch.schemas.avro.ArticleRecord;
import io.exowatch.schemas.avro.Classification;
import io.exowatch.schemas.avro.TrialRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Makes fingerprints of trials and articles. Fetch metadata ({@value #FETCHED_AT}, sourceUrl,
 * sourcePayload, sourcePayloadTruncated, contentHash) is left out, so a re-scrape of identical
 * content has an identical fingerprint; so are the classification's evidence, confidence and
 * version, so a new classifier that assigns the same labels changes nothing ({@link #NOT_LABELS}).
 *
 * <p>Not thread-safe: each stream task makes its own.
 */
public final class Fingerprinter {

  private static final String FETCHED_AT = "fetchedAt";

  /** Fields of trial and article records that describe the fetch, not the content. */
  public static final Set<String> FETCH_METADATA =
      Set.of(FETCHED_AT, "sourceUrl", "sourcePayload", "sourcePayloadTruncated", "contentHash");

  /**
   * Fields of a classification left out of its hash: evidence, confidence and version do not change
   * what it says; status and phase are normalised copies of record fields, compared through the
   * snapshot (see {@link TrialFingerprint#changedFields}).
   */
  public static final Set<String> NOT_LABELS =
      Set.of("evidence", "confidence", "classifierVersion", "status", "phase");

  private final FieldHashes trialHashes = new FieldHashes(TrialRecord.class, FETCH_METADATA);
  private final FieldHashes articleHashes = new FieldHashes(ArticleRecord.class, FETCH_METADATA);
  private final FieldHashes labelHashes = new FieldHashes(Classification.class, NOT_LABELS);

  /** The fingerprint of a classified trial. */
  public TrialFingerprint trial(final TrialRecord trial, final Classification classification) {
    final String title = trial.getBriefTitle() != null ? trial.getBriefTitle() : trial.getOfficialTitle();
    final TrialFingerprint.Snapshot snapshot = new TrialFingerprint.Snapshot(title,
        classification.getStatus().name(), classification.getPhase().name(), classification.getCategory().name(),
        trial.getLastUpdatePosted());
    return new TrialFingerprint(trialHashes.perField(trial), labelHashes.combined(classification), snapshot,
        ArticleKeys.referencedBy(trial));
  }

  /** The fingerprint of a classified article keyed {@code articleId}. */
  public ArticleFingerprint article(final String articleId, final ArticleRecord article,
      final Classification classification) {
    return new ArticleFingerprint(articleHashes.combined(article), labelHashes.combined(classification),
        article.getTitle(), ArticleKeys.of(articleId, article), mentions(article, classification));
  }

  /** Normalised trial ids an article names: its own list and the classifier's, sorted. */
  static List<String> mentions(final ArticleRecord article, final Classification classification) {
    final TreeSet<String> ids = new TreeSet<>();
    for (final String id : article.getTrialIds()) {
      TrialIds.normalize(id).ifPresent(ids::add);
    }
    for (final String id : classification.getMentionedTrialIds()) {
      TrialIds.normalize(id).ifPresent(ids::add);
    }
    return new ArrayList<>(ids);
  }
}
