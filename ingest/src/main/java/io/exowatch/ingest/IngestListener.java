package io.exowatch.ingest;

import io.exowatch.ingest.source.Cursor;

/**
 * Hears about progress, e.g. to print it. Called on the thread running the sources; keep it quick.
 * Every method does nothing by default.
 */
public interface IngestListener {

  /** A listener that ignores everything. */
  IngestListener NONE = new IngestListener() { };

  /** A source starts a pass from {@code cursor}. */
  default void onSourceStarted(final String source, final Cursor cursor) {
  }

  /** A batch of {@code source} was published and its cursor stored. */
  default void onProgress(final SourceProgress progress) {
  }

  /** A source's pass ended. */
  default void onSourceFinished(final SourceResult result) {
  }
}
