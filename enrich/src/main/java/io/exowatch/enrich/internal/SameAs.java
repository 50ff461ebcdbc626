package io.exowatch.enrich.internal;

import io.exowatch.common.ids.TrialIds;
import io.exowatch.schemas.avro.SecondaryId;
import io.exowatch.schemas.avro.TrialRecord;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The ids of the same trial in other registries: secondary ids that are recognised trial registry
 * ids ({@link TrialIds}) of a registry other than the record's own, normalised, in order of
 * appearance. Sponsor protocol numbers and grant ids are not registry ids and are left out.
 */
public final class SameAs {

  private SameAs() {}

  /** The other-registry ids of {@code trial}. */
  public static List<String> of(final TrialRecord trial) {
    final Set<String> ids = new LinkedHashSet<>();
    for (final SecondaryId secondary : trial.getSecondaryIds()) {
      final Optional<String> id = TrialIds.normalize(secondary.getId());
      if (id.isPresent() && !id.get().equals(trial.getRegistryId())
          && !TrialIds.registryOf(id.get()).equals(trial.getRegistry())) {
        ids.add(id.get());
      }
    }
    return new ArrayList<>(ids);
  }
}
