package io.exowatch.enrich.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * What a trial tells the identity step ({@code identity-claims}, keyed by trial id): that it exists
 * and which registrations elsewhere it names, or that it is gone.
 *
 * @param type what happened
 * @param id the trial's id
 * @param claims the ids of other registrations the trial's record names ({@link SameAs#of}); empty when gone
 * @param firstSight whether the trial was never seen before (its {@code CREATED} event is in question)
 * @param draft what a {@code CREATED} event for the trial would say; {@code null} when gone
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IdentityMessage(Type type, String id, List<String> claims, boolean firstSight, EventDraft draft) {

  /** Kinds of message. */
  public enum Type {
    /** The trial exists (first sight, or its other-registry ids changed). */
    SEEN,
    /** The trial was deleted (tombstone). */
    GONE
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
    return new IdentityMessage(Type.SEEN, id, claims, firstSight, Objects.requireNonNull(draft, "draft"));
  }

  /** The trial {@code id} is gone. */
  public static IdentityMessage gone(final String id) {
    return new IdentityMessage(Type.GONE, id, List.of(), false, null);
  }
}
