package io.exowatch.ingest.parse;

import java.util.Objects;

/**
 * One record of an otherwise readable response that could not be parsed; the rest of the response
 * still yields records. Goes to the dead-letter topic.
 *
 * @param key the record's id when it could be read (e.g. {@code pmid:123}), else {@code null}
 * @param reason why, naming the field
 * @param errorClass the exception class behind it, if any
 * @param content the record's own text (XML element, JSON object), unbounded here
 */
public record RecordFailure(String key, String reason, String errorClass, String content) {

  /** Checks the reason. */
  public RecordFailure {
    Objects.requireNonNull(reason, "reason");
  }

  /** A failure from an exception. */
  public static RecordFailure of(final String key, final Exception e, final String content) {
    return new RecordFailure(key, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(),
        e.getClass().getName(), content);
  }
}
