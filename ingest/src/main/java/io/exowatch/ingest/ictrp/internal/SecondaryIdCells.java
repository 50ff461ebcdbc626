package io.exowatch.ingest.ictrp.internal;

import io.exowatch.common.ids.TrialIds;
import io.exowatch.schemas.avro.SecondaryId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects a row's secondary ids from the cells that name them. Every registry id found (in any
 * spelling {@link TrialIds} knows, also inside longer text such as {@code EudraCT 2020-001234-56}) is
 * kept normalised with its registry code; other labels (sponsor numbers, UTNs) only from the
 * {@code Secondary ID} cell, as written. The row's own id is never listed; the first type an id is
 * seen with is kept. Not thread-safe.
 */
public final class SecondaryIdCells {

  /** Longer "ids" are sentences, not ids. */
  private static final int MAX_LABEL_CHARS = 200;

  private final String ownId;
  private final Map<String, SecondaryId> ids = new LinkedHashMap<>();

  /** A collector for the row of registration {@code ownId} (normalised). */
  public SecondaryIdCells(final String ownId) {
    this.ownId = ownId;
  }

  /** Adds the registry ids and the other labels of a {@code Secondary ID} cell, with {@code type}. */
  public void addIdsAndLabels(final String cell, final String type) {
    for (final String piece : pieces(cell)) {
      if (!addIdsIn(piece, type) && piece.length() <= MAX_LABEL_CHARS && !piece.equalsIgnoreCase(ownId)) {
        ids.putIfAbsent(piece, new SecondaryId(piece, type, null));
      }
    }
  }

  /** Adds only the registry ids in {@code cell} (a bridging cell, {@code other records}), with {@code type}. */
  public void addIds(final String cell, final String type) {
    for (final String piece : pieces(cell)) {
      addIdsIn(piece, type);
    }
  }

  /** The ids collected, in the order first seen. */
  public List<SecondaryId> toList() {
    return new ArrayList<>(ids.values());
  }

  /** Whether {@code text} held registry ids (its own id counts); those not yet seen are added. */
  private boolean addIdsIn(final String text, final String type) {
    final List<String> found = TrialIds.find(text);
    for (final String id : found) {
      if (!id.equals(ownId)) {
        ids.putIfAbsent(id, new SecondaryId(id, type, TrialIds.registryOf(id)));
      }
    }
    return !found.isEmpty();
  }

  private static List<String> pieces(final String cell) {
    final List<String> out = new ArrayList<>();
    for (final String item : ListCells.split(cell, ListCells.Breaks.LINES)) {
      for (final String piece : item.split(",")) {
        if (!piece.isBlank()) {
          out.add(piece.strip());
        }
      }
    }
    return out;
  }
}
