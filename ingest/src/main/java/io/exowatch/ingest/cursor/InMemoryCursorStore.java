package io.exowatch.ingest.cursor;

import io.exowatch.ingest.source.Cursor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Cursors held in memory only (lost on exit): for tests and one-off runs that should start from scratch. */
public final class InMemoryCursorStore implements CursorStore {

  private final Map<String, Cursor> cursors = new ConcurrentHashMap<>();

  @Override
  public Cursor load(final String source) {
    return cursors.getOrDefault(source, Cursor.EMPTY);
  }

  @Override
  public void save(final String source, final Cursor cursor) {
    cursors.put(source, cursor);
  }

  @Override
  public void close() {
    // Nothing to release.
  }
}
