package io.exowatch.enrich.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.exowatch.schemas.avro.TrialEvent;
import io.exowatch.schemas.avro.TrialEventOp;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a trial tells the identity step ({@code identity-claims}, keyed by trial id): that it exists
 * and which registrations elsewhere it names, that it is gone, or a change to announce. Changes go
 * this way too, although the identity step only passes them on, so that a trial's events leave in
 * the order they happened: its {@code CREATED} is decided here, a transaction after the trial was
 * first seen, and an {@code UPDATED} sent straight from the trial's task could overtake it.
 *
 * @param type what happened
 * @param id the trial's id
 * @param claims the ids of other registrations the trial's record names ({@link SameAs#of}); empty when gone
 * @param firstSight whether the trial was never seen before (its {@code CREATED} event is in question)
 * @param draft what a {@code CREATED} event for the trial would say; {@code null} when gone or a change
 * @param change the {@code UPDATED} or {@code STATUS_CHANGED} event to pass on; only for {@link Type#CHANGED}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IdentityMessage(Type type, String id, List<String> claims, boolean firstSight, EventDraft draft,
    ChangeDraft change) {

  /** Kinds of message. */
  public enum Type {
    /** The trial exists (first sight, or its other-registry ids changed). */
    SEEN,
    /** The trial was deleted (tombstone). */
    GONE,
    /** The trial changed: pass its event on, after whatever came before it. */
    CHANGED
  }

  /**
   * An {@code UPDATED} or {@code STATUS_CHANGED} event, as the trial's task decided it.
   *
   * @param op the event's kind
   * @param changedFields the fields that changed
   * @param before the trial as it was
   * @param after the trial as it is
   * @param registry the trial's registry
   * @param sameAs its other registrations
   * @param classifierVersion the classifier's version
   * @param ts when the change was seen (epoch ms)
   */
  public record ChangeDraft(TrialEventOp op, List<String> changedFields, TrialFingerprint.Snapshot before,
      TrialFingerprint.Snapshot after, String registry, List<String> sameAs, String classifierVersion, long ts) {

    /** The event. */
    public TrialEvent toEvent(final String trialId) {
      return new TrialEvent(trialId, op, changedFields, before.toAvro(), after.toAvro(), registry, sameAs,
          classifierVersion, Instant.ofEpochMilli(ts));
    }
  }

  /**
   * A {@code CREATED} event waiting for the identity step's decision.
   *
   * @param registry the trial's registry
   * @param after the trial as the event shows it
   * @param classifierVersion the classifier's version
   * @param ts when the trial was seen (epoch ms)
   */
  public record EventDraft(String registry, TrialFingerprint.Snapshot after, String classifierVersion, long ts) {}

  /** Checks the parts. */
  public IdentityMessage {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(id, "id");
    claims = claims == null ? List.of() : List.copyOf(claims);
  }

  /** The trial {@code id} exists and names {@code claims}. */
  public static IdentityMessage seen(final String id, final List<String> claims, final boolean firstSight,
      final EventDraft draft) {
    return new IdentityMessage(Type.SEEN, id, claims, firstSight, Objects.requireNonNull(draft, "draft"), null);
  }

  /** The trial {@code id} is gone. */
  public static IdentityMessage gone(final String id) {
    return new IdentityMessage(Type.GONE, id, List.of(), false, null, null);
  }

  /** The trial {@code id} changed; {@code change} is its event. */
  public static IdentityMessage changed(final String id, final ChangeDraft change) {
    return new IdentityMessage(Type.CHANGED, id, List.of(), false, null, Objects.requireNonNull(change, "change"));
  }
}
