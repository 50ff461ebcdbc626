package io.exowatch.enrich.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The identity step's entry for one registration ({@code trial-identity} store). A registration
 * another one names but that was never seen (or is gone) is a placeholder: {@code exists} false.
 *
 * @param exists whether the registration's record is present
 * @param claims other registrations its record names (empty for placeholders)
 * @param component every registration of the same real trial, itself included, sorted
 * @param created whether a {@code CREATED} event was emitted for this registration
 * @param createdSeq the position on {@code identity-claims} of the message that announced it: orders the
 *     registrations of a real trial, the first announced is canonical
 * @param firstSeenSeq the position on {@code identity-claims} of the message it was first seen by
 * @param draft its latest {@code CREATED} draft, kept in case the registration leaves a real trial
 *     that was announced under another id
 * @param view what the trial was last told (its canonical id and the others), or {@code null} for
 *     the default (itself canonical, the others = its own claims)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IdentityMember(boolean exists, List<String> claims, List<String> component, boolean created,
    long createdSeq, long firstSeenSeq, IdentityMessage.EventDraft draft, SameAsView view) {

  /** Copies the lists. */
  public IdentityMember {
    claims = claims == null ? List.of() : List.copyOf(claims);
    component = component == null ? List.of() : List.copyOf(component);
  }

  /** A registration known only because another names it. */
  public static IdentityMember placeholder(final String id) {
    return new IdentityMember(false, List.of(), List.of(id), false, 0L, 0L, null, null);
  }

  /** This entry in another component. */
  public IdentityMember inComponent(final List<String> ids) {
    return new IdentityMember(exists, claims, ids, created, createdSeq, firstSeenSeq, draft, view);
  }

  /** This entry marked announced by the message at {@code seq}. */
  public IdentityMember announcedAt(final long seq) {
    return new IdentityMember(exists, claims, component, true, seq, firstSeenSeq, draft, view);
  }

  /** This entry having been told {@code told}. */
  public IdentityMember told(final SameAsView told) {
    return new IdentityMember(exists, claims, component, created, createdSeq, firstSeenSeq, draft, told);
  }
}
