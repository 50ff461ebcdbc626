package io.exowatch.ingest.http.internal;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers the {@code ETag} and {@code Last-Modified} of recent responses (least recently used
 * dropped beyond a bound), so the next fetch of the same URL can be conditional.
 */
public final class ValidatorCache {

  /** What a server said identifies the content it sent. */
  public record Validators(String etag, String lastModified) {}

  private final Map<URI, Validators> entries;

  /** A cache of at most {@code maxEntries} URLs. */
  public ValidatorCache(final int maxEntries) {
    this.entries = new LinkedHashMap<>(64, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(final Map.Entry<URI, Validators> eldest) {
        return size() > maxEntries;
      }
    };
  }

  /** The validators of {@code url}, if known. */
  public synchronized Optional<Validators> get(final URI url) {
    return Optional.ofNullable(entries.get(url));
  }

  /** Remembers validators; both absent forgets the URL. */
  public synchronized void put(final URI url, final String etag, final String lastModified) {
    if (etag == null && lastModified == null) {
      entries.remove(url);
    } else {
      entries.put(url, new Validators(etag, lastModified));
    }
  }
}
