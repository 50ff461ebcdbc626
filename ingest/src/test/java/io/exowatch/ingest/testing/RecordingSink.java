package io.exowatch.ingest.testing;

import io.exowatch.ingest.source.Batch;
import io.exowatch.ingest.source.BatchSink;
import io.exowatch.ingest.source.Cursor;
import io.exowatch.ingest.source.Rejected;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A sink that keeps every batch, for tests of sources alone. */
public final class RecordingSink implements BatchSink {

  private final List<Batch> batches = new ArrayList<>();

  @Override
  public void accept(final Batch batch) {
    batches.add(batch);
  }

  public List<Batch> batches() {
    return batches;
  }

  /** Registry ids of every trial, in order. */
  public List<String> trialIds() {
    return batches.stream().flatMap(b -> b.trials().stream()).map(t -> t.getRegistryId()).toList();
  }

  /** Ids of every article, in order. */
  public List<String> articleIds() {
    return batches.stream().flatMap(b -> b.articles().stream()).map(a -> a.getId()).toList();
  }

  /** Every rejection, in order. */
  public List<Rejected> rejected() {
    return batches.stream().flatMap(b -> b.rejected().stream()).toList();
  }

  /** The cursor of the last batch that set one, or null. */
  public Cursor lastCursor() {
    return batches.stream().map(Batch::cursorAfter).filter(Objects::nonNull).reduce((a, b) -> b).orElse(null);
  }
}
