package io.exowatch.ingest.source;

import java.util.Objects;

/**
 * Content a source could not turn into records, bound for the dead-letter topic: a whole response
 * (unparseable page, body over the limit, a page that failed to fetch for good) or one record of it.
 *
 * @param key the record's key when known (e.g. {@code NCT01234567}, {@code pmid:123}), else {@code null}
 * @param url the URL it came from
 * @param reason why, in words naming the field or status
 * @param errorClass the exception class behind it, or {@code null}
 * @param content the original text (bounded later, when the dead letter is written), or {@code null}
 */
public record Rejected(String key, String url, String reason, String errorClass, String content) {

  /** Checks the reason. */
  public Rejected {
    Objects.requireNonNull(reason, "reason");
  }

  /** A rejection caused by {@code e}. */
  public static Rejected of(final String key, final String url, final Exception e, final String content) {
    return new Rejected(key, url, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(),
        e.getClass().getName(), content);
  }
}
