package io.exowatch.enrich.internal;

import io.exowatch.schemas.avro.TrialSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the {@code trial-fingerprints} store remembers of a trial: a hash per content field of the
 * {@code TrialRecord} (fetch metadata left out), a hash of the classification's labels, the
 * snapshot that becomes an event's {@code before}, and the article keys its references named.
 *
 * @param fields hash per field name, in schema order
 * @param classification hash of the classification labels ({@link Fingerprinter#NOT_LABELS} left out)
 * @param snapshot the trial as events show it
 * @param referenceKeys article lookup keys of the trial's references, sorted
 */
public record TrialFingerprint(Map<String, Long> fields, long classification, Snapshot snapshot,
    List<String> referenceKeys) {

  /** The name reported in {@code changedFields} when the classification changed. */
  public static final String CLASSIFICATION = "classification";

  /**
   * A trial as {@code TrialEvent.before}/{@code after} show it.
   *
   * @param title brief title, else official title
   * @param status normalised status
   * @param phase normalised phase
   * @param category classification category
   * @param lastUpdatePosted the registry's last-update date
   */
  public record Snapshot(String title, String status, String phase, String category, String lastUpdatePosted) {

    /** The Avro form. */
    public TrialSnapshot toAvro() {
      return TrialSnapshot.newBuilder().setTitle(title).setStatus(status).setPhase(phase).setCategory(category)
          .setLastUpdatePosted(lastUpdatePosted).build();
    }
  }

  /** Checks the parts. */
  public TrialFingerprint {
    Objects.requireNonNull(fields, "fields");
    Objects.requireNonNull(snapshot, "snapshot");
    referenceKeys = referenceKeys == null ? List.of() : List.copyOf(referenceKeys);
  }

  /**
   * The names of the fields that differ in {@code current}, in schema order, then
   * {@value #CLASSIFICATION} when the classifier's reading changed: other labels, or a normalised
   * status or phase that differs although the registry's own {@code status} or {@code phases}
   * field did not (a new normalisation rule). A field this fingerprint does not know (added to the
   * schema since) is compared from the next sighting on.
   */
  public List<String> changedFields(final TrialFingerprint current) {
    final List<String> changed = new ArrayList<>();
    for (final Map.Entry<String, Long> field : current.fields.entrySet()) {
      final Long before = fields.get(field.getKey());
      if (before != null && !before.equals(field.getValue())) {
        changed.add(field.getKey());
      }
    }
    final boolean statusReread = !Objects.equals(snapshot.status(), current.snapshot.status())
        && !changed.contains("status");
    final boolean phaseReread = !Objects.equals(snapshot.phase(), current.snapshot.phase())
        && !changed.contains("phases");
    if (classification != current.classification || statusReread || phaseReread) {
      changed.add(CLASSIFICATION);
    }
    return changed;
  }

  /** Whether the normalised status differs in {@code current}. */
  public boolean statusChanged(final TrialFingerprint current) {
    return !Objects.equals(snapshot.status(), current.snapshot.status());
  }
}
