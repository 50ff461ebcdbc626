package io.exowatch.enrich.internal;

import java.util.List;
import java.util.Objects;

/**
 * Which real trial a registration belongs to, as the identity step decided it.
 *
 * @param canonicalId the id the real trial is known by: the registration of it announced first
 * @param others the real trial's other registrations, sorted (seen or only named by one)
 */
public record SameAsView(String canonicalId, List<String> others) {

  /** Copies the list. */
  public SameAsView {
    Objects.requireNonNull(canonicalId, "canonicalId");
    others = others == null ? List.of() : List.copyOf(others);
  }

  /** The view a trial has until the identity step says otherwise: its own real trial, naming {@code claims}. */
  public static SameAsView assumed(final String trialId, final List<String> claims) {
    return new SameAsView(trialId, claims.stream().filter(id -> !id.equals(trialId)).sorted().distinct().toList());
  }
}
