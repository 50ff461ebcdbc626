package io.exowatch.ingest.cursor;

import io.exowatch.ingest.source.Cursor;

/** Stores one {@link Cursor} per source. Implementations: {@link KafkaCursorStore}, {@link InMemoryCursorStore}. */
public interface CursorStore extends AutoCloseable {

  /** The stored cursor of {@code source}, {@link Cursor#EMPTY} when none. */
  Cursor load(String source);

  /**
   * Stores the cursor of {@code source}; durable when this returns.
   *
   * @throws CursorStoreException when it could not be stored
   */
  void save(String source, Cursor cursor);

  @Override
  void close();
}
